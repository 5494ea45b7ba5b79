"""The state machines of medical-tech booking, in one place.

An exam booking (or one session of a treatment series):

    (create) ──book | book_session | reschedule_into──▶ booked
    booked ──check_in (online | kiosk | desk)──▶ checked_in ──complete──▶ completed
    booked ──cancel──▶ cancelled                   (the band's place goes back at once)
    booked ──reschedule──▶ rescheduled             (改期: place back; the new booking names this one)
    booked | checked_in ──resource_down──▶ cancelled  (equipment failure: patient told, offered others)
    booked ──mark_no_show──▶ no_show               (失效: the band ended and the patient never came)

A treatment series:

    (create) ──book_series──▶ active ──finish──▶ finished       (no session left to come)
    active ──cancel_rest──▶ cancelled                           (every session still to come cancelled)

An exam order (检查/治疗申请):

    (create) ──place──▶ open ──complete──▶ completed   (the exam done; every session of a treatment done)
    open ──expire──▶ expired                          (not booked before it lapsed)

Every transition is one conditional UPDATE (so two racing transitions cannot both apply) and one
audit entry, in the caller's transaction."""

from __future__ import annotations

import uuid
from typing import Any

import msgspec

from yiqiao import db
from yiqiao.audit import service as audit
from yiqiao.kit import clock
from yiqiao.kit.actor import Actor
from yiqiao.kit.errors import Conflict, NotFound
from yiqiao.scheduling.medtech.catalogue import (
    BOOKING_STATUS_LABELS,
    ORDER_STATUS_LABELS,
    SERIES_STATUS_LABELS,
)

ACTIVE = ("booked", "checked_in")


class Transition(msgspec.Struct, frozen=True):
    sources: tuple[str, ...]
    target: str
    returns_place: bool = False


BOOKING_CREATIONS: dict[str, str] = {"book": "booked", "book_session": "booked", "reschedule_into": "booked"}
TRANSITIONS: dict[str, Transition] = {
    "check_in": Transition(("booked",), "checked_in"),
    "complete": Transition(("checked_in",), "completed"),
    "cancel": Transition(("booked",), "cancelled", returns_place=True),
    "reschedule": Transition(("booked",), "rescheduled", returns_place=True),
    # The band is closed while the resource is down; the place is still given back so that it is
    # there again when the outage ends early.
    "resource_down": Transition(("booked", "checked_in"), "cancelled", returns_place=True),
    "mark_no_show": Transition(("booked",), "no_show"),
}
SERIES_TRANSITIONS: dict[str, Transition] = {
    "finish": Transition(("active",), "finished"),
    "cancel_rest": Transition(("active",), "cancelled"),
}
ORDER_TRANSITIONS: dict[str, Transition] = {
    "complete": Transition(("open",), "completed"),
    "expire": Transition(("open",), "expired"),
}


async def record_created(actor: Actor, row: dict[str, Any], name: str) -> None:
    """Audit the creation of a booking (``book``, ``book_session`` or ``reschedule_into``)."""
    assert BOOKING_CREATIONS[name] == row["status"]
    await audit.record(
        actor,
        f"exam_booking.{name}",
        "exam_booking",
        row["id"],
        {
            "to": row["status"],
            "booking_no": row["booking_no"],
            "order_id": str(row["order_id"]),
            "patient_id": str(row["patient_id"]),
            "band_id": row["band_id"],
            "series_id": str(row["series_id"]) if row["series_id"] else None,
            "rescheduled_from": str(row["rescheduled_from"]) if row["rescheduled_from"] else None,
        },
        institution_id=row["institution_id"],
    )


