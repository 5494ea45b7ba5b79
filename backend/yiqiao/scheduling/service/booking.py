"""Book, list, read and cancel bookings.

Booking runs one read (replay of the idempotency key, schedule, ban, existing booking and what is
left, in one round trip) and, when a slot may be free, one transaction: take-and-insert in one
statement, the notice, the audit entry. A sold-out session is answered from the read alone, so the
08:00 storm costs the database one indexed SELECT per losing attempt."""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid
import weakref
from typing import Any

import asyncpg
import msgspec

from yiqiao import db
from yiqiao.identity.service import directory
from yiqiao.identity.service.access import (
    RELATIONSHIP_SQL,
    decide_patient_access,
    patients_spoken_for,
    require_patient_access,
)
from yiqiao.kit import clock
from yiqiao.kit.actor import Actor
from yiqiao.kit.errors import Conflict, Forbidden, Invalid, NotFound
from yiqiao.kit.ids import new_id
from yiqiao.kit.sm3 import sm3_hex
from yiqiao.scheduling import lifecycle
from yiqiao.scheduling.catalogue import OUTSIDE_QUOTA
from yiqiao.scheduling.lifecycle import ACTIVE
from yiqiao.scheduling.service import credit, recheck, slots
from yiqiao.scheduling.service.notices import booking_notice
from yiqiao.scheduling.types import AppointmentView, BookCommand, CancelCommand, ScheduleView
from yiqiao.scheduling.views import appointment_view, cancel_until, local_stamp
from yiqiao.settings import get_settings

# Everything a booking attempt needs to know before it may take a slot, in ONE round trip: the
# account's link to the profile (authorisation), a booking already made with this idempotency key,
# the schedule, what is left per pool, the patient's active booking with this doctor in this
# session, and a ban in force. At 08:00 most attempts are refused from this row alone (sold out).
# Placeholders, in order: account, patient (link); booked_by, key (replay); patient, ACTIVE
# (active booking); schedule id; patient, now, now (ban).
_PRECHECK = (
    "SELECT s.id, s.day, s.session, s.doctor_id, s.department_id, s.institution_id, s.fee_fen,"  # noqa: S608
    " s.starts_at, s.ends_at, s.release_at, s.reserve_release_at, s.status, d.name AS doctor_name,"
    " (SELECT json_object_agg(pool, n)::text FROM"
    "   (SELECT pool, sum(remaining) AS n FROM slot_pool WHERE schedule_id = s.id GROUP BY pool) p)"
    "   AS remaining,"
    " (" + RELATIONSHIP_SQL + ") AS relationship,"
    " (SELECT request_hash FROM appointment WHERE booked_by = {} AND idempotency_key = {}) AS replay_hash,"
    " (SELECT a.id FROM appointment a WHERE a.patient_id = {} AND a.doctor_id = s.doctor_id"
    "   AND a.day = s.day AND a.session = s.session AND a.status = ANY({}) LIMIT 1) AS active_id,"
    " b.reason AS ban_reason, b.detail AS ban_detail, b.ends_at AS ban_ends_at"
    " FROM (SELECT 1) AS one"
    " LEFT JOIN schedule s ON s.id = {}"
    " LEFT JOIN doctor_profile d ON d.staff_id = s.doctor_id"
    " LEFT JOIN LATERAL (" + credit.ACTIVE_BAN_SQL + ") b ON true"
)


_WITH_DOCTOR = (
    "SELECT a.*, d.name AS doctor_name FROM appointment a JOIN doctor_profile d ON d.staff_id = a.doctor_id"
)


# At most this many booking transactions per process at once. A take holds a counter row lock until
# commit; in a storm every other taker of that row waits *holding a pool connection*, and once the
# pool is all waiters, even the refusals (one read each) queue behind them. Waiting here costs no
# connection, so refusals keep flowing. Per event loop (tests run several loops in one process).
_gates: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore] = weakref.WeakKeyDictionary()


