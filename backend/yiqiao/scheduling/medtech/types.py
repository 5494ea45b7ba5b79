"""Commands and views of medical-tech booking. Times are UTC datetimes; ``*_local`` labels are
Asia/Shanghai, ready for screens. Patient names are masked."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Literal

import msgspec

from yiqiao.scheduling.medtech.catalogue import Kind, Modality
from yiqiao.scheduling.queue_types import Position

ExamBookingStatus = Literal["booked", "checked_in", "completed", "cancelled", "rescheduled", "no_show"]
OrderStatus = Literal["open", "completed", "expired"]
SeriesStatus = Literal["active", "finished", "cancelled"]
LocalTime = Annotated[str, msgspec.Meta(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")]
ItemCode = Annotated[str, msgspec.Meta(min_length=2, max_length=32, pattern=r"^[A-Z0-9-]+$")]
Reason = Annotated[str, msgspec.Meta(max_length=200)]
BandId = Annotated[int, msgspec.Meta(ge=1)]


# --- catalogue and resources ---


class ExamItemView(msgspec.Struct, kw_only=True):
    code: str
    kind: Kind
    modality: str
    modality_label: str
    name: str
    duration_minutes: int
    prep_notes: str
    fasting: bool
    contrast: bool


class ResourceSpec(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    department_id: uuid.UUID
    code: Annotated[str, msgspec.Meta(min_length=2, max_length=32, pattern=r"^[A-Za-z0-9-]+$")]
    name: Annotated[str, msgspec.Meta(min_length=1, max_length=64)]
    modality: Modality
    location: Annotated[str, msgspec.Meta(max_length=128)] = ""


class ResourceTemplateSpec(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """Weekly opening hours of a resource (weekday 0 = Monday) and patients per band."""

    resource_id: uuid.UUID
    weekday: Annotated[int, msgspec.Meta(ge=0, le=6)]
    start_local: LocalTime
    end_local: LocalTime
    band_minutes: Annotated[int, msgspec.Meta(ge=5, le=240)]
    capacity: Annotated[int, msgspec.Meta(ge=1, le=200)]


class ResourceView(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    code: str
    name: str
    modality: str
    modality_label: str
    location: str
    institution_id: uuid.UUID
    institution_name: str
    department_id: uuid.UUID
    department_name: str
    down_now: bool
    down_until: dt.datetime | None = None


class ExamBandView(msgspec.Struct, kw_only=True):
    band_id: int
    resource_id: uuid.UUID
    resource_name: str
    location: str
    day: dt.date
    band_start: dt.datetime
    band_end: dt.datetime
    label_local: str  # "08:00-08:30"
    remaining: int
    # Whether this patient may take it now; if not, the rule that says no, in words.
    available: bool
    conflict_code: str | None = None
    conflict: str | None = None


# --- orders ---


class PlaceOrder(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """A doctor orders an exam or a course of treatment for a patient (检查/治疗申请)."""

    patient_id: uuid.UUID
    item_code: ItemCode
    sessions: Annotated[int, msgspec.Meta(ge=1, le=60)] = 1
    performing_department_id: uuid.UUID | None = None
    clinical_note: Annotated[str, msgspec.Meta(max_length=500)] = ""


class ExamOrderView(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    order_no: str
    status: OrderStatus
    status_label: str
    patient_id: uuid.UUID
    patient_name_masked: str
    item: ExamItemView
    ordered_by_name: str
    ordering_department_name: str
    performing_department_id: uuid.UUID
    performing_department_name: str
    sessions_total: int
    sessions_booked: int  # booked or checked in, still to come
    sessions_done: int
    sessions_left: int  # may still be booked
    clinical_note: str
    ordered_at: dt.datetime
    expires_at: dt.datetime
    active_booking_ids: list[uuid.UUID]


# --- bookings ---


class ExamPick(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    order_id: uuid.UUID
    band_id: BandId


class BookExams(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """Book one or several ordered exams at once: all or nothing."""

    picks: Annotated[list[ExamPick], msgspec.Meta(min_length=1, max_length=8)]


class ExamBookingView(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    booking_no: str
    status: ExamBookingStatus
    status_label: str
    patient_id: uuid.UUID
    patient_name_masked: str
    order_id: uuid.UUID
    order_no: str
    item_code: str
    item_name: str
    modality: str
    fasting: bool
    contrast: bool
    prep_notes: str
    resource_id: uuid.UUID
    resource_name: str
    location: str
    institution_id: uuid.UUID
    department_id: uuid.UUID
    day: dt.date
    band_id: int
    band_start: dt.datetime
    band_end: dt.datetime
    band_local: str  # "2026-11-24 08:00-08:30"
    cancel_until: dt.datetime
    checkin_opens_at: dt.datetime
    series_id: uuid.UUID | None
    session_no: int | None
    rescheduled_from: uuid.UUID | None
    rescheduled_to: uuid.UUID | None
    status_reason: str
    checked_in_at: dt.datetime | None
    completed_at: dt.datetime | None
    created_at: dt.datetime


class ExamBookingResult(msgspec.Struct, kw_only=True):
    bookings: list[ExamBookingView]
    # Soft notes on the patient's whole set of exams (e.g. fasting twice), not refusals.
    advice: list[str]


class CancelExam(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    reason: Reason = ""


class RescheduleExam(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    band_id: BandId


class ExamCheckIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    position: Position | None = None


# --- suggestions ---


class SuggestCommand(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """Propose times for a patient's pending exams (all of them, or the orders named)."""

    patient_id: uuid.UUID
    order_ids: Annotated[list[uuid.UUID], msgspec.Meta(max_length=8)] | None = None
    from_date: dt.date | None = None


