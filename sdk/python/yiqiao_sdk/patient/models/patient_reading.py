from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="PatientReading")


@_attrs_define
class PatientReading:
    """
    Attributes:
        code (str):
        device_id (UUID):
        measured_at (datetime.datetime):
        unit (str):
        value (float):
    """

    code: str
    device_id: UUID
    measured_at: datetime.datetime
    unit: str
    value: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        device_id = str(self.device_id)

        measured_at = self.measured_at.isoformat()

        unit = self.unit

        value = self.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "device_id": device_id,
                "measured_at": measured_at,
                "unit": unit,
                "value": value,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        code = d.pop("code")

        device_id = UUID(d.pop("device_id"))

        measured_at = datetime.datetime.fromisoformat(d.pop("measured_at"))

        unit = d.pop("unit")

        value = d.pop("value")

        patient_reading = cls(
            code=code,
            device_id=device_id,
            measured_at=measured_at,
            unit=unit,
            value=value,
        )

        patient_reading.additional_properties = d
        return patient_reading

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
