"""Exam booking through the patient app: my orders with preparation notes, the free times of an
order, booking with an Idempotency-Key, my bookings, cancel (the place is free again at once),
reschedule; two patients cannot see or touch each other's orders and bookings; bad input is a
clear 4xx and changes nothing."""

from __future__ import annotations

import uuid

from tests.integration import medtech_world as w
from tests.integration.flows import bearer, patient_tokens, staff_tokens


async def _setup(patient_api, label: str):
    dept = await w.fresh_department()
    us = await w.room(dept, "US")
    day = w.next_weekday(1, at_least_days=2)  # a Tuesday at least two days away
    await w.open_day(us, day, "08:00", "12:00", capacity=1)
    await w.open_day(us, day, "14:00", "16:00", capacity=1)
    phone, account, patient = await w.new_patient(label)
    headers = bearer(await patient_tokens(patient_api, phone))
    return dept, us, day, account, patient, headers


async def test_orders_show_prep_notes_and_booking_is_idempotent(patient_api):
    dept, _us, day, account, patient, me = await _setup(patient_api, "甲")
    order_id = await w.order(patient, "US-ABD", dept)
    r = await patient_api.get("/medtech", headers=me)
    assert [o["id"] for o in r.json()["to_book"]] == [str(order_id)] and r.json()["upcoming"] == []
    r = await patient_api.get("/medtech/orders", headers=me)
    assert r.status_code == 200, r.text
    mine = next(o for o in r.json() if o["id"] == str(order_id))
    assert mine["item"]["fasting"] is True and "禁食" in mine["item"]["prep_notes"]
    assert (
        mine["status"] == "open"
        and mine["sessions_left"] == 1
        and mine["patient_name_masked"].startswith("检")
    )
    assert "*" in mine["patient_name_masked"]

    bands = (
        await patient_api.get(f"/medtech/orders/{order_id}/bands", params={"from_date": str(day)}, headers=me)
    ).json()
    morning = next(b for b in bands if b["label_local"] == "08:00-08:30")
    afternoon = next(b for b in bands if b["label_local"] == "14:00-14:30")
    assert morning["available"] is True and morning["remaining"] == 1
    assert afternoon["available"] is False and afternoon["conflict_code"] == "fasting_not_morning"

    body = {"picks": [{"order_id": str(order_id), "band_id": morning["band_id"]}]}
    r = await patient_api.post("/medtech/bookings", json=body, headers=me)
    assert r.status_code == 400  # the Idempotency-Key header is required
    key = {**me, "Idempotency-Key": f"mt-{uuid.uuid4().hex[:16]}"}
    r1 = await patient_api.post("/medtech/bookings", json=body, headers=key)
    r2 = await patient_api.post("/medtech/bookings", json=body, headers=key)
    assert r1.status_code == 201 and r2.status_code == 201, r1.text
    assert r1.json()["bookings"][0]["id"] == r2.json()["bookings"][0]["id"]
    b = r1.json()["bookings"][0]
    assert b["status"] == "booked" and b["booking_no"].startswith("J") and "禁食" in b["prep_notes"]
    assert b["band_local"].endswith("08:00-08:30") and b["location"] == "测试楼一楼"
    assert await w.remaining(morning["band_id"]) == 0
    # The same key for a different request is refused.
    other_band = next(x for x in bands if x["label_local"] == "08:30-09:00")
    r = await patient_api.post(
        "/medtech/bookings",
        json={"picks": [{"order_id": str(order_id), "band_id": other_band["band_id"]}]},
        headers=key,
    )
    assert r.status_code == 409 and r.json()["code"] == "idempotency_key_reused"
    # The confirmation went out through the outbox with the preparation notes.
    sent = await w.notices(account, "exam_booked")
    assert len(sent) == 1 and "禁食" in sent[0]["body"] and "检查预约成功" == sent[0]["title"]
    assert {m["channel"] for m in await w.outbox_for(f"exam:{b['id']}:booked")} >= {"sms"}
    assert await w.audit_actions(uuid.UUID(b["id"])) == ["exam_booking.book"]

    listed = (await patient_api.get("/medtech/bookings", headers=me)).json()
    assert [x["id"] for x in listed] == [b["id"]]
    order_now = (await patient_api.get(f"/medtech/orders/{order_id}", headers=me)).json()
    assert order_now["sessions_booked"] == 1 and order_now["sessions_left"] == 0
    assert order_now["active_booking_ids"] == [b["id"]]
    screen = (await patient_api.get("/medtech", headers=me)).json()
    assert screen["to_book"] == [] and [x["id"] for x in screen["upcoming"]] == [b["id"]]
    assert screen["courses"] == []


