"""回检号源: return-with-results slots. A patient seen today (checked in, called or completed) by a
department may book that department's 回检 pool for a session today. The pool is created with the
schedule (quota ``recheck``) and is outside the normal quota: no other booking, reserve release or
waitlist ever takes it. Booking goes through ``booking.book`` (same idempotency, rules, audit and
notice); the rule below is checked there for whoever asks for the pool."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from yiqiao import db
from yiqiao.kit import clock
from yiqiao.kit.actor import Actor
from yiqiao.kit.errors import Conflict, Invalid
from yiqiao.scheduling.catalogue import RECHECK
from yiqiao.scheduling.types import AppointmentView, BookCommand, RecheckBookCommand

# Seen today: the patient came in to (or was seen by) the department.
SEEN_TODAY = ("checked_in", "called", "completed")


async def require_seen_today(patient_id: uuid.UUID, schedule: dict[str, Any], now: dt.datetime) -> None:
    """Refuse a 回检 booking for another day, or for a patient the department has not seen today."""
    today = clock.local(now).date()
    if schedule["day"] != today:
        raise Invalid(
            "回检 slots are for the same day only; for another day, book a normal slot.",
            code="recheck_same_day_only",
        )
    rows = await db.fetch(
        "SELECT 1 FROM appointment WHERE patient_id = {} AND department_id = {} AND day = {}"
        " AND status = ANY({}) LIMIT 1",
        patient_id,
        schedule["department_id"],
        today,
        list(SEEN_TODAY),
    )
    if not rows:
        raise Conflict(
            "回检 slots are for patients this department has seen today; please book a normal slot.",
            code="recheck_not_seen_today",
        )


async def book_recheck(actor: Actor, cmd: RecheckBookCommand, idempotency_key: str) -> AppointmentView:
    from yiqiao.scheduling.service import booking

    return await booking.book(
        actor,
        BookCommand(
            schedule_id=cmd.schedule_id, patient_id=cmd.patient_id, band_start=cmd.band_start, pool=RECHECK
        ),
        idempotency_key,
    )
