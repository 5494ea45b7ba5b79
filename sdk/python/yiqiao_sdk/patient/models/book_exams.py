from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.exam_pick import ExamPick


T = TypeVar("T", bound="BookExams")


@_attrs_define
class BookExams:
    """
    Attributes:
        picks (list[ExamPick]):
    """

    picks: list[ExamPick]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        picks = []
        for picks_item_data in self.picks:
            picks_item = picks_item_data.to_dict()
            picks.append(picks_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "picks": picks,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.exam_pick import ExamPick

        d = dict(src_dict)
        picks = []
        _picks = d.pop("picks")
        for picks_item_data in _picks:
            picks_item = ExamPick.from_dict(picks_item_data)

            picks.append(picks_item)

        book_exams = cls(
            picks=picks,
        )

        book_exams.additional_properties = d
        return book_exams

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
