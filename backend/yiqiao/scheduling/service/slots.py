"""Slot counters: which pools a caller may take from, taking one slot (one conditional UPDATE on
the counter row, fused with the booking's INSERT), and giving one back (then to the first waiter).

A counter row can never go below zero (``remaining > 0`` in the UPDATE and a CHECK constraint),
so a slot is never sold twice however many requests race for it. Every take first sets its
taker marks in the availability cache, and every give-back invalidates the cache (see
``availability_cache``), so the cache never shows fewer slots than these counters."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from yiqiao import db
from yiqiao.kit import clock
from yiqiao.kit.actor import Actor
from yiqiao.scheduling.catalogue import OUTSIDE_QUOTA, PRIORITY_AGE, RESERVES
from yiqiao.scheduling.service import availability_cache

APPOINTMENT_COLUMNS = (
    "id, booking_no, schedule_id, slot_pool_id, pool, channel, band_start, band_end, patient_id,"
    " account_id, booked_by, idempotency_key, request_hash, doctor_id, department_id, institution_id,"
    " day, session, fee_fen, status, hold_expires_at, waitlist_id"
)


def channel_of(actor: Actor) -> str:
    return {"patient": "app", "kiosk": "kiosk", "staff": "window"}.get(actor.kind, "app")


def base_pools(actor: Actor, requested: str | None) -> list[str]:
    """The pools this caller books from before any reserve opens. Staff (window, phone, member
    clinics booking a referral) choose; patients and kiosks use their channel's quota. A pool
    outside the quota (回检) is the only pool of a booking that asks for it, whoever books."""
    if requested in OUTSIDE_QUOTA or (actor.kind in ("staff", "system") and requested):
        return [requested]
    return [channel_of(actor)]


def eligible_pools(base: list[str], reserves_open: bool, elderly: bool) -> list[str]:
    if any(p in OUTSIDE_QUOTA for p in base):
        return list(base)  # outside the quota: no reserve or channel slot is ever taken for it
    pools = list(base)
    extra = list(RESERVES) if reserves_open else (["priority"] if elderly else [])
    pools += [p for p in extra if p not in pools]
    return pools


def reachable_pools(actor: Actor, requested: str | None) -> list[str]:
    """Every pool this caller could take from at some time (its base pools, and every reserve once
    reserves open): when none of them has a slot, the answer is "sold out" whatever the time or
    the patient's age."""
    return eligible_pools(base_pools(actor, requested), True, False)


def is_elderly(birth: dt.date | None, day: dt.date) -> bool:
    if birth is None:
        return False
    age = day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))
    return age >= PRIORITY_AGE


async def take_and_insert(
    *,
    appointment_id: uuid.UUID,
    schedule: dict[str, Any],
    pools: list[str],
    band_start: dt.datetime | None,
    pool_id: int | None,
    wait: bool,
    patient_id: uuid.UUID,
    account_id: uuid.UUID | None,
    booked_by: str,
    channel: str,
    idempotency_key: str,
    request_hash: str,
    status: str,
    hold_expires_at: dt.datetime | None,
    waitlist_id: uuid.UUID | None = None,
) -> dict[str, Any] | None:
    """Take one slot and insert the booking in one statement. Returns the booking row, or None
    when no slot was free in the given pools (nothing changed). ``wait=False`` skips counter rows
    another booking holds right now (so a storm spreads over the bands instead of queueing)."""
    taken = await take_counted(
        appointment_id=appointment_id,
        schedule=schedule,
        pools=pools,
        band_start=band_start,
        pool_id=pool_id,
        wait=wait,
        patient_id=patient_id,
        account_id=account_id,
        booked_by=booked_by,
        channel=channel,
        idempotency_key=idempotency_key,
        request_hash=request_hash,
        status=status,
        hold_expires_at=hold_expires_at,
        waitlist_id=waitlist_id,
    )
    return taken[0] if taken else None


