"""Book ordered exams (one or several at once, all or nothing), read, list, cancel and reschedule
them, and the free bands of an order marked with what the rules say about each.

A booking runs in one transaction holding the patient's lock: the conflict rules are checked
against everything the patient has (exams, treatment sessions, clinic visits) and the picks among
themselves, then each band's counter is taken with one conditional UPDATE fused with the INSERT.
Any refusal rolls the whole request back. The same idempotency key with the same request gives the
same bookings."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import asyncpg
import msgspec

from yiqiao import db
from yiqiao.identity.service.access import patients_spoken_for, require_patient_access
from yiqiao.kit import clock
from yiqiao.kit.actor import Actor
from yiqiao.kit.errors import Conflict, Invalid, NotFound
from yiqiao.kit.ids import new_id
from yiqiao.kit.sm3 import sm3_hex
from yiqiao.scheduling.medtech import lifecycle, rules
from yiqiao.scheduling.medtech.service import common, orders
from yiqiao.scheduling.medtech.service.notices import exam_notice
from yiqiao.scheduling.medtech.types import (
    BookExams,
    CancelExam,
    ExamBandView,
    ExamBookingResult,
    ExamBookingView,
    RescheduleExam,
)
from yiqiao.scheduling.medtech.views import band_view, facts
from yiqiao.scheduling.views import cancel_until, local_stamp
from yiqiao.settings import get_settings


def request_hash(tag: str, cmd: msgspec.Struct) -> str:
    return sm3_hex(tag.encode() + b":" + msgspec.json.encode(cmd))[:32]


def account_of(actor: Actor) -> uuid.UUID | None:
    return actor.id if actor.kind == "patient" else None


async def _replay(actor: Actor, key: str, request_hash: str) -> list[dict[str, Any]] | None:
    rows = await common.booking_rows(
        "b.booked_by = {} AND b.idempotency_key = {} ORDER BY b.band_start", actor.label, key
    )
    if not rows:
        return None
    if any(r["request_hash"] != request_hash for r in rows):
        raise Conflict(
            "This idempotency key was already used for a different booking; use a new key.",
            code="idempotency_key_reused",
        )
    return rows


async def load_bands(band_ids: list[int]) -> dict[int, dict[str, Any]]:
    rows = await db.fetch(common.BAND_SELECT + " WHERE x.id = ANY({})", band_ids)
    return {r["band_id"]: r for r in rows}


def check_band(order: dict[str, Any], band: dict[str, Any] | None, now: dt.datetime) -> dict[str, Any]:
    """The band exists, is in a room that does the item, has not begun, is open and not full."""
    if band is None:
        raise NotFound("No such time band.", code="band_not_found")
    if (
        band["department_id"] != order["performing_department_id"]
        or band["modality"] != order["item_modality"]
    ):
        raise Invalid(
            f"That time band is not in a room that does {order['item_name']}; choose one of the bands "
            "offered for this order.",
            code="band_wrong_resource",
        )
    if band["band_start"] <= now:
        raise Invalid("That time band has already begun; choose a later one.", code="band_past")
    if band["status"] == "down":
        raise Conflict(
            f"{band['resource_name']} is out of service at that time; please choose another time.",
            code="resource_down",
        )
    if band["remaining"] <= 0:
        raise Conflict("That time band is full; please choose another.", code="band_full")
    return band


async def book(actor: Actor, cmd: BookExams, idempotency_key: str) -> ExamBookingResult:
    """Book every pick (an ordered exam at a band) for one patient, or none of them."""
    digest = request_hash("book", cmd)
    replay = await _replay(actor, idempotency_key, digest)
    if replay is not None:
        return await _result(replay)
    order_ids = [p.order_id for p in cmd.picks]
    if len(set(order_ids)) != len(order_ids):
        raise Invalid("Each exam order may appear once in a booking.", code="duplicate_order")
    now = clock.now()
    picked = [await orders.visible_order(actor, p.order_id) for p in cmd.picks]
    patients = {o["patient_id"] for o in picked}
    if len(patients) != 1:
        raise Invalid("Book the exams of one patient at a time.", code="mixed_patients")
    patient_id = picked[0]["patient_id"]
    for o in picked:
        if o["item_kind"] != "exam":
            raise Invalid(
                f"{o['item_name']} is a course of treatment; book it as a series of sessions.",
                code="treatment_needs_series",
            )
        orders.require_bookable(o, now)
    bands = await load_bands([p.band_id for p in cmd.picks])
    for p, o in zip(cmd.picks, picked, strict=True):
        check_band(o, bands.get(p.band_id), now)
    try:
        async with db.transaction():
            await common.lock_patient(patient_id)
            taken = await db.fetch(
                "SELECT b.order_id FROM exam_booking b WHERE b.order_id = ANY({}) AND b.series_id IS NULL"
                " AND b.status = ANY({}) LIMIT 1",
                order_ids,
                list(lifecycle.ACTIVE),
            )
            if taken:
                name = next(o["item_name"] for o in picked if o["id"] == taken[0]["order_id"])
                raise Conflict(
                    f"{name} is already booked; cancel or reschedule that booking instead.",
                    code="order_already_booked",
                    order_id=str(taken[0]["order_id"]),
                )
            others, busy = await common.commitments(patient_id)
            params = await common.params()
            accepted: list[rules.Placed] = []
            for p, o in zip(cmd.picks, picked, strict=True):
                b = bands[p.band_id]
                new = rules.Placed(ref=str(o["id"]), item=facts(o), start=b["band_start"], end=b["band_end"])
                violations = rules.check(new, [*others, *accepted], busy, params)
                if violations:
                    raise common.rule_conflict(violations, order_id=str(o["id"]), band_id=p.band_id)
                accepted.append(new)
            rows = []
            for p, o in zip(cmd.picks, picked, strict=True):
                row = await common.take_and_insert(
                    booking_id=new_id(),
                    band_id=p.band_id,
                    order=o,
                    account_id=account_of(actor),
                    booked_by=actor.label,
                    idempotency_key=idempotency_key,
                    request_hash=digest,
                )
                if row is None:
                    raise Conflict(
                        f"The time band for {o['item_name']} has just been taken; please choose another.",
                        code="band_full",
                        order_id=str(o["id"]),
                    )
                await lifecycle.record_created(actor, row, "book")
                await exam_notice(row, "booked")
                rows.append(row)
    except asyncpg.UniqueViolationError as exc:
        if exc.constraint_name == "exam_booking_idempotency":
            again = await _replay(actor, idempotency_key, digest)
            if again is not None:
                return await _result(again)
        raise Conflict(
            "One of these exams is already booked; cancel or reschedule that booking instead.",
            code="order_already_booked",
        ) from None
    return await _result(rows)


async def _result(rows: list[dict[str, Any]]) -> ExamBookingResult:
    views = await common.views(rows)
    upcoming, _ = await common.commitments(rows[0]["patient_id"])
    now = clock.now()
    return ExamBookingResult(bookings=views, advice=rules.advice([p for p in upcoming if p.start > now]))


async def get_booking(actor: Actor, booking_id: uuid.UUID) -> ExamBookingView:
    return (await common.views([await common.visible_booking(actor, booking_id)]))[0]


async def list_bookings(
    actor: Actor, patient_id: uuid.UUID | None = None, *, limit: int = 100
) -> list[ExamBookingView]:
    """Exam bookings and treatment sessions of one profile, or of every profile the account manages."""
    if patient_id is not None:
        await require_patient_access(actor, patient_id)
        ids: list[uuid.UUID] | None = [patient_id]
    else:
        ids = await patients_spoken_for(actor)
    if ids is None:
        raise Invalid("Say whose exam bookings to list.", code="patient_required")
    rows = await common.booking_rows(
        "b.patient_id = ANY({}) ORDER BY b.band_start DESC LIMIT {}", ids, min(max(limit, 1), 300)
    )
    return await common.views(rows)


def _require_before_cutoff(r: dict[str, Any], step: str, code: str) -> None:
    if r["status"] == "booked" and clock.now() > cancel_until(r["band_start"]):
        raise Conflict(
            f"Exam bookings can be {step} online until {local_stamp(cancel_until(r['band_start']))}; "
            "please contact the department.",
            code=code,
        )


async def cancel(actor: Actor, booking_id: uuid.UUID, cmd: CancelExam) -> ExamBookingView:
    """Cancel until the cutoff; the band's place is free again at once."""
    from yiqiao.scheduling.medtech.service import series

    r = await common.visible_booking(actor, booking_id)
    _require_before_cutoff(r, "cancelled", "cancel_too_late")
    async with db.transaction():
        await lifecycle.apply(actor, booking_id, "cancel", reason=cmd.reason or "patient")
        row = (await common.booking_rows("b.id = {}", booking_id))[0]
        await exam_notice(row, "cancelled")
        if row["series_id"] is not None:
            await series.settle(actor, row["series_id"])
    return (await common.views([row]))[0]


