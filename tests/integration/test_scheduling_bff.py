"""Scheduling through the three BFFs: find, availability, book with an idempotency key, my
bookings, cancel, waitlist; a doctor's schedules and stop-clinic; same-day booking at a kiosk."""

from __future__ import annotations

from tests.integration.flows import LI_MEI_PHONE, ZHANG_SAN_PHONE, bearer, patient_tokens, staff_tokens
from tests.integration.scheduling_world import fresh_schedule, staff_id


async def test_find_doctors_by_initials_with_surname_readings(patient_api):
    me = bearer(await patient_tokens(patient_api, ZHANG_SAN_PHONE))
    r = await patient_api.get("/find/doctors", params={"q": "sx"}, headers=me)
    assert r.status_code == 200 and [d["name"] for d in r.json()] == ["单雄"]
    assert (await patient_api.get("/find/doctors", params={"q": "shanx"}, headers=me)).json()[0][
        "name"
    ] == "单雄"
    assert (await patient_api.get("/find/doctors", params={"q": "dx"}, headers=me)).json() == []
    tree = (await patient_api.get("/find/departments", headers=me)).json()
    lead = next(i for i in tree if i["code"] == "QX-RMYY")
    assert {c["code"] for c in lead["campuses"]} == {"QX-RMYY-CD", "QX-RMYY-BH"}
    assert any(d["name"] == "心血管内科" and d["doctors"] >= 3 for d in lead["departments"])


async def test_book_view_cancel_over_http_and_others_cannot_see_it(patient_api):
    s = await fresh_schedule(quotas={"app": 2})
    zhang = bearer(await patient_tokens(patient_api, ZHANG_SAN_PHONE))
    li = bearer(await patient_tokens(patient_api, LI_MEI_PHONE))
    profiles = (await patient_api.get("/profiles", headers=zhang)).json()
    father = next(p for p in profiles if p["relationship"] == "parent")
    avail = await patient_api.get(f"/find/doctors/{s['doctor_id']}/availability", headers=zhang)
    assert avail.status_code == 200
    sched = next(x for x in avail.json()["schedules"] if x["id"] == str(s["id"]))
    assert sched["remaining"] == 2 and sched["bands"][0]["label_local"] == "18:00-18:30"

    body = {"schedule_id": str(s["id"]), "patient_id": father["id"]}
    r = await patient_api.post("/bookings", json=body, headers=zhang)
    assert r.status_code == 400, r.text  # the idempotency key is required
    key = {**zhang, "Idempotency-Key": "zs-father-0001"}
    r1 = await patient_api.post("/bookings", json=body, headers=key)
    r2 = await patient_api.post("/bookings", json=body, headers=key)
    assert r1.status_code == 201 and r2.status_code == 201 and r1.json()["id"] == r2.json()["id"]
    booking = r1.json()
    r = await patient_api.post("/bookings", json=body, headers={**li, "Idempotency-Key": "li-steals-001"})
    assert r.status_code == 404 and r.json()["code"] == "profile_not_found"
    assert (await patient_api.get(f"/bookings/{booking['id']}", headers=li)).status_code == 404
    assert all(b["id"] != booking["id"] for b in (await patient_api.get("/bookings", headers=li)).json())
    assert any(b["id"] == booking["id"] for b in (await patient_api.get("/bookings", headers=zhang)).json())
    r = await patient_api.post(f"/bookings/{booking['id']}/cancel", json={}, headers=li)
    assert r.status_code == 404
    r = await patient_api.post(
        f"/bookings/{booking['id']}/cancel", json={"reason": "时间冲突"}, headers=zhang
    )
    assert r.status_code == 200 and r.json()["status"] == "cancelled"
    # Cancelling again is a clear 409 that names where the booking stands (not a 500, and the
    # problem's own "status" stays the HTTP status).
    r = await patient_api.post(f"/bookings/{booking['id']}/cancel", json={}, headers=zhang)
    assert r.status_code == 409, r.text
    assert r.json()["status"] == 409 and r.json()["code"] == "booking_wrong_state"
    assert r.json()["current_status"] == "cancelled"
    r = await patient_api.post(
        "/bookings",
        json={**body, "patient_id": "not-a-uuid"},
        headers={**zhang, "Idempotency-Key": "bad-input-1"},
    )
    assert r.status_code == 400


async def test_clinician_sees_own_schedules_and_stops_a_session(clinician_api):
    s = await fresh_schedule(days_ahead=2)
    usernames = {staff_id(u): u for u in ("dr.wang", "dr.li", "dr.zhangw", "dr.liuyang", "dr.chenjing",
                 "dr.yangfan", "dr.zhaolei", "dr.shan", "dr.huangli", "dr.zhoumin", "dr.wutao",
                 "dr.xufang", "dr.sunhao", "dr.ouyang", "dr.machao", "dr.zhulin")}  # fmt: skip
    doctor = bearer(await staff_tokens(clinician_api, usernames[s["doctor_id"]]))
    mine = await clinician_api.get("/schedules/mine", params={"days": 7}, headers=doctor)
    assert mine.status_code == 200 and any(x["id"] == str(s["id"]) for x in mine.json())
    other = bearer(await staff_tokens(clinician_api, "nurse.lin"))
    r = await clinician_api.post(f"/schedules/{s['id']}/stop", json={"reason": "外出"}, headers=other)
    assert r.status_code == 403
    r = await clinician_api.post(f"/schedules/{s['id']}/stop", json={"reason": "外出会诊"}, headers=doctor)
    assert r.status_code == 200 and r.json()["cancelled_bookings"] == 0


async def test_kiosk_lists_today(kiosk_api):
    from tests.integration.flows import kiosk_tokens

    kiosk = bearer(await kiosk_tokens(kiosk_api))
    r = await kiosk_api.get("/booking/today", headers=kiosk)
    assert r.status_code == 200 and isinstance(r.json(), list)
