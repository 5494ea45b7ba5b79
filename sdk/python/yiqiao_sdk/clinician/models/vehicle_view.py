from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="VehicleView")


@_attrs_define
class VehicleView:
    """
    Attributes:
        call_sign (str):
        id (UUID):
        institution_id (UUID):
        plate (str):
        device_ids (list[UUID] | Unset):
    """

    call_sign: str
    id: UUID
    institution_id: UUID
    plate: str
    device_ids: list[UUID] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        call_sign = self.call_sign

        id = str(self.id)

        institution_id = str(self.institution_id)

        plate = self.plate

        device_ids: list[str] | Unset = UNSET
        if not isinstance(self.device_ids, Unset):
            device_ids = []
            for device_ids_item_data in self.device_ids:
                device_ids_item = str(device_ids_item_data)
                device_ids.append(device_ids_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "call_sign": call_sign,
                "id": id,
                "institution_id": institution_id,
                "plate": plate,
            }
        )
        if device_ids is not UNSET:
            field_dict["device_ids"] = device_ids

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        call_sign = d.pop("call_sign")

        id = UUID(d.pop("id"))

        institution_id = UUID(d.pop("institution_id"))

        plate = d.pop("plate")

        _device_ids = d.pop("device_ids", UNSET)
        device_ids: list[UUID] | Unset = UNSET
        if _device_ids is not UNSET:
            device_ids = []
            for device_ids_item_data in _device_ids:
                device_ids_item = UUID(device_ids_item_data)

                device_ids.append(device_ids_item)

        vehicle_view = cls(
            call_sign=call_sign,
            id=id,
            institution_id=institution_id,
            plate=plate,
            device_ids=device_ids,
        )

        vehicle_view.additional_properties = d
        return vehicle_view

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