async def test_a_second_booking_of_the_same_order_is_refused_and_nothing_changes(patient_api):
    dept, us, day, account, patient, me = await _setup(patient_api, "乙")
    order_id = await w.order(patient, "US-THY", dept)
    b1 = await w.band(us, day, "08:00")
    b2 = await w.band(us, day, "09:00")
    await w.book(account, (order_id, b1["id"]))
    r = await patient_api.post(
        "/medtech/bookings",
        json={"picks": [{"order_id": str(order_id), "band_id": b2["id"]}]},
        headers={**me, "Idempotency-Key": f"mt-{uuid.uuid4().hex[:16]}"},
    )
    assert r.status_code == 409 and r.json()["code"] == "order_already_booked"
    assert await w.remaining(b2["id"]) == 1 and await w.booking_count(patient) == 1


async def test_two_patients_cannot_see_or_touch_each_others_exams(patient_api):
    dept, us, day, account, patient, me = await _setup(patient_api, "丙")
    phone2, _account2, _patient2 = await w.new_patient("丁")
    other = bearer(await patient_tokens(patient_api, phone2))
    order_id = await w.order(patient, "US-THY", dept)
    b = await w.band(us, day, "10:00")
    booked = (await w.book(account, (order_id, b["id"]))).bookings[0]

    assert (await patient_api.get(f"/medtech/orders/{order_id}", headers=other)).status_code == 404
    r = await patient_api.get(f"/medtech/orders/{order_id}/bands", headers=other)
    assert r.status_code == 404 and r.json()["code"] == "exam_order_not_found"
    assert all(
        o["id"] != str(order_id) for o in (await patient_api.get("/medtech/orders", headers=other)).json()
    )
    r = await patient_api.get("/medtech/orders", params={"patient_id": str(patient)}, headers=other)
    assert r.status_code == 404 and r.json()["code"] == "profile_not_found"
    r = await patient_api.get(f"/medtech/bookings/{booked.id}", headers=other)
    assert r.status_code == 404 and r.json()["code"] == "exam_booking_not_found"
    assert (await patient_api.get("/medtech/bookings", headers=other)).json() == []
    r = await patient_api.post(f"/medtech/bookings/{booked.id}/cancel", json={}, headers=other)
    assert r.status_code == 404
    r = await patient_api.post(
        f"/medtech/bookings/{booked.id}/reschedule",
        json={"band_id": (await w.band(us, day, "11:00"))["id"]},
        headers={**other, "Idempotency-Key": f"mt-{uuid.uuid4().hex[:16]}"},
    )
    assert r.status_code == 404
    assert (
        await patient_api.get(f"/medtech/bookings/{booked.id}/alternatives", headers=other)
    ).status_code == 404
    # Booking someone else's order is refused as if it did not exist, and changes nothing.
    free = await w.band(us, day, "11:30")
    r = await patient_api.post(
        "/medtech/bookings",
        json={"picks": [{"order_id": str(order_id), "band_id": free["id"]}]},
        headers={**other, "Idempotency-Key": f"mt-{uuid.uuid4().hex[:16]}"},
    )
    assert r.status_code == 404 and r.json()["code"] == "exam_order_not_found"
    r = await patient_api.post("/medtech/suggest", json={"patient_id": str(patient)}, headers=other)
    assert r.status_code == 404
    assert await w.remaining(free["id"]) == 1
    # The owner still sees it untouched.
    mine = (await patient_api.get(f"/medtech/bookings/{booked.id}", headers=me)).json()
    assert mine["status"] == "booked"


