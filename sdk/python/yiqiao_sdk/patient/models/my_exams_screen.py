from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.exam_booking_view import ExamBookingView
    from ..models.exam_order_view import ExamOrderView
    from ..models.series_view import SeriesView


T = TypeVar("T", bound="MyExamsScreen")


@_attrs_define
class MyExamsScreen:
    """
    Attributes:
        courses (list[SeriesView]):
        to_book (list[ExamOrderView]):
        upcoming (list[ExamBookingView]):
    """

    courses: list[SeriesView]
    to_book: list[ExamOrderView]
    upcoming: list[ExamBookingView]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        courses = []
        for courses_item_data in self.courses:
            courses_item = courses_item_data.to_dict()
            courses.append(courses_item)

        to_book = []
        for to_book_item_data in self.to_book:
            to_book_item = to_book_item_data.to_dict()
            to_book.append(to_book_item)

        upcoming = []
        for upcoming_item_data in self.upcoming:
            upcoming_item = upcoming_item_data.to_dict()
            upcoming.append(upcoming_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "courses": courses,
                "to_book": to_book,
                "upcoming": upcoming,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.exam_booking_view import ExamBookingView
        from ..models.exam_order_view import ExamOrderView
        from ..models.series_view import SeriesView

        d = dict(src_dict)
        courses = []
        _courses = d.pop("courses")
        for courses_item_data in _courses:
            courses_item = SeriesView.from_dict(courses_item_data)

            courses.append(courses_item)

        to_book = []
        _to_book = d.pop("to_book")
        for to_book_item_data in _to_book:
            to_book_item = ExamOrderView.from_dict(to_book_item_data)

            to_book.append(to_book_item)

        upcoming = []
        _upcoming = d.pop("upcoming")
        for upcoming_item_data in _upcoming:
            upcoming_item = ExamBookingView.from_dict(upcoming_item_data)

            upcoming.append(upcoming_item)

        my_exams_screen = cls(
            courses=courses,
            to_book=to_book,
            upcoming=upcoming,
        )

        my_exams_screen.additional_properties = d
        return my_exams_screen

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
