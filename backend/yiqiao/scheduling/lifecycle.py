"""The appointment state machine, in one place.

    (create) ──hold──────────▶ held ──confirm_payment──▶ confirmed ──check_in──▶ checked_in
    (create) ──confirm_free──────────────────────────────▶ confirmed
    held ──expire_hold──▶ expired          (slot back to the pool, then to the first waiter)
    held | confirmed ──cancel──▶ cancelled (slot back to the pool, then to the first waiter)
    held | confirmed ──stop_clinic──▶ cancelled   (the session is stopped: no slot to return)
    confirmed ──mark_no_show──▶ no_show    (after the session; feeds the credit rule)

The clinic day (签到, 候诊, 叫号; ordering rules in ``scheduling.queue``):

    confirmed ──check_in (at the desk) | check_in_online | check_in_kiosk──▶ checked_in
    checked_in ──call──▶ called ──complete──▶ completed
    called ──recall──▶ called                       (called again: the patient has not come in yet)
    checked_in | called ──skip──▶ checked_in        (顺延: put back after N others, still in the queue)
    checked_in | called ──pass──▶ passed            (过号: not there; out of the queue)
    passed ──rejoin──▶ checked_in                   (checks in again: back in after N others)

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

ACTIVE = ("held", "confirmed", "checked_in", "called", "passed")


class Transition(msgspec.Struct, frozen=True):
    sources: tuple[str, ...]
    target: str
    returns_slot: bool = False


# How a booking starts: with a fee it is held for payment, without one it is confirmed at once.
CREATIONS: dict[str, str] = {"hold": "held", "confirm_free": "confirmed"}

TRANSITIONS: dict[str, Transition] = {
    "confirm_payment": Transition(("held",), "confirmed"),
    "expire_hold": Transition(("held",), "expired", returns_slot=True),
    "cancel": Transition(("held", "confirmed"), "cancelled", returns_slot=True),
    "stop_clinic": Transition(("held", "confirmed"), "cancelled"),
    "mark_no_show": Transition(("confirmed",), "no_show"),
    "check_in": Transition(("confirmed",), "checked_in"),
    "check_in_online": Transition(("confirmed",), "checked_in"),
    "check_in_kiosk": Transition(("confirmed",), "checked_in"),
    "call": Transition(("checked_in",), "called"),
    "recall": Transition(("called",), "called"),
    "skip": Transition(("checked_in", "called"), "checked_in"),
    "pass": Transition(("checked_in", "called"), "passed"),
    "rejoin": Transition(("passed",), "checked_in"),
    "complete": Transition(("called",), "completed"),
}
# How a patient checks in, by where they do it.
CHECK_INS: dict[str, str] = {"desk": "check_in", "online": "check_in_online", "kiosk": "check_in_kiosk"}

_STATUS_WORDS = {
    "held": "waiting for payment",
    "confirmed": "confirmed",
    "checked_in": "checked in",
    "called": "being seen",
    "passed": "passed (过号: missed the call; check in again to rejoin the queue)",
    "completed": "completed",
    "cancelled": "cancelled",
    "expired": "expired (not paid in time)",
    "no_show": "marked as a no-show",
}


async def record_created(actor: Actor, row: dict[str, Any]) -> None:
    """Audit the creation of a booking (``hold`` or ``confirm_free``)."""
    name = "hold" if row["status"] == "held" else "confirm_free"
    assert CREATIONS[name] == row["status"]
    await audit.record(
        actor,
        f"appointment.{name}",
        "appointment",
        row["id"],
        {
            "to": row["status"],
            "booking_no": row["booking_no"],
            "schedule_id": str(row["schedule_id"]),
            "patient_id": str(row["patient_id"]),
            "pool": row["pool"],
            "fee_fen": row["fee_fen"],
        },
        institution_id=row["institution_id"],
    )


async def apply(actor: Actor, appointment_id: uuid.UUID, name: str, *, reason: str = "") -> dict[str, Any]:
    """Apply transition ``name``; raises Conflict when the booking is not in a source state."""
    t = TRANSITIONS[name]
    async with db.transaction():
        rows = await db.fetch(
            "UPDATE appointment a SET status = {}, status_reason = {}, updated_at = {},"
            " hold_expires_at = CASE WHEN {} = 'held' THEN a.hold_expires_at END"
            " FROM (SELECT id, status AS old FROM appointment WHERE id = {} FOR UPDATE) o"
            " WHERE a.id = o.id AND o.old = ANY({}) RETURNING a.*, o.old",
            t.target,
            reason,
            clock.now(),
            t.target,
            appointment_id,
            list(t.sources),
        )
        if not rows:
            now = await db.fetch("SELECT status FROM appointment WHERE id = {}", appointment_id)
            if not now:
                raise NotFound("No such booking.", code="booking_not_found")
            status = now[0]["status"]
            raise Conflict(
                f"This booking is {_STATUS_WORDS.get(status, status)}; the step {name!r} does not apply.",
                code="booking_wrong_state",
                status=status,
                transition=name,
            )
        row = rows[0]
        await audit.record(
            actor,
            f"appointment.{name}",
            "appointment",
            appointment_id,
            {"from": row["old"], "to": t.target, "reason": reason, "booking_no": row["booking_no"]},
            institution_id=row["institution_id"],
        )
        if t.returns_slot:
            from yiqiao.scheduling.service import slots

            await slots.give_back(actor, row["slot_pool_id"], row["schedule_id"])
        return row
