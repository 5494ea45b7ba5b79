"""Today's clinic queues (叫号): the queue per session and room, call next, recall, skip (顺延),
pass (过号), complete, the room on the boards, and check-in at the clinic desk."""

from __future__ import annotations

import uuid

from bff_common.auth import CurrentActor
from litestar import Controller, get, post, put
from litestar.params import FromPath, JSONBody
from yiqiao.scheduling.queue_types import QueueStatusView, QueueView, RoomCommand
from yiqiao.scheduling.service import calling, checkin


class QueueController(Controller):
    path = "/queue"
    tags = ["queue"]

    @get("/today", summary="Today's queues I run (my sessions; a nurse's department's)")
    async def today(self, actor: CurrentActor) -> list[QueueView]:
        return await calling.today(actor)

    @get("/{schedule_id:uuid}", summary="One session's queue: calling, waiting in order, passed")
    async def get_queue(self, actor: CurrentActor, schedule_id: FromPath[uuid.UUID]) -> QueueView:
        return await calling.get_queue(actor, schedule_id)

    @post(
        "/{schedule_id:uuid}/call-next",
        status_code=200,
        summary="下一位: finish the current patient, call the next",
    )
    async def call_next(self, actor: CurrentActor, schedule_id: FromPath[uuid.UUID]) -> QueueView:
        return await calling.call_next(actor, schedule_id)

    @put("/{schedule_id:uuid}/room", summary="The consulting room shown on the call boards")
    async def set_room(
        self, actor: CurrentActor, schedule_id: FromPath[uuid.UUID], data: JSONBody[RoomCommand]
    ) -> QueueView:
        return await calling.set_room(actor, schedule_id, data)

    @post("/entries/{appointment_id:uuid}/recall", status_code=200, summary="重呼: call the patient again")
    async def recall(self, actor: CurrentActor, appointment_id: FromPath[uuid.UUID]) -> QueueView:
        return await calling.recall(actor, appointment_id)

    @post("/entries/{appointment_id:uuid}/skip", status_code=200, summary="顺延: back in after a few others")
    async def skip(self, actor: CurrentActor, appointment_id: FromPath[uuid.UUID]) -> QueueView:
        return await calling.skip(actor, appointment_id)

    @post(
        "/entries/{appointment_id:uuid}/pass",
        status_code=200,
        summary="过号: out of the queue until the patient checks in again",
    )
    async def pass_(self, actor: CurrentActor, appointment_id: FromPath[uuid.UUID]) -> QueueView:
        return await calling.pass_(actor, appointment_id)

    @post("/entries/{appointment_id:uuid}/complete", status_code=200, summary="The consultation is over")
    async def complete(self, actor: CurrentActor, appointment_id: FromPath[uuid.UUID]) -> QueueView:
        return await calling.complete(actor, appointment_id)

    @post(
        "/entries/{appointment_id:uuid}/check-in", status_code=200, summary="Check a patient in at the desk"
    )
    async def desk_check_in(
        self, actor: CurrentActor, appointment_id: FromPath[uuid.UUID]
    ) -> QueueStatusView:
        return await checkin.check_in(actor, appointment_id, "desk")
