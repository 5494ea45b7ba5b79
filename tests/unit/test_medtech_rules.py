"""The conflict rules between one patient's exams and treatments, and the planner that suggests a
schedule: fasting exams only in the morning and together in one morning, contrast exams apart,
no overlaps (with each other or clinic visits), interfering items staggered in the right order,
what cannot be placed said so; and the exam reminder's timing and the course's session days."""

from __future__ import annotations

import datetime as dt

import pytest
from yiqiao.scheduling.medtech import rules
from yiqiao.scheduling.medtech.service.series import session_days

SH = dt.timezone(dt.timedelta(hours=8))
DAY = dt.date(2026, 11, 23)  # a Monday

US = rules.Item(code="US-ABD", name="腹部超声", fasting=True, duration_minutes=20)
GASTRO = rules.Item(code="ES-GASTRO", name="无痛胃镜", fasting=True, duration_minutes=60)
CT_C = rules.Item(code="CT-ABD-C", name="上腹部增强CT", fasting=True, contrast=True, duration_minutes=20)
MR_C = rules.Item(code="MR-HEAD-C", name="头颅增强MRI", contrast=True, duration_minutes=40)
THY = rules.Item(code="US-THY", name="甲状腺超声", duration_minutes=15)
PARAMS = rules.Params(
    contrast_gap_days=2,
    fasting_before=dt.time(12, 0),
    interferences=(
        rules.Interference(
            first_code="ES-GASTRO", then_code="US-ABD", gap_hours=24, reason="胃镜注气干扰超声"
        ),
    ),
)


def at(day_offset: int, hhmm: str) -> dt.datetime:
    h, m = (int(x) for x in hhmm.split(":"))
    return dt.datetime.combine(DAY + dt.timedelta(days=day_offset), dt.time(h, m), tzinfo=SH).astimezone(
        dt.UTC
    )


def placed(ref: str, item: rules.Item, day: int, hhmm: str, minutes: int = 30) -> rules.Placed:
    start = at(day, hhmm)
    return rules.Placed(ref=ref, item=item, start=start, end=start + dt.timedelta(minutes=minutes))


def codes(violations: list[rules.Violation]) -> list[str]:
    return [v.code for v in violations]


def test_a_fasting_exam_is_only_in_the_morning():
    assert codes(rules.check(placed("a", US, 0, "11:30"), [], [], PARAMS)) == []
    afternoon = rules.check(placed("a", US, 0, "14:00"), [], [], PARAMS)
    assert codes(afternoon) == ["fasting_not_morning"]
    assert "腹部超声" in afternoon[0].message and "12:00" in afternoon[0].message
    # The threshold is a setting.
    late = rules.Params(fasting_before=dt.time(15, 0))
    assert rules.check(placed("a", US, 0, "14:00"), [], [], late) == []
    # Exams that need no fasting go any time.
    assert rules.check(placed("a", THY, 0, "16:00"), [], [], PARAMS) == []


def test_no_two_items_overlap_and_a_long_item_takes_its_duration():
    ct = placed("ct", CT_C, 0, "08:00")
    assert codes(rules.check(placed("us", US, 0, "08:00"), [ct], [], PARAMS)) == ["time_overlap"]
    assert rules.check(placed("us", US, 0, "08:30"), [ct], [], PARAMS) == []
    # A sedated gastroscopy takes the patient for 60 minutes though its band is 30.
    gastro = placed("g", GASTRO, 0, "08:00")
    v = rules.check(placed("ct", CT_C, 0, "08:30"), [gastro], [], PARAMS)
    assert codes(v) == ["time_overlap"] and v[0].other_ref == "g" and "无痛胃镜" in v[0].message
    assert rules.check(placed("ct", CT_C, 0, "09:00"), [gastro], [], PARAMS) == []
    # The same booking is not compared with itself (rescheduling).
    assert rules.check(placed("ct", CT_C, 0, "08:00"), [ct], [], PARAMS) == []


