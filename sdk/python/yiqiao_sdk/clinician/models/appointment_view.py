from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.appointment_view_session import AppointmentViewSession
from ..models.appointment_view_status import AppointmentViewStatus

T = TypeVar("T", bound="AppointmentView")


@_attrs_define
class AppointmentView:
    """
    Attributes:
        band_end (datetime.datetime):
        band_local (str):
        band_start (datetime.datetime):
        booking_no (str):
        cancel_until (datetime.datetime):
        channel (str):
        created_at (datetime.datetime):
        day (datetime.date):
        department_id (UUID):
        doctor_id (UUID):
        doctor_name (str):
        fee_fen (int):
        hold_expires_at (datetime.datetime | None):
        id (UUID):
        institution_id (UUID):
        patient_id (UUID):
        schedule_id (UUID):
        session (AppointmentViewSession):
        status (AppointmentViewStatus):
        status_reason (str):
    """

    band_end: datetime.datetime
    band_local: str
    band_start: datetime.datetime
    booking_no: str
    cancel_until: datetime.datetime
    channel: str
    created_at: datetime.datetime
    day: datetime.date
    department_id: UUID
    doctor_id: UUID
    doctor_name: str
    fee_fen: int
    hold_expires_at: datetime.datetime | None
    id: UUID
    institution_id: UUID
    patient_id: UUID
    schedule_id: UUID
    session: AppointmentViewSession
    status: AppointmentViewStatus
    status_reason: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        band_end = self.band_end.isoformat()

        band_local = self.band_local

        band_start = self.band_start.isoformat()

        booking_no = self.booking_no

        cancel_until = self.cancel_until.isoformat()

        channel = self.channel

        created_at = self.created_at.isoformat()

        day = self.day.isoformat()

        department_id = str(self.department_id)

        doctor_id = str(self.doctor_id)

        doctor_name = self.doctor_name

        fee_fen = self.fee_fen

        hold_expires_at: None | str
        if isinstance(self.hold_expires_at, datetime.datetime):
            hold_expires_at = self.hold_expires_at.isoformat()
        else:
            hold_expires_at = self.hold_expires_at

        id = str(self.id)

        institution_id = str(self.institution_id)

        patient_id = str(self.patient_id)

        schedule_id = str(self.schedule_id)

        session = self.session.value

        status = self.status.value

        status_reason = self.status_reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "band_end": band_end,
                "band_local": band_local,
                "band_start": band_start,
                "booking_no": booking_no,
                "cancel_until": cancel_until,
                "channel": channel,
                "created_at": created_at,
                "day": day,
                "department_id": department_id,
                "doctor_id": doctor_id,
                "doctor_name": doctor_name,
                "fee_fen": fee_fen,
                "hold_expires_at": hold_expires_at,
                "id": id,
                "institution_id": institution_id,
                "patient_id": patient_id,
                "schedule_id": schedule_id,
                "session": session,
                "status": status,
                "status_reason": status_reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        band_end = datetime.datetime.fromisoformat(d.pop("band_end"))

        band_local = d.pop("band_local")

        band_start = datetime.datetime.fromisoformat(d.pop("band_start"))

        booking_no = d.pop("booking_no")

        cancel_until = datetime.datetime.fromisoformat(d.pop("cancel_until"))

        channel = d.pop("channel")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        day = datetime.date.fromisoformat(d.pop("day"))

        department_id = UUID(d.pop("department_id"))

        doctor_id = UUID(d.pop("doctor_id"))

        doctor_name = d.pop("doctor_name")

        fee_fen = d.pop("fee_fen")

        def _parse_hold_expires_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                hold_expires_at_type_0 = datetime.datetime.fromisoformat(data)

                return hold_expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        hold_expires_at = _parse_hold_expires_at(d.pop("hold_expires_at"))

        id = UUID(d.pop("id"))

        institution_id = UUID(d.pop("institution_id"))

        patient_id = UUID(d.pop("patient_id"))

        schedule_id = UUID(d.pop("schedule_id"))

        session = AppointmentViewSession(d.pop("session"))

        status = AppointmentViewStatus(d.pop("status"))

        status_reason = d.pop("status_reason")

        appointment_view = cls(
            band_end=band_end,
            band_local=band_local,
            band_start=band_start,
            booking_no=booking_no,
            cancel_until=cancel_until,
            channel=channel,
            created_at=created_at,
            day=day,
            department_id=department_id,
            doctor_id=doctor_id,
            doctor_name=doctor_name,
            fee_fen=fee_fen,
            hold_expires_at=hold_expires_at,
            id=id,
            institution_id=institution_id,
            patient_id=patient_id,
            schedule_id=schedule_id,
            session=session,
            status=status,
            status_reason=status_reason,
        )

        appointment_view.additional_properties = d
        return appointment_view

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
