"""Same-day booking at the kiosk for the citizen standing at it."""

from __future__ import annotations

from bff_common.auth import CurrentActor
from bff_common.idempotency import IdempotencyHeader
from litestar import Controller, get, post
from litestar.params import JSONBody
from litestar.status_codes import HTTP_201_CREATED
from yiqiao.kit.errors import Forbidden
from yiqiao.scheduling.service import booking, find
from yiqiao.scheduling.types import AppointmentView, BookCommand, ScheduleView

from bff_kiosk.citizen import CitizenHeader, as_citizen


class KioskBookingController(Controller):
    path = "/booking"
    tags = ["booking"]

    @get("/today", summary="Today's open sessions at this kiosk's institution")
    async def today(self, actor: CurrentActor) -> list[ScheduleView]:
        if actor.institution_id is None:
            raise Forbidden("This device belongs to no institution.", code="device_without_institution")
        return await find.institution_today(actor, actor.institution_id)

    @post("/", status_code=HTTP_201_CREATED, summary="Book a slot today for the citizen at the kiosk")
    async def book(
        self,
        actor: CurrentActor,
        session_token: CitizenHeader,
        data: JSONBody[BookCommand],
        idempotency_key: IdempotencyHeader,
    ) -> AppointmentView:
        return await booking.book(await as_citizen(actor, session_token), data, idempotency_key)

    @get("/mine", summary="The citizen's bookings")
    async def mine(self, actor: CurrentActor, session_token: CitizenHeader) -> list[AppointmentView]:
        return await booking.list_bookings(await as_citizen(actor, session_token))
