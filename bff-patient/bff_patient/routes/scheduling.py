"""Find a doctor and book: department tree, doctor search, availability, bookings, waitlist."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated

from bff_common.auth import CurrentActor
from bff_common.idempotency import IdempotencyHeader
from litestar import Controller, delete, get, post
from litestar.params import FromPath, FromQuery, JSONBody, QueryParameter
from litestar.status_codes import HTTP_201_CREATED
from yiqiao.scheduling.service import booking, community, find, recheck, release_alerts, waitlist
from yiqiao.scheduling.types import (
    AppointmentView,
    BookCommand,
    CancelCommand,
    DepartmentDay,
    DoctorAvailability,
    DoctorView,
    InstitutionNode,
    JoinWaitlist,
    RecheckBookCommand,
    ReleaseSubscriptionView,
    RevisitView,
    ScheduleView,
    SubscribeRelease,
    WaitlistView,
)


class FindController(Controller):
    path = "/find"
    tags = ["find"]

    @get("/departments", summary="Departments per institution and campus")
    async def departments(self, actor: CurrentActor) -> list[InstitutionNode]:
        return await find.department_tree()

    @get("/doctors", summary="Doctors by name, full pinyin or initials (e.g. sx for 单雄)")
    async def doctors(
        self,
        actor: CurrentActor,
        q: Annotated[str, QueryParameter(max_length=32)] = "",
        department_id: FromQuery[uuid.UUID | None] = None,
    ) -> list[DoctorView]:
        return await find.search_doctors(q, department_id)

    @get(
        "/doctors/{doctor_id:uuid}/availability", summary="A doctor's profile, fee and slots per day and band"
    )
    async def doctor_availability(
        self,
        actor: CurrentActor,
        doctor_id: FromPath[uuid.UUID],
        from_date: FromQuery[dt.date | None] = None,
        days: FromQuery[int] = 7,
    ) -> DoctorAvailability:
        return await find.doctor_availability(actor, doctor_id, from_date, days)

    @get("/departments/{department_id:uuid}/availability", summary="One department's sessions on one day")
    async def department_availability(
        self, actor: CurrentActor, department_id: FromPath[uuid.UUID], day: FromQuery[dt.date | None] = None
    ) -> DepartmentDay:
        return await find.department_day(actor, department_id, day)

    @get("/revisit", summary="复诊号源推荐: the patient's last doctor's next sessions with free bands")
    async def revisit_slots(self, actor: CurrentActor, patient_id: FromQuery[uuid.UUID]) -> RevisitView:
        return await community.revisit(actor, patient_id)


class BookingController(Controller):
    path = "/bookings"
    tags = ["bookings"]

    @post("/", status_code=HTTP_201_CREATED, summary="Book a slot for yourself or a family member")
    async def book(
        self, actor: CurrentActor, data: JSONBody[BookCommand], idempotency_key: IdempotencyHeader
    ) -> AppointmentView:
        return await booking.book(actor, data, idempotency_key)

    @post(
        "/recheck",
        status_code=HTTP_201_CREATED,
        summary="回检: today's return-with-results slot of a department that saw the patient today",
    )
    async def book_recheck(
        self, actor: CurrentActor, data: JSONBody[RecheckBookCommand], idempotency_key: IdempotencyHeader
    ) -> AppointmentView:
        return await recheck.book_recheck(actor, data, idempotency_key)

    @get("/", summary="Bookings of every profile this account manages")
    async def list_bookings(
        self, actor: CurrentActor, patient_id: FromQuery[uuid.UUID | None] = None
    ) -> list[AppointmentView]:
        return await booking.list_bookings(actor, patient_id)

    @get("/{appointment_id:uuid}", summary="One booking")
    async def get_booking(self, actor: CurrentActor, appointment_id: FromPath[uuid.UUID]) -> AppointmentView:
        return await booking.get_booking(actor, appointment_id)

    @get(
        "/{appointment_id:uuid}/alternatives",
        summary="Nearest alternative sessions of the same department (offered after a 停诊)",
    )
    async def booking_alternatives(
        self, actor: CurrentActor, appointment_id: FromPath[uuid.UUID]
    ) -> list[ScheduleView]:
        return await booking.alternatives_for(actor, appointment_id)

    @post(
        "/{appointment_id:uuid}/cancel",
        status_code=200,
        summary="Cancel before the cutoff; the slot returns to the pool",
    )
    async def cancel(
        self, actor: CurrentActor, appointment_id: FromPath[uuid.UUID], data: JSONBody[CancelCommand]
    ) -> AppointmentView:
        return await booking.cancel(actor, appointment_id, data)


class WaitlistController(Controller):
    path = "/waitlist"
    tags = ["waitlist"]

    @post("/", status_code=HTTP_201_CREATED, summary="Join the waitlist (候补) of a full session after today")
    async def join(self, actor: CurrentActor, data: JSONBody[JoinWaitlist]) -> WaitlistView:
        return await waitlist.join(actor, data)

    @get("/", summary="Waitlist entries of this account's profiles, with queue positions")
    async def mine(self, actor: CurrentActor) -> list[WaitlistView]:
        return await waitlist.list_mine(actor)

    @delete("/{entry_id:uuid}", status_code=200, summary="Leave the waitlist")
    async def leave(self, actor: CurrentActor, entry_id: FromPath[uuid.UUID]) -> WaitlistView:
        return await waitlist.leave(actor, entry_id)


class ReleaseAlertController(Controller):
    path = "/release-alerts"
    tags = ["release alerts"]

    @post("/", status_code=HTTP_201_CREATED, summary="放号提醒: be told when a doctor's slots are released")
    async def subscribe_release(
        self, actor: CurrentActor, data: JSONBody[SubscribeRelease]
    ) -> ReleaseSubscriptionView:
        return await release_alerts.subscribe(actor, data)

    @get("/", summary="This account's release alerts")
    async def my_release_alerts(self, actor: CurrentActor) -> list[ReleaseSubscriptionView]:
        return await release_alerts.list_mine(actor)

    @delete("/{subscription_id:uuid}", status_code=200, summary="Stop a release alert")
    async def unsubscribe_release(
        self, actor: CurrentActor, subscription_id: FromPath[uuid.UUID]
    ) -> ReleaseSubscriptionView:
        return await release_alerts.unsubscribe(actor, subscription_id)


SCHEDULING_ROUTES = [FindController, BookingController, WaitlistController, ReleaseAlertController]
