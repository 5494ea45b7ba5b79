"""Nearest alternative sessions (停诊 offers, and the alternatives of any booking): open, released,
not over, same department, with a band a patient may still book, nearest in time to the session
the patient had. ``YQ_BOOKING_ALTERNATIVES`` of them."""

from __future__ import annotations

import uuid
from typing import Any

from yiqiao import db
from yiqiao.kit import clock
from yiqiao.kit.actor import Actor
from yiqiao.scheduling.catalogue import SESSIONS
from yiqiao.scheduling.service import find
from yiqiao.scheduling.types import ScheduleView
from yiqiao.settings import get_settings

_PATIENT_VIEW = Actor(kind="patient")  # what a patient in the app could take


async def nearest(schedule: dict[str, Any], actor: Actor | None = None) -> list[ScheduleView]:
    """The nearest open sessions of ``schedule``'s department other than it, with free bands."""
    limit = max(0, get_settings().booking_alternatives)
    if limit == 0:
        return []
    now = clock.now()
    rows = await db.fetch(
        "SELECT s.id FROM schedule s WHERE s.department_id = {} AND s.id <> {} AND s.status = 'open'"
        " AND s.ends_at > {} AND s.release_at <= {}"
        " AND EXISTS (SELECT 1 FROM slot_pool p WHERE p.schedule_id = s.id AND p.remaining > 0"
        "   AND p.band_end > {})"
        " ORDER BY abs(extract(epoch FROM s.starts_at - {}::timestamptz)), s.starts_at LIMIT {}",
        schedule["department_id"],
        schedule["id"],
        now,
        now,
        now,
        schedule["starts_at"],
        limit * 4,
    )
    views = await find.schedules_by_id(actor or _PATIENT_VIEW, [r["id"] for r in rows])
    return [v for v in views if v.remaining > 0][:limit]


def describe(views: list[ScheduleView]) -> str:
    """One line for a notice: "可改约：王建国医生11月24日上午（余3个）；…"."""
    if not views:
        return ""
    parts = [
        f"{v.doctor_name}医生{v.day.strftime('%m月%d日')}{SESSIONS[v.session]}（余{v.remaining}个）"
        for v in views
    ]
    return "可改约：" + "；".join(parts) + "。"


async def for_schedule(schedule_id: uuid.UUID, actor: Actor) -> list[ScheduleView]:
    rows = await db.fetch("SELECT id, department_id, starts_at FROM schedule WHERE id = {}", schedule_id)
    return await nearest(rows[0], actor) if rows else []
