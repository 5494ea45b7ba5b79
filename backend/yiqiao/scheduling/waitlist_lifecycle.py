"""The waitlist (候补) state machine, in one place.

    (join) ──▶ waiting ──allocate──▶ allocated ──confirm──▶ booked     (paid in time)
               waiting ──allocate_free──▶ booked                       (free registration)
               allocated ──lapse──▶ lapsed        (hold expired; the next waiter is offered the slot)
               waiting ──leave──▶ left            (the patient leaves the queue)
               waiting ──close──▶ closed          (booked directly, session stopped or started)

Each transition is one conditional UPDATE and one audit entry, in the caller's transaction."""

from __future__ import annotations

import uuid
from typing import Any

import msgspec

from yiqiao import db
from yiqiao.audit import service as audit
from yiqiao.kit import clock
from yiqiao.kit.actor import Actor
from yiqiao.kit.errors import Conflict, NotFound

OPEN = ("waiting", "allocated")


class Transition(msgspec.Struct, frozen=True):
    sources: tuple[str, ...]
    target: str


TRANSITIONS: dict[str, Transition] = {
    "allocate": Transition(("waiting",), "allocated"),
    "allocate_free": Transition(("waiting",), "booked"),
    "confirm": Transition(("allocated",), "booked"),
    "lapse": Transition(("allocated",), "lapsed"),
    "leave": Transition(("waiting",), "left"),
    "close": Transition(("waiting",), "closed"),
}


async def record_joined(actor: Actor, entry_id: uuid.UUID, schedule_id: uuid.UUID) -> None:
    await audit.record(
        actor, "waitlist.join", "waitlist_entry", entry_id, {"to": "waiting", "schedule_id": str(schedule_id)}
    )


async def apply(
    actor: Actor,
    entry_id: uuid.UUID,
    name: str,
    *,
    appointment_id: uuid.UUID | None = None,
    reason: str = "",
) -> dict[str, Any]:
    t = TRANSITIONS[name]
    async with db.transaction():
        rows = await db.fetch(
            "UPDATE waitlist_entry w SET status = {}, updated_at = {},"
            " appointment_id = coalesce({}, w.appointment_id)"
            " FROM (SELECT id, status AS old FROM waitlist_entry WHERE id = {} FOR UPDATE) o"
            " WHERE w.id = o.id AND o.old = ANY({}) RETURNING w.*, o.old",
            t.target,
            clock.now(),
            appointment_id,
            entry_id,
            list(t.sources),
        )
        if not rows:
            now = await db.fetch("SELECT status FROM waitlist_entry WHERE id = {}", entry_id)
            if not now:
                raise NotFound("No such waitlist entry.", code="waitlist_not_found")
            raise Conflict(
                f"This waitlist entry is {now[0]['status']}; it cannot take the step {name!r}.",
                code="waitlist_wrong_state",
                status=now[0]["status"],
                transition=name,
            )
        row = rows[0]
        detail: dict[str, Any] = {"from": row["old"], "to": t.target, "reason": reason}
        if appointment_id is not None:
            detail["appointment_id"] = str(appointment_id)
        await audit.record(actor, f"waitlist.{name}", "waitlist_entry", entry_id, detail)
        return row