def test_an_exam_may_not_overlap_a_clinic_visit():
    visit = rules.Busy(label="王建国医生 11-23 09:00-09:30", start=at(0, "09:00"), end=at(0, "09:30"))
    v = rules.check(placed("t", THY, 0, "09:00"), [], [visit], PARAMS)
    assert codes(v) == ["overlaps_visit"] and "王建国" in v[0].message
    assert rules.check(placed("t", THY, 0, "09:30"), [], [visit], PARAMS) == []


def test_two_contrast_exams_are_at_least_n_days_apart():
    ct = placed("ct", CT_C, 0, "08:00")
    for day, ok in ((0, False), (1, False), (2, True), (-1, False), (-2, True)):
        v = rules.check(placed("mr", MR_C, day, "15:00"), [ct], [], PARAMS)
        assert (codes(v) == []) is ok, (day, v)
    v = rules.check(placed("mr", MR_C, 1, "15:00"), [ct], [], PARAMS)
    assert codes(v) == ["contrast_too_close"] and "2 days" in v[0].message
    # Calendar days in Beijing: 23:30 and next day 08:00 are different days but only one apart.
    off = rules.Params(contrast_gap_days=0)
    assert rules.check(placed("mr", MR_C, 0, "15:00"), [ct], [], off) == []


def test_interfering_items_are_staggered_in_the_right_order():
    gastro = placed("g", GASTRO, 0, "09:00")
    # Ultrasound after the gastroscopy the same day: refused with the reason.
    v = rules.check(placed("us", US, 0, "10:30"), [gastro], [], PARAMS)
    assert codes(v) == ["exam_interference"] and "胃镜注气干扰超声" in v[0].message
    # Ultrasound before it is fine; so is ultrasound two days later.
    assert rules.check(placed("us", US, 0, "08:00"), [gastro], [], PARAMS) == []
    assert rules.check(placed("us", US, 2, "08:00"), [gastro], [], PARAMS) == []
    # The rule is checked from either side: a gastroscopy booked before an ultrasound already booked.
    us = placed("us", US, 0, "08:00")
    assert rules.check(placed("g", GASTRO, 0, "08:30"), [us], [], PARAMS) == []
    late_us = placed("us", US, 0, "11:00")
    assert codes(rules.check(placed("g", GASTRO, 0, "09:00"), [late_us], [], PARAMS)) == ["exam_interference"]


def test_advice_when_fasting_exams_are_on_different_mornings():
    assert rules.advice([placed("a", US, 0, "08:00"), placed("b", GASTRO, 0, "09:00")]) == []
    notes = rules.advice([placed("a", US, 0, "08:00"), placed("b", GASTRO, 3, "09:00")])
    assert len(notes) == 1 and "2 different mornings" in notes[0]


def slots(day: int, times: list[str], first_id: int, minutes: int = 30) -> tuple[rules.Slot, ...]:
    return tuple(
        rules.Slot(band_id=first_id + i, start=at(day, t), end=at(day, t) + dt.timedelta(minutes=minutes))
        for i, t in enumerate(times)
    )


MORNING = ["08:00", "08:30", "09:00", "09:30", "10:00", "10:30", "11:00", "11:30"]
AFTERNOON = ["14:00", "14:30", "15:00", "15:30", "16:00"]


def test_the_planner_puts_fasting_exams_in_one_morning_ultrasound_before_gastroscopy():
    wants = [
        rules.Want(ref="g", item=GASTRO, slots=slots(0, MORNING, 100) + slots(1, MORNING, 200)),
        rules.Want(ref="us", item=US, slots=slots(0, MORNING + AFTERNOON, 300) + slots(1, MORNING, 400)),
        rules.Want(
            ref="ct", item=CT_C, slots=slots(0, ["10:00", "11:00", "15:00"], 500) + slots(1, MORNING, 600)
        ),
    ]
    plan = rules.plan(wants, [], [], PARAMS)
    assert plan.unplaced == {}
    chosen = {ref: s.start for ref, s in plan.chosen.items()}
    local = {ref: t.astimezone(SH) for ref, t in chosen.items()}
    assert {t.date() for t in local.values()} == {DAY}  # one morning: the patient fasts once
    assert all(t.time() < dt.time(12) for t in local.values())
    assert chosen["us"] < chosen["g"]  # ultrasound before the gastroscopy's gas
    placed_all = [
        rules.Placed(ref=w.ref, item=w.item, start=plan.chosen[w.ref].start, end=plan.chosen[w.ref].end)
        for w in wants
    ]
    for p in placed_all:
        assert rules.check(p, placed_all, [], PARAMS) == [], p


