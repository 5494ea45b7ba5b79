"""The conflict rules where patients meet them: fasting exams in the morning, contrast exams days
apart, interfering exams in the right order, no overlaps with other exams or clinic visits; a
request with several exams is all or nothing; two requests at once cannot both slip past the rules;
and the suggested schedule (fasting exams in one morning) books as proposed."""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid

import pytest
from yiqiao.kit.errors import Conflict

from tests.integration import medtech_world as w
from tests.integration.flows import bearer, patient_tokens


async def _rooms(*modalities: str, days: int = 1, capacity: int = 2):
    dept = await w.fresh_department()
    rooms = {m: await w.room(dept, m) for m in modalities}
    first = w.next_weekday(1, at_least_days=2)  # a Tuesday
    for i in range(days):
        for r in rooms.values():
            await w.open_day(r, first + dt.timedelta(days=i), "08:00", "12:00", capacity)
            await w.open_day(r, first + dt.timedelta(days=i), "14:00", "17:00", capacity)
    return dept, rooms, first


async def test_several_exams_in_one_request_are_all_or_nothing(patient_api):
    dept, rooms, day = await _rooms("US", "ES")
    phone, account, patient = await w.new_patient("全")
    me = bearer(await patient_tokens(patient_api, phone))
    us = await w.order(patient, "US-ABD", dept)
    gastro = await w.order(patient, "ES-GASTRO", dept)
    g8 = await w.band(rooms["ES"], day, "08:00")
    us10 = await w.band(rooms["US"], day, "10:00")
    body = {
        "picks": [
            {"order_id": str(gastro), "band_id": g8["id"]},
            {"order_id": str(us), "band_id": us10["id"]},
        ]
    }
    r = await patient_api.post(
        "/medtech/bookings", json=body, headers={**me, "Idempotency-Key": f"mt-{uuid.uuid4().hex[:16]}"}
    )
    assert r.status_code == 409, r.text
    problem = r.json()
    assert problem["code"] == "exam_interference" and "腹部超声" in problem["detail"]
    assert problem["order_id"] == str(us) and problem["rules"][0]["code"] == "exam_interference"
    assert await w.booking_count(patient) == 0
    assert await w.remaining(g8["id"]) == 2 and await w.remaining(us10["id"]) == 2
    # Ultrasound first, then the gastroscopy: both in one morning, one fast.
    us8 = await w.band(rooms["US"], day, "08:00")
    g830 = await w.band(rooms["ES"], day, "08:30")
    result = await w.book(account, (us, us8["id"]), (gastro, g830["id"]))
    assert [b.status for b in result.bookings] == ["booked", "booked"] and result.advice == []


async def test_fasting_exams_only_in_the_morning_with_advice_when_split(patient_api):
    dept, rooms, day = await _rooms("US", "ES", days=3)
    _, account, patient = await w.new_patient("空")
    us = await w.order(patient, "US-ABD", dept)
    gastro = await w.order(patient, "ES-GASTRO", dept)
    with pytest.raises(Conflict) as refused:
        await w.book(account, (us, (await w.band(rooms["US"], day, "14:00"))["id"]))
    assert refused.value.code == "fasting_not_morning" and "morning" in refused.value.detail
    await w.book(account, (us, (await w.band(rooms["US"], day, "08:00"))["id"]))
    later = await w.book(
        account, (gastro, (await w.band(rooms["ES"], day + dt.timedelta(days=2), "09:00"))["id"])
    )
    assert later.advice and "different mornings" in later.advice[0]


async def test_contrast_exams_are_days_apart(patient_api):
    dept, rooms, day = await _rooms("CT", "MR", days=3)
    _, account, patient = await w.new_patient("增")
    ct = await w.order(patient, "CT-ABD-C", dept)
    mr = await w.order(patient, "MR-HEAD-C", dept)
    await w.book(account, (ct, (await w.band(rooms["CT"], day, "08:00"))["id"]))
    next_day = await w.band(rooms["MR"], day + dt.timedelta(days=1), "14:00")
    with pytest.raises(Conflict) as refused:
        await w.book(account, (mr, next_day["id"]))
    assert refused.value.code == "contrast_too_close" and "2 days" in refused.value.detail
    assert await w.remaining(next_day["id"]) == 2
    ok = await w.book(account, (mr, (await w.band(rooms["MR"], day + dt.timedelta(days=2), "14:00"))["id"]))
    assert ok.bookings[0].status == "booked"


