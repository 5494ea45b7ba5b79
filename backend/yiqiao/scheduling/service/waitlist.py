"""Waitlist (候补): join a full session that is not today, leave, list; when a slot frees, the first
waiter gets it automatically (held for payment, or confirmed when free) and is notified."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from yiqiao import db
from yiqiao.identity.service.access import require_patient_access
from yiqiao.kit import clock
from yiqiao.kit.actor import SYSTEM, Actor
from yiqiao.kit.errors import Conflict, Invalid, NotFound
from yiqiao.kit.ids import new_id
from yiqiao.scheduling import lifecycle, waitlist_lifecycle
from yiqiao.scheduling.catalogue import CHANNELS, OUTSIDE_QUOTA
from yiqiao.scheduling.lifecycle import ACTIVE
from yiqiao.scheduling.service import slots
from yiqiao.scheduling.service.credit import require_not_banned
from yiqiao.scheduling.service.notices import booking_notice
from yiqiao.scheduling.types import JoinWaitlist, WaitlistView
from yiqiao.settings import get_settings


def _view(r: dict[str, Any], position: int | None) -> WaitlistView:
    return WaitlistView(
        id=r["id"],
        schedule_id=r["schedule_id"],
        patient_id=r["patient_id"],
        status=r["status"],
        position=position,
        appointment_id=r["appointment_id"],
        created_at=r["created_at"],
    )


async def _position(r: dict[str, Any]) -> int | None:
    if r["status"] != "waiting":
        return None
    n = await db.fetch(
        "SELECT count(*) AS n FROM waitlist_entry WHERE schedule_id = {} AND status = 'waiting'"
        " AND created_at <= {}",
        r["schedule_id"],
        r["created_at"],
    )
    position: int = n[0]["n"]
    return position


async def join(actor: Actor, cmd: JoinWaitlist) -> WaitlistView:
    await require_patient_access(actor, cmd.patient_id)
    rows = await db.fetch(
        "SELECT s.*, (SELECT coalesce(sum(remaining), 0) FROM slot_pool WHERE schedule_id = s.id"
        " AND pool = ANY({})) AS open_slots FROM schedule s WHERE s.id = {}",
        list(CHANNELS),
        cmd.schedule_id,
    )
    if not rows:
        raise NotFound("No such schedule.", code="schedule_not_found")
    s = rows[0]
    now = clock.now()
    if s["status"] == "stopped":
        raise Conflict("The doctor has stopped this session (停诊).", code="session_stopped")
    if s["day"] <= clock.local(now).date():
        raise Invalid("The waitlist is only for sessions after today.", code="waitlist_same_day")
    if now < s["release_at"]:
        raise Conflict("These slots are not released yet; book them when they are.", code="not_released")
    if s["open_slots"] > 0:
        raise Conflict("Slots are still free for this session: book one directly.", code="slots_available")
    await require_not_banned(cmd.patient_id, now)
    active = await db.fetch(
        "SELECT 1 FROM appointment WHERE patient_id = {} AND doctor_id = {} AND day = {} AND session = {}"
        " AND status = ANY({})",
        cmd.patient_id,
        s["doctor_id"],
        s["day"],
        s["session"],
        list(ACTIVE),
    )
    if active:
        raise Conflict("This patient already has a booking for this session.", code="already_booked")
    entry_id = new_id()
    async with db.transaction():
        inserted = await db.fetch(
            "INSERT INTO waitlist_entry (id, schedule_id, patient_id, account_id, booked_by, channel, status)"
            " VALUES ({}, {}, {}, {}, {}, {}, 'waiting') ON CONFLICT DO NOTHING RETURNING *",
            entry_id,
            cmd.schedule_id,
            cmd.patient_id,
            actor.id if actor.kind == "patient" else None,
            actor.label,
            slots.channel_of(actor),
        )
        if not inserted:
            raise Conflict(
                "This patient is already on the waitlist for this session.", code="already_waiting"
            )
        await waitlist_lifecycle.record_joined(actor, entry_id, cmd.schedule_id)
    return _view(inserted[0], await _position(inserted[0]))


async def _visible(actor: Actor, entry_id: uuid.UUID) -> dict[str, Any]:
    rows = await db.fetch("SELECT * FROM waitlist_entry WHERE id = {}", entry_id)
    if not rows:
        raise NotFound("No such waitlist entry.", code="waitlist_not_found")
    try:
        await require_patient_access(actor, rows[0]["patient_id"])
    except NotFound:
        raise NotFound("No such waitlist entry.", code="waitlist_not_found") from None
    return rows[0]


async def leave(actor: Actor, entry_id: uuid.UUID) -> WaitlistView:
    await _visible(actor, entry_id)
    row = await waitlist_lifecycle.apply(actor, entry_id, "leave", reason="patient left")
    return _view(row, None)


async def list_mine(actor: Actor) -> list[WaitlistView]:
    if actor.kind != "patient" or actor.id is None:
        raise Invalid("Only a patient account has a waitlist.", code="not_a_patient_account")
    from yiqiao.identity.service import patients

    ids = await patients.managed_patient_ids(actor.id)
    rows = await db.fetch(
        "SELECT * FROM waitlist_entry WHERE patient_id = ANY({}) ORDER BY created_at DESC LIMIT 100", ids
    )
    return [_view(r, await _position(r)) for r in rows]


async def close_for_patient(actor: Actor, schedule_id: uuid.UUID, patient_id: uuid.UUID, reason: str) -> None:
    rows = await db.fetch(
        "SELECT id FROM waitlist_entry WHERE schedule_id = {} AND patient_id = {} AND status = 'waiting'",
        schedule_id,
        patient_id,
    )
    for r in rows:
        await waitlist_lifecycle.apply(actor, r["id"], "close", reason=reason)


async def offer_freed_slot(actor: Actor, schedule_id: uuid.UUID, pool_id: int) -> uuid.UUID | None:
    """Give the slot just returned to ``pool_id`` to the first waiter (in the caller's transaction).
    Returns the new booking's id, or None when nobody waits or the slot is not for waiters."""
    pool = await db.fetch(
        "SELECT p.pool, p.remaining, s.* FROM slot_pool p JOIN schedule s ON s.id = p.schedule_id"
        " WHERE p.id = {}",
        pool_id,
    )
    if not pool:
        return None
    s = pool[0]
    now = clock.now()
    reserves_open = now >= s["reserve_release_at"]
    if s["status"] != "open" or now >= s["starts_at"] or s["remaining"] <= 0:
        return None
    if s["pool"] in OUTSIDE_QUOTA:
        return None  # a 回检 slot stays for 回检 patients
    if s["pool"] not in CHANNELS and not reserves_open:
        return None  # a reserve slot goes back to its reserve, not to the general waitlist
    while True:
        waiters = await db.fetch(
            "SELECT * FROM waitlist_entry WHERE schedule_id = {} AND status = 'waiting'"
            " ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED",
            schedule_id,
        )
        if not waiters:
            return None
        w = waiters[0]
        appointment_id = await _allocate(w, s, pool_id, now)
        if appointment_id is not None:
            return appointment_id
        await waitlist_lifecycle.apply(SYSTEM, w["id"], "close", reason="already booked for this session")


async def _allocate(w: dict[str, Any], s: dict[str, Any], pool_id: int, now: dt.datetime) -> uuid.UUID | None:
    active = await db.fetch(
        "SELECT 1 FROM appointment WHERE patient_id = {} AND doctor_id = {} AND day = {} AND session = {}"
        " AND status = ANY({})",
        w["patient_id"],
        s["doctor_id"],
        s["day"],
        s["session"],
        list(ACTIVE),
    )
    if active:
        return None
    held = s["fee_fen"] > 0
    row = await slots.take_and_insert(
        appointment_id=new_id(),
        schedule=s,
        pools=[s["pool"]],
        band_start=None,
        pool_id=pool_id,
        wait=True,
        patient_id=w["patient_id"],
        account_id=w["account_id"],
        booked_by="waitlist",
        channel=w["channel"],
        idempotency_key=f"wl:{w['id']}",
        request_hash="",
        status="held" if held else "confirmed",
        hold_expires_at=now + dt.timedelta(seconds=get_settings().booking_hold_s) if held else None,
        waitlist_id=w["id"],
    )
    if row is None:
        return None
    await lifecycle.record_created(SYSTEM, row)
    await waitlist_lifecycle.apply(
        SYSTEM,
        w["id"],
        "allocate" if held else "allocate_free",
        appointment_id=row["id"],
        reason="slot freed",
    )
    doctor = await db.fetch("SELECT name FROM doctor_profile WHERE staff_id = {}", s["doctor_id"])
    await booking_notice(row, doctor[0]["name"] if doctor else "", row["status"], "（候补成功）")
    appointment_id: uuid.UUID = row["id"]
    return appointment_id
