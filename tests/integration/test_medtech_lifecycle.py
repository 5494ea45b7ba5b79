"""Every transition of an exam booking, through the apps where people do them: booked → checked in
(online, at the kiosk, at the room) → completed (the order completes); booked → cancelled (and too
late to cancel online); booked → no-show after the band; booked | checked in → cancelled by an
equipment failure (patients told at once with the nearest other times; the room back up reopens
its bands); orders that lapse expire. A technician of another department may not touch the room.
Reminders the day before carry the preparation notes, once."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from yiqiao.kit import clock
from yiqiao.kit.errors import Conflict

from tests.integration import medtech_world as w
from tests.integration.flows import bearer, kiosk_tokens, patient_tokens, staff_tokens


async def _booked(label: str, item: str = "US-THY", hhmm: str = "09:00"):
    dept = await w.fresh_department()
    room = await w.room(dept, item.split("-")[0])
    day = w.next_weekday(2, at_least_days=2)  # a Wednesday
    await w.open_day(room, day, "08:00", "12:00")
    phone, account, patient = await w.new_patient(label)
    order = await w.order(patient, item, dept)
    band = await w.band(room, day, hhmm)
    booking = (await w.book(account, (order, band["id"]))).bookings[0]
    return dept, room, day, phone, account, patient, order, band, booking


async def test_check_in_online_then_the_technician_completes_and_the_order_completes(
    patient_api, clinician_api
):
    dept, room, _day, phone, _account, patient, order, _band, b = await _booked("签")
    me = bearer(await patient_tokens(patient_api, phone))
    r = await patient_api.post(f"/medtech/bookings/{b.id}/check-in", json={}, headers=me)
    assert r.status_code == 409 and r.json()["code"] == "checkin_not_open"
    await w.move_booking(b.id, clock.now() + dt.timedelta(minutes=20))
    r = await patient_api.post(f"/medtech/bookings/{b.id}/check-in", json={}, headers=me)
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "checked_in" and r.json()["checked_in_at"]
    again = await patient_api.post(f"/medtech/bookings/{b.id}/check-in", json={}, headers=me)
    assert again.status_code == 200 and again.json()["status"] == "checked_in"
    today = (await patient_api.get("/medtech/bookings/today", headers=me)).json()
    assert [x["id"] for x in today] == [str(b.id)]

    tech = bearer(await staff_tokens(clinician_api, dept.technician))
    rooms = (await clinician_api.get("/medtech/resources", headers=tech)).json()
    assert [x["id"] for x in rooms] == [str(room)]
    assert (await clinician_api.get(f"/medtech/resources/{room}/day", headers=tech)).status_code == 200
    moved_day = clock.local(clock.now() + dt.timedelta(minutes=20)).date()
    listing = (
        await clinician_api.get(
            f"/medtech/resources/{room}/day", params={"day": str(moved_day)}, headers=tech
        )
    ).json()
    entry = next(e for band in listing["bands"] for e in band["entries"] if e["booking_id"] == str(b.id))
    assert entry["status"] == "checked_in" and "*" in entry["patient_name_masked"]
    assert w.IDENTITIES[patient][1] not in json.dumps(listing, ensure_ascii=False)
    assert listing["checked_in"] == 1

    r = await clinician_api.post(f"/medtech/bookings/{b.id}/complete", headers=tech)
    assert r.status_code == 200 and r.json()["status"] == "completed" and r.json()["completed_at"]
    r = await clinician_api.post(f"/medtech/bookings/{b.id}/complete", headers=tech)
    assert r.status_code == 409 and r.json()["code"] == "exam_booking_wrong_state"
    o = (await patient_api.get(f"/medtech/orders/{order}", headers=me)).json()
    assert o["status"] == "completed" and o["sessions_done"] == 1
    assert await w.audit_actions(b.id) == [
        "exam_booking.book",
        "exam_booking.check_in",
        "exam_booking.complete",
    ]
    assert await w.audit_actions(order) == ["exam_order.place", "exam_order.complete"]
    r = await patient_api.post(f"/medtech/bookings/{b.id}/cancel", json={}, headers=me)
    assert r.status_code == 409


async def test_desk_and_kiosk_check_in_and_other_departments_are_refused(clinician_api, kiosk_api):
    dept, room, day, _phone, account, patient, _order, _band, b = await _booked("台")
    await w.move_booking(b.id, clock.now() + dt.timedelta(minutes=30))
    other = await w.fresh_department()
    stranger = bearer(await staff_tokens(clinician_api, other.technician))
    for path in (f"/medtech/bookings/{b.id}/check-in", f"/medtech/bookings/{b.id}/complete"):
        r = await clinician_api.post(path, headers=stranger)
        assert r.status_code == 403 and r.json()["code"] == "not_resource_staff", path
    r = await clinician_api.get(f"/medtech/resources/{room}/day", headers=stranger)
    assert r.status_code == 403
    r = await clinician_api.post(
        f"/medtech/resources/{room}/outages",
        json={"ends_at": (clock.now() + dt.timedelta(hours=2)).isoformat(), "reason": "不是我的机器"},
        headers=stranger,
    )
    assert r.status_code == 403
    tech = bearer(await staff_tokens(clinician_api, dept.technician))
    r = await clinician_api.post(f"/medtech/bookings/{b.id}/complete", headers=tech)
    assert r.status_code == 409 and r.json()["code"] == "exam_booking_wrong_state"  # not checked in yet
    r = await clinician_api.post(f"/medtech/bookings/{b.id}/check-in", headers=tech)
    assert r.status_code == 200 and r.json()["status"] == "checked_in"

    # A second booking, checked in by the citizen at the kiosk.
    o2 = await w.order(patient, "US-ABD", dept)
    b2 = (await w.book(account, (o2, (await w.band(room, day, "08:00"))["id"]))).bookings[0]
    await w.move_booking(b2.id, clock.now() + dt.timedelta(minutes=50))
    k = bearer(await kiosk_tokens(kiosk_api, "KIOSK-01"))
    number, name = w.IDENTITIES[patient]
    r = await kiosk_api.post("/citizen/session/id-card", json={"id_number": number, "name": name}, headers=k)
    assert r.status_code == 201, r.text
    c = {**k, "X-Citizen-Session": r.json()["session_token"]}
    listed = (await kiosk_api.get("/medtech/today", headers=c)).json()
    assert {x["id"] for x in listed} == {str(b.id), str(b2.id)}
    r = await kiosk_api.post(f"/medtech/check-in/{b2.id}", headers=c)
    assert r.status_code == 200 and r.json()["status"] == "checked_in"
    # Not at the campus's other kiosk of another institution.
    k2 = bearer(await kiosk_tokens(kiosk_api, "KIOSK-02"))
    r = await kiosk_api.post("/citizen/session/id-card", json={"id_number": number, "name": name}, headers=k2)
    c2 = {**k2, "X-Citizen-Session": r.json()["session_token"]}
    r = await kiosk_api.post(f"/medtech/check-in/{b.id}", headers=c2)
    assert r.status_code == 403 and r.json()["code"] == "checkin_other_campus"


async def test_cancel_is_refused_after_the_cutoff(patient_api):
    _dept, _room, _day, phone, _account, _patient, _order, _band, b = await _booked("晚")
    me = bearer(await patient_tokens(patient_api, phone))
    await w.move_booking(b.id, clock.now() + dt.timedelta(minutes=60))
    r = await patient_api.post(f"/medtech/bookings/{b.id}/cancel", json={}, headers=me)
    assert r.status_code == 409 and r.json()["code"] == "cancel_too_late"
    assert (await patient_api.get(f"/medtech/bookings/{b.id}", headers=me)).json()["status"] == "booked"


async def test_a_booking_not_checked_in_lapses_after_its_band(patient_api):
    from yiqiao.scheduling.medtech.service import reminders

    _dept, _room, _day, _phone, account, _patient, _order, _band, b = await _booked("过")
    await w.move_booking(b.id, clock.now() - dt.timedelta(minutes=40))
    lapsed = await reminders.mark_no_shows()
    assert lapsed >= 1
    from yiqiao.kit.actor import Actor
    from yiqiao.scheduling.medtech.service import booking as exam_booking

    view = await exam_booking.get_booking(Actor(kind="patient", id=account), b.id)
    assert view.status == "no_show" and view.status_label.startswith("已失效")
    assert len(await w.notices(account, "exam_no_show")) == 1
    assert await w.audit_actions(b.id) == ["exam_booking.book", "exam_booking.mark_no_show"]


async def test_equipment_failure_cancels_tells_patients_and_offers_other_times(patient_api, clinician_api):
    dept, room, day, phone, account, _patient, order, _band, b = await _booked("坏", hhmm="09:00")
    me = bearer(await patient_tokens(patient_api, phone))
    spare = await w.room(dept, "US")
    await w.open_day(spare, day, "08:00", "12:00")
    _, account2, patient2 = await w.new_patient("坏二")
    o2 = await w.order(patient2, "US-THY", dept)
    b2 = (await w.book(account2, (o2, (await w.band(room, day, "10:00"))["id"]))).bookings[0]
    # The second patient is already checked in when the machine breaks.
    await w.move_booking(b2.id, clock.now() + dt.timedelta(minutes=30))
    from yiqiao.kit.actor import Actor
    from yiqiao.scheduling.medtech.service import desk

    await desk.check_in(Actor(kind="patient", id=account2), b2.id, "online")

    tech = bearer(await staff_tokens(clinician_api, dept.technician))
    r = await clinician_api.post(
        f"/medtech/resources/{room}/outages",
        json={"ends_at": w.local_at(day + dt.timedelta(days=1), "00:00").isoformat(), "reason": "探头故障"},
        headers=tech,
    )
    assert r.status_code == 201, r.text
    out = r.json()
    assert out["cancelled_bookings"] == 2 and out["notified_patients"] == 2 and out["bands_closed"] >= 8
    mine = (await patient_api.get(f"/medtech/bookings/{b.id}", headers=me)).json()
    assert mine["status"] == "cancelled" and "探头故障" in mine["status_reason"]
    sent = await w.notices(account, "exam_resource_down")
    assert len(sent) == 1 and "探头故障" in sent[0]["body"] and "可改约" in sent[0]["body"]
    offered = json.loads(sent[0]["data"])["alternative_band_ids"]
    assert offered and (await w.band(spare, day, "09:00"))["id"] in offered  # the same time in the spare room
    assert await w.outbox_for(f"exam:{b.id}:resource_down")
    alternatives = (await patient_api.get(f"/medtech/bookings/{b.id}/alternatives", headers=me)).json()
    assert alternatives and all(a["resource_id"] == str(spare) for a in alternatives)
    assert alternatives[0]["label_local"] == "09:00-09:30"
    # The broken room takes no bookings; the order is open to book again elsewhere.
    with pytest.raises(Conflict) as refused:
        await w.book(account, (order, (await w.band(room, day, "11:00"))["id"]))
    assert refused.value.code == "resource_down"
    rebooked = await w.book(account, (order, alternatives[0]["band_id"]))
    assert rebooked.bookings[0].resource_id == spare
    listing = (await clinician_api.get("/medtech/resources", headers=tech)).json()
    assert next(x for x in listing if x["id"] == str(room))["down_now"] is True
    assert next(x for x in listing if x["id"] == str(spare))["down_now"] is False
    # Back up early: the bands still to come open again, whole.
    r = await clinician_api.post(f"/medtech/resources/{room}/outages/{out['outage_id']}/end", headers=tech)
    assert r.status_code == 200 and r.json()["bands_reopened"] >= 7
    eleven = await w.band(room, day, "11:00")
    assert eleven["status"] == "open" and eleven["remaining"] == eleven["capacity"]
    assert (await w.band(room, day, "09:00"))["remaining"] == 2
    r = await clinician_api.post(f"/medtech/resources/{room}/outages/{out['outage_id']}/end", headers=tech)
    assert r.status_code == 409 and r.json()["code"] == "outage_over"
    r = await clinician_api.post(
        f"/medtech/resources/{room}/outages",
        json={"ends_at": (clock.now() - dt.timedelta(hours=1)).isoformat(), "reason": "已经修好"},
        headers=tech,
    )
    assert r.status_code == 422 and r.json()["code"] == "outage_times"
    assert await w.audit_actions(b2.id) == [
        "exam_booking.book",
        "exam_booking.check_in",
        "exam_booking.resource_down",
    ]


async def test_an_order_not_booked_in_time_expires(patient_api):
    from yiqiao.scheduling.medtech.service import orders

    dept = await w.fresh_department()
    room = await w.room(dept, "US")
    day = w.next_weekday(3, at_least_days=2)
    await w.open_day(room, day)
    phone, account, patient = await w.new_patient("期")
    me = bearer(await patient_tokens(patient_api, phone))
    o = await w.order(patient, "US-THY", dept)
    from yiqiao import db

    await db.execute(
        "UPDATE exam_order SET expires_at = {} WHERE id = {}", clock.now() - dt.timedelta(minutes=1), o
    )
    with pytest.raises(Conflict) as refused:
        await w.book(account, (o, (await w.band(room, day, "09:00"))["id"]))
    assert refused.value.code == "order_expired"
    assert await orders.expire_due() >= 1
    view = (await patient_api.get(f"/medtech/orders/{o}", headers=me)).json()
    assert view["status"] == "expired" and view["sessions_left"] == 0
    assert all(x["id"] != str(o) for x in (await patient_api.get("/medtech/orders", headers=me)).json())
    closed = (await patient_api.get("/medtech/orders", params={"include_closed": True}, headers=me)).json()
    assert any(x["id"] == str(o) for x in closed)
    assert await w.audit_actions(o) == ["exam_order.place", "exam_order.expire"]


async def test_the_reminder_the_day_before_carries_the_preparation_notes_once():
    from yiqiao.scheduling.medtech.service import reminders

    dept, room, day, _phone, account, patient, _order, _band, b = await _booked(
        "醒", item="US-ABD", hhmm="08:00"
    )
    evening_before = w.local_at(day - dt.timedelta(days=1), "18:05")
    await reminders.send_due(evening_before - dt.timedelta(hours=2))  # too early
    assert await w.notices(account, "exam_remind_d1") == []
    await reminders.send_due(evening_before)
    sent = await w.notices(account, "exam_remind_d1")
    assert len(sent) == 1 and sent[0]["title"] == "检查提醒（明天）"
    assert "禁食" in sent[0]["body"] and "08:00-08:30" in sent[0]["body"]
    await reminders.send_due(evening_before + dt.timedelta(minutes=5))
    assert len(await w.notices(account, "exam_remind_d1")) == 1
    assert await w.outbox_for(f"exam:{b.id}:remind_d1")
    # A booking made after the reminder time gets none (its confirmation had the notes).
    o2 = await w.order(patient, "US-THY", dept)
    b2 = (await w.book(account, (o2, (await w.band(room, day, "10:00"))["id"]))).bookings[0]
    from yiqiao import db

    await db.execute("UPDATE exam_booking SET created_at = {} WHERE id = {}", evening_before, b2.id)
    await reminders.send_due(evening_before + dt.timedelta(minutes=10))
    assert not await w.outbox_for(f"exam:{b2.id}:remind_d1")