async def take_counted(
    *,
    appointment_id: uuid.UUID,
    schedule: dict[str, Any],
    pools: list[str],
    band_start: dt.datetime | None,
    pool_id: int | None,
    wait: bool,
    patient_id: uuid.UUID,
    account_id: uuid.UUID | None,
    booked_by: str,
    channel: str,
    idempotency_key: str,
    request_hash: str,
    status: str,
    hold_expires_at: dt.datetime | None,
    waitlist_id: uuid.UUID | None = None,
    mark: bool = True,
) -> tuple[dict[str, Any], int] | None:
    """``take_and_insert``, also returning an upper bound of what is left in the taken pool once
    this take commits (the pool's sum in the statement's snapshot, minus this slot).

    Locks: with ``wait=False`` a row that changed between the snapshot and the lock may stay
    locked although it was not taken; the caller must end the transaction before trying again
    with ``wait=True`` (two such transactions waiting for each other's leftover lock deadlock).
    ``mark=False``: the caller set the taker marks itself (``availability_cache.claim``)."""
    if mark:
        await availability_cache.mark_taker(
            schedule["id"], booked_by, idempotency_key, patient_id, schedule["ends_at"], clock.now()
        )
    lock = "FOR UPDATE" if wait else "FOR UPDATE SKIP LOCKED"
    rows = await db.fetch(
        "WITH pick AS ("  # noqa: S608 (only fixed fragments are joined in; values are bound)
        "  SELECT id FROM slot_pool WHERE schedule_id = {} AND pool = ANY({}) AND remaining > 0"
        "   AND ({}::timestamptz IS NULL OR band_start = {}) AND ({}::bigint IS NULL OR id = {})"
        "  ORDER BY band_start, array_position({}::text[], pool) LIMIT 1 " + lock + "),"
        " taken AS (UPDATE slot_pool p SET remaining = p.remaining - 1 FROM pick"
        "  WHERE p.id = pick.id AND p.remaining > 0 RETURNING p.id, p.pool, p.band_start, p.band_end,"
        "  (SELECT sum(q.remaining) FROM slot_pool q WHERE q.schedule_id = p.schedule_id"
        "   AND q.pool = p.pool) - 1 AS pool_left),"
        " made AS (INSERT INTO appointment (" + APPOINTMENT_COLUMNS + ")"
        " SELECT {}, 'A' || to_char({}::date, 'YYMMDD') || lpad(nextval('appointment_no_seq')::text, 7, '0'),"
        "  {}, taken.id, taken.pool, {}, taken.band_start, taken.band_end, {}, {}, {}, {}, {}, {}, {}, {},"
        "  {}, {}, {}, {}, {}, {} FROM taken RETURNING *)"
        " SELECT made.*, taken.pool_left AS pool_left_ FROM made, taken",
        schedule["id"],
        pools,
        band_start,
        band_start,
        pool_id,
        pool_id,
        pools,
        appointment_id,
        schedule["day"],
        schedule["id"],
        channel,
        patient_id,
        account_id,
        booked_by,
        idempotency_key,
        request_hash,
        schedule["doctor_id"],
        schedule["department_id"],
        schedule["institution_id"],
        schedule["day"],
        schedule["session"],
        schedule["fee_fen"],
        status,
        hold_expires_at,
        waitlist_id,
    )
    if not rows:
        return None
    row = dict(rows[0])
    left = int(row.pop("pool_left_"))
    return row, left


async def give_back(actor: Actor, pool_id: int, schedule_id: uuid.UUID) -> None:
    """Return one slot to its counter at once, then offer it to the first waiter (same transaction)."""
    await db.execute(
        "UPDATE slot_pool SET remaining = remaining + 1 WHERE id = {} AND remaining < capacity", pool_id
    )
    await availability_cache.invalidate(schedule_id)  # before the commit: no refill until it lands
    from yiqiao.scheduling.service import waitlist

    await waitlist.offer_freed_slot(actor, schedule_id, pool_id)
