"""Book, list, read and cancel bookings.

Booking first asks the availability cache (one Redis round trip): a session it knows to be sold out
for every pool the caller could ever take from is refused there, without the database (at 08:00,
most attempts). Otherwise one read (replay of the idempotency key, schedule, ban, existing booking
and what is left, in one round trip) and, when a slot may be free, one transaction: take-and-insert
in one statement, the notice, the audit entry. A sold-out answer from the read fills the cache.

On a session the cache knows to be sold out, "sold out" is the answer whatever else is wrong with
the request (someone else's profile, a ban): no booking could be made either way, and a slot coming
back invalidates the entry at once. A retry of a key that booked, or any attempt of a patient who
booked in the session, always goes to the database (see ``availability_cache``)."""

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
from yiqiao.scheduling.service import availability_cache, credit, recheck, slots
from yiqiao.scheduling.service.notices import booking_notice
from yiqiao.scheduling.types import AppointmentView, BookCommand, CancelCommand, ScheduleView
from yiqiao.scheduling.views import appointment_view, cancel_until, local_stamp
from yiqiao.settings import get_settings

# Everything a booking attempt needs to know before it may take a slot, in ONE round trip: the
# account's link to the profile (authorisation), a booking already made with this idempotency key,
# the schedule, what is left per pool, the patient's active booking with this doctor in this
# session, whether the patient waits on its waitlist, and a ban in force.
# Placeholders, in order: account, patient (link); booked_by, key (replay); patient, ACTIVE
# (active booking); patient (waiting); schedule id; patient, now, now (ban).
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
    " EXISTS (SELECT 1 FROM waitlist_entry w WHERE w.schedule_id = s.id AND w.patient_id = {}"
    "   AND w.status = 'waiting') AS waiting,"
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


def _sold_out() -> Conflict:
    return Conflict("No slots are left for this session.", code="sold_out")


async def _ask_cache(actor: Actor, cmd: BookCommand, key: str, now: dt.datetime) -> availability_cache.Seen:
    """Refuse from the cache when it knows the session is sold out for this caller; else say what it
    saw, so the database's answer can be written back under the same generation."""
    if cmd.band_start is not None or cmd.pool in OUTSIDE_QUOTA:
        return availability_cache.UNKNOWN  # a band or 回检 request has its own answers
    if actor.kind == "kiosk" and actor.citizen_patient_id != cmd.patient_id:
        return availability_cache.UNKNOWN  # decided without the database: keep its answer
    seen = await availability_cache.read(cmd.schedule_id, booker_label(actor), key, cmd.patient_id)
    if seen.sold_out_for(slots.reachable_pools(actor, cmd.pool), now):
        raise _sold_out()
    return seen


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
    seen = await _ask_cache(actor, cmd, idempotency_key, now)
    rows = await db.fetch(
        _PRECHECK,
        actor.id if actor.kind == "patient" else None,
        cmd.patient_id,
        label,
        idempotency_key,
        cmd.patient_id,
        list(ACTIVE),
        cmd.patient_id,
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
        if sum(remaining.get(p, 0) for p in slots.reachable_pools(actor, cmd.pool)) == 0:
            await availability_cache.observe(
                cmd.schedule_id, seen, remaining, create=True, ends_at=s["ends_at"], now=now
            )
        raise _sold_out()
    return await _take(actor, cmd, s, pools, idempotency_key, request_hash, now, seen)


async def _take(
    actor: Actor,
    cmd: BookCommand,
    s: dict[str, Any],
    pools: list[str],
    key: str,
    request_hash: str,
    now: dt.datetime,
    seen: availability_cache.Seen,
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

    async def attempt(wait: bool) -> tuple[dict[str, Any], int] | None:
        async with db.transaction():
            taken = await slots.take_counted(wait=wait, mark=False, **args)
            if taken is None:
                return None  # commits nothing, and lets go of any row the skip-locked pick locked
            if s["waiting"]:
                await _close_own_waitlist(actor, taken[0])
            await booking_notice(taken[0], s["doctor_name"], taken[0]["status"])
            await lifecycle.record_created(actor, taken[0])
            return taken

    reachable = slots.reachable_pools(actor, cmd.pool)
    try:
        async with _take_gate():
            # After waiting for a turn: others may have taken the last slots meanwhile (the cache
            # knows, then); else set the taker marks, in the same round trip.
            if not await availability_cache.claim(
                s["id"], args["booked_by"], key, cmd.patient_id, reachable, s["ends_at"], now
            ):
                raise _sold_out()
            # Without a band: first skip counter rows others hold; if only those were left, wait for
            # them in a new transaction (see slots.take_counted on why not in the same one).
            taken = await attempt(wait=cmd.band_start is not None)
            if taken is None and cmd.band_start is None:
                taken = await attempt(wait=True)
    except asyncpg.UniqueViolationError as exc:
        if exc.constraint_name == "appointment_idempotency":
            replay = await _replay(actor, key, request_hash)
            if replay is not None:
                return replay
        raise Conflict(
            "This patient already has a booking with this doctor for this session.", code="already_booked"
        ) from None
    if taken is None:
        if cmd.band_start is not None:
            raise Conflict("No slots are left in that time band; choose another.", code="sold_out")
        await _learn_sold_out(s, seen, reachable, now)
        raise _sold_out()
    row, left = taken
    await availability_cache.observe(
        s["id"], seen, {row["pool"]: left}, create=False, ends_at=s["ends_at"], now=now
    )
    return appointment_view(row, s["doctor_name"])


async def _learn_sold_out(
    s: dict[str, Any], seen: availability_cache.Seen, reachable: list[str], now: dt.datetime
) -> None:
    """A take found nothing: if nothing is left for anyone like this caller, tell the cache, so the
    attempts still queued for a turn are refused there (one read, no lock)."""
    if not seen.writable:
        return
    rows = await db.fetch(
        "SELECT pool, sum(remaining) AS n FROM slot_pool WHERE schedule_id = {} GROUP BY pool", s["id"]
    )
    counts = {r["pool"]: int(r["n"]) for r in rows}
    if sum(counts.get(p, 0) for p in reachable) == 0:
        await availability_cache.observe(s["id"], seen, counts, create=True, ends_at=s["ends_at"], now=now)


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
