from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Position")


@_attrs_define
class Position:
    """
    Attributes:
        device_id (UUID):
        lat (float):
        lon (float):
        measured_at (datetime.datetime):
        heading_deg (float | None | Unset):
        speed_kmh (float | None | Unset):
    """

    device_id: UUID
    lat: float
    lon: float
    measured_at: datetime.datetime
    heading_deg: float | None | Unset = UNSET
    speed_kmh: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        device_id = str(self.device_id)

        lat = self.lat

        lon = self.lon

        measured_at = self.measured_at.isoformat()

        heading_deg: float | None | Unset
        if isinstance(self.heading_deg, Unset):
            heading_deg = UNSET
        else:
            heading_deg = self.heading_deg

        speed_kmh: float | None | Unset
        if isinstance(self.speed_kmh, Unset):
            speed_kmh = UNSET
        else:
            speed_kmh = self.speed_kmh

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "device_id": device_id,
                "lat": lat,
                "lon": lon,
                "measured_at": measured_at,
            }
        )
        if heading_deg is not UNSET:
            field_dict["heading_deg"] = heading_deg
        if speed_kmh is not UNSET:
            field_dict["speed_kmh"] = speed_kmh

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        device_id = UUID(d.pop("device_id"))

        lat = d.pop("lat")

        lon = d.pop("lon")

        measured_at = datetime.datetime.fromisoformat(d.pop("measured_at"))

        def _parse_heading_deg(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        heading_deg = _parse_heading_deg(d.pop("heading_deg", UNSET))

        def _parse_speed_kmh(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        speed_kmh = _parse_speed_kmh(d.pop("speed_kmh", UNSET))

        position = cls(
            device_id=device_id,
            lat=lat,
            lon=lon,
            measured_at=measured_at,
            heading_deg=heading_deg,
            speed_kmh=speed_kmh,
        )

        position.additional_properties = d
        return position

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
