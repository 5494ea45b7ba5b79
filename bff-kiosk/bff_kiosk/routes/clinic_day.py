"""The clinic day at the kiosk: check in the citizen, their place in the queue, the printable slip
(PDF with the Chinese font embedded), and the call boards (live over /ws as ``queue.board``)."""

from __future__ import annotations

import uuid

from bff_common.auth import CurrentActor
from litestar import Controller, Response, get, post
from litestar.params import FromPath
from yiqiao.scheduling.queue_types import BoardView, QueueStatusView
from yiqiao.scheduling.service import checkin, queue_views
from yiqiao.scheduling.slip import booking_slip

from bff_kiosk.citizen import CitizenHeader, as_citizen


class KioskClinicController(Controller):
    path = "/clinic"
    tags = ["clinic day"]

    @post("/check-in/{appointment_id:uuid}", status_code=200, summary="Check the citizen in for a booking")
    async def check_in(
        self, actor: CurrentActor, session_token: CitizenHeader, appointment_id: FromPath[uuid.UUID]
    ) -> QueueStatusView:
        return await checkin.check_in(await as_citizen(actor, session_token), appointment_id, "kiosk")

    @get("/queue", summary="The citizen's bookings today with their place in the queue")
    async def my_queue(self, actor: CurrentActor, session_token: CitizenHeader) -> list[QueueStatusView]:
        return await checkin.my_queue(await as_citizen(actor, session_token))

    @get(
        "/slip/{appointment_id:uuid}",
        summary="A printable slip (PDF, Chinese font embedded) for one of the citizen's bookings",
        media_type="application/pdf",
    )
    async def slip(
        self, actor: CurrentActor, session_token: CitizenHeader, appointment_id: FromPath[uuid.UUID]
    ) -> Response[bytes]:
        pdf = await booking_slip(await as_citizen(actor, session_token), appointment_id)
        return Response(
            pdf,
            media_type="application/pdf",
            headers={"Content-Disposition": 'inline; filename="slip.pdf"', "Cache-Control": "no-store"},
        )

    @get("/boards", summary="Call boards of today's sessions here (names masked)")
    async def boards(self, actor: CurrentActor) -> list[BoardView]:
        return await queue_views.boards_today(actor)