def _take_gate() -> asyncio.Semaphore:
    loop = asyncio.get_running_loop()
    gate = _gates.get(loop)
    if gate is None:
        gate = _gates[loop] = asyncio.Semaphore(max(2, get_settings().db_pool_max // 2))
    return gate


def booker_label(actor: Actor) -> str:
    return actor.label


def _request_hash(cmd: BookCommand) -> str:
    return sm3_hex(msgspec.json.encode(cmd))[:32]


async def _replay(actor: Actor, key: str, request_hash: str) -> AppointmentView | None:
    rows = await db.fetch(
        _WITH_DOCTOR + " WHERE a.booked_by = {} AND a.idempotency_key = {}",
        booker_label(actor),
        key,
    )
    if not rows:
        return None
    if rows[0]["request_hash"] != request_hash:
        raise Conflict(
            "This idempotency key was already used for a different booking; use a new key.",
            code="idempotency_key_reused",
        )
    return appointment_view(rows[0], rows[0]["doctor_name"])


def _check_schedule(s: dict[str, Any], cmd: BookCommand, now: dt.datetime) -> None:
    if s["status"] == "stopped":
        raise Conflict(
            "The doctor has stopped this session (停诊); please choose another.", code="session_stopped"
        )
    if now >= s["ends_at"]:
        raise Invalid("This session is over; choose a session that is still to come.", code="session_past")
    if now < s["release_at"]:
        raise Conflict(
            f"These slots are released at {local_stamp(s['release_at'])} (Beijing time).",
            code="not_released",
            release_at=s["release_at"].isoformat(),
        )
    if cmd.band_start is not None and cmd.band_start + dt.timedelta(minutes=1) <= now:
        raise Invalid("That time band has already begun; choose a later one.", code="band_past")


def _check_pool_request(actor: Actor, cmd: BookCommand) -> None:
    if cmd.pool is not None and cmd.pool not in OUTSIDE_QUOTA and actor.kind not in ("staff", "system"):
        raise Forbidden(
            "Only hospital staff choose which quota a booking comes from.", code="pool_not_allowed"
        )


async def book(actor: Actor, cmd: BookCommand, idempotency_key: str) -> AppointmentView:
    """Book one slot for ``cmd.patient_id``. The same key with the same request gives the same
    booking; a booking with a fee is held for payment, a free one is confirmed at once."""
    _check_pool_request(actor, cmd)
    now = clock.now()
    label = booker_label(actor)
    rows = await db.fetch(
        _PRECHECK,
        actor.id if actor.kind == "patient" else None,
        cmd.patient_id,
        label,
        idempotency_key,
        cmd.patient_id,
        list(ACTIVE),
        cmd.schedule_id,
        cmd.patient_id,
        now,
        now,
    )
    s = rows[0]
    decide_patient_access(actor, cmd.patient_id, s["relationship"])
    request_hash = _request_hash(cmd)
    if s["replay_hash"] is not None:
        replay = await _replay(actor, idempotency_key, request_hash)
        if replay is not None:
            return replay
    if s["id"] is None:
        raise NotFound("No such schedule.", code="schedule_not_found")
    _check_schedule(s, cmd, now)
    if cmd.pool in OUTSIDE_QUOTA:
        await recheck.require_seen_today(cmd.patient_id, s, now)
    if actor.kind in ("patient", "kiosk") and s["ban_reason"] is not None:
        credit.refuse_if_banned(
            cmd.patient_id,
            {"reason": s["ban_reason"], "detail": s["ban_detail"], "ends_at": s["ban_ends_at"]},
        )
    if s["active_id"] is not None:
        raise Conflict(
            "This patient already has a booking with this doctor for this session.",
            code="already_booked",
            appointment_id=str(s["active_id"]),
        )
    remaining: dict[str, int] = msgspec.json.decode(s["remaining"] or "{}")
    base = slots.base_pools(actor, cmd.pool)
    reserves_open = now >= s["reserve_release_at"]
    elderly = False
    pools = slots.eligible_pools(base, reserves_open, False)
    if not reserves_open and sum(remaining.get(p, 0) for p in pools) == 0 and remaining.get("priority", 0):
        elderly = slots.is_elderly(await directory.birth_date_of(cmd.patient_id), s["day"])
        pools = slots.eligible_pools(base, reserves_open, elderly)
    if sum(remaining.get(p, 0) for p in pools) == 0:
        raise Conflict("No slots are left for this session.", code="sold_out")
    return await _take(actor, cmd, s, pools, idempotency_key, request_hash, now)


async def _take(
    actor: Actor,
    cmd: BookCommand,
    s: dict[str, Any],
    pools: list[str],
    key: str,
    request_hash: str,
    now: dt.datetime,
) -> AppointmentView:
    held = s["fee_fen"] > 0
    args: dict[str, Any] = {
        "appointment_id": new_id(),
        "schedule": s,
        "pools": pools,
        "band_start": cmd.band_start,
        "pool_id": None,
        "patient_id": cmd.patient_id,
        "account_id": actor.id if actor.kind == "patient" else None,
        "booked_by": booker_label(actor),
        "channel": slots.channel_of(actor),
        "idempotency_key": key,
        "request_hash": request_hash,
        "status": "held" if held else "confirmed",
        "hold_expires_at": now + dt.timedelta(seconds=get_settings().booking_hold_s) if held else None,
    }
    try:
        async with _take_gate(), db.transaction():
            row = await slots.take_and_insert(wait=cmd.band_start is not None, **args)
            if row is None and cmd.band_start is None:
                row = await slots.take_and_insert(wait=True, **args)  # only locked rows were left
            if row is None:
                raise Conflict(
                    "No slots are left for this session."
                    if cmd.band_start is None
                    else "No slots are left in that time band; choose another.",
                    code="sold_out",
                )
            await _close_own_waitlist(actor, row)
            await booking_notice(row, s["doctor_name"], row["status"])
            await lifecycle.record_created(actor, row)
    except asyncpg.UniqueViolationError as exc:
        if exc.constraint_name == "appointment_idempotency":
            replay = await _replay(actor, key, request_hash)
            if replay is not None:
                return replay
        raise Conflict(
            "This patient already has a booking with this doctor for this session.", code="already_booked"
        ) from None
    return appointment_view(row, s["doctor_name"])


async def _close_own_waitlist(actor: Actor, row: dict[str, Any]) -> None:
    from yiqiao.scheduling.service import waitlist

    await waitlist.close_for_patient(actor, row["schedule_id"], row["patient_id"], "booked directly")


async def _visible(actor: Actor, appointment_id: uuid.UUID) -> dict[str, Any]:
    rows = await db.fetch(
        _WITH_DOCTOR + " WHERE a.id = {}",
        appointment_id,
    )
    if not rows:
        raise NotFound("No such booking.", code="booking_not_found")
    try:
        await require_patient_access(actor, rows[0]["patient_id"])
    except NotFound:
        raise NotFound("No such booking.", code="booking_not_found") from None
    return rows[0]


async def get_booking(actor: Actor, appointment_id: uuid.UUID) -> AppointmentView:
    r = await _visible(actor, appointment_id)
    return appointment_view(r, r["doctor_name"])


async def list_bookings(
    actor: Actor, patient_id: uuid.UUID | None = None, *, limit: int = 50
) -> list[AppointmentView]:
    """Bookings of one profile, or of every profile the signed-in account manages."""
    if patient_id is not None:
        await require_patient_access(actor, patient_id)
        ids: list[uuid.UUID] | None = [patient_id]
    else:
        ids = await patients_spoken_for(actor)
    if ids is None:
        raise Invalid("Say whose bookings to list.", code="patient_required")
    rows = await db.fetch(
        _WITH_DOCTOR + " WHERE a.patient_id = ANY({}) ORDER BY a.band_start DESC LIMIT {}",
        ids,
        min(max(limit, 1), 200),
    )
    return [appointment_view(r, r["doctor_name"]) for r in rows]


async def alternatives_for(actor: Actor, appointment_id: uuid.UUID) -> list[ScheduleView]:
    """The nearest alternative sessions of the booking's department (after a 停诊, the ones its
    notice named, with what is left now). Only for someone who may see the booking."""
    from yiqiao.scheduling.service import alternatives

    r = await _visible(actor, appointment_id)
    return await alternatives.for_schedule(r["schedule_id"], actor)


async def cancel(actor: Actor, appointment_id: uuid.UUID, cmd: CancelCommand) -> AppointmentView:
    """Cancel until the cutoff; the slot goes back to the pool (and to the first waiter) at once."""
    r = await _visible(actor, appointment_id)
    now = clock.now()
    if r["status"] in lifecycle.TRANSITIONS["cancel"].sources and now > cancel_until(r["band_start"]):
        raise Conflict(
            f"Bookings can be cancelled online until {local_stamp(cancel_until(r['band_start']))}; "
            "please contact the hospital.",
            code="cancel_too_late",
        )
    async with db.transaction():
        row = await lifecycle.apply(actor, appointment_id, "cancel", reason=cmd.reason or "patient")
        await booking_notice(row, r["doctor_name"], "cancelled")
        await credit.flag_cancel_pattern(actor, row["patient_id"], now)
        from yiqiao.billing.service import registration  # a paid fee goes back, an unpaid order closes

        await registration.booking_cancelled(actor, appointment_id)
    return appointment_view(row, r["doctor_name"])
