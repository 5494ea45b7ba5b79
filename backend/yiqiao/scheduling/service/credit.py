"""Booking credit: the blacklist (who may not book online, why, until when), marking no-shows after
a session with the credit rule (N no-shows in a window → a ban), and flagging abnormal
booking/cancel patterns for review (002 §2.1.1.1.10)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import msgspec

from yiqiao import db
from yiqiao.audit import service as audit
from yiqiao.kit import clock
from yiqiao.kit.actor import SYSTEM, Actor
from yiqiao.kit.errors import Forbidden
from yiqiao.kit.ids import new_id
from yiqiao.scheduling import lifecycle
from yiqiao.scheduling.service.notices import booking_notice
from yiqiao.scheduling.types import BlacklistView
from yiqiao.scheduling.views import local_stamp
from yiqiao.settings import get_settings

REASONS = {
    "no_show": "连续爽约（失信） repeated no-shows",
    "scalping": "疑似倒号 suspected slot scalping",
    "violence": "伤医 violence against medical staff",
    "arrears": "欠费 unpaid bills",
}


# The ban in force for a patient at a time (placeholders: patient_id, now, now).
ACTIVE_BAN_SQL = (
    "SELECT reason, detail, ends_at FROM booking_blacklist WHERE patient_id = {} AND lifted_at IS NULL"
    " AND starts_at <= {} AND ends_at > {} ORDER BY ends_at DESC LIMIT 1"
)


def _ban_view(patient_id: uuid.UUID, r: dict[str, Any]) -> BlacklistView:
    return BlacklistView(
        patient_id=patient_id,
        reason=r["reason"],
        detail=r["detail"],
        ends_at=r["ends_at"],
        ends_local=local_stamp(r["ends_at"]),
    )


async def active_ban(patient_id: uuid.UUID, now: dt.datetime | None = None) -> BlacklistView | None:
    at = now or clock.now()
    rows = await db.fetch(ACTIVE_BAN_SQL, patient_id, at, at)
    return _ban_view(patient_id, rows[0]) if rows else None


def refuse_if_banned(patient_id: uuid.UUID, ban: dict[str, Any] | None) -> None:
    """Refuse with the reason and end date, given the row of ``ACTIVE_BAN_SQL`` (or None)."""
    if ban is None:
        return
    view = _ban_view(patient_id, ban)
    raise Forbidden(
        f"Online booking is suspended for this patient until {view.ends_local} (Beijing time): "
        f"{REASONS.get(view.reason, view.reason)}. {view.detail}".strip(),
        code="booking_blacklisted",
        reason=view.reason,
        until=view.ends_at.isoformat(),
    )


async def require_not_banned(patient_id: uuid.UUID, now: dt.datetime) -> None:
    rows = await db.fetch(ACTIVE_BAN_SQL, patient_id, now, now)
    refuse_if_banned(patient_id, rows[0] if rows else None)


async def add_ban(
    actor: Actor,
    patient_id: uuid.UUID,
    reason: str,
    days: int,
    detail: str = "",
    now: dt.datetime | None = None,
) -> BlacklistView:
    start = now or clock.now()
    ban_id = new_id()
    async with db.transaction():
        await db.execute(
            "INSERT INTO booking_blacklist (id, patient_id, reason, detail, starts_at, ends_at, created_by)"
            " VALUES ({}, {}, {}, {}, {}, {}, {})",
            ban_id,
            patient_id,
            reason,
            detail,
            start,
            start + dt.timedelta(days=days),
            actor.label,
        )
        await audit.record(
            actor,
            "booking_blacklist.add",
            "patient",
            patient_id,
            {"reason": reason, "days": days, "detail": detail},
        )
    ban = await active_ban(patient_id, start)
    assert ban is not None
    return ban


async def mark_no_shows(now: dt.datetime | None = None, limit: int = 500) -> int:
    """Confirmed bookings of sessions that ended become no-shows; the credit rule may then ban."""
    now = now or clock.now()
    rows = await db.fetch(
        "SELECT a.id FROM appointment a JOIN schedule s ON s.id = a.schedule_id"
        " WHERE a.status = 'confirmed' AND s.ends_at < {} ORDER BY s.ends_at LIMIT {}",
        now,
        limit,
    )
    for r in rows:
        async with db.transaction():
            row = await lifecycle.apply(SYSTEM, r["id"], "mark_no_show", reason="session ended")
            doctor = await db.fetch("SELECT name FROM doctor_profile WHERE staff_id = {}", row["doctor_id"])
            await booking_notice(row, doctor[0]["name"] if doctor else "", "no_show")
            await apply_credit_rule(row["patient_id"], now)
    return len(rows)


async def apply_credit_rule(patient_id: uuid.UUID, now: dt.datetime) -> bool:
    """N no-shows within the window → no online booking for the ban period (once per streak)."""
    s = get_settings()
    count = await db.fetch(
        "SELECT count(*) AS n FROM appointment WHERE patient_id = {} AND status = 'no_show'"
        " AND band_start > {}",
        patient_id,
        now - dt.timedelta(days=s.booking_noshow_window_days),
    )
    if count[0]["n"] < s.booking_noshow_limit or await active_ban(patient_id, now) is not None:
        return False
    await add_ban(
        SYSTEM,
        patient_id,
        "no_show",
        s.booking_noshow_ban_days,
        f"{count[0]['n']} no-shows in {s.booking_noshow_window_days} days",
        now,
    )
    return True


async def flag_cancel_pattern(actor: Actor, patient_id: uuid.UUID, now: dt.datetime) -> bool:
    """Many cancellations by one booker in the window → one open flag for review (not a ban)."""
    s = get_settings()
    since = now - dt.timedelta(days=s.booking_flag_window_days)
    n = await db.fetch(
        "SELECT count(*) AS n FROM appointment WHERE booked_by = {} AND status = 'cancelled'"
        " AND status_reason <> 'clinic stopped' AND updated_at > {}",
        actor.label,
        since,
    )
    if n[0]["n"] < s.booking_flag_cancels:
        return False
    open_flag = await db.fetch(
        "SELECT 1 FROM booking_flag WHERE kind = 'frequent_cancel' AND detail->>'booked_by' = {}"
        " AND reviewed_at IS NULL AND created_at > {}",
        actor.label,
        since,
    )
    if open_flag:
        return False
    detail = {"booked_by": actor.label, "cancellations": n[0]["n"], "window_days": s.booking_flag_window_days}
    await db.execute(
        "INSERT INTO booking_flag (id, account_id, patient_id, kind, detail) VALUES ({}, {}, {}, {}, {})",
        new_id(),
        actor.id if actor.kind == "patient" else None,
        patient_id,
        "frequent_cancel",
        msgspec.json.encode(detail).decode(),
    )
    await audit.record(actor, "booking_flag.frequent_cancel", "patient", patient_id, detail)
    return True
