"""The medical community (医共体) across institutions: a member-clinic doctor books a county-hospital
slot for a patient from the referral quota (through ``booking.book``: the same idempotency, rules,
audit and notice), and revisit-slot recommendation (复诊号源推荐)."""

from __future__ import annotations

import datetime as dt
import uuid

import msgspec

from yiqiao import db
from yiqiao.identity.service.access import require_patient_access
from yiqiao.kit import clock
from yiqiao.kit.actor import Actor
from yiqiao.kit.errors import Forbidden, Invalid, NotFound
from yiqiao.scheduling.service import booking, find
from yiqiao.scheduling.types import AppointmentView, BookCommand, ReferralBookCommand, RevisitView
from yiqiao.settings import get_settings

REFERRING_KINDS = ("township_clinic",)
REFERRED_KINDS = ("county_hospital", "campus")
# A visit that happened: the patient was seen (or at least came in) at this booking.
SEEN = ("checked_in", "called", "completed")


async def _kind(institution_id: uuid.UUID | None) -> str | None:
    if institution_id is None:
        return None
    rows = await db.fetch("SELECT kind FROM institution WHERE id = {}", institution_id)
    kind: str | None = rows[0]["kind"] if rows else None
    return kind


async def book_referral(actor: Actor, cmd: ReferralBookCommand, idempotency_key: str) -> AppointmentView:
    """A township-clinic doctor books a county-hospital (or campus) slot from the referral quota."""
    if actor.kind != "staff" or "doctor" not in actor.roles:
        raise Forbidden("Only a member-clinic doctor books referral slots.", code="not_referring_doctor")
    if await _kind(actor.institution_id) not in REFERRING_KINDS:
        raise Forbidden(
            "Referral slots are booked by doctors of the member township clinics.",
            code="not_referring_doctor",
        )
    target = await db.fetch("SELECT institution_id FROM schedule WHERE id = {}", cmd.schedule_id)
    if not target:
        raise NotFound("No such schedule.", code="schedule_not_found")
    if await _kind(target[0]["institution_id"]) not in REFERRED_KINDS:
        raise Invalid(
            "Referral slots are for sessions at the county hospital and its campuses.",
            code="not_a_referral_target",
        )
    return await booking.book(
        actor,
        BookCommand(
            schedule_id=cmd.schedule_id, patient_id=cmd.patient_id, band_start=cmd.band_start, pool="referral"
        ),
        idempotency_key,
    )


async def revisit(actor: Actor, patient_id: uuid.UUID) -> RevisitView:
    """The doctor who last saw the patient, and that doctor's next sessions (within
    ``YQ_BOOKING_REVISIT_DAYS``) with bands the caller may still book."""
    await require_patient_access(actor, patient_id)
    last = await db.fetch(
        "SELECT doctor_id, day FROM appointment WHERE patient_id = {} AND status = ANY({})"
        " ORDER BY band_start DESC LIMIT 1",
        patient_id,
        list(SEEN),
    )
    if not last:
        return RevisitView(patient_id=patient_id, doctor=None, last_visit_day=None, schedules=[])
    doctor_id: uuid.UUID = last[0]["doctor_id"]
    now = clock.now()
    today = clock.local(now).date()
    rows = await db.fetch(
        "SELECT id FROM schedule WHERE doctor_id = {} AND day BETWEEN {} AND {} AND status = 'open'"
        " AND ends_at > {} AND release_at <= {} ORDER BY starts_at LIMIT 60",
        doctor_id,
        today,
        today + dt.timedelta(days=max(1, get_settings().booking_revisit_days)),
        now,
        now,
    )
    views = await find.schedules_by_id(actor, [r["id"] for r in rows])
    open_views = [
        msgspec.structs.replace(v, bands=[b for b in v.bands if b.remaining > 0])
        for v in views
        if v.remaining > 0
    ]
    profile = await find.doctor_availability(actor, doctor_id, today, 1)
    return RevisitView(
        patient_id=patient_id, doctor=profile.doctor, last_visit_day=last[0]["day"], schedules=open_views
    )
