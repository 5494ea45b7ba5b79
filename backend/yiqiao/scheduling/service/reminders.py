"""Visit reminders (就诊提醒): two days before and the day before at ``YQ_VISIT_REMINDER_TIME``, and
on the morning of the visit at ``YQ_VISIT_REMINDER_MORNING_TIME`` (Asia/Shanghai), through
``notify`` (category "visit") and so the outbox. The worker runs :func:`send_due` every minute.

A reminder is due from its time until the next one's (the last one until the band starts), and
only for a booking made before its time: a booking made the evening before gets the morning
reminder, not a late "day before" one. The dedupe key (booking + which reminder) makes every run
after the first a no-op."""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from typing import Any

from yiqiao import db
from yiqiao.identity.service import directory
from yiqiao.kit import clock
from yiqiao.notify.service import notify
from yiqiao.scheduling.views import band_label
from yiqiao.settings import get_settings

log = logging.getLogger("yiqiao.scheduling")
KINDS = ("d2", "d1", "morning")
_TITLES = {"d2": "就诊提醒（后天）", "d1": "就诊提醒（明天）", "morning": "就诊提醒（今天）"}
_WHEN = {"d2": "后天", "d1": "明天", "morning": "今天"}


def _at(day: dt.date, hhmm: str) -> dt.datetime:
    h, m = (int(x) for x in hhmm.split(":"))
    return dt.datetime.combine(day, dt.time(h, m), tzinfo=clock.SHANGHAI).astimezone(dt.UTC)


def due_times(day: dt.date) -> dict[str, dt.datetime]:
    s = get_settings()
    return {
        "d2": _at(day - dt.timedelta(days=2), s.visit_reminder_time),
        "d1": _at(day - dt.timedelta(days=1), s.visit_reminder_time),
        "morning": _at(day, s.visit_reminder_morning_time),
    }


def due_reminder(
    day: dt.date, band_start: dt.datetime, created_at: dt.datetime, now: dt.datetime
) -> str | None:
    """Which reminder (if any) a booking should have now."""
    times = due_times(day)
    ends = [times["d1"], times["morning"], band_start]
    for kind, until in zip(KINDS, ends, strict=True):
        at = times[kind]
        if at <= now < min(until, band_start) and created_at < at:
            return kind
    return None


async def _remind(r: dict[str, Any], kind: str) -> bool:
    account: uuid.UUID | None = r["account_id"] or await directory.self_account_of(r["patient_id"])
    if account is None:
        return False
    day = clock.local(r["band_start"]).strftime("%m月%d日")
    when = f"{_WHEN[kind]}（{day}）{band_label(r['band_start'], r['band_end'])}"
    body = (
        f"您预约了{r['doctor_name']}医生{when}的门诊，预约号{r['booking_no']}。"
        f"请提前{get_settings().checkin_open_minutes}分钟内签到，按时就诊。"
    )
    return await notify(
        account,
        "visit",
        _TITLES[kind],
        body,
        dedupe_key=f"appt:{r['id']}:remind:{kind}",
        patient_id=r["patient_id"],
        data={"appointment_id": str(r["id"]), "booking_no": r["booking_no"], "event": f"remind_{kind}"},
    )


async def send_due(now: dt.datetime | None = None, limit: int = 2000) -> int:
    """Send every reminder due now; returns how many new notices were made."""
    now = now or clock.now()
    today = clock.local(now).date()
    rows = await db.fetch(
        "SELECT a.id, a.account_id, a.patient_id, a.booking_no, a.band_start, a.band_end, a.day,"
        " a.created_at, d.name AS doctor_name FROM appointment a"
        " JOIN doctor_profile d ON d.staff_id = a.doctor_id"
        " WHERE a.status = 'confirmed' AND a.day BETWEEN {} AND {} AND a.band_start > {}"
        " ORDER BY a.band_start LIMIT {}",
        today,
        today + dt.timedelta(days=2),
        now,
        limit,
    )
    sent = 0
    for r in rows:
        kind = due_reminder(r["day"], r["band_start"], r["created_at"], now)
        if kind is not None and await _remind(r, kind):
            sent += 1
    return sent


async def remind_visits(ctx: dict[str, Any]) -> int:
    """The worker's cron entry."""
    sent = await send_due()
    if sent:
        log.info("visit reminders: %d sent", sent)
    return sent
