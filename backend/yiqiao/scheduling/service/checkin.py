"""Check-in (签到): online within the window (and the campus geofence when it has one), at a
kiosk for the citizen standing at it, or at the clinic desk; then the patient joins the queue of
the doctor's session. A patient who was passed (过号) checks in again to rejoin after N others.

Checking in twice is harmless: the second call answers with the patient's place in the queue."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from yiqiao import db
from yiqiao.identity.service import directory
from yiqiao.identity.service.access import patients_spoken_for, require_patient_access
from yiqiao.kit import clock
from yiqiao.kit.actor import Actor
from yiqiao.kit.errors import Conflict, Forbidden, NotFound
from yiqiao.scheduling import geofence, lifecycle, queue
from yiqiao.scheduling.queue_types import CheckInVia, Position, QueueStatusView
from yiqiao.scheduling.service import queue_views
from yiqiao.scheduling.views import local_stamp

_APPOINTMENT = (
    "SELECT a.*, s.ends_at AS session_ends_at FROM appointment a JOIN schedule s ON s.id = a.schedule_id"
    " WHERE a.id = {}"
)
QUEUED = ("checked_in", "called")


async def lock_session(schedule_id: uuid.UUID) -> None:
    """Serialise changes to one session's queue (tickets, calling next) within the transaction."""
    await db.execute("SELECT pg_advisory_xact_lock(hashtextextended({}, 7))", f"queue:{schedule_id}")


async def visible_appointment(actor: Actor, appointment_id: uuid.UUID) -> dict[str, Any]:
    rows = await db.fetch(_APPOINTMENT, appointment_id)
    if not rows:
        raise NotFound("No such booking.", code="booking_not_found")
    try:
        await require_patient_access(actor, rows[0]["patient_id"])
    except NotFound:
        raise NotFound("No such booking.", code="booking_not_found") from None
    return rows[0]


def _require_channel(actor: Actor, via: CheckInVia, a: dict[str, Any]) -> None:
    if via == "online" and actor.kind != "patient":
        raise Forbidden("Online check-in is for the patient app.", code="checkin_channel")
    if via == "kiosk" and (actor.kind != "kiosk" or actor.citizen_patient_id != a["patient_id"]):
        raise Forbidden("Kiosk check-in is for the citizen signed in at the kiosk.", code="checkin_channel")
    if via in ("kiosk", "desk") and actor.institution_id != a["institution_id"]:
        raise Forbidden("This booking is at another campus; check in there.", code="checkin_other_campus")
    if via == "desk" and actor.kind != "staff":
        raise Forbidden("Desk check-in is for hospital staff.", code="checkin_channel")


def _require_window(via: CheckInVia, a: dict[str, Any], now: dt.datetime) -> None:
    opens = queue_views.checkin_opens_at(a["band_start"])
    closes = a["band_end"] if via == "online" else a["session_ends_at"]
    if now < opens:
        raise Conflict(
            f"Check-in opens at {local_stamp(opens)} (Beijing time).",
            code="checkin_not_open",
            opens_at=opens.isoformat(),
        )
    if now > closes:
        raise Conflict(
            "Online check-in has closed for this time band; please check in at a kiosk or the clinic desk."
            if via == "online"
            else "This session is over; please ask at the clinic desk.",
            code="checkin_closed",
        )


async def _is_return_visit(a: dict[str, Any]) -> bool:
    """回检: back the same day, with results, to a department that saw the patient earlier today."""
    rows = await db.fetch(
        "SELECT 1 FROM appointment WHERE patient_id = {} AND department_id = {} AND day = {}"
        " AND status = 'completed' AND id <> {} LIMIT 1",
        a["patient_id"],
        a["department_id"],
        a["day"],
        a["id"],
    )
    return bool(rows)


async def _waiting_in_order(schedule_id: uuid.UUID, except_id: uuid.UUID) -> list[queue_views.Entry]:
    snap = await queue_views.snapshot(schedule_id)
    return [e for e in snap.waiting if e.row["appointment_id"] != except_id]


