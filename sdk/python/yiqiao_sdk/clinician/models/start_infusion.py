from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="StartInfusion")


@_attrs_define
class StartInfusion:
    """
    Attributes:
        bag_volume_ml (float): Bag volume, ml
        device_id (UUID):
        patient_id (UUID):
        rate_ml_h (float): Prescribed rate, ml/h
        order_ref (str | Unset):  Default: ''.
        started_at (datetime.datetime | None | Unset):
    """

    bag_volume_ml: float
    device_id: UUID
    patient_id: UUID
    rate_ml_h: float
    order_ref: str | Unset = ""
    started_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        bag_volume_ml = self.bag_volume_ml

        device_id = str(self.device_id)

        patient_id = str(self.patient_id)

        rate_ml_h = self.rate_ml_h

        order_ref = self.order_ref

        started_at: None | str | Unset
        if isinstance(self.started_at, Unset):
            started_at = UNSET
        elif isinstance(self.started_at, datetime.datetime):
            started_at = self.started_at.isoformat()
        else:
            started_at = self.started_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "bag_volume_ml": bag_volume_ml,
                "device_id": device_id,
                "patient_id": patient_id,
                "rate_ml_h": rate_ml_h,
            }
        )
        if order_ref is not UNSET:
            field_dict["order_ref"] = order_ref
        if started_at is not UNSET:
            field_dict["started_at"] = started_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        bag_volume_ml = d.pop("bag_volume_ml")

        device_id = UUID(d.pop("device_id"))

        patient_id = UUID(d.pop("patient_id"))

        rate_ml_h = d.pop("rate_ml_h")

        order_ref = d.pop("order_ref", UNSET)

        def _parse_started_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                started_at_type_0 = datetime.datetime.fromisoformat(data)

                return started_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        started_at = _parse_started_at(d.pop("started_at", UNSET))

        start_infusion = cls(
            bag_volume_ml=bag_volume_ml,
            device_id=device_id,
            patient_id=patient_id,
            rate_ml_h=rate_ml_h,
            order_ref=order_ref,
            started_at=started_at,
        )

        start_infusion.additional_properties = d
        return start_infusion

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
