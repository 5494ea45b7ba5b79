from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="LatestReading")


@_attrs_define
class LatestReading:
    """
    Attributes:
        bed_label (str):
        code (str):
        device_code (str):
        device_id (UUID):
        measured_at (datetime.datetime):
        patient_id (None | UUID):
        unit (str):
        value (float):
    """

    bed_label: str
    code: str
    device_code: str
    device_id: UUID
    measured_at: datetime.datetime
    patient_id: None | UUID
    unit: str
    value: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        bed_label = self.bed_label

        code = self.code

        device_code = self.device_code

        device_id = str(self.device_id)

        measured_at = self.measured_at.isoformat()

        patient_id: None | str
        if isinstance(self.patient_id, UUID):
            patient_id = str(self.patient_id)
        else:
            patient_id = self.patient_id

        unit = self.unit

        value = self.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "bed_label": bed_label,
                "code": code,
                "device_code": device_code,
                "device_id": device_id,
                "measured_at": measured_at,
                "patient_id": patient_id,
                "unit": unit,
                "value": value,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        bed_label = d.pop("bed_label")

        code = d.pop("code")

        device_code = d.pop("device_code")

        device_id = UUID(d.pop("device_id"))

        measured_at = datetime.datetime.fromisoformat(d.pop("measured_at"))

        def _parse_patient_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                patient_id_type_0 = UUID(data)

                return patient_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        patient_id = _parse_patient_id(d.pop("patient_id"))

        unit = d.pop("unit")

        value = d.pop("value")

        latest_reading = cls(
            bed_label=bed_label,
            code=code,
            device_code=device_code,
            device_id=device_id,
            measured_at=measured_at,
            patient_id=patient_id,
            unit=unit,
            value=value,
        )

        latest_reading.additional_properties = d
        return latest_reading

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
