"""Exam and treatment rooms for staff (医技): the rooms I run, a room's day list (patients masked),
check-in at the room and completing an exam or session, marking a room down for an equipment
failure (its patients are told and offered other times) and back up; and a doctor ordering an exam
or a course of treatment for a patient (诊间开单, with an Idempotency-Key)."""

from __future__ import annotations

import datetime as dt
import uuid

from bff_common.auth import CurrentActor
from bff_common.idempotency import IdempotencyHeader
from litestar import Controller, get, post
from litestar.params import FromPath, FromQuery, JSONBody
from litestar.status_codes import HTTP_201_CREATED
from yiqiao.scheduling.medtech.service import desk, orders, outages, resources
from yiqiao.scheduling.medtech.types import (
    ExamBookingView,
    ExamItemView,
    ExamOrderView,
    OutageCommand,
    OutageEnded,
    OutageResult,
    PlaceOrder,
    ResourceDayView,
    ResourceView,
)


class MedtechRoomController(Controller):
    path = "/medtech"
    tags = ["exam rooms"]

    @get("/items", summary="The exam and treatment catalogue, with preparation notes")
    async def exam_items(self, actor: CurrentActor) -> list[ExamItemView]:
        return await resources.items()

    @get("/resources", summary="The exam and treatment rooms I run (my department's)")
    async def my_exam_resources(self, actor: CurrentActor) -> list[ResourceView]:
        return await resources.my_resources(actor)

    @get("/resources/{resource_id:uuid}/day", summary="A room's day: every band with its patients (masked)")
    async def exam_resource_day(
        self, actor: CurrentActor, resource_id: FromPath[uuid.UUID], day: FromQuery[dt.date | None] = None
    ) -> ResourceDayView:
        return await resources.day_view(actor, resource_id, day)

    @post(
        "/resources/{resource_id:uuid}/outages",
        status_code=HTTP_201_CREATED,
        summary="Equipment failure: the room is down until a time; its patients are told and offered others",
    )
    async def mark_exam_resource_down(
        self, actor: CurrentActor, resource_id: FromPath[uuid.UUID], data: JSONBody[OutageCommand]
    ) -> OutageResult:
        return await outages.mark_down(actor, resource_id, data)

    @post(
        "/resources/{resource_id:uuid}/outages/{outage_id:uuid}/end",
        status_code=200,
        summary="The room works again: reopen its bands still to come",
    )
    async def end_exam_resource_outage(
        self, actor: CurrentActor, resource_id: FromPath[uuid.UUID], outage_id: FromPath[uuid.UUID]
    ) -> OutageEnded:
        return await outages.end_outage(actor, resource_id, outage_id)

    @post("/bookings/{booking_id:uuid}/check-in", status_code=200, summary="Check a patient in at the room")
    async def check_in_exam_at_room(
        self, actor: CurrentActor, booking_id: FromPath[uuid.UUID]
    ) -> ExamBookingView:
        return await desk.check_in(actor, booking_id, "desk")

    @post("/bookings/{booking_id:uuid}/complete", status_code=200, summary="The exam or session is done")
    async def complete_exam(self, actor: CurrentActor, booking_id: FromPath[uuid.UUID]) -> ExamBookingView:
        return await desk.complete(actor, booking_id)

    @post(
        "/orders",
        status_code=HTTP_201_CREATED,
        summary="Order an exam, or a course of treatment sessions, for a patient (诊间开单)",
    )
    async def place_exam_order(
        self, actor: CurrentActor, data: JSONBody[PlaceOrder], idempotency_key: IdempotencyHeader
    ) -> ExamOrderView:
        return await orders.place(actor, data, idempotency_key)


MEDTECH_ROUTES = [MedtechRoomController]
