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

T = TypeVar("T", bound="BindVehicle")


@_attrs_define
class BindVehicle:
    """
    Attributes:
        kind (Literal['vehicle']):
        vehicle_id (UUID):
    """

    kind: Literal["vehicle"]
    vehicle_id: UUID
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind

        vehicle_id = str(self.vehicle_id)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "kind": kind,
                "vehicle_id": vehicle_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        kind = cast(Literal["vehicle"], d.pop("kind"))
        if kind != "vehicle":
            raise ValueError(f"kind must match const 'vehicle', got '{kind}'")

        vehicle_id = UUID(d.pop("vehicle_id"))

        bind_vehicle = cls(
            kind=kind,
            vehicle_id=vehicle_id,
        )

        bind_vehicle.additional_properties = d
        return bind_vehicle

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
