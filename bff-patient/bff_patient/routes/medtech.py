"""Exams and treatments in the app (医技预约, 治疗预约): my exam orders with their preparation notes,
the free times of an order, a suggested schedule for all my pending exams, booking (one or several
exams at once, with an Idempotency-Key), my exam bookings, cancel, reschedule, online check-in,
alternatives after an equipment failure, and courses of treatment (book, list, cancel the rest)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated

import msgspec
from bff_common.auth import CurrentActor
from bff_common.idempotency import IdempotencyHeader
from litestar import Controller, get, post
from litestar.params import FromPath, FromQuery, JSONBody, QueryParameter
from litestar.status_codes import HTTP_201_CREATED
from yiqiao.scheduling.medtech.service import booking, desk, orders, series, suggest
from yiqiao.scheduling.medtech.types import (
    BookExams,
    BookSeries,
    CancelExam,
    CancelSeries,
    ExamBandView,
    ExamBookingResult,
    ExamBookingView,
    ExamCheckIn,
    ExamOrderView,
    RescheduleExam,
    SeriesView,
    SuggestCommand,
    SuggestionView,
)


class MyExamsScreen(msgspec.Struct, kw_only=True):
    """The "my exams" screen in one round trip: what is ordered and still to book (with the
    preparation notes), what is booked and still to come, and the courses of treatment under way."""

    to_book: list[ExamOrderView]
    upcoming: list[ExamBookingView]
    courses: list[SeriesView]


@get(
    "/medtech",
    summary="My exams screen: orders to book, bookings to come, courses under way",
    tags=["exams and treatments"],
)
async def my_exams_screen(actor: CurrentActor) -> MyExamsScreen:
    pending = [o for o in await orders.list_orders(actor) if o.sessions_left > 0]
    upcoming = sorted(
        (b for b in await booking.list_bookings(actor) if b.status in ("booked", "checked_in")),
        key=lambda b: b.band_start,
    )
    courses = [c for c in await series.list_series(actor) if c.status == "active"]
    return MyExamsScreen(to_book=pending, upcoming=upcoming, courses=courses)


class ExamOrderController(Controller):
    path = "/medtech/orders"
    tags = ["exams and treatments"]

    @get("/", summary="My exam and treatment orders (open first), with preparation notes")
    async def my_exam_orders(
        self,
        actor: CurrentActor,
        patient_id: FromQuery[uuid.UUID | None] = None,
        include_closed: FromQuery[bool] = False,
    ) -> list[ExamOrderView]:
        return await orders.list_orders(actor, patient_id, include_closed=include_closed)

    @get("/{order_id:uuid}", summary="One order, with its item's preparation notes")
    async def get_exam_order(self, actor: CurrentActor, order_id: FromPath[uuid.UUID]) -> ExamOrderView:
        return await orders.get_order(actor, order_id)

    @get(
        "/{order_id:uuid}/bands",
        summary="Free times for an order, each marked with whether the conflict rules allow it and why not",
    )
    async def exam_order_bands(
        self,
        actor: CurrentActor,
        order_id: FromPath[uuid.UUID],
        from_date: FromQuery[dt.date | None] = None,
        days: Annotated[int, QueryParameter(ge=1, le=31)] = 7,
    ) -> list[ExamBandView]:
        return await booking.bands_for_order(actor, order_id, from_date, days)


class ExamBookingController(Controller):
    path = "/medtech"
    tags = ["exams and treatments"]

    @post(
        "/suggest",
        status_code=200,
        summary="A suggested schedule for my pending exams (fasting in one morning, contrast apart)",
    )
    async def suggest_exams(self, actor: CurrentActor, data: JSONBody[SuggestCommand]) -> SuggestionView:
        return await suggest.suggest(actor, data)

    @post(
        "/bookings",
        status_code=HTTP_201_CREATED,
        summary="Book one or several ordered exams at once (all or nothing)",
    )
    async def book_exams(
        self, actor: CurrentActor, data: JSONBody[BookExams], idempotency_key: IdempotencyHeader
    ) -> ExamBookingResult:
        return await booking.book(actor, data, idempotency_key)

    @get("/bookings", summary="Exam bookings and treatment sessions of my profiles")
    async def my_exam_bookings(
        self, actor: CurrentActor, patient_id: FromQuery[uuid.UUID | None] = None
    ) -> list[ExamBookingView]:
        return await booking.list_bookings(actor, patient_id)

    @get("/bookings/today", summary="Today's exams and sessions of my profiles")
    async def my_exams_today(self, actor: CurrentActor) -> list[ExamBookingView]:
        return await desk.today(actor)

    @get("/bookings/{booking_id:uuid}", summary="One exam booking")
    async def get_exam_booking(self, actor: CurrentActor, booking_id: FromPath[uuid.UUID]) -> ExamBookingView:
        return await booking.get_booking(actor, booking_id)

    @post(
        "/bookings/{booking_id:uuid}/cancel",
        status_code=200,
        summary="Cancel before the cutoff; the place is free again at once",
    )
    async def cancel_exam_booking(
        self, actor: CurrentActor, booking_id: FromPath[uuid.UUID], data: JSONBody[CancelExam]
    ) -> ExamBookingView:
        return await booking.cancel(actor, booking_id, data)

    @post(
        "/bookings/{booking_id:uuid}/reschedule",
        status_code=HTTP_201_CREATED,
        summary="改期: move the booking to another band (answers with the new booking)",
    )
    async def reschedule_exam_booking(
        self,
        actor: CurrentActor,
        booking_id: FromPath[uuid.UUID],
        data: JSONBody[RescheduleExam],
        idempotency_key: IdempotencyHeader,
    ) -> ExamBookingView:
        return await booking.reschedule(actor, booking_id, data, idempotency_key)

    @get(
        "/bookings/{booking_id:uuid}/alternatives",
        summary="The nearest other times for this booking (offered after an equipment failure)",
    )
    async def exam_booking_alternatives(
        self, actor: CurrentActor, booking_id: FromPath[uuid.UUID]
    ) -> list[ExamBandView]:
        return await booking.alternatives(actor, booking_id)

    @post(
        "/bookings/{booking_id:uuid}/check-in",
        status_code=200,
        summary="Check in online, then go straight to the exam room",
    )
    async def check_in_exam(
        self, actor: CurrentActor, booking_id: FromPath[uuid.UUID], data: JSONBody[ExamCheckIn]
    ) -> ExamBookingView:
        return await desk.check_in(actor, booking_id, "online", data.position)


class TreatmentSeriesController(Controller):
    path = "/medtech/series"
    tags = ["exams and treatments"]

    @post(
        "/",
        status_code=HTTP_201_CREATED,
        summary="Book a course of treatment sessions (e.g. Mon/Wed/Fri 09:00) at once: all or none",
    )
    async def book_treatment_series(
        self, actor: CurrentActor, data: JSONBody[BookSeries], idempotency_key: IdempotencyHeader
    ) -> SeriesView:
        return await series.book_series(actor, data, idempotency_key)

    @get("/", summary="My courses of treatment with their progress")
    async def my_treatment_series(
        self, actor: CurrentActor, patient_id: FromQuery[uuid.UUID | None] = None
    ) -> list[SeriesView]:
        return await series.list_series(actor, patient_id)

    @get("/{series_id:uuid}", summary="One course: every session, done and remaining")
    async def get_treatment_series(self, actor: CurrentActor, series_id: FromPath[uuid.UUID]) -> SeriesView:
        return await series.get_series(actor, series_id)

    @post(
        "/{series_id:uuid}/cancel",
        status_code=200,
        summary="Cancel the rest of the course (sessions already done stay done)",
    )
    async def cancel_treatment_series(
        self, actor: CurrentActor, series_id: FromPath[uuid.UUID], data: JSONBody[CancelSeries]
    ) -> SeriesView:
        return await series.cancel_rest(actor, series_id, data)


MEDTECH_ROUTES = [my_exams_screen, ExamOrderController, ExamBookingController, TreatmentSeriesController]
