"""The clinic day through the BFFs: the app checks in and sees its place; the doctor runs today's
queue (another doctor may not); the kiosk checks the citizen in, prints the slip (PDF, Chinese font
embedded, name masked) and shows the boards. Bad input is a 4xx, never a 500."""

from __future__ import annotations

import uuid

from tests.integration.clinic_world import (
    PEOPLE,
    other_doctor,
    patient_born,
    session_soon_at,
    username_of,
    young,
)
from tests.integration.flows import bearer, kiosk_tokens, patient_tokens, staff_tokens
from tests.integration.scheduling_world import book


async def test_app_check_in_and_the_doctors_queue(patient_api, clinician_api):
    s = await session_soon_at("QX-RMYY", today=True)
    account, patient = await patient_born("韩在线", young())
    a = await book(account, patient, s["id"])
    me = bearer(await patient_tokens(patient_api, PEOPLE[patient]["phone"]))
    r = await patient_api.post(
        f"/clinic/check-in/{a.id}", json={"position": {"lat": 200, "lon": 0}}, headers=me
    )
    assert r.status_code == 400, r.text
    r = await patient_api.post(f"/clinic/check-in/{uuid.uuid4()}", json={}, headers=me)
    assert r.status_code == 404
    r = await patient_api.post(f"/clinic/check-in/{a.id}", json={}, headers=me)
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "checked_in" and r.json()["position"] == 1
    r = await patient_api.get("/clinic/queue", headers=me)
    assert r.status_code == 200 and [q["appointment_id"] for q in r.json()] == [str(a.id)]

    doc = bearer(await staff_tokens(clinician_api, username_of(s["doctor_id"])))
    r = await clinician_api.get("/queue/today", headers=doc)
    assert r.status_code == 200 and str(s["id"]) in [q["schedule_id"] for q in r.json()]
    r = await clinician_api.put(f"/queue/{s['id']}/room", json={"room": "3诊室"}, headers=doc)
    assert r.status_code == 200 and r.json()["room"] == "3诊室"
    r = await clinician_api.post(f"/queue/{s['id']}/call-next", headers=doc)
    assert r.status_code == 200 and r.json()["calling"][0]["name_masked"] == "韩*线"
    other = bearer(await staff_tokens(clinician_api, username_of_any(await other_doctor(s["doctor_id"]))))
    r = await clinician_api.post(f"/queue/{s['id']}/call-next", headers=other)
    assert r.status_code == 403 and r.json()["code"] == "not_queue_staff"
    r = await clinician_api.post(f"/queue/entries/{a.id}/recall", headers=doc)
    assert r.status_code == 200 and r.json()["calling"][0]["call_count"] == 2
    r = await clinician_api.post(f"/queue/entries/{uuid.uuid4()}/skip", headers=doc)
    assert r.status_code == 404
    r = await patient_api.get(f"/clinic/queue/{a.id}", headers=me)
    assert r.status_code == 200 and r.json()["status"] == "called" and r.json()["room"] == "3诊室"


def username_of_any(actor) -> str:
    from tests.integration.scheduling_world import DOCTORS, staff_id

    return next(u for u in DOCTORS if staff_id(u) == actor.id)


async def test_kiosk_check_in_slip_and_boards(kiosk_api):
    s = await session_soon_at("QX-RMYY", today=True)
    account, patient = await patient_born("欧阳自助", young(70))
    a = await book(account, patient, s["id"])
    k = bearer(await kiosk_tokens(kiosk_api, "KIOSK-01"))
    who = PEOPLE[patient]
    r = await kiosk_api.post(
        "/citizen/session/id-card", json={"id_number": who["id_number"], "name": who["name"]}, headers=k
    )
    assert r.status_code == 201, r.text
    c = {**k, "X-Citizen-Session": r.json()["session_token"]}
    r = await kiosk_api.post(f"/clinic/check-in/{a.id}", headers=c)
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "checked_in" and r.json()["ticket_label"] == "001"
    r = await kiosk_api.get(f"/clinic/slip/{a.id}", headers=c)
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/pdf")
    assert r.content.startswith(b"%PDF") and b"/FontFile2" in r.content
    assert who["name"].encode() not in r.content
    r = await kiosk_api.get(f"/clinic/slip/{uuid.uuid4()}", headers=c)
    assert r.status_code == 404
    r = await kiosk_api.get("/clinic/boards", headers=k)
    assert r.status_code == 200
    mine = [b for b in r.json() if b["schedule_id"] == str(s["id"])]
    assert mine and mine[0]["next"] == [{"ticket_label": "001", "name_masked": "欧**助"}]
    assert who["name"] not in r.text and who["id_number"] not in r.text and str(patient) not in r.text


async def test_kiosk_same_day_booking_needs_and_honours_an_idempotency_key(kiosk_api):
    import datetime as dt

    from yiqiao.kit import clock

    from tests.integration.clinic_world import shift
    from tests.integration.scheduling_world import fresh_schedule

    s = await fresh_schedule(fee_fen=0, quotas={"kiosk": 2}, days_ahead=0)
    await shift(s["id"], clock.now() + dt.timedelta(minutes=30) - s["starts_at"])
    _, patient = await patient_born("自助挂号", young(40))
    k = bearer(await kiosk_tokens(kiosk_api, "KIOSK-01"))
    who = PEOPLE[patient]
    r = await kiosk_api.post(
        "/citizen/session/id-card", json={"id_number": who["id_number"], "name": who["name"]}, headers=k
    )
    c = {**k, "X-Citizen-Session": r.json()["session_token"]}
    body = {"schedule_id": str(s["id"]), "patient_id": str(patient)}
    r = await kiosk_api.post("/booking", json=body, headers=c)
    assert r.status_code == 400  # no key: a retry could book twice
    first = await kiosk_api.post("/booking", json=body, headers={**c, "Idempotency-Key": "kiosk-retry-0001"})
    again = await kiosk_api.post("/booking", json=body, headers={**c, "Idempotency-Key": "kiosk-retry-0001"})
    assert first.status_code == 201, first.text
    assert again.json()["id"] == first.json()["id"]
    r = await kiosk_api.post("/booking", json=body, headers={**c, "Idempotency-Key": "kiosk-other-0002"})
    assert r.status_code == 409
