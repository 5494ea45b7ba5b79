"""Exams at the kiosk for the citizen standing at it: today's exams and treatment sessions, and
check-in (签到) so the citizen goes straight to the exam room."""

from __future__ import annotations

import uuid

from bff_common.auth import CurrentActor
from litestar import Controller, get, post
from litestar.params import FromPath
from yiqiao.scheduling.medtech.service import desk
from yiqiao.scheduling.medtech.types import ExamBookingView

from bff_kiosk.citizen import CitizenHeader, as_citizen


class KioskExamController(Controller):
    path = "/medtech"
    tags = ["exams"]

    @get("/today", summary="The citizen's exams and treatment sessions today")
    async def citizen_exams_today(
        self, actor: CurrentActor, session_token: CitizenHeader
    ) -> list[ExamBookingView]:
        return await desk.today(await as_citizen(actor, session_token))

    @post(
        "/check-in/{booking_id:uuid}", status_code=200, summary="Check the citizen in for an exam or session"
    )
    async def check_in_exam_at_kiosk(
        self, actor: CurrentActor, session_token: CitizenHeader, booking_id: FromPath[uuid.UUID]
    ) -> ExamBookingView:
        return await desk.check_in(await as_citizen(actor, session_token), booking_id, "kiosk")
