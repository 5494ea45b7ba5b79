"""The clinic day in the app: check in (签到) within the window, and my place in the queue (also
pushed live over /ws as ``queue.position`` and ``queue.called``)."""

from __future__ import annotations

import uuid

from bff_common.auth import CurrentActor
from litestar import Controller, get, post
from litestar.params import FromPath, JSONBody
from yiqiao.scheduling.queue_types import OnlineCheckIn, QueueStatusView
from yiqiao.scheduling.service import checkin


class ClinicDayController(Controller):
    path = "/clinic"
    tags = ["clinic day"]

    @post(
        "/check-in/{appointment_id:uuid}",
        status_code=200,
        summary="Check in online (send the phone's position where the campus asks for it)",
    )
    async def check_in(
        self, actor: CurrentActor, appointment_id: FromPath[uuid.UUID], data: JSONBody[OnlineCheckIn]
    ) -> QueueStatusView:
        return await checkin.check_in(actor, appointment_id, "online", data.position)

    @get("/queue", summary="Today's bookings of my profiles with their place in the queue")
    async def my_queue(self, actor: CurrentActor) -> list[QueueStatusView]:
        return await checkin.my_queue(actor)

    @get("/queue/{appointment_id:uuid}", summary="One booking's place in the queue and estimated wait")
    async def queue_status(self, actor: CurrentActor, appointment_id: FromPath[uuid.UUID]) -> QueueStatusView:
        return await checkin.queue_status(actor, appointment_id)
