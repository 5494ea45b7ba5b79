from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.exam_band_view import ExamBandView


T = TypeVar("T", bound="SuggestedExam")


@_attrs_define
class SuggestedExam:
    """
    Attributes:
        band (ExamBandView):
        contrast (bool):
        fasting (bool):
        item_name (str):
        order_id (UUID):
        order_no (str):
        prep_notes (str):
    """

    band: ExamBandView
    contrast: bool
    fasting: bool
    item_name: str
    order_id: UUID
    order_no: str
    prep_notes: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        band = self.band.to_dict()

        contrast = self.contrast

        fasting = self.fasting

        item_name = self.item_name

        order_id = str(self.order_id)

        order_no = self.order_no

        prep_notes = self.prep_notes

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "band": band,
                "contrast": contrast,
                "fasting": fasting,
                "item_name": item_name,
                "order_id": order_id,
                "order_no": order_no,
                "prep_notes": prep_notes,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.exam_band_view import ExamBandView

        d = dict(src_dict)
        band = ExamBandView.from_dict(d.pop("band"))

        contrast = d.pop("contrast")

        fasting = d.pop("fasting")

        item_name = d.pop("item_name")

        order_id = UUID(d.pop("order_id"))

        order_no = d.pop("order_no")

        prep_notes = d.pop("prep_notes")

        suggested_exam = cls(
            band=band,
            contrast=contrast,
            fasting=fasting,
            item_name=item_name,
            order_id=order_id,
            order_no=order_no,
            prep_notes=prep_notes,
        )

        suggested_exam.additional_properties = d
        return suggested_exam

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
