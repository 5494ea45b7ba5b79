from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.patient_reading import PatientReading


T = TypeVar("T", bound="KioskMeasurementResult")


@_attrs_define
class KioskMeasurementResult:
    """
    Attributes:
        readings (list[PatientReading]):
        seq (int):
        stored (int):
    """

    readings: list[PatientReading]
    seq: int
    stored: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        readings = []
        for readings_item_data in self.readings:
            readings_item = readings_item_data.to_dict()
            readings.append(readings_item)

        seq = self.seq

        stored = self.stored

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "readings": readings,
                "seq": seq,
                "stored": stored,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.patient_reading import PatientReading

        d = dict(src_dict)
        readings = []
        _readings = d.pop("readings")
        for readings_item_data in _readings:
            readings_item = PatientReading.from_dict(readings_item_data)

            readings.append(readings_item)

        seq = d.pop("seq")

        stored = d.pop("stored")

        kiosk_measurement_result = cls(
            readings=readings,
            seq=seq,
            stored=stored,
        )

        kiosk_measurement_result.additional_properties = d
        return kiosk_measurement_result

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