async def test_cancel_frees_the_place_at_once_and_another_patient_takes_it(patient_api):
    dept, us, day, account, patient, me = await _setup(patient_api, "戊")
    _, account2, patient2 = await w.new_patient("己")
    b = await w.band(us, day, "08:30")
    o1 = await w.order(patient, "US-THY", dept)
    o2 = await w.order(patient2, "US-THY", dept)
    booked = (await w.book(account, (o1, b["id"]))).bookings[0]
    assert await w.remaining(b["id"]) == 0
    from yiqiao.kit.errors import Conflict

    try:
        await w.book(account2, (o2, b["id"]))
        raise AssertionError("the band was full")
    except Conflict as exc:
        assert exc.code == "band_full"
    r = await patient_api.post(
        f"/medtech/bookings/{booked.id}/cancel", json={"reason": "改天再来"}, headers=me
    )
    assert r.status_code == 200 and r.json()["status"] == "cancelled" and r.json()["status_label"] == "已取消"
    assert await w.remaining(b["id"]) == 1
    assert (await w.book(account2, (o2, b["id"]))).bookings[0].status == "booked"
    assert len(await w.notices(account, "exam_cancelled")) == 1
    # Cancelling again is a clear conflict.
    r = await patient_api.post(f"/medtech/bookings/{booked.id}/cancel", json={}, headers=me)
    assert r.status_code == 409 and r.json()["code"] == "exam_booking_wrong_state"
    # The order is open again and can be booked once more.
    assert (await patient_api.get(f"/medtech/orders/{o1}", headers=me)).json()["sessions_left"] == 1


async def test_reschedule_moves_the_place_and_keeps_the_history(patient_api):
    dept, us, day, account, patient, me = await _setup(patient_api, "庚")
    o = await w.order(patient, "US-ABD", dept)
    first = await w.band(us, day, "08:00")
    second = await w.band(us, day, "09:00")
    booked = (await w.book(account, (o, first["id"]))).bookings[0]
    key = {**me, "Idempotency-Key": f"mt-{uuid.uuid4().hex[:16]}"}
    # Into the afternoon: the fasting rule says no, and nothing changes.
    pm = await w.band(us, day, "14:00")
    r = await patient_api.post(
        f"/medtech/bookings/{booked.id}/reschedule", json={"band_id": pm["id"]}, headers=key
    )
    assert r.status_code == 409 and r.json()["code"] == "fasting_not_morning"
    assert await w.remaining(first["id"]) == 0 and await w.remaining(pm["id"]) == 1
    r = await patient_api.post(
        f"/medtech/bookings/{booked.id}/reschedule", json={"band_id": second["id"]}, headers=key
    )
    assert r.status_code == 201, r.text
    new = r.json()
    again = await patient_api.post(
        f"/medtech/bookings/{booked.id}/reschedule", json={"band_id": second["id"]}, headers=key
    )
    assert again.status_code == 201 and again.json()["id"] == new["id"]
    assert new["rescheduled_from"] == str(booked.id) and new["status"] == "booked"
    old = (await patient_api.get(f"/medtech/bookings/{booked.id}", headers=me)).json()
    assert old["status"] == "rescheduled" and old["rescheduled_to"] == new["id"]
    assert await w.remaining(first["id"]) == 1 and await w.remaining(second["id"]) == 0
    assert len(await w.notices(account, "exam_rescheduled")) == 1
    assert await w.audit_actions(booked.id) == ["exam_booking.book", "exam_booking.reschedule"]
    assert await w.audit_actions(uuid.UUID(new["id"])) == ["exam_booking.reschedule_into"]
    r = await patient_api.post(
        f"/medtech/bookings/{new['id']}/reschedule",
        json={"band_id": second["id"]},
        headers={**me, "Idempotency-Key": f"mt-{uuid.uuid4().hex[:16]}"},
    )
    assert r.status_code == 422 and r.json()["code"] == "same_band"


