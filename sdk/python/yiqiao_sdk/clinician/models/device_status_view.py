from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.device_status_view_state import DeviceStatusViewState
from ..types import UNSET, Unset

T = TypeVar("T", bound="DeviceStatusView")


@_attrs_define
class DeviceStatusView:
    """
    Attributes:
        bed_label (str):
        code (str):
        department_id (None | UUID):
        device_id (UUID):
        kind (str):
        location (str):
        name (str):
        state (DeviceStatusViewState):
        battery (int | None | Unset):
        firmware (None | str | Unset):
        last_seen_at (datetime.datetime | None | Unset):
        rssi (int | None | Unset):
    """

    bed_label: str
    code: str
    department_id: None | UUID
    device_id: UUID
    kind: str
    location: str
    name: str
    state: DeviceStatusViewState
    battery: int | None | Unset = UNSET
    firmware: None | str | Unset = UNSET
    last_seen_at: datetime.datetime | None | Unset = UNSET
    rssi: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        bed_label = self.bed_label

        code = self.code

        department_id: None | str
        if isinstance(self.department_id, UUID):
            department_id = str(self.department_id)
        else:
            department_id = self.department_id

        device_id = str(self.device_id)

        kind = self.kind

        location = self.location

        name = self.name

        state = self.state.value

        battery: int | None | Unset
        if isinstance(self.battery, Unset):
            battery = UNSET
        else:
            battery = self.battery

        firmware: None | str | Unset
        if isinstance(self.firmware, Unset):
            firmware = UNSET
        else:
            firmware = self.firmware

        last_seen_at: None | str | Unset
        if isinstance(self.last_seen_at, Unset):
            last_seen_at = UNSET
        elif isinstance(self.last_seen_at, datetime.datetime):
            last_seen_at = self.last_seen_at.isoformat()
        else:
            last_seen_at = self.last_seen_at

        rssi: int | None | Unset
        if isinstance(self.rssi, Unset):
            rssi = UNSET
        else:
            rssi = self.rssi

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "bed_label": bed_label,
                "code": code,
                "department_id": department_id,
                "device_id": device_id,
                "kind": kind,
                "location": location,
                "name": name,
                "state": state,
            }
        )
        if battery is not UNSET:
            field_dict["battery"] = battery
        if firmware is not UNSET:
            field_dict["firmware"] = firmware
        if last_seen_at is not UNSET:
            field_dict["last_seen_at"] = last_seen_at
        if rssi is not UNSET:
            field_dict["rssi"] = rssi

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        bed_label = d.pop("bed_label")

        code = d.pop("code")

        def _parse_department_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                department_id_type_0 = UUID(data)

                return department_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        department_id = _parse_department_id(d.pop("department_id"))

        device_id = UUID(d.pop("device_id"))

        kind = d.pop("kind")

        location = d.pop("location")

        name = d.pop("name")

        state = DeviceStatusViewState(d.pop("state"))

        def _parse_battery(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        battery = _parse_battery(d.pop("battery", UNSET))

        def _parse_firmware(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        firmware = _parse_firmware(d.pop("firmware", UNSET))

        def _parse_last_seen_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_seen_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_seen_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        last_seen_at = _parse_last_seen_at(d.pop("last_seen_at", UNSET))

        def _parse_rssi(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        rssi = _parse_rssi(d.pop("rssi", UNSET))

        device_status_view = cls(
            bed_label=bed_label,
            code=code,
            department_id=department_id,
            device_id=device_id,
            kind=kind,
            location=location,
            name=name,
            state=state,
            battery=battery,
            firmware=firmware,
            last_seen_at=last_seen_at,
            rssi=rssi,
        )

        device_status_view.additional_properties = d
        return device_status_view

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
