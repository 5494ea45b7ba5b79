"""A doctor's own schedules, and stopping a session (停诊)."""

from __future__ import annotations

import datetime as dt
import uuid

from bff_common.auth import CurrentActor
from litestar import Controller, get, post
from litestar.params import FromPath, FromQuery, JSONBody
from yiqiao.scheduling.service import find, schedules
from yiqiao.scheduling.types import ScheduleView, StopCommand, StopResult


class ScheduleController(Controller):
    path = "/schedules"
    tags = ["schedules"]

    @get("/mine", summary="My sessions with bookings left per band")
    async def mine(
        self, actor: CurrentActor, from_date: FromQuery[dt.date | None] = None, days: FromQuery[int] = 7
    ) -> list[ScheduleView]:
        return await find.my_schedules(actor, from_date, days)

    @post("/{schedule_id:uuid}/stop", status_code=200, summary="Stop a session; booked patients are notified")
    async def stop(
        self, actor: CurrentActor, schedule_id: FromPath[uuid.UUID], data: JSONBody[StopCommand]
    ) -> StopResult:
        return await schedules.stop_session(actor, schedule_id, data)
