from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.exam_booking_view import ExamBookingView


T = TypeVar("T", bound="ExamBookingResult")


@_attrs_define
class ExamBookingResult:
    """
    Attributes:
        advice (list[str]):
        bookings (list[ExamBookingView]):
    """

    advice: list[str]
    bookings: list[ExamBookingView]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        advice = self.advice

        bookings = []
        for bookings_item_data in self.bookings:
            bookings_item = bookings_item_data.to_dict()
            bookings.append(bookings_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "advice": advice,
                "bookings": bookings,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.exam_booking_view import ExamBookingView

        d = dict(src_dict)
        advice = cast(list[str], d.pop("advice"))

        bookings = []
        _bookings = d.pop("bookings")
        for bookings_item_data in _bookings:
            bookings_item = ExamBookingView.from_dict(bookings_item_data)

            bookings.append(bookings_item)

        exam_booking_result = cls(
            advice=advice,
            bookings=bookings,
        )

        exam_booking_result.additional_properties = d
        return exam_booking_result

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
