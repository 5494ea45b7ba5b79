"""Commands and views of the clinic day: check-in, the queue and its call boards. Board views carry
masked names and ticket numbers only: never a patient id, an id number or a whole name."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Literal

import msgspec

from yiqiao.scheduling.types import AppointmentStatus

CheckInVia = Literal["online", "kiosk", "desk"]


class Position(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """Where the phone is (WGS-84), for campuses that only accept online check-in on site."""

    lat: Annotated[float, msgspec.Meta(ge=-90, le=90)]
    lon: Annotated[float, msgspec.Meta(ge=-180, le=180)]
    accuracy_m: Annotated[float, msgspec.Meta(ge=0, le=10_000)] | None = None


class OnlineCheckIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    position: Position | None = None


class GeofenceSpec(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    lat: Annotated[float, msgspec.Meta(ge=-90, le=90)]
    lon: Annotated[float, msgspec.Meta(ge=-180, le=180)]
    radius_m: Annotated[int, msgspec.Meta(ge=50, le=20_000)]


class RoomCommand(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    room: Annotated[str, msgspec.Meta(min_length=1, max_length=32)]


class QueueStatusView(msgspec.Struct, kw_only=True):
    """One patient's place in the queue (the patient's own screen and WebSocket)."""

    appointment_id: uuid.UUID
    booking_no: str
    status: AppointmentStatus
    ticket_no: int | None
    ticket_label: str
    position: int | None  # 1 = next; None when not waiting
    ahead: int | None
    estimated_wait_minutes: int | None
    room: str
    doctor_name: str
    department_name: str
    band_local: str
    checked_in_at: dt.datetime | None
    checkin_opens_at: dt.datetime
    checkin_opens_local: str


class QueueEntryView(msgspec.Struct, kw_only=True):
    """A row of the clinic's own queue screen (the doctor and the clinic nurse)."""

    appointment_id: uuid.UUID
    ticket_no: int
    ticket_label: str
    name_masked: str
    status: AppointmentStatus
    priority_reason: str
    checked_in_via: str
    checked_in_local: str
    call_count: int
    band_local: str


class QueueView(msgspec.Struct, kw_only=True):
    schedule_id: uuid.UUID
    doctor_id: uuid.UUID
    doctor_name: str
    department_id: uuid.UUID
    department_name: str
    room: str
    day: dt.date
    session: str
    calling: list[QueueEntryView]
    waiting: list[QueueEntryView]
    passed: list[QueueEntryView]
    completed: int
    average_consult_minutes: float


class BoardLine(msgspec.Struct, kw_only=True):
    ticket_label: str
    name_masked: str


class BoardView(msgspec.Struct, kw_only=True):
    """What a call board shows for one session: who is called to which room, who is next."""

    schedule_id: uuid.UUID
    department_id: uuid.UUID
    department_name: str
    doctor_name: str
    room: str
    calling: list[BoardLine]
    next: list[BoardLine]
    waiting_count: int
