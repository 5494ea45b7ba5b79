"""The embedded HIS's ward charging run (每日清单): the same stay and day give the same lines on
every run and machine; what a day holds follows the stay's course."""

from __future__ import annotations

import datetime as dt

from yiqiao.integrations.his.local_inpatient_charging import PROFILES, daily_lines

ADMITTED = dt.date(2026, 3, 2)


def _names(lines: list) -> list[str]:  # type: ignore[type-arg]
    return [x.name for x in lines]


def test_a_day_gives_the_same_lines_every_time_and_days_differ():
    for profile in PROFILES:
        for n in range(8):
            day = ADMITTED + dt.timedelta(days=n)
            assert daily_lines("ZY2026000001", profile, ADMITTED, day) == daily_lines(
                "ZY2026000001", profile, ADMITTED, day
            )
    week = [
        daily_lines("ZY2026000001", "cardiology", ADMITTED, ADMITTED + dt.timedelta(days=n)) for n in range(8)
    ]
    assert len({tuple((x.code, x.quantity) for x in d) for d in week}) > 3
    other = [
        daily_lines("ZY2026000002", "cardiology", ADMITTED, ADMITTED + dt.timedelta(days=n)) for n in range(8)
    ]
    assert other != week, "another stay draws its own quantities"


def test_every_day_has_bed_nursing_and_round_and_nothing_before_admission():
    assert daily_lines("ZY1", "general", ADMITTED, ADMITTED - dt.timedelta(days=1)) == []
    for n in range(10):
        lines = daily_lines("ZY1", "general", ADMITTED, ADMITTED + dt.timedelta(days=n))
        cats = [x.category for x in lines]
        assert cats[:3] == ["bed", "nursing", "consultation"]
        assert all(x.unit_fen >= 0 and x.quantity >= 1 for x in lines)
        assert all(x.insurance_class in ("A", "B", "C", "self") for x in lines)


def test_the_stay_has_its_course_work_up_imaging_then_follow_up_labs_and_lighter_care():
    day = {n: daily_lines("ZY9", "cardiology", ADMITTED, ADMITTED + dt.timedelta(days=n)) for n in range(7)}
    assert {"血常规(五分类)", "肌钙蛋白I测定", "常规心电图检查(十二导)"} <= set(_names(day[0]))
    assert "心脏彩色多普勒超声" in _names(day[1]) and "心脏彩色多普勒超声" not in _names(day[2])
    assert "血常规(五分类)" in _names(day[3]) and "血常规(五分类)" in _names(day[6])
    assert "一级护理" in _names(day[0]) and "二级护理" in _names(day[3])
    assert "氧气吸入" in _names(day[0]) and "氧气吸入" not in _names(day[2])
    # Infusions come with their saline and sets, one each per group given.
    for lines in day.values():
        q = {x.name: x.quantity for x in lines}
        if "静脉输液" in q:
            assert q["静脉输液"] == q["0.9%氯化钠注射液"] == q["一次性使用输液器"]
    assert not any(x.name == "静脉输液" for x in day[6])
