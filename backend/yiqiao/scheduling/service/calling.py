"""Calling (叫号): the doctor of a session, or a nurse of its clinic, calls the next patient, calls
one again, skips one (顺延: back after N others) or passes one (过号: out of the queue until they
check in again), completes a consultation, and sets the room shown on the boards. Each step is a
named transition of the appointment machine (``scheduling.lifecycle``), audited, taken under the
session's queue lock, then published to the patients and the call boards."""

from __future__ import annotations

import uuid
from typing import Any

from yiqiao import db
from yiqiao.audit import service as audit
from yiqiao.kit import clock, realtime
from yiqiao.kit.actor import Actor
from yiqiao.kit.errors import Forbidden, NotFound
from yiqiao.outbox import service as outbox
from yiqiao.scheduling import lifecycle
from yiqiao.scheduling.queue_types import QueueView, RoomCommand
from yiqiao.scheduling.service import queue_views
from yiqiao.scheduling.service.checkin import lock_session, place_after_others

CLINIC_NURSES = ("nurse", "head_nurse")


def require_queue_staff(actor: Actor, s: dict[str, Any]) -> None:
    """The session's doctor, a nurse of its department, or an administrator of its institution."""
    if actor.kind == "staff" and (
        actor.id == s["doctor_id"]
        or (set(actor.roles) & set(CLINIC_NURSES) and actor.department_id == s["department_id"])
        or ("admin" in actor.roles and actor.institution_id == s["institution_id"])
    ):
        return
    raise Forbidden("Only the session's doctor or its clinic nurses run this queue.", code="not_queue_staff")


async def _session(actor: Actor, schedule_id: uuid.UUID) -> dict[str, Any]:
    s = await queue_views.session_row(schedule_id)
    require_queue_staff(actor, s)
    return s


async def _entry(actor: Actor, appointment_id: uuid.UUID) -> dict[str, Any]:
    rows = await db.fetch(
        "SELECT q.*, a.id, a.band_start, a.booking_no FROM queue_entry q"
        " JOIN appointment a ON a.id = q.appointment_id WHERE q.appointment_id = {}",
        appointment_id,
    )
    if not rows:
        raise NotFound("This booking is not in a queue.", code="not_in_queue")
    await _session(actor, rows[0]["schedule_id"])
    return rows[0]


async def _called_notice(row: dict[str, Any], room: str, call_count: int) -> None:
    """The patient's own "it is your turn" message, through the outbox (it must not be lost)."""
    await outbox.enqueue(
        "pubsub",
        "queue.called",
        {
            "channel": realtime.channel("patient", row["patient_id"]),
            "type": "queue.called",
            "data": {
                "appointment_id": str(row["appointment_id"]),
                "ticket_label": queue_views.ticket_label(row["ticket_no"]),
                "room": room,
                "call_count": call_count,
            },
        },
        f"queue:{row['appointment_id']}:called:{call_count}",
    )


async def _finish_current(actor: Actor, schedule_id: uuid.UUID) -> None:
    rows = await db.fetch(
        "SELECT q.appointment_id FROM queue_entry q JOIN appointment a ON a.id = q.appointment_id"
        " WHERE q.schedule_id = {} AND a.status = 'called'",
        schedule_id,
    )
    for r in rows:
        await _complete(actor, r["appointment_id"])


async def _complete(actor: Actor, appointment_id: uuid.UUID) -> None:
    await lifecycle.apply(actor, appointment_id, "complete")
    await db.execute(
        "UPDATE queue_entry SET finished_at = {} WHERE appointment_id = {}", clock.now(), appointment_id
    )


async def _call(actor: Actor, row: dict[str, Any], name: str, room: str) -> None:
    await lifecycle.apply(actor, row["appointment_id"], name)
    rows = await db.fetch(
        "UPDATE queue_entry SET called_at = {}, call_count = call_count + 1 WHERE appointment_id = {}"
        " RETURNING call_count",
        clock.now(),
        row["appointment_id"],
    )
    await _called_notice(row, room, rows[0]["call_count"])


