from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.book_exams import BookExams
    from ..models.suggested_exam import SuggestedExam
    from ..models.unplaced_exam import UnplacedExam


T = TypeVar("T", bound="SuggestionView")


@_attrs_define
class SuggestionView:
    """
    Attributes:
        book (BookExams | None):
        items (list[SuggestedExam]):
        notes (list[str]):
        patient_id (UUID):
        unplaced (list[UnplacedExam]):
    """

    book: BookExams | None
    items: list[SuggestedExam]
    notes: list[str]
    patient_id: UUID
    unplaced: list[UnplacedExam]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.book_exams import BookExams

        book: dict[str, Any] | None
        if isinstance(self.book, BookExams):
            book = self.book.to_dict()
        else:
            book = self.book

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        notes = self.notes

        patient_id = str(self.patient_id)

        unplaced = []
        for unplaced_item_data in self.unplaced:
            unplaced_item = unplaced_item_data.to_dict()
            unplaced.append(unplaced_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "book": book,
                "items": items,
                "notes": notes,
                "patient_id": patient_id,
                "unplaced": unplaced,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.book_exams import BookExams
        from ..models.suggested_exam import SuggestedExam
        from ..models.unplaced_exam import UnplacedExam

        d = dict(src_dict)

        def _parse_book(data: object) -> BookExams | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                book_type_0 = BookExams.from_dict(data)

                return book_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(BookExams | None, data)

        book = _parse_book(d.pop("book"))

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = SuggestedExam.from_dict(items_item_data)

            items.append(items_item)

        notes = cast(list[str], d.pop("notes"))

        patient_id = UUID(d.pop("patient_id"))

        unplaced = []
        _unplaced = d.pop("unplaced")
        for unplaced_item_data in _unplaced:
            unplaced_item = UnplacedExam.from_dict(unplaced_item_data)

            unplaced.append(unplaced_item)

        suggestion_view = cls(
            book=book,
            items=items,
            notes=notes,
            patient_id=patient_id,
            unplaced=unplaced,
        )

        suggestion_view.additional_properties = d
        return suggestion_view

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
