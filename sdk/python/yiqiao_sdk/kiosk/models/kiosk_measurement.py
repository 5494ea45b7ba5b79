from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.kiosk_measurement_peripheral import KioskMeasurementPeripheral
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.measurement import Measurement


T = TypeVar("T", bound="KioskMeasurement")


@_attrs_define
class KioskMeasurement:
    """
    Attributes:
        peripheral (KioskMeasurementPeripheral):
        readings (list[Measurement]):
        measured_at (datetime.datetime | None | Unset):
        seq (int | None | Unset):
    """

    peripheral: KioskMeasurementPeripheral
    readings: list[Measurement]
    measured_at: datetime.datetime | None | Unset = UNSET
    seq: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        peripheral = self.peripheral.value

        readings = []
        for readings_item_data in self.readings:
            readings_item = readings_item_data.to_dict()
            readings.append(readings_item)

        measured_at: None | str | Unset
        if isinstance(self.measured_at, Unset):
            measured_at = UNSET
        elif isinstance(self.measured_at, datetime.datetime):
            measured_at = self.measured_at.isoformat()
        else:
            measured_at = self.measured_at

        seq: int | None | Unset
        if isinstance(self.seq, Unset):
            seq = UNSET
        else:
            seq = self.seq

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "peripheral": peripheral,
                "readings": readings,
            }
        )
        if measured_at is not UNSET:
            field_dict["measured_at"] = measured_at
        if seq is not UNSET:
            field_dict["seq"] = seq

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.measurement import Measurement

        d = dict(src_dict)
        peripheral = KioskMeasurementPeripheral(d.pop("peripheral"))

        readings = []
        _readings = d.pop("readings")
        for readings_item_data in _readings:
            readings_item = Measurement.from_dict(readings_item_data)

            readings.append(readings_item)

        def _parse_measured_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                measured_at_type_0 = datetime.datetime.fromisoformat(data)

                return measured_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        measured_at = _parse_measured_at(d.pop("measured_at", UNSET))

        def _parse_seq(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        seq = _parse_seq(d.pop("seq", UNSET))

        kiosk_measurement = cls(
            peripheral=peripheral,
            readings=readings,
            measured_at=measured_at,
            seq=seq,
        )

        kiosk_measurement.additional_properties = d
        return kiosk_measurement

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
