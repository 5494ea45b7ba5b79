from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="InfusionView")


@_attrs_define
class InfusionView:
    """
    Attributes:
        bag_volume_ml (float):
        department_id (UUID):
        device_id (UUID):
        ended_at (datetime.datetime | None):
        id (UUID):
        order_ref (str):
        patient_id (UUID):
        rate_ml_h (float):
        started_at (datetime.datetime):
    """

    bag_volume_ml: float
    department_id: UUID
    device_id: UUID
    ended_at: datetime.datetime | None
    id: UUID
    order_ref: str
    patient_id: UUID
    rate_ml_h: float
    started_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        bag_volume_ml = self.bag_volume_ml

        department_id = str(self.department_id)

        device_id = str(self.device_id)

        ended_at: None | str
        if isinstance(self.ended_at, datetime.datetime):
            ended_at = self.ended_at.isoformat()
        else:
            ended_at = self.ended_at

        id = str(self.id)

        order_ref = self.order_ref

        patient_id = str(self.patient_id)

        rate_ml_h = self.rate_ml_h

        started_at = self.started_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "bag_volume_ml": bag_volume_ml,
                "department_id": department_id,
                "device_id": device_id,
                "ended_at": ended_at,
                "id": id,
                "order_ref": order_ref,
                "patient_id": patient_id,
                "rate_ml_h": rate_ml_h,
                "started_at": started_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        bag_volume_ml = d.pop("bag_volume_ml")

        department_id = UUID(d.pop("department_id"))

        device_id = UUID(d.pop("device_id"))

        def _parse_ended_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                ended_at_type_0 = datetime.datetime.fromisoformat(data)

                return ended_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        ended_at = _parse_ended_at(d.pop("ended_at"))

        id = UUID(d.pop("id"))

        order_ref = d.pop("order_ref")

        patient_id = UUID(d.pop("patient_id"))

        rate_ml_h = d.pop("rate_ml_h")

        started_at = datetime.datetime.fromisoformat(d.pop("started_at"))

        infusion_view = cls(
            bag_volume_ml=bag_volume_ml,
            department_id=department_id,
            device_id=device_id,
            ended_at=ended_at,
            id=id,
            order_ref=order_ref,
            patient_id=patient_id,
            rate_ml_h=rate_ml_h,
            started_at=started_at,
        )

        infusion_view.additional_properties = d
        return infusion_view

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
