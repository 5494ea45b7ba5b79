from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.queue_status_view_status import QueueStatusViewStatus

T = TypeVar("T", bound="QueueStatusView")


@_attrs_define
class QueueStatusView:
    """
    Attributes:
        ahead (int | None):
        appointment_id (UUID):
        band_local (str):
        booking_no (str):
        checked_in_at (datetime.datetime | None):
        checkin_opens_at (datetime.datetime):
        checkin_opens_local (str):
        department_name (str):
        doctor_name (str):
        estimated_wait_minutes (int | None):
        position (int | None):
        room (str):
        status (QueueStatusViewStatus):
        ticket_label (str):
        ticket_no (int | None):
    """

    ahead: int | None
    appointment_id: UUID
    band_local: str
    booking_no: str
    checked_in_at: datetime.datetime | None
    checkin_opens_at: datetime.datetime
    checkin_opens_local: str
    department_name: str
    doctor_name: str
    estimated_wait_minutes: int | None
    position: int | None
    room: str
    status: QueueStatusViewStatus
    ticket_label: str
    ticket_no: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ahead: int | None
        ahead = self.ahead

        appointment_id = str(self.appointment_id)

        band_local = self.band_local

        booking_no = self.booking_no

        checked_in_at: None | str
        if isinstance(self.checked_in_at, datetime.datetime):
            checked_in_at = self.checked_in_at.isoformat()
        else:
            checked_in_at = self.checked_in_at

        checkin_opens_at = self.checkin_opens_at.isoformat()

        checkin_opens_local = self.checkin_opens_local

        department_name = self.department_name

        doctor_name = self.doctor_name

        estimated_wait_minutes: int | None
        estimated_wait_minutes = self.estimated_wait_minutes

        position: int | None
        position = self.position

        room = self.room

        status = self.status.value

        ticket_label = self.ticket_label

        ticket_no: int | None
        ticket_no = self.ticket_no

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ahead": ahead,
                "appointment_id": appointment_id,
                "band_local": band_local,
                "booking_no": booking_no,
                "checked_in_at": checked_in_at,
                "checkin_opens_at": checkin_opens_at,
                "checkin_opens_local": checkin_opens_local,
                "department_name": department_name,
                "doctor_name": doctor_name,
                "estimated_wait_minutes": estimated_wait_minutes,
                "position": position,
                "room": room,
                "status": status,
                "ticket_label": ticket_label,
                "ticket_no": ticket_no,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_ahead(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        ahead = _parse_ahead(d.pop("ahead"))

        appointment_id = UUID(d.pop("appointment_id"))

        band_local = d.pop("band_local")

        booking_no = d.pop("booking_no")

        def _parse_checked_in_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                checked_in_at_type_0 = datetime.datetime.fromisoformat(data)

                return checked_in_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        checked_in_at = _parse_checked_in_at(d.pop("checked_in_at"))

        checkin_opens_at = datetime.datetime.fromisoformat(d.pop("checkin_opens_at"))

        checkin_opens_local = d.pop("checkin_opens_local")

        department_name = d.pop("department_name")

        doctor_name = d.pop("doctor_name")

        def _parse_estimated_wait_minutes(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        estimated_wait_minutes = _parse_estimated_wait_minutes(
            d.pop("estimated_wait_minutes")
        )

        def _parse_position(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        position = _parse_position(d.pop("position"))

        room = d.pop("room")

        status = QueueStatusViewStatus(d.pop("status"))

        ticket_label = d.pop("ticket_label")

        def _parse_ticket_no(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        ticket_no = _parse_ticket_no(d.pop("ticket_no"))

        queue_status_view = cls(
            ahead=ahead,
            appointment_id=appointment_id,
            band_local=band_local,
            booking_no=booking_no,
            checked_in_at=checked_in_at,
            checkin_opens_at=checkin_opens_at,
            checkin_opens_local=checkin_opens_local,
            department_name=department_name,
            doctor_name=doctor_name,
            estimated_wait_minutes=estimated_wait_minutes,
            position=position,
            room=room,
            status=status,
            ticket_label=ticket_label,
            ticket_no=ticket_no,
        )

        queue_status_view.additional_properties = d
        return queue_status_view

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