async def apply(actor: Actor, booking_id: uuid.UUID, name: str, *, reason: str = "") -> dict[str, Any]:
    """Apply booking transition ``name``; raises Conflict when the booking is not in a source state."""
    t = TRANSITIONS[name]
    now = clock.now()
    async with db.transaction():
        rows = await db.fetch(
            "UPDATE exam_booking b SET status = {}, status_reason = {}, updated_at = {},"
            " checked_in_at = CASE WHEN {} = 'checked_in' THEN {}::timestamptz ELSE b.checked_in_at END,"
            " checked_in_via = CASE WHEN {} = 'checked_in' THEN {} ELSE b.checked_in_via END,"
            " completed_at = CASE WHEN {} = 'completed' THEN {}::timestamptz ELSE b.completed_at END"
            " FROM (SELECT id, status AS old FROM exam_booking WHERE id = {} FOR UPDATE) o"
            " WHERE b.id = o.id AND o.old = ANY({}) RETURNING b.*, o.old",
            t.target,
            reason,
            now,
            t.target,
            now,
            t.target,
            reason,
            t.target,
            now,
            booking_id,
            list(t.sources),
        )
        if not rows:
            current = await db.fetch("SELECT status FROM exam_booking WHERE id = {}", booking_id)
            if not current:
                raise NotFound("No such exam booking.", code="exam_booking_not_found")
            status = current[0]["status"]
            raise Conflict(
                f"This booking is {BOOKING_STATUS_LABELS.get(status, status)} ({status}); "
                f"the step {name!r} does not apply.",
                code="exam_booking_wrong_state",
                current_status=status,
                transition=name,
            )
        row = rows[0]
        await audit.record(
            actor,
            f"exam_booking.{name}",
            "exam_booking",
            booking_id,
            {"from": row["old"], "to": t.target, "reason": reason, "booking_no": row["booking_no"]},
            institution_id=row["institution_id"],
        )
        if t.returns_place:
            await db.execute(
                "UPDATE exam_band SET remaining = remaining + 1 WHERE id = {} AND remaining < capacity",
                row["band_id"],
            )
        return row


async def _apply_simple(
    actor: Actor,
    table: str,
    entity: str,
    transitions: dict[str, Transition],
    labels: dict[str, str],
    entity_id: uuid.UUID,
    name: str,
    reason: str,
) -> dict[str, Any]:
    t = transitions[name]
    async with db.transaction():
        rows = await db.fetch(
            f"UPDATE {table} x SET status = {{}}, status_reason = {{}}, updated_at = {{}}"  # noqa: S608 (fixed table names)
            f" FROM (SELECT id, status AS old FROM {table} WHERE id = {{}} FOR UPDATE) o"
            " WHERE x.id = o.id AND o.old = ANY({}) RETURNING x.*, o.old",
            t.target,
            reason,
            clock.now(),
            entity_id,
            list(t.sources),
        )
        if not rows:
            current = await db.fetch(f"SELECT status FROM {table} WHERE id = {{}}", entity_id)  # noqa: S608
            if not current:
                raise NotFound(f"No such {entity.replace('_', ' ')}.", code=f"{entity}_not_found")
            status = current[0]["status"]
            raise Conflict(
                f"This {entity.replace('_', ' ')} is {labels.get(status, status)} ({status}); "
                f"the step {name!r} does not apply.",
                code=f"{entity}_wrong_state",
                current_status=status,
                transition=name,
            )
        row = rows[0]
        await audit.record(
            actor,
            f"{entity}.{name}",
            entity,
            entity_id,
            {"from": row["old"], "to": t.target, "reason": reason},
            institution_id=row.get("institution_id"),
        )
        return row


async def apply_series(actor: Actor, series_id: uuid.UUID, name: str, *, reason: str = "") -> dict[str, Any]:
    return await _apply_simple(
        actor,
        "treatment_series",
        "treatment_series",
        SERIES_TRANSITIONS,
        SERIES_STATUS_LABELS,
        series_id,
        name,
        reason,
    )


async def apply_order(actor: Actor, order_id: uuid.UUID, name: str, *, reason: str = "") -> dict[str, Any]:
    return await _apply_simple(
        actor, "exam_order", "exam_order", ORDER_TRANSITIONS, ORDER_STATUS_LABELS, order_id, name, reason
    )
