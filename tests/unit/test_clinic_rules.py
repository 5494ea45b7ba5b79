"""The clinic day's pure rules: queue lanes and order, going back in after N others, the wait
estimate, which visit reminder is due, the geofence distance, and the slip's embedded font."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from decimal import Decimal

import pytest
from yiqiao.scheduling import queue
from yiqiao.scheduling.geofence import distance_m
from yiqiao.scheduling.service.reminders import due_reminder

T0 = dt.datetime(2026, 11, 23, 0, 0, tzinfo=dt.UTC)  # 08:00 in Shanghai


@dataclasses.dataclass
class E:
    name: str
    lane: int
    sort_at: dt.datetime
    seq: Decimal | int


def _e(name: str, minutes: int, reason: str = "", seq: int = 0) -> E:
    return E(name, queue.lane_of(reason), T0 + dt.timedelta(minutes=minutes), seq)


def test_lanes_priority_reasons_and_arrival_key():
    assert queue.priority_reason(65, False) == "elderly"
    assert queue.priority_reason(64, False) == ""
    assert queue.priority_reason(30, True) == "return_visit"
    assert queue.age_on(dt.date(1961, 11, 24), dt.date(2026, 11, 23)) == 64
    assert queue.age_on(dt.date(1961, 11, 23), dt.date(2026, 11, 23)) == 65
    early = T0 - dt.timedelta(minutes=40)
    assert queue.arrival_key(early, T0) == T0  # an early arrival waits from their band
    assert queue.arrival_key(T0 + dt.timedelta(minutes=5), T0) == T0 + dt.timedelta(minutes=5)


def test_order_is_lane_then_check_in_time_then_seq():
    entries = [_e("a", 1, seq=1), _e("b", 2, seq=2), _e("old", 3, "elderly", 3), _e("c", 2, seq=4)]
    assert [e.name for e in queue.ordered(entries)] == ["old", "a", "b", "c"]


def test_going_back_in_after_n_others():
    waiting = queue.ordered([_e(n, i, seq=i) for i, n in enumerate("abcde")])
    lane, at, seq = queue.place_after_others(waiting, T0)
    back = E("x", lane, at, seq)
    assert [e.name for e in queue.ordered([*waiting, back])] == ["a", "b", "c", "x", "d", "e"]
    # Everyone waits from the same band start (they checked in early): seq alone decides.
    same = queue.ordered([_e(n, 0, seq=i) for i, n in enumerate("abcde")])
    lane, at, seq = queue.place_after_others(same, T0)
    assert [e.name for e in queue.ordered([*same, E("x", lane, at, seq)])] == ["a", "b", "c", "x", "d", "e"]
    lane, at, seq = queue.place_after_others(same[:2], T0)  # fewer than N wait: at the end
    assert [e.name for e in queue.ordered([*same[:2], E("x", lane, at, seq)])] == ["a", "b", "x"]
    assert queue.place_after_others([], T0) == (queue.LANE_NORMAL, T0, None)


def test_wait_estimate():
    assert queue.average_consult_minutes([]) == 8.0
    assert queue.average_consult_minutes([300, 420]) == 6.0
    assert queue.estimated_wait_minutes(0, False, 6.0) == 0
    assert queue.estimated_wait_minutes(3, True, 6.5) == 26


def test_which_reminder_is_due():
    day = dt.date(2026, 11, 25)
    band = dt.datetime(2026, 11, 25, 1, 0, tzinfo=dt.UTC)  # 09:00 Shanghai
    booked = dt.datetime(2026, 11, 20, tzinfo=dt.UTC)
    sh = dt.timezone(dt.timedelta(hours=8))

    def at(d: int, h: int, m: int = 0) -> dt.datetime:
        return dt.datetime(2026, 11, d, h, m, tzinfo=sh)

    assert due_reminder(day, band, booked, at(23, 17, 59)) is None
    assert due_reminder(day, band, booked, at(23, 18)) == "d2"
    assert due_reminder(day, band, booked, at(24, 17)) == "d2"
    assert due_reminder(day, band, booked, at(24, 18)) == "d1"
    assert due_reminder(day, band, booked, at(25, 7)) == "morning"
    assert due_reminder(day, band, booked, at(25, 9)) is None  # the band has begun
    late = at(24, 20).astimezone(dt.UTC)  # booked the evening before: no late "day before"
    assert due_reminder(day, band, late, at(24, 21)) is None
    assert due_reminder(day, band, late, at(25, 7, 5)) == "morning"


def test_geofence_distance():
    assert distance_m(30.0, 120.0, 30.0, 120.0) == 0
    assert distance_m(30.0, 120.0, 30.01, 120.0) == pytest.approx(1112, rel=0.01)


def test_slip_embeds_the_cjk_font_and_shows_the_masked_name():
    import re

    from yiqiao.kit.cjkfont import find_cjk_font
    from yiqiao.kit.errors import Unavailable
    from yiqiao.scheduling.queue_types import QueueStatusView
    from yiqiao.scheduling.slip import render_slip

    from tests.support.pdftext import pdf_text

    try:
        find_cjk_font()
    except Unavailable as exc:
        pytest.fail(f"{exc.detail} (devtools/bootstrap.sh installs it when run as root)")
    q = QueueStatusView(
        appointment_id=uuid.uuid4(),
        booking_no="A2611230000042",
        status="checked_in",
        ticket_no=7,
        ticket_label="007",
        position=3,
        ahead=2,
        estimated_wait_minutes=16,
        room="3诊室",
        doctor_name="王建国",
        department_name="心血管内科",
        band_local="2026-11-23 08:00-08:30",
        checked_in_at=T0,
        checkin_opens_at=T0,
        checkin_opens_local="2026-11-23 07:00",
    )
    pdf = render_slip("青溪县人民医院", "张*丰", q)
    assert pdf.startswith(b"%PDF")
    assert b"/FontFile2" in pdf, "the TrueType font program must be embedded"
    assert re.search(rb"/BaseFont\s*/[A-Z]{6}\+", pdf), "a subset of the CJK font"
    text = pdf_text(pdf)
    assert "张*丰" in text and "签到凭条" in text and "青溪县人民医院" in text and "007" in text