async def test_exams_do_not_overlap_each_other_or_a_clinic_visit(patient_api):
    from tests.integration.scheduling_world import book as book_visit
    from tests.integration.scheduling_world import fresh_schedule

    dept, rooms, day = await _rooms("US", "CT")
    _, account, patient = await w.new_patient("叠")
    thy = await w.order(patient, "US-THY", dept)
    chest = await w.order(patient, "CT-CHEST", dept)
    await w.book(account, (thy, (await w.band(rooms["US"], day, "09:00"))["id"]))
    with pytest.raises(Conflict) as refused:
        await w.book(account, (chest, (await w.band(rooms["CT"], day, "09:00"))["id"]))
    assert refused.value.code == "time_overlap" and "甲状腺" in refused.value.detail
    # A clinic visit (registration) in the evening of another day: an exam band at that time is refused.
    s = await fresh_schedule(fee_fen=0, days_ahead=(day - w.today_local()).days + 1)
    await book_visit(account, patient, s["id"])
    await w.open_day(rooms["CT"], s["day"], "18:00", "19:00")
    with pytest.raises(Conflict) as refused:
        await w.book(account, (chest, (await w.band(rooms["CT"], s["day"], "18:00"))["id"]))
    assert refused.value.code == "overlaps_visit" and "医生" in refused.value.detail
    assert (await w.book(account, (chest, (await w.band(rooms["CT"], s["day"], "18:30"))["id"]))).bookings


async def test_two_requests_at_once_cannot_both_pass_the_rules(patient_api):
    dept, rooms, day = await _rooms("CT", "MR")
    _, account, patient = await w.new_patient("并")
    ct = await w.order(patient, "CT-ABD-C", dept)
    mr = await w.order(patient, "MR-HEAD-C", dept)
    a = w.book(account, (ct, (await w.band(rooms["CT"], day, "08:00"))["id"]))
    b = w.book(account, (mr, (await w.band(rooms["MR"], day, "15:00"))["id"]))
    results = await asyncio.gather(a, b, return_exceptions=True)
    won = [x for x in results if not isinstance(x, BaseException)]
    lost = [x for x in results if isinstance(x, BaseException)]
    assert len(won) == 1 and len(lost) == 1
    assert isinstance(lost[0], Conflict) and lost[0].code == "contrast_too_close"
    assert await w.booking_count(patient) == 1


async def test_the_suggested_schedule_keeps_the_rules_and_books_as_proposed(patient_api):
    dept, rooms, day = await _rooms("US", "ES", "CT", "MR", days=4, capacity=1)
    phone, _account, patient = await w.new_patient("荐")
    me = bearer(await patient_tokens(patient_api, phone))
    us = await w.order(patient, "US-ABD", dept)
    gastro = await w.order(patient, "ES-GASTRO", dept)
    ct = await w.order(patient, "CT-ABD-C", dept)
    mr = await w.order(patient, "MR-HEAD-C", dept)
    # Someone else already has the first ultrasound band of the first morning.
    _, other_account, other = await w.new_patient("他")
    await w.book(
        other_account, (await w.order(other, "US-THY", dept), (await w.band(rooms["US"], day, "08:00"))["id"])
    )

    r = await patient_api.post(
        "/medtech/suggest", json={"patient_id": str(patient), "from_date": str(day)}, headers=me
    )
    assert r.status_code == 200, r.text
    s = r.json()
    assert s["unplaced"] == [] and len(s["items"]) == 4
    at = {i["order_id"]: dt.datetime.fromisoformat(i["band"]["band_start"]) for i in s["items"]}
    local = {k: v.astimezone(w.SH) for k, v in at.items()}
    fasting = [str(us), str(gastro), str(ct)]
    assert len({local[k].date() for k in fasting}) == 1  # one morning of fasting
    assert all(local[k].time() < dt.time(12) for k in fasting)
    assert local[str(us)].date() == day and local[str(us)].time() == dt.time(8, 30)  # 08:00 was taken
    assert at[str(us)] < at[str(gastro)]  # ultrasound before the gastroscopy
    assert (local[str(mr)].date() - local[str(ct)].date()).days >= 2  # contrast apart
    assert any("fast only once" in n for n in s["notes"]) and any("contrast" in n for n in s["notes"])
    assert all(i["band"]["available"] for i in s["items"])
    # Booking the proposal as it is.
    r = await patient_api.post(
        "/medtech/bookings", json=s["book"], headers={**me, "Idempotency-Key": f"mt-{uuid.uuid4().hex[:16]}"}
    )
    assert r.status_code == 201, r.text
    assert len(r.json()["bookings"]) == 4 and r.json()["advice"] == []
    again = (await patient_api.post("/medtech/suggest", json={"patient_id": str(patient)}, headers=me)).json()
    assert again["items"] == [] and again["book"] is None


async def test_what_cannot_be_suggested_is_said(patient_api):
    dept = await w.fresh_department()
    await w.room(dept, "US")  # a room, but no bands open in the coming days
    phone, _, patient = await w.new_patient("无")
    me = bearer(await patient_tokens(patient_api, phone))
    us = await w.order(patient, "US-ABD", dept)
    r = await patient_api.post(
        "/medtech/suggest", json={"patient_id": str(patient), "order_ids": [str(us)]}, headers=me
    )
    assert r.status_code == 200
    s = r.json()
    assert s["items"] == [] and s["book"] is None
    assert s["unplaced"][0]["order_id"] == str(us) and s["unplaced"][0]["reason_code"] == "no_free_time"
