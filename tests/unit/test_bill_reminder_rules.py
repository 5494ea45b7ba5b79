"""When an unpaid outpatient bill is reminded of (缴费提醒): after a grace period, once a day for a
few days, never at night (defaults: 30 minutes, 3 days, 09:00–21:00 Asia/Shanghai)."""

from __future__ import annotations

import datetime as dt

from yiqiao.billing.service.reminders import due_day
from yiqiao.kit import clock


def at(day: int, h: int, m: int = 0) -> dt.datetime:
    return dt.datetime(2026, 11, day, h, m, tzinfo=clock.SHANGHAI).astimezone(dt.UTC)


def test_first_reminder_after_the_grace_period_then_once_a_day_for_three_days():
    issued = at(20, 10, 0)
    assert due_day(issued, at(20, 10, 29)) is None  # time to pay at the window first
    assert due_day(issued, at(20, 10, 30)) == dt.date(2026, 11, 20)
    assert due_day(issued, at(20, 20, 59)) == dt.date(2026, 11, 20)
    assert due_day(issued, at(21, 9, 0)) == dt.date(2026, 11, 21)
    assert due_day(issued, at(22, 15, 0)) == dt.date(2026, 11, 22)
    assert due_day(issued, at(23, 15, 0)) is None  # the fourth day: no more


def test_never_at_night():
    issued = at(20, 20, 45)
    assert due_day(issued, at(20, 21, 15)) is None  # due after 21:00: waits for the morning
    assert due_day(issued, at(21, 8, 59)) is None
    assert due_day(issued, at(21, 9, 0)) == dt.date(2026, 11, 21)
    early = at(20, 6, 0)
    assert due_day(early, at(20, 8, 0)) is None
    assert due_day(early, at(20, 9, 0)) == dt.date(2026, 11, 20)


def test_a_bill_from_the_future_is_not_reminded():
    assert due_day(at(21, 10), at(20, 12)) is None
