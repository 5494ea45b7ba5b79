from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.exam_item_view_kind import ExamItemViewKind

T = TypeVar("T", bound="ExamItemView")


@_attrs_define
class ExamItemView:
    """
    Attributes:
        code (str):
        contrast (bool):
        duration_minutes (int):
        fasting (bool):
        kind (ExamItemViewKind):
        modality (str):
        modality_label (str):
        name (str):
        prep_notes (str):
    """

    code: str
    contrast: bool
    duration_minutes: int
    fasting: bool
    kind: ExamItemViewKind
    modality: str
    modality_label: str
    name: str
    prep_notes: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        contrast = self.contrast

        duration_minutes = self.duration_minutes

        fasting = self.fasting

        kind = self.kind.value

        modality = self.modality

        modality_label = self.modality_label

        name = self.name

        prep_notes = self.prep_notes

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "contrast": contrast,
                "duration_minutes": duration_minutes,
                "fasting": fasting,
                "kind": kind,
                "modality": modality,
                "modality_label": modality_label,
                "name": name,
                "prep_notes": prep_notes,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        code = d.pop("code")

        contrast = d.pop("contrast")

        duration_minutes = d.pop("duration_minutes")

        fasting = d.pop("fasting")

        kind = ExamItemViewKind(d.pop("kind"))

        modality = d.pop("modality")

        modality_label = d.pop("modality_label")

        name = d.pop("name")

        prep_notes = d.pop("prep_notes")

        exam_item_view = cls(
            code=code,
            contrast=contrast,
            duration_minutes=duration_minutes,
            fasting=fasting,
            kind=kind,
            modality=modality,
            modality_label=modality_label,
            name=name,
            prep_notes=prep_notes,
        )

        exam_item_view.additional_properties = d
        return exam_item_view

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