async def place_after_others(a: dict[str, Any], now: dt.datetime) -> None:
    """Put a skipped or returning patient back in after N others (``scheduling.queue``)."""
    lane, sort_at, seq = queue.place_after_others(await _waiting_in_order(a["schedule_id"], a["id"]), now)
    await db.execute(
        "UPDATE queue_entry SET lane = {}, sort_at = {}, seq = coalesce({}::numeric, nextval('queue_seq')),"
        " rejoined_at = {} WHERE appointment_id = {}",
        lane,
        sort_at,
        seq,
        now,
        a["id"],
    )


async def _join(a: dict[str, Any], via: CheckInVia, now: dt.datetime) -> None:
    age = queue.age_on(await directory.birth_date_of(a["patient_id"]), a["day"])
    reason = queue.priority_reason(age, await _is_return_visit(a))
    await db.execute(
        "INSERT INTO queue_entry (appointment_id, schedule_id, patient_id, institution_id, department_id,"
        " doctor_id, ticket_no, lane, priority_reason, sort_at, checked_in_via, checked_in_at)"
        " SELECT {}, {}, {}, {}, {}, {},"
        "  (SELECT coalesce(max(ticket_no), 0) + 1 FROM queue_entry WHERE schedule_id = {}),"
        "  {}, {}, {}, {}, {}",
        a["id"],
        a["schedule_id"],
        a["patient_id"],
        a["institution_id"],
        a["department_id"],
        a["doctor_id"],
        a["schedule_id"],
        queue.lane_of(reason),
        reason,
        queue.arrival_key(now, a["band_start"]),
        via,
        now,
    )


async def check_in(
    actor: Actor, appointment_id: uuid.UUID, via: CheckInVia, position: Position | None = None
) -> QueueStatusView:
    a = await visible_appointment(actor, appointment_id)
    _require_channel(actor, via, a)
    if a["status"] not in QUEUED:
        _require_window(via, a, clock.now())
        if via == "online":
            await geofence.require_on_campus(a["institution_id"], position)
        try:
            async with db.transaction():
                await lock_session(a["schedule_id"])
                now = clock.now()
                if a["status"] == "passed":
                    await lifecycle.apply(actor, appointment_id, "rejoin", reason=f"checked in again ({via})")
                    await place_after_others(a, now)
                else:
                    await lifecycle.apply(actor, appointment_id, lifecycle.CHECK_INS[via], reason=via)
                    await _join(a, via, now)
        except Conflict as exc:
            if exc.extra.get("current_status") not in QUEUED:  # a racing check-in of the same booking won
                raise
        await queue_views.publish(a["schedule_id"])
    return await queue_status(actor, appointment_id)


async def queue_status(actor: Actor, appointment_id: uuid.UUID) -> QueueStatusView:
    """One booking's place in its queue (or when its check-in opens)."""
    a = await visible_appointment(actor, appointment_id)
    s = await queue_views.session_row(a["schedule_id"])
    snap = await queue_views.snapshot(a["schedule_id"])
    return queue_views.status_view(snap, a, s["doctor_name"], snap.department_name, s["room"])


async def my_queue(actor: Actor) -> list[QueueStatusView]:
    """Today's bookings of the signed-in account's profiles (or of the citizen at the kiosk) that
    are still to be seen, with their place in the queue."""
    ids = await patients_spoken_for(actor)
    if ids is None:
        raise Forbidden("Only a patient or the citizen at a kiosk has a queue place.", code="not_a_patient")
    today = clock.local(clock.now()).date()
    rows = await db.fetch(
        "SELECT id FROM appointment WHERE patient_id = ANY({}) AND day = {}"
        " AND status IN ('confirmed', 'checked_in', 'called', 'passed') ORDER BY band_start",
        ids,
        today,
    )
    return [await queue_status(actor, r["id"]) for r in rows]