async def reschedule(
    actor: Actor, booking_id: uuid.UUID, cmd: RescheduleExam, idempotency_key: str
) -> ExamBookingView:
    """改期: move a booking to another band of the same kind of room, in one step (the old place is
    freed, the new one taken; the rules are checked without the old booking)."""
    digest = request_hash(f"reschedule:{booking_id}", cmd)
    replay = await _replay(actor, idempotency_key, digest)
    if replay is not None:
        return (await common.views(replay))[0]
    r = await common.visible_booking(actor, booking_id)
    if r["status"] != "booked":
        raise Conflict(
            f"This booking is {r['status']}; only a booking still to come can be rescheduled.",
            code="exam_booking_wrong_state",
            current_status=r["status"],
        )
    _require_before_cutoff(r, "rescheduled", "reschedule_too_late")
    order = await orders.order_row(r["order_id"])
    assert order is not None
    now = clock.now()
    if cmd.band_id == r["band_id"]:
        raise Invalid("That is the band this booking already has.", code="same_band")
    band = check_band(order, (await load_bands([cmd.band_id])).get(cmd.band_id), now)
    try:
        async with db.transaction():
            await common.lock_patient(r["patient_id"])
            others, busy = await common.commitments(r["patient_id"], exclude=[booking_id])
            new = rules.Placed(
                ref=str(booking_id), item=facts(r), start=band["band_start"], end=band["band_end"]
            )
            violations = rules.check(new, others, busy, await common.params())
            if violations:
                raise common.rule_conflict(violations, band_id=cmd.band_id)
            await lifecycle.apply(actor, booking_id, "reschedule", reason="rescheduled")
            row = await common.take_and_insert(
                booking_id=new_id(),
                band_id=cmd.band_id,
                order=order,
                account_id=r["account_id"] or account_of(actor),
                booked_by=actor.label,
                idempotency_key=idempotency_key,
                request_hash=digest,
                series_id=r["series_id"],
                session_no=r["session_no"],
                rescheduled_from=booking_id,
            )
            if row is None:
                raise Conflict("That time band has just been taken; please choose another.", code="band_full")
            await lifecycle.record_created(actor, row, "reschedule_into")
            await exam_notice(row, "rescheduled")
    except asyncpg.UniqueViolationError:
        again = await _replay(actor, idempotency_key, digest)
        if again is None:
            raise Conflict(
                "This booking was changed at the same time; please look again.", code="exam_booking_busy"
            ) from None
        row = again[0]
    return (await common.views([row]))[0]