async def test_bad_input_is_a_clear_4xx_and_changes_nothing(patient_api):
    dept, us, day, _account, patient, me = await _setup(patient_api, "辛")
    o = await w.order(patient, "US-THY", dept)
    b = await w.band(us, day, "10:30")

    async def post(body, expect_status, expect_code):
        r = await patient_api.post(
            "/medtech/bookings", json=body, headers={**me, "Idempotency-Key": f"mt-{uuid.uuid4().hex[:16]}"}
        )
        assert r.status_code == expect_status, r.text
        assert r.headers["content-type"].startswith("application/problem+json")
        assert r.json()["code"] == expect_code and r.json()["detail"]

    await post({"picks": []}, 400, "validation_failed")
    await post({"picks": [{"order_id": "nope", "band_id": b["id"]}]}, 400, "validation_failed")
    await post({"picks": [{"order_id": str(o), "band_id": b["id"]}], "admin": True}, 400, "unknown_field")
    await post({"picks": [{"order_id": str(uuid.uuid4()), "band_id": b["id"]}]}, 404, "exam_order_not_found")
    await post({"picks": [{"order_id": str(o), "band_id": 999_999_999}]}, 404, "band_not_found")
    await post(
        {"picks": [{"order_id": str(o), "band_id": b["id"]}, {"order_id": str(o), "band_id": b["id"]}]},
        422,
        "duplicate_order",
    )
    # A band of another kind of room (a CT room) for an ultrasound order.
    ct = await w.room(dept, "CT")
    await w.open_day(ct, day, "08:00", "09:00")
    await post(
        {"picks": [{"order_id": str(o), "band_id": (await w.band(ct, day, "08:00"))["id"]}]},
        422,
        "band_wrong_resource",
    )
    # A band that has begun (moved into the past).
    past_room = await w.room(dept, "US")
    await w.open_day(past_room, day, "08:00", "09:00")
    past = await w.band(past_room, day, "08:00")
    import datetime as dt

    from yiqiao import db
    from yiqiao.kit import clock

    start = clock.now() - dt.timedelta(minutes=5)
    await db.execute(
        "UPDATE exam_band SET band_start = {}, band_end = {} WHERE id = {}",
        start,
        start + dt.timedelta(minutes=30),
        past["id"],
    )
    await post({"picks": [{"order_id": str(o), "band_id": past["id"]}]}, 422, "band_past")
    # A course of treatment is booked as a series, not as one exam.
    pt = await w.room(dept, "PT")
    await w.open_day(pt, day, "08:00", "09:00")
    course = await w.order(patient, "PT-IFC", dept, sessions=3)
    await post(
        {"picks": [{"order_id": str(course), "band_id": (await w.band(pt, day, "08:00"))["id"]}]},
        422,
        "treatment_needs_series",
    )
    r = await patient_api.get(f"/medtech/orders/{o}/bands", params={"days": 99}, headers=me)
    assert r.status_code == 400
    assert await w.booking_count(patient) == 0 and await w.remaining(b["id"]) == 1


async def test_a_doctor_orders_an_exam_in_the_clinic_and_the_patient_sees_it(patient_api, clinician_api):
    dept = await w.fresh_department()
    await w.room(dept, "CT")
    phone, account, patient = await w.new_patient("开")
    me = bearer(await patient_tokens(patient_api, phone))
    doctor = bearer(await staff_tokens(clinician_api, "dr.liuyang"))
    items = (await clinician_api.get("/medtech/items", headers=doctor)).json()
    assert any(i["code"] == "CT-ABD-C" and i["contrast"] and i["fasting"] for i in items)
    body = {"patient_id": str(patient), "item_code": "CT-CHEST", "performing_department_id": str(dept.id)}
    key = {**doctor, "Idempotency-Key": f"ord-{uuid.uuid4().hex[:16]}"}
    r1 = await clinician_api.post("/medtech/orders", json=body, headers=key)
    r2 = await clinician_api.post("/medtech/orders", json=body, headers=key)
    assert r1.status_code == 201 and r2.status_code == 201, r1.text
    assert r1.json()["id"] == r2.json()["id"] and r1.json()["order_no"].startswith("S")
    assert r1.json()["ordered_by_name"] == "刘洋" and r1.json()["performing_department_id"] == str(dept.id)
    r = await clinician_api.post("/medtech/orders", json={**body, "sessions": 2}, headers=key)
    assert r.status_code == 409 and r.json()["code"] == "idempotency_key_reused"
    mine = (await patient_api.get("/medtech/orders", headers=me)).json()
    assert [o["item"]["code"] for o in mine] == ["CT-CHEST"]
    told = await w.notices(account, "exam_order_placed")
    assert len(told) == 1 and "刘洋医生为您开具了胸部CT平扫" in told[0]["body"] and "金属" in told[0]["body"]

    async def refused(headers, payload, status, code):
        r = await clinician_api.post(
            "/medtech/orders",
            json=payload,
            headers={**headers, "Idempotency-Key": f"ord-{uuid.uuid4().hex[:16]}"},
        )
        assert r.status_code == status and r.json()["code"] == code, r.text

    tech = bearer(await staff_tokens(clinician_api, dept.technician))
    await refused(tech, body, 403, "not_a_doctor")
    await refused(doctor, {**body, "item_code": "NO-SUCH"}, 404, "exam_item_not_found")
    await refused(doctor, {**body, "item_code": "no such"}, 400, "validation_failed")
    await refused(doctor, {**body, "sessions": 3}, 422, "sessions_for_exam")
    await refused(doctor, {**body, "item_code": "ES-GASTRO"}, 422, "no_resource_for_item")
    await refused(doctor, {**body, "patient_id": str(uuid.uuid4())}, 404, "profile_not_found")
    assert len((await patient_api.get("/medtech/orders", headers=me)).json()) == 1
