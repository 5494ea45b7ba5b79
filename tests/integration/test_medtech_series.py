"""Courses of treatment (治疗预约): ten physiotherapy sessions on Mon/Wed/Fri at 09:00 booked in one
command, all or nothing (the answer names the session that collides and why), each session with
its own reminder the day before, cancel one session or the rest of the course, check-in and
completion per session, progress (done/remaining), the course finishing and its order completing;
two patients cannot see or touch each other's courses; bad input changes nothing."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from yiqiao.kit import clock
from yiqiao.kit.errors import Conflict

from tests.integration import medtech_world as w
from tests.integration.flows import bearer, patient_tokens, staff_tokens


async def _physio(capacity: int = 2):
    """A rehab department with a physiotherapy room open Mon–Sat 08:00–11:30 (bands made on demand)."""
    from yiqiao.kit.actor import SYSTEM
    from yiqiao.scheduling.medtech.service import resources
    from yiqiao.scheduling.medtech.types import ResourceTemplateSpec

    dept = await w.fresh_department("QX-RMYY-BH")
    room = await w.room(dept, "PT")
    for weekday in range(6):
        await resources.save_template(
            SYSTEM,
            ResourceTemplateSpec(
                resource_id=room,
                weekday=weekday,
                start_local="08:00",
                end_local="11:30",
                band_minutes=30,
                capacity=capacity,
            ),
        )
    return dept, room, w.next_weekday(0, at_least_days=2)  # a Monday


def _course(order: uuid.UUID, monday: dt.date, sessions: int | None = None, **extra) -> dict:
    body = {"order_id": str(order), "first_day": str(monday), "weekdays": [0, 2, 4], "time_local": "09:00"}
    if sessions is not None:
        body["sessions"] = sessions
    return {**body, **extra}


def _key(headers: dict) -> dict:
    return {**headers, "Idempotency-Key": f"mt-{uuid.uuid4().hex[:16]}"}


async def test_ten_sessions_booked_at_once_with_a_reminder_each(patient_api):
    from yiqiao.scheduling.medtech.service import reminders

    dept, _room, monday = await _physio()
    phone, account, patient = await w.new_patient("疗")
    me = bearer(await patient_tokens(patient_api, phone))
    order = await w.order(patient, "PT-IFC", dept, sessions=10)
    key = _key(me)
    r = await patient_api.post("/medtech/series", json=_course(order, monday), headers=key)
    assert r.status_code == 201, r.text
    course = r.json()
    again = await patient_api.post("/medtech/series", json=_course(order, monday), headers=key)
    assert again.status_code == 201 and again.json()["id"] == course["id"]
    assert course["status"] == "active" and course["sessions_total"] == 10
    assert (
        course["done"] == 0
        and course["remaining"] == 10
        and course["pattern_local"] == "周一、周三、周五 09:00"
    )
    sessions = course["sessions"]
    assert [s["session_no"] for s in sessions] == list(range(1, 11))
    starts = [dt.datetime.fromisoformat(s["band_start"]).astimezone(w.SH) for s in sessions]
    assert all(t.weekday() in (0, 2, 4) and t.time() == dt.time(9, 0) for t in starts)
    assert starts[0].date() == monday and starts[-1].date() == monday + dt.timedelta(days=21)
    assert course["next_session"]["id"] == sessions[0]["id"]
    sent = await w.notices(account, "series_booked")
    assert len(sent) == 1 and "共10次" in sent[0]["body"] and "周一、周三、周五 09:00" in sent[0]["body"]
    assert await w.audit_actions(uuid.UUID(course["id"])) == ["treatment_series.book_series"]
    assert await w.audit_actions(uuid.UUID(sessions[3]["id"])) == ["exam_booking.book_session"]
    listed = (await patient_api.get("/medtech/series", headers=me)).json()
    assert [c["id"] for c in listed] == [course["id"]]
    screen = (await patient_api.get("/medtech", headers=me)).json()
    assert [c["id"] for c in screen["courses"]] == [course["id"]] and len(screen["upcoming"]) == 10
    o = (await patient_api.get(f"/medtech/orders/{order}", headers=me)).json()
    assert o["sessions_booked"] == 10 and o["sessions_left"] == 0

    # Each session has its own reminder, the evening before it.
    for n in (0, 1):
        day = starts[n].date()
        await reminders.send_due(w.local_at(day - dt.timedelta(days=1), "18:01"))
    got = await w.notices(account, "exam_remind_d1")
    assert [g["title"] for g in got] == ["治疗提醒（明天）", "治疗提醒（明天）"]
    assert "第1次中频电疗" in got[0]["body"] and "第2次中频电疗" in got[1]["body"]
    assert await w.outbox_for(f"exam:{sessions[1]['id']}:remind_d1")
    assert not await w.outbox_for(f"exam:{sessions[2]['id']}:remind_d1")


async def test_a_course_is_all_or_nothing_and_says_which_session_collides(patient_api):
    dept, room, monday = await _physio(capacity=1)
    phone, account, patient = await w.new_patient("满")
    me = bearer(await patient_tokens(patient_api, phone))
    order = await w.order(patient, "PT-IFC", dept, sessions=10)
    # Someone else has the only place on session 4's day (the second Monday) at 09:00.
    _, other_account, other = await w.new_patient("占")
    from yiqiao.scheduling.medtech.service import series
    from yiqiao.scheduling.medtech.types import BookSeries

    second_monday = monday + dt.timedelta(days=7)
    await series.book_series(
        w.patient_actor(other_account),
        BookSeries(
            order_id=await w.order(other, "PT-IFC", dept, sessions=1),
            first_day=second_monday,
            weekdays=[0],
            time_local="09:00",
        ),
        f"k-{uuid.uuid4().hex}",
    )
    r = await patient_api.post("/medtech/series", json=_course(order, monday), headers=_key(me))
    assert r.status_code == 409, r.text
    p = r.json()
    assert (
        p["code"] == "series_session_unavailable" and p["session_no"] == 4 and p["reason_code"] == "band_full"
    )
    assert (
        "Session 4 of 10" in p["detail"]
        and str(second_monday) in p["detail"]
        and "Nothing was booked" in p["detail"]
    )
    assert await w.booking_count(patient) == 0
    assert (await w.band(room, second_monday, "09:00"))["remaining"] == 0  # still the other patient's
    assert (await patient_api.get("/medtech/series", headers=me)).json() == []
    # An exam of the patient's own at session 3's time: the rule names it.
    us_room = await w.room(dept, "US")
    friday = monday + dt.timedelta(days=4)
    await w.open_day(us_room, friday, "08:00", "11:00")
    thy = await w.order(patient, "US-THY", dept)
    await w.book(account, (thy, (await w.band(us_room, friday, "09:00"))["id"]))
    r = await patient_api.post("/medtech/series", json=_course(order, monday, sessions=3), headers=_key(me))
    assert r.status_code == 409
    assert r.json()["session_no"] == 3 and r.json()["reason_code"] == "time_overlap"
    assert "甲状腺" in r.json()["detail"]
    # Three sessions at 10:00 instead fit.
    r = await patient_api.post(
        "/medtech/series", json=_course(order, monday, sessions=3, time_local="10:00"), headers=_key(me)
    )
    assert r.status_code == 201 and r.json()["remaining"] == 3


async def test_cancel_one_session_rebook_it_complete_and_cancel_the_rest(patient_api, clinician_api):
    dept, _room, monday = await _physio()
    phone, account, patient = await w.new_patient("程")
    me = bearer(await patient_tokens(patient_api, phone))
    order = await w.order(patient, "PT-IFC", dept, sessions=6)
    course = (await patient_api.post("/medtech/series", json=_course(order, monday), headers=_key(me))).json()
    s = course["sessions"]
    band3 = s[2]["band_id"]
    left_before = await w.remaining(band3)
    r = await patient_api.post(f"/medtech/bookings/{s[2]['id']}/cancel", json={"reason": "出差"}, headers=me)
    assert r.status_code == 200 and r.json()["status"] == "cancelled"
    assert await w.remaining(band3) == left_before + 1
    view = (await patient_api.get(f"/medtech/series/{course['id']}", headers=me)).json()
    assert view["status"] == "active" and view["remaining"] == 5 and view["cancelled"] == 1
    # The cancelled session is booked again as a course of one, the Saturday after.
    o = (await patient_api.get(f"/medtech/orders/{order}", headers=me)).json()
    assert o["sessions_left"] == 1
    extra = await patient_api.post(
        "/medtech/series",
        json={"order_id": str(order), "first_day": str(monday), "weekdays": [5], "time_local": "08:30"},
        headers=_key(me),
    )
    assert extra.status_code == 201 and extra.json()["sessions_total"] == 1
    r = await patient_api.post("/medtech/series", json=_course(order, monday, sessions=1), headers=_key(me))
    assert r.status_code == 409 and r.json()["code"] == "not_enough_sessions_left"

    # Session 1 happens: checked in at the room and completed.
    tech = bearer(await staff_tokens(clinician_api, dept.technician))
    await w.move_booking(uuid.UUID(s[0]["id"]), clock.now() + dt.timedelta(minutes=15))
    assert (
        await clinician_api.post(f"/medtech/bookings/{s[0]['id']}/check-in", headers=tech)
    ).status_code == 200
    done = await clinician_api.post(f"/medtech/bookings/{s[0]['id']}/complete", headers=tech)
    assert done.status_code == 200 and done.json()["status"] == "completed"
    view = (await patient_api.get(f"/medtech/series/{course['id']}", headers=me)).json()
    assert view["done"] == 1 and view["remaining"] == 4

    # The rest of the course is cancelled: what was done stays done.
    r = await patient_api.post(f"/medtech/series/{course['id']}/cancel", json={"reason": "好转"}, headers=me)
    assert r.status_code == 200, r.text
    after = r.json()
    assert after["status"] == "cancelled" and after["done"] == 1 and after["remaining"] == 0
    assert after["cancelled"] == 5 and after["next_session"] is None
    sent = await w.notices(account, "series_cancelled")
    assert len(sent) == 1 and "余下4次" in sent[0]["body"]
    r = await patient_api.post(f"/medtech/series/{course['id']}/cancel", json={}, headers=me)
    assert r.status_code == 409 and r.json()["code"] == "treatment_series_wrong_state"
    assert await w.audit_actions(uuid.UUID(course["id"])) == [
        "treatment_series.book_series",
        "treatment_series.cancel_rest",
    ]


async def test_a_course_finishes_when_its_last_session_is_done_and_the_order_completes(clinician_api):
    from yiqiao.scheduling.medtech.service import orders, series
    from yiqiao.scheduling.medtech.types import BookSeries

    dept, _room, monday = await _physio()
    _, account, patient = await w.new_patient("完")
    order = await w.order(patient, "PT-IFC", dept, sessions=2)
    me = w.patient_actor(account)
    course = await series.book_series(
        me,
        BookSeries(order_id=order, first_day=monday, weekdays=[0, 2], time_local="08:00"),
        f"k-{uuid.uuid4().hex}",
    )
    tech = bearer(await staff_tokens(clinician_api, dept.technician))
    for s in course.sessions:
        await w.move_booking(s.id, clock.now() + dt.timedelta(minutes=10))
        assert (
            await clinician_api.post(f"/medtech/bookings/{s.id}/check-in", headers=tech)
        ).status_code == 200
        assert (
            await clinician_api.post(f"/medtech/bookings/{s.id}/complete", headers=tech)
        ).status_code == 200
    finished = await series.get_series(me, course.id)
    assert finished.status == "finished" and finished.done == 2 and finished.remaining == 0
    assert (await orders.get_order(me, order)).status == "completed"
    assert await w.audit_actions(course.id) == ["treatment_series.book_series", "treatment_series.finish"]


async def test_two_patients_cannot_see_or_touch_each_others_courses(patient_api):
    dept, _room, monday = await _physio()
    phone, _account, patient = await w.new_patient("私")
    phone2, _account2, _patient2 = await w.new_patient("窥")
    me = bearer(await patient_tokens(patient_api, phone))
    other = bearer(await patient_tokens(patient_api, phone2))
    order = await w.order(patient, "PT-IFC", dept, sessions=3)
    r = await patient_api.post("/medtech/series", json=_course(order, monday), headers=_key(other))
    assert r.status_code == 404 and r.json()["code"] == "exam_order_not_found"
    course = (await patient_api.post("/medtech/series", json=_course(order, monday), headers=_key(me))).json()
    r = await patient_api.get(f"/medtech/series/{course['id']}", headers=other)
    assert r.status_code == 404 and r.json()["code"] == "treatment_series_not_found"
    assert (
        await patient_api.post(f"/medtech/series/{course['id']}/cancel", json={}, headers=other)
    ).status_code == 404
    assert (await patient_api.get("/medtech/series", headers=other)).json() == []
    r = await patient_api.get("/medtech/series", params={"patient_id": str(patient)}, headers=other)
    assert r.status_code == 404
    session = course["sessions"][0]["id"]
    assert (
        await patient_api.post(f"/medtech/bookings/{session}/cancel", json={}, headers=other)
    ).status_code == 404
    assert (await patient_api.get(f"/medtech/series/{course['id']}", headers=me)).json()["remaining"] == 3


async def test_bad_course_requests_are_clear_4xx_and_change_nothing(patient_api):
    dept, _room, monday = await _physio()
    phone, _account, patient = await w.new_patient("错")
    me = bearer(await patient_tokens(patient_api, phone))
    order = await w.order(patient, "PT-IFC", dept, sessions=3)
    us_room = await w.room(dept, "US")
    exam = await w.order(patient, "US-THY", dept)
    other_pt = await w.room(await w.fresh_department(), "PT")
    cases = [
        (_course(order, monday, weekdays=[]), 400, "validation_failed"),
        (_course(order, monday, time_local="25:00"), 400, "validation_failed"),
        (_course(order, monday, weekdays=[7]), 400, "validation_failed"),
        (_course(order, monday, sessions=0), 400, "validation_failed"),
        (_course(exam, monday), 422, "exam_not_series"),
        (_course(order, w.today_local() - dt.timedelta(days=1)), 422, "day_past"),
        (_course(order, monday, sessions=4), 409, "not_enough_sessions_left"),
        (_course(order, monday, resource_id=str(us_room)), 422, "band_wrong_resource"),
        (_course(order, monday, resource_id=str(other_pt)), 422, "band_wrong_resource"),
        (_course(order, monday, time_local="12:00"), 409, "series_session_unavailable"),
        (_course(uuid.uuid4(), monday), 404, "exam_order_not_found"),
    ]
    for body, status, code in cases:
        r = await patient_api.post("/medtech/series", json=body, headers=_key(me))
        assert r.status_code == status and r.json()["code"] == code, (body, r.text)
    assert await w.booking_count(patient) == 0
    from yiqiao import db

    assert not await db.fetch("SELECT 1 FROM treatment_series WHERE patient_id = {}", patient)


async def test_an_equipment_failure_cancels_only_the_sessions_it_hits(clinician_api):
    from yiqiao.scheduling.medtech.service import series
    from yiqiao.scheduling.medtech.types import BookSeries

    dept, room, monday = await _physio()
    _, account, patient = await w.new_patient("停")
    me = w.patient_actor(account)
    course = await series.book_series(
        me,
        BookSeries(
            order_id=await w.order(patient, "PT-IFC", dept, sessions=3),
            first_day=monday,
            weekdays=[0, 2, 4],
            time_local="09:00",
        ),
        f"k-{uuid.uuid4().hex}",
    )
    tech = bearer(await staff_tokens(clinician_api, dept.technician))
    wednesday = monday + dt.timedelta(days=2)
    r = await clinician_api.post(
        f"/medtech/resources/{room}/outages",
        json={
            "starts_at": w.local_at(wednesday, "00:00").isoformat(),
            "ends_at": w.local_at(wednesday + dt.timedelta(days=1), "00:00").isoformat(),
            "reason": "电疗仪检修",
        },
        headers=tech,
    )
    assert r.status_code == 201 and r.json()["cancelled_bookings"] == 1
    after = await series.get_series(me, course.id)
    assert [s.status for s in after.sessions] == ["booked", "cancelled", "booked"]
    assert after.status == "active" and after.remaining == 2
    sent = await w.notices(account, "exam_resource_down")
    assert len(sent) == 1 and "第2次治疗" in sent[0]["body"]
    with pytest.raises(Conflict) as refused:
        await series.book_series(
            me,
            BookSeries(order_id=course.order_id, first_day=wednesday, weekdays=[2], time_local="09:00"),
            f"k-{uuid.uuid4().hex}",
        )
    assert refused.value.code == "series_session_unavailable"
    assert refused.value.extra["reason_code"] == "resource_down"