def test_the_planner_moves_all_fasting_exams_to_a_morning_that_fits_them_all():
    # Day 0 has a morning for the ultrasound only; day 2 has room for both: both go to day 2.
    wants = [
        rules.Want(ref="us", item=US, slots=slots(0, ["08:00"], 1) + slots(2, ["08:00", "08:30"], 2)),
        rules.Want(ref="g", item=GASTRO, slots=slots(2, ["09:00"], 10)),
    ]
    plan = rules.plan(wants, [], [], PARAMS)
    assert plan.chosen["us"].start == at(2, "08:00") and plan.chosen["g"].start == at(2, "09:00")


def test_the_planner_spreads_contrast_exams_and_respects_what_the_patient_has():
    booked_ct = placed("ct-booked", CT_C, 0, "08:00")
    visit = rules.Busy(label="visit", start=at(2, "15:00"), end=at(2, "15:30"))
    wants = [
        rules.Want(
            ref="mr",
            item=MR_C,
            slots=slots(0, AFTERNOON, 1) + slots(1, AFTERNOON, 10) + slots(2, AFTERNOON, 20),
        )
    ]
    plan = rules.plan(wants, [booked_ct], [visit], PARAMS)
    assert plan.chosen["mr"].start == at(2, "14:00")  # day 2 at the earliest; 14:00 is before the visit
    wants = [rules.Want(ref="mr", item=MR_C, slots=slots(2, ["15:00", "15:30"], 30))]
    plan = rules.plan(wants, [booked_ct], [visit], PARAMS)
    # 15:00 overlaps the visit; the 40-minute MRI at 15:30 is clear.
    assert plan.chosen["mr"].start == at(2, "15:30")


def test_what_cannot_be_placed_is_reported_and_the_rest_still_placed():
    wants = [
        rules.Want(ref="us", item=US, slots=slots(0, AFTERNOON, 1)),  # fasting, but afternoons only
        rules.Want(ref="thy", item=THY, slots=slots(0, ["09:00"], 10)),
        rules.Want(ref="none", item=THY, slots=()),
    ]
    plan = rules.plan(wants, [], [], PARAMS)
    assert plan.unplaced == {"us": "no_free_time", "none": "no_free_time"}
    assert plan.chosen["thy"].band_id == 10
    # Both contrast exams have only the same day: one is placed, the other cannot fit the rules.
    wants = [
        rules.Want(ref="ct", item=CT_C, slots=slots(0, ["08:00"], 1)),
        rules.Want(ref="mr", item=MR_C, slots=slots(0, ["14:00"], 2)),
    ]
    plan = rules.plan(wants, [], [], PARAMS)
    assert set(plan.chosen) == {"ct"} and plan.unplaced == {"mr": "no_fitting_time"}


def test_the_planner_stops_searching_after_its_step_budget():
    many = [rules.Want(ref=f"x{i}", item=THY, slots=slots(0, ["09:00"], i * 10)) for i in range(4)]
    plan = rules.plan(many, [], [], PARAMS, max_steps=3)
    # All want the one 09:00 band: one gets it, the others are reported, and it returns at once.
    assert len(plan.chosen) == 1 and set(plan.unplaced.values()) == {"no_fitting_time"}


@pytest.mark.parametrize(
    ("first", "weekdays", "n", "expected"),
    [
        (DAY, [0, 2, 4], 4, [DAY, DAY + dt.timedelta(2), DAY + dt.timedelta(4), DAY + dt.timedelta(7)]),
        (DAY + dt.timedelta(1), [0], 2, [DAY + dt.timedelta(7), DAY + dt.timedelta(14)]),
        (DAY, [6, 5], 2, [DAY + dt.timedelta(5), DAY + dt.timedelta(6)]),
    ],
)
def test_a_course_falls_on_the_chosen_weekdays(first, weekdays, n, expected):
    assert session_days(first, weekdays, n) == expected
