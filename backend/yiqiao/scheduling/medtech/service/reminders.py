"""Exam and treatment reminders (检查/治疗提醒): the day before at ``YQ_VISIT_REMINDER_TIME``
(Asia/Shanghai), with the preparation notes (fasting, bowel preparation, what to bring), through
``notify`` (category "visit") and so the outbox. Every session of a course gets its own.

A reminder is due from its time until the band starts, and only for a booking made before its
time (a booking made that evening already had the notes in its confirmation). The dedupe key
(booking + reminder) makes every run after the first a no-op. Also the worker's sweeps: bookings
whose band ended unvisited become no-shows (失效), orders not booked in time expire, and bands are
generated from the templates ``YQ_MEDTECH_OPEN_DAYS`` ahead."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from yiqiao import db
from yiqiao.kit import clock
from yiqiao.kit.actor import SYSTEM
from yiqiao.notify.service import notify
from yiqiao.scheduling.medtech import lifecycle
from yiqiao.scheduling.medtech.service import common, orders, resources, series
from yiqiao.scheduling.medtech.service.notices import account_for, exam_notice
from yiqiao.scheduling.views import band_label
from yiqiao.settings import get_settings

log = logging.getLogger("yiqiao.medtech")


def _at(day: dt.date, hhmm: str) -> dt.datetime:
    h, m = (int(x) for x in hhmm.split(":"))
    return dt.datetime.combine(day, dt.time(h, m), tzinfo=clock.SHANGHAI).astimezone(dt.UTC)


def due_at(day: dt.date) -> dt.datetime:
    """When the reminder for an exam on ``day`` goes out: the evening before."""
    return _at(day - dt.timedelta(days=1), get_settings().visit_reminder_time)


def is_due(day: dt.date, band_start: dt.datetime, created_at: dt.datetime, now: dt.datetime) -> bool:
    at = due_at(day)
    return at <= now < band_start and created_at < at


async def _remind(r: dict[str, Any]) -> bool:
    account = await account_for(r)
    if account is None:
        return False
    treatment = r["session_no"] is not None
    what = f"第{r['session_no']}次{r['item_name']}" if treatment else r["item_name"]
    when = f"明天（{clock.local(r['band_start']):%m月%d日}）{band_label(r['band_start'], r['band_end'])}"
    place = (
        f"{r['resource_location']}（{r['resource_name']}）" if r["resource_location"] else r["resource_name"]
    )
    prep = f"注意事项：{r['item_prep_notes']}" if r["item_prep_notes"] else ""
    body = (
        f"您{when}有{what}，地点{place}，预约号{r['booking_no']}。"
        f"可提前{get_settings().checkin_open_minutes}分钟内签到后直接到检查室。{prep}"
    )
    return await notify(
        account,
        "visit",
        "治疗提醒（明天）" if treatment else "检查提醒（明天）",
        body,
        dedupe_key=f"exam:{r['id']}:remind_d1",
        patient_id=r["patient_id"],
        data={"exam_booking_id": str(r["id"]), "booking_no": r["booking_no"], "event": "exam_remind_d1"},
    )


async def send_due(now: dt.datetime | None = None, limit: int = 2000) -> int:
    """Send every reminder due now; returns how many new notices were made."""
    now = now or clock.now()
    today = clock.local(now).date()
    rows = await common.booking_rows(
        "b.status = 'booked' AND b.day BETWEEN {} AND {} AND b.band_start > {}"
        " ORDER BY b.band_start LIMIT {}",
        today,
        today + dt.timedelta(days=1),
        now,
        limit,
    )
    sent = 0
    for r in rows:
        if is_due(r["day"], r["band_start"], r["created_at"], now) and await _remind(r):
            sent += 1
    return sent


async def mark_no_shows(now: dt.datetime | None = None, limit: int = 500) -> int:
    """Bookings whose band ended without a check-in lapse (失效); the patient is told."""
    now = now or clock.now()
    rows = await db.fetch(
        "SELECT id FROM exam_booking WHERE status = 'booked' AND band_end < {} ORDER BY band_end LIMIT {}",
        now,
        limit,
    )
    for r in rows:
        async with db.transaction():
            row = await lifecycle.apply(SYSTEM, r["id"], "mark_no_show", reason="not checked in")
            full = (await common.booking_rows("b.id = {}", row["id"]))[0]
            await exam_notice(full, "no_show")
            if row["series_id"] is not None:
                await series.settle(SYSTEM, row["series_id"])
    return len(rows)


async def medtech_tick(ctx: dict[str, Any]) -> int:
    """The worker's cron entry: reminders, no-shows, expired orders."""
    sent = await send_due()
    lapsed = await mark_no_shows()
    expired = await orders.expire_due()
    if sent or lapsed or expired:
        log.info("medtech: %d reminders, %d no-shows, %d orders expired", sent, lapsed, expired)
    return sent + lapsed + expired


async def medtech_open_bands(ctx: dict[str, Any]) -> int:
    """The worker's daily cron entry: bands from the templates for the days ahead."""
    created = await resources.generate_bands(
        SYSTEM, clock.local(clock.now()).date(), max(1, get_settings().medtech_open_days)
    )
    if created:
        log.info("medtech: %d bands opened", created)
    return created