async def call_next(actor: Actor, schedule_id: uuid.UUID) -> QueueView:
    """下一位: the patient being seen is done; the first waiting patient is called."""
    s = await _session(actor, schedule_id)
    async with db.transaction():
        await lock_session(schedule_id)
        await _finish_current(actor, schedule_id)
        snap = await queue_views.snapshot(schedule_id)
        if snap.waiting:
            await _call(actor, snap.waiting[0].row, "call", s["room"])
    return await _after(schedule_id)


async def recall(actor: Actor, appointment_id: uuid.UUID) -> QueueView:
    """重呼: call the called patient again."""
    row = await _entry(actor, appointment_id)
    s = await queue_views.session_row(row["schedule_id"])
    async with db.transaction():
        await lock_session(row["schedule_id"])
        await _call(actor, row, "recall", s["room"])
    return await _after(row["schedule_id"])


async def skip(actor: Actor, appointment_id: uuid.UUID) -> QueueView:
    """顺延: not ready yet (or not in the room when called); back in after N others."""
    row = await _entry(actor, appointment_id)
    async with db.transaction():
        await lock_session(row["schedule_id"])
        await lifecycle.apply(actor, appointment_id, "skip")
        await place_after_others({**row, "id": appointment_id}, clock.now())
    return await _after(row["schedule_id"])


async def pass_(actor: Actor, appointment_id: uuid.UUID) -> QueueView:
    """过号: not there; out of the queue until they check in again (then back after N others)."""
    row = await _entry(actor, appointment_id)
    async with db.transaction():
        await lock_session(row["schedule_id"])
        await lifecycle.apply(actor, appointment_id, "pass")
        await db.execute(
            "UPDATE queue_entry SET passed_at = {} WHERE appointment_id = {}", clock.now(), appointment_id
        )
    return await _after(row["schedule_id"])


async def complete(actor: Actor, appointment_id: uuid.UUID) -> QueueView:
    """The consultation is over (without calling the next patient yet)."""
    row = await _entry(actor, appointment_id)
    async with db.transaction():
        await lock_session(row["schedule_id"])
        await _complete(actor, appointment_id)
    return await _after(row["schedule_id"])


async def set_room(actor: Actor, schedule_id: uuid.UUID, cmd: RoomCommand) -> QueueView:
    s = await _session(actor, schedule_id)
    async with db.transaction():
        await db.execute(
            "INSERT INTO queue_room (schedule_id, room, set_by, set_at) VALUES ({}, {}, {}, {})"
            " ON CONFLICT (schedule_id) DO UPDATE SET room = EXCLUDED.room, set_by = EXCLUDED.set_by,"
            " set_at = EXCLUDED.set_at",
            schedule_id,
            cmd.room,
            actor.label,
            clock.now(),
        )
        await audit.record(
            actor, "schedule.set_room", "schedule", schedule_id, {"room": cmd.room}, s["institution_id"]
        )
    return await _after(schedule_id)


async def get_queue(actor: Actor, schedule_id: uuid.UUID) -> QueueView:
    await _session(actor, schedule_id)
    return await queue_views.queue_view(await queue_views.snapshot(schedule_id))


async def today(actor: Actor) -> list[QueueView]:
    """Today's queues this clinician runs: a doctor's own sessions, a nurse's department's."""
    if actor.kind != "staff" or actor.id is None:
        raise Forbidden("Only hospital staff run clinic queues.", code="not_staff")
    day = clock.local(clock.now()).date()
    rows = await db.fetch(
        "SELECT id, doctor_id, department_id, institution_id FROM schedule WHERE day = {}"
        " AND status = 'open' AND (doctor_id = {} OR department_id = {}) ORDER BY starts_at",
        day,
        actor.id,
        actor.department_id,
    )
    out: list[QueueView] = []
    for r in rows:
        try:
            require_queue_staff(actor, r)
        except Forbidden:
            continue
        out.append(await queue_views.queue_view(await queue_views.snapshot(r["id"])))
    return out


async def _after(schedule_id: uuid.UUID) -> QueueView:
    await queue_views.publish(schedule_id)
    return await queue_views.queue_view(await queue_views.snapshot(schedule_id))