async def bands_for_order(
    actor: Actor, order_id: uuid.UUID, from_date: dt.date | None = None, days: int = 7
) -> list[ExamBandView]:
    """The free bands for an order, each marked with whether the rules let this patient take it
    (and if not, why, in words)."""
    o = await orders.visible_order(actor, order_id)
    today = clock.local(clock.now()).date()
    first = max(from_date or today, today)
    rows = await common.free_bands(
        o["performing_department_id"], o["item_modality"], first, min(max(days, 1), 31)
    )
    others, busy = await common.commitments(o["patient_id"], exclude=o["active_booking_ids"])
    params = await common.params()
    item = facts(o)
    return [
        band_view(
            b,
            rules.check(
                rules.Placed(ref=str(o["id"]), item=item, start=b["band_start"], end=b["band_end"]),
                others,
                busy,
                params,
            ),
        )
        for b in rows
    ]


async def nearest_alternatives(r: dict[str, Any], limit: int | None = None) -> list[ExamBandView]:
    """The free bands nearest in time to booking ``r``'s, of rooms that do its item in its
    department, that the rules let its patient take (the booking itself left out)."""
    limit = get_settings().booking_alternatives if limit is None else limit
    if limit <= 0:
        return []
    today = clock.local(clock.now()).date()
    rows = await common.free_bands(
        r["department_id"], r["item_modality"], today, get_settings().medtech_suggest_days + 1
    )
    others, busy = await common.commitments(r["patient_id"], exclude=[r["id"]])
    params = await common.params()
    item = facts(r)
    rows.sort(key=lambda b: (abs((b["band_start"] - r["band_start"]).total_seconds()), b["band_start"]))
    found: list[ExamBandView] = []
    for b in rows:
        if b["band_id"] == r["band_id"]:
            continue
        p = rules.Placed(ref=str(r["id"]), item=item, start=b["band_start"], end=b["band_end"])
        if not rules.check(p, others, busy, params):
            found.append(band_view(b))
            if len(found) >= limit:
                break
    return found


async def alternatives(actor: Actor, booking_id: uuid.UUID) -> list[ExamBandView]:
    """Nearest other times for a booking (offered after an equipment failure, or to reschedule)."""
    return await nearest_alternatives(await common.visible_booking(actor, booking_id))
