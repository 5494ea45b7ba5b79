"""The exam room's side of a booking: check-in (签到: online in the app within the window and the
campus geofence, at a kiosk for the citizen standing at it, or by the technician at the room) so the
patient goes straight to the room (5.1.1-6), and completing the exam or session. Checking in twice
is harmless: the second call answers with the booking as it is."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from yiqiao import db
from yiqiao.identity.service.access import patients_spoken_for
from yiqiao.kit import clock
from yiqiao.kit.actor import Actor
from yiqiao.kit.errors import Conflict, Forbidden, NotFound
from yiqiao.scheduling import geofence
from yiqiao.scheduling.medtech import lifecycle
from yiqiao.scheduling.medtech.service import common, orders, resources, series
from yiqiao.scheduling.medtech.types import ExamBookingView
from yiqiao.scheduling.queue_types import CheckInVia, Position
from yiqiao.scheduling.service.queue_views import checkin_opens_at
from yiqiao.scheduling.views import local_stamp


def _require_channel(actor: Actor, via: CheckInVia, r: dict[str, Any], resource: dict[str, Any]) -> None:
    if via == "online" and actor.kind != "patient":
        raise Forbidden("Online check-in is for the patient app.", code="checkin_channel")
    if via == "kiosk":
        if actor.kind != "kiosk" or actor.citizen_patient_id != r["patient_id"]:
            raise Forbidden(
                "Kiosk check-in is for the citizen signed in at the kiosk.", code="checkin_channel"
            )
        if actor.institution_id != r["institution_id"]:
            raise Forbidden("This exam is at another campus; check in there.", code="checkin_other_campus")
    if via == "desk":
        if actor.kind != "staff":
            raise Forbidden("Desk check-in is for hospital staff.", code="checkin_channel")
        resources.require_resource_staff(actor, resource)


def _end_of_day(t: dt.datetime) -> dt.datetime:
    day = clock.local(t).date() + dt.timedelta(days=1)
    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=clock.SHANGHAI).astimezone(dt.UTC)


def _require_window(via: CheckInVia, r: dict[str, Any], now: dt.datetime) -> None:
    opens = checkin_opens_at(r["band_start"])
    closes = r["band_end"] if via == "online" else _end_of_day(r["band_start"])
    if now < opens:
        raise Conflict(
            f"Check-in opens at {local_stamp(opens)} (Beijing time).",
            code="checkin_not_open",
            opens_at=opens.isoformat(),
        )
    if now > closes:
        raise Conflict(
            "Online check-in has closed for this time band; please check in at a kiosk or at the room."
            if via == "online"
            else "This exam day is over; please book again.",
            code="checkin_closed",
        )


async def check_in(
    actor: Actor, booking_id: uuid.UUID, via: CheckInVia, position: Position | None = None
) -> ExamBookingView:
    r = await common.visible_booking(actor, booking_id)
    resource = await resources.resource_row(r["resource_id"])
    _require_channel(actor, via, r, resource)
    if r["status"] != "checked_in":
        if r["status"] == "booked":
            _require_window(via, r, clock.now())
            if via == "online":
                await geofence.require_on_campus(r["institution_id"], position)
        try:
            await lifecycle.apply(actor, booking_id, "check_in", reason=via)
        except Conflict as exc:
            # A racing check-in of the same booking won: that is fine.
            if exc.extra.get("current_status") != "checked_in":
                raise
    return (await common.views(await common.booking_rows("b.id = {}", booking_id)))[0]


async def complete(actor: Actor, booking_id: uuid.UUID) -> ExamBookingView:
    """The technician marks the exam (or session) done; the order and course follow."""
    rows = await common.booking_rows("b.id = {}", booking_id)
    if not rows:
        raise NotFound("No such exam booking.", code="exam_booking_not_found")
    resources.require_resource_staff(actor, await resources.resource_row(rows[0]["resource_id"]))
    async with db.transaction():
        row = await lifecycle.apply(actor, booking_id, "complete", reason="done")
        await orders.settle(actor, row["order_id"])
        if row["series_id"] is not None:
            await series.settle(actor, row["series_id"])
    return (await common.views(await common.booking_rows("b.id = {}", booking_id)))[0]


async def today(actor: Actor) -> list[ExamBookingView]:
    """Today's exams and sessions of the signed-in account's profiles (or the citizen at the kiosk)."""
    ids = await patients_spoken_for(actor)
    if ids is None:
        raise Forbidden("Only a patient or the citizen at a kiosk has exams today.", code="not_a_patient")
    rows = await common.booking_rows(
        "b.patient_id = ANY({}) AND b.day = {} AND b.status IN ('booked', 'checked_in', 'completed')"
        " ORDER BY b.band_start",
        ids,
        clock.local(clock.now()).date(),
    )
    return await common.views(rows)
