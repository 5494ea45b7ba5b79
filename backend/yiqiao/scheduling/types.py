"""Commands and views of the scheduling context. Times are UTC datetimes; ``*_local`` labels are
Asia/Shanghai, ready for screens. Money is integer fen."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Literal

import msgspec

from yiqiao.scheduling.catalogue import Pool, RegType, Session

AppointmentStatus = Literal[
    "held", "confirmed", "checked_in", "called", "passed", "completed", "cancelled", "expired", "no_show"
]
WaitlistStatus = Literal["waiting", "allocated", "booked", "lapsed", "left", "closed"]
IdempotencyKey = Annotated[str, msgspec.Meta(min_length=8, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")]
LocalTime = Annotated[str, msgspec.Meta(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")]
Quotas = dict[Pool, Annotated[int, msgspec.Meta(ge=0, le=500)]]


class ScheduleSpec(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """One session of one doctor. ``quotas`` are per time band and pool."""

    doctor_id: uuid.UUID
    day: dt.date
    session: Session
    reg_type: RegType
    start_local: LocalTime
    end_local: LocalTime
    band_minutes: Annotated[int, msgspec.Meta(ge=5, le=240)]
    quotas: Quotas
    fee_fen: Annotated[int, msgspec.Meta(ge=0, le=1_000_000)] | None = None


class TemplateSpec(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """A weekly pattern (weekday 0 = Monday) that generates schedules."""

    doctor_id: uuid.UUID
    weekday: Annotated[int, msgspec.Meta(ge=0, le=6)]
    session: Session
    reg_type: RegType
    start_local: LocalTime
    end_local: LocalTime
    band_minutes: Annotated[int, msgspec.Meta(ge=5, le=240)]
    quotas: Quotas
    fee_fen: Annotated[int, msgspec.Meta(ge=0, le=1_000_000)] | None = None


class DoctorView(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    name: str
    title: str
    department_id: uuid.UUID
    department_name: str
    institution_id: uuid.UUID
    institution_name: str
    pinyin_initials: str
    intro: str = ""
    specialties: str = ""


class DepartmentNode(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    code: str
    name: str
    doctors: int


class InstitutionNode(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    code: str
    name: str
    kind: str
    departments: list[DepartmentNode]
    campuses: list[InstitutionNode] = []


class BandView(msgspec.Struct, kw_only=True):
    band_start: dt.datetime
    band_end: dt.datetime
    label_local: str  # "08:00-08:30"
    remaining: int  # what the caller may take now


class ScheduleView(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    doctor_id: uuid.UUID
    doctor_name: str
    doctor_title: str
    department_id: uuid.UUID
    institution_id: uuid.UUID
    day: dt.date
    session: Session
    session_label: str
    reg_type: RegType
    reg_type_label: str
    fee_fen: int
    starts_at: dt.datetime
    ends_at: dt.datetime
    release_at: dt.datetime
    release_local: str
    released: bool
    status: Literal["open", "stopped"]
    stop_reason: str
    remaining: int
    bands: list[BandView]


class DoctorAvailability(msgspec.Struct, kw_only=True):
    doctor: DoctorView
    schedules: list[ScheduleView]


class DepartmentDay(msgspec.Struct, kw_only=True):
    department_id: uuid.UUID
    day: dt.date
    schedules: list[ScheduleView]


class BookCommand(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    schedule_id: uuid.UUID
    patient_id: uuid.UUID
    band_start: dt.datetime | None = None
    # Staff at the window, on the phone or at a member clinic choose the pool they book from.
    pool: Pool | None = None


class AppointmentView(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    booking_no: str
    status: AppointmentStatus
    patient_id: uuid.UUID
    schedule_id: uuid.UUID
    doctor_id: uuid.UUID
    doctor_name: str
    department_id: uuid.UUID
    institution_id: uuid.UUID
    day: dt.date
    session: Session
    band_start: dt.datetime
    band_end: dt.datetime
    band_local: str  # "2026-11-29 08:00-08:30"
    fee_fen: int
    channel: str
    hold_expires_at: dt.datetime | None
    cancel_until: dt.datetime
    status_reason: str
    created_at: dt.datetime


class CancelCommand(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    reason: Annotated[str, msgspec.Meta(max_length=200)] = ""


class StopCommand(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    reason: Annotated[str, msgspec.Meta(min_length=2, max_length=200)]


class StopResult(msgspec.Struct, kw_only=True):
    schedule_id: uuid.UUID
    cancelled_bookings: int
    closed_waitlist: int


class JoinWaitlist(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    schedule_id: uuid.UUID
    patient_id: uuid.UUID


class WaitlistView(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    schedule_id: uuid.UUID
    patient_id: uuid.UUID
    status: WaitlistStatus
    position: int | None
    appointment_id: uuid.UUID | None
    created_at: dt.datetime


class BlacklistView(msgspec.Struct, kw_only=True):
    patient_id: uuid.UUID
    reason: str
    detail: str
    ends_at: dt.datetime
    ends_local: str


class SubscribeRelease(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    doctor_id: uuid.UUID


class ReleaseSubscriptionView(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    doctor_id: uuid.UUID
    doctor_name: str
    status: Literal["active", "cancelled"]
    created_at: dt.datetime


class ReferralBookCommand(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """A member-clinic doctor books a county-hospital slot for a patient from the referral quota."""

    schedule_id: uuid.UUID
    patient_id: uuid.UUID
    band_start: dt.datetime | None = None


class RecheckBookCommand(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """回检: book today's return-with-results slot of a department that saw the patient today."""

    schedule_id: uuid.UUID
    patient_id: uuid.UUID
    band_start: dt.datetime | None = None


class RevisitView(msgspec.Struct, kw_only=True):
    """复诊号源推荐: the patient's last doctor and that doctor's next sessions with free bands."""

    patient_id: uuid.UUID
    doctor: DoctorView | None
    last_visit_day: dt.date | None
    schedules: list[ScheduleView]
