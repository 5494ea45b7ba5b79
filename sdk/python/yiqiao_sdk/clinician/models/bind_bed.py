from __future__ import annotations

from collections.abc import Mapping
from typing import (
    Any,
    Literal,
    Self,
    TypeVar,
    cast,
)
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="BindBed")


@_attrs_define
class BindBed:
    """
    Attributes:
        bed_label (str):
        department_id (UUID):
        kind (Literal['bed']):
    """

    bed_label: str
    department_id: UUID
    kind: Literal["bed"]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        bed_label = self.bed_label

        department_id = str(self.department_id)

        kind = self.kind

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "bed_label": bed_label,
                "department_id": department_id,
                "kind": kind,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        bed_label = d.pop("bed_label")

        department_id = UUID(d.pop("department_id"))

        kind = cast(Literal["bed"], d.pop("kind"))
        if kind != "bed":
            raise ValueError(f"kind must match const 'bed', got '{kind}'")

        bind_bed = cls(
            bed_label=bed_label,
            department_id=department_id,
            kind=kind,
        )

        bind_bed.additional_properties = d
        return bind_bed

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