class SuggestedExam(msgspec.Struct, kw_only=True):
    order_id: uuid.UUID
    order_no: str
    item_name: str
    fasting: bool
    contrast: bool
    prep_notes: str
    band: ExamBandView


class UnplacedExam(msgspec.Struct, kw_only=True):
    order_id: uuid.UUID
    item_name: str
    reason_code: str
    reason: str


class SuggestionView(msgspec.Struct, kw_only=True):
    patient_id: uuid.UUID
    items: list[SuggestedExam]
    unplaced: list[UnplacedExam]
    notes: list[str]
    # What to POST to /medtech/bookings to take the proposal as it is.
    book: BookExams | None


# --- treatment series ---


class BookSeries(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """A course of treatment: ``sessions`` sessions (default: all the order has left) on the given
    weekdays (0 = Monday) at the given time, from ``first_day``. All or nothing."""

    order_id: uuid.UUID
    first_day: dt.date
    weekdays: Annotated[
        list[Annotated[int, msgspec.Meta(ge=0, le=6)]], msgspec.Meta(min_length=1, max_length=7)
    ]
    time_local: LocalTime
    sessions: Annotated[int, msgspec.Meta(ge=1, le=60)] | None = None
    resource_id: uuid.UUID | None = None


class SeriesView(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    series_no: str
    status: SeriesStatus
    status_label: str
    patient_id: uuid.UUID
    patient_name_masked: str
    order_id: uuid.UUID
    item_code: str
    item_name: str
    prep_notes: str
    resource_id: uuid.UUID
    resource_name: str
    location: str
    pattern_local: str  # "周一、周三、周五 09:00"
    sessions_total: int
    done: int
    remaining: int  # booked or checked in, still to come
    cancelled: int
    missed: int
    next_session: ExamBookingView | None
    sessions: list[ExamBookingView]
    created_at: dt.datetime


class CancelSeries(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    reason: Reason = ""


# --- the technician's side ---


class OutageCommand(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """The resource is down (equipment failure) from ``starts_at`` (default now) until ``ends_at``."""

    ends_at: dt.datetime
    reason: Annotated[str, msgspec.Meta(min_length=2, max_length=200)]
    starts_at: dt.datetime | None = None


class OutageResult(msgspec.Struct, kw_only=True):
    outage_id: uuid.UUID
    resource_id: uuid.UUID
    starts_at: dt.datetime
    ends_at: dt.datetime
    bands_closed: int
    cancelled_bookings: int
    notified_patients: int


class OutageEnded(msgspec.Struct, kw_only=True):
    outage_id: uuid.UUID
    bands_reopened: int


class DayEntry(msgspec.Struct, kw_only=True):
    booking_id: uuid.UUID
    booking_no: str
    status: ExamBookingStatus
    status_label: str
    patient_name_masked: str
    item_name: str
    fasting: bool
    contrast: bool
    session_no: int | None
    checked_in_at: dt.datetime | None


class DayBand(msgspec.Struct, kw_only=True):
    band_id: int
    label_local: str
    band_start: dt.datetime
    band_end: dt.datetime
    status: Literal["open", "down"]
    capacity: int
    remaining: int
    entries: list[DayEntry]


class ResourceDayView(msgspec.Struct, kw_only=True):
    resource: ResourceView
    day: dt.date
    bands: list[DayBand]
    booked: int
    checked_in: int
    completed: int
