"""Payment holds: a booking with a fee is held until paid. ``confirm_payment`` is what the payments
context calls; ``expire_due_holds`` (worker cron) releases holds that lapsed, returning each slot
to the pool and to the next waiter."""

from __future__ import annotations

import uuid

from yiqiao import db
from yiqiao.kit import clock
from yiqiao.kit.actor import SYSTEM, Actor
from yiqiao.scheduling import lifecycle, waitlist_lifecycle
from yiqiao.scheduling.service.notices import booking_notice
from yiqiao.scheduling.types import AppointmentView
from yiqiao.scheduling.views import appointment_view


async def _doctor_name(doctor_id: uuid.UUID) -> str:
    rows = await db.fetch("SELECT name FROM doctor_profile WHERE staff_id = {}", doctor_id)
    return rows[0]["name"] if rows else ""


async def confirm_payment(actor: Actor, appointment_id: uuid.UUID) -> AppointmentView:
    async with db.transaction():
        row = await lifecycle.apply(actor, appointment_id, "confirm_payment", reason="paid")
        if row["waitlist_id"] is not None:
            await waitlist_lifecycle.apply(actor, row["waitlist_id"], "confirm", appointment_id=row["id"])
        name = await _doctor_name(row["doctor_id"])
        await booking_notice(row, name, "confirmed")
    return appointment_view(row, name)


async def expire_due_holds(limit: int = 200) -> int:
    """Expire holds whose time ran out. Each one in its own transaction; a row another worker is
    expiring right now is skipped."""
    expired = 0
    for _ in range(limit):
        async with db.transaction():
            due = await db.fetch(
                "SELECT id FROM appointment WHERE status = 'held' AND hold_expires_at <= {}"
                " ORDER BY hold_expires_at LIMIT 1 FOR UPDATE SKIP LOCKED",
                clock.now(),
            )
            if not due:
                return expired
            row = await lifecycle.apply(SYSTEM, due[0]["id"], "expire_hold", reason="not paid in time")
            if row["waitlist_id"] is not None:
                await waitlist_lifecycle.apply(SYSTEM, row["waitlist_id"], "lapse", reason="hold expired")
            await booking_notice(row, await _doctor_name(row["doctor_id"]), "expired")
            expired += 1
    return expired
