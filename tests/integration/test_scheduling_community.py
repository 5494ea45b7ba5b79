"""Release alerts (放号提醒), referral booking from a member clinic, revisit-slot recommendation
(复诊号源推荐) and the alternatives a stop-clinic (停诊) notice offers — in the core and through the
BFFs, with two patients for every read."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from tests.integration.flows import LI_MEI_PHONE, ZHANG_SAN_PHONE, bearer, patient_tokens, staff_tokens
from tests.integration.scheduling_world import (
    audit_actions,
    book,
    fresh_schedule,
    new_patient,
    patient_actor,
)


async def _institution_kind(schedule):
    from yiqiao import db

    rows = await db.fetch("SELECT kind FROM institution WHERE id = {}", schedule["institution_id"])
    return rows[0]["kind"]


async def _schedule_at(kinds, **kw):
    for _ in range(40):
        s = await fresh_schedule(**kw)
        if await _institution_kind(s) in kinds:
            return s
    raise AssertionError(f"no fresh schedule at {kinds}")


async def _notices(dedupe_key):
    from yiqiao import db

    return await db.fetch(
        "SELECT account_id, title, body, data::text AS data FROM notice WHERE dedupe_key = {}", dedupe_key
    )


async def _another_session(doctor_id, day, session="afternoon", start="17:00", end="17:30"):
    from yiqiao.kit.actor import SYSTEM
    from yiqiao.scheduling.service import schedules
    from yiqiao.scheduling.types import ScheduleSpec

    return await schedules.create_schedule(
        SYSTEM,
        ScheduleSpec(
            doctor_id=doctor_id,
            day=day,
            session=session,
            reg_type="general",
            start_local=start,
            end_local=end,
            band_minutes=30,
            quotas={"app": 2},
            fee_fen=0,
        ),
    )


# ---------------------------------------------------------------- release alerts


async def test_release_alert_is_sent_once_per_subscriber_and_schedule(core):
    from yiqiao import db
    from yiqiao.kit.errors import Conflict, NotFound
    from yiqiao.scheduling.service import release_alerts
    from yiqiao.scheduling.types import SubscribeRelease

    s = await fresh_schedule()
    fan, _ = await new_patient("订")
    quitter, _ = await new_patient("退订")
    stranger, _ = await new_patient("旁")
    sub = await release_alerts.subscribe(patient_actor(fan), SubscribeRelease(doctor_id=s["doctor_id"]))
    again = await release_alerts.subscribe(patient_actor(fan), SubscribeRelease(doctor_id=s["doctor_id"]))
    assert again.id == sub.id and sub.status == "active"
    gone = await release_alerts.subscribe(patient_actor(quitter), SubscribeRelease(doctor_id=s["doctor_id"]))
    with pytest.raises(NotFound):
        await release_alerts.unsubscribe(patient_actor(stranger), gone.id)  # not theirs
    assert (await release_alerts.unsubscribe(patient_actor(quitter), gone.id)).status == "cancelled"
    with pytest.raises(Conflict):
        await release_alerts.unsubscribe(patient_actor(quitter), gone.id)
    await db.execute(
        "UPDATE release_subscription SET created_at = now() - interval '2 hours' WHERE id = ANY({})",
        [sub.id, gone.id],
    )

    # not released yet: nothing
    await db.execute("UPDATE schedule SET release_at = now() + interval '1 hour' WHERE id = {}", s["id"])
    await release_alerts.send_due()
    assert await _notices(f"release:{sub.id}:{s['id']}") == []
    # released: exactly one notice, to the subscriber only, however often the worker runs
    await db.execute("UPDATE schedule SET release_at = now() - interval '1 minute' WHERE id = {}", s["id"])
    assert await release_alerts.send_due() >= 1
    await release_alerts.send_due()
    sent = await _notices(f"release:{sub.id}:{s['id']}")
    assert len(sent) == 1 and sent[0]["account_id"] == fan and sent[0]["title"] == "放号提醒"
    assert str(s["id"]) in sent[0]["data"]
    assert await _notices(f"release:{gone.id}:{s['id']}") == []
    # a stale release (older than the window) is not announced
    late = await fresh_schedule()
    late_sub = await release_alerts.subscribe(
        patient_actor(fan), SubscribeRelease(doctor_id=late["doctor_id"])
    )
    await db.execute(
        "UPDATE release_subscription SET created_at = now() - interval '9 days' WHERE id = {}", late_sub.id
    )
    await db.execute("UPDATE schedule SET release_at = now() - interval '3 days' WHERE id = {}", late["id"])
    await release_alerts.send_due()
    assert await _notices(f"release:{late_sub.id}:{late['id']}") == []
    assert await audit_actions(sub.id) == ["release_subscription.subscribe"]
    assert await audit_actions(gone.id) == ["release_subscription.subscribe", "release_subscription.cancel"]


async def test_release_alerts_over_http_and_another_patient_cannot_touch_them(patient_api):
    s = await fresh_schedule()
    zhang = bearer(await patient_tokens(patient_api, ZHANG_SAN_PHONE))
    li = bearer(await patient_tokens(patient_api, LI_MEI_PHONE))
    r = await patient_api.post("/release-alerts", json={"doctor_id": str(s["doctor_id"])}, headers=zhang)
    assert r.status_code == 201, r.text
    sub = r.json()
    assert sub["doctor_id"] == str(s["doctor_id"]) and sub["doctor_name"]
    assert any(x["id"] == sub["id"] for x in (await patient_api.get("/release-alerts", headers=zhang)).json())
    assert all(x["id"] != sub["id"] for x in (await patient_api.get("/release-alerts", headers=li)).json())
    assert (await patient_api.delete(f"/release-alerts/{sub['id']}", headers=li)).status_code == 404
    bad = await patient_api.post("/release-alerts", json={"doctor_id": "nope"}, headers=zhang)
    assert bad.status_code == 400
    unknown = await patient_api.post("/release-alerts", json={"doctor_id": str(uuid.uuid4())}, headers=zhang)
    assert unknown.status_code == 404
    r = await patient_api.delete(f"/release-alerts/{sub['id']}", headers=zhang)
    assert r.status_code == 200 and r.json()["status"] == "cancelled"
    assert (await patient_api.delete(f"/release-alerts/{sub['id']}", headers=zhang)).status_code == 409
    assert (await patient_api.delete("/release-alerts/not-a-uuid", headers=zhang)).status_code in (400, 404)


# ---------------------------------------------------------------- referral booking


async def test_township_doctor_books_a_county_slot_from_the_referral_quota(clinician_api, patient_api):
    from yiqiao import db

    s = await _schedule_at(("county_hospital", "campus"), quotas={"app": 1, "referral": 1})
    zhang = bearer(await patient_tokens(patient_api, ZHANG_SAN_PHONE))
    li = bearer(await patient_tokens(patient_api, LI_MEI_PHONE))
    me = next(
        p for p in (await patient_api.get("/profiles", headers=zhang)).json() if p["relationship"] == "self"
    )
    machao = bearer(await staff_tokens(clinician_api, "dr.machao"))  # 石门镇卫生院 (township)
    body = {"schedule_id": str(s["id"]), "patient_id": me["id"]}
    r = await clinician_api.post("/referrals/bookings", json=body, headers=machao)
    assert r.status_code == 400  # the idempotency key is required
    key = {**machao, "Idempotency-Key": f"ref-{uuid.uuid4().hex[:12]}"}
    r1 = await clinician_api.post("/referrals/bookings", json=body, headers=key)
    r2 = await clinician_api.post("/referrals/bookings", json=body, headers=key)
    assert r1.status_code == 201, r1.text
    assert r2.status_code == 201 and r2.json()["id"] == r1.json()["id"]
    booked = r1.json()
    row = (await db.fetch("SELECT pool, booked_by FROM appointment WHERE id = {}", uuid.UUID(booked["id"])))[
        0
    ]
    assert row["pool"] == "referral"
    left = await db.fetch("SELECT pool, remaining FROM slot_pool WHERE schedule_id = {}", s["id"])
    assert {p["pool"]: p["remaining"] for p in left} == {"app": 1, "referral": 0}
    assert await audit_actions(uuid.UUID(booked["id"])) == ["appointment.hold"]
    # the patient sees it; another patient does not
    assert (await patient_api.get(f"/bookings/{booked['id']}", headers=zhang)).status_code == 200
    assert (await patient_api.get(f"/bookings/{booked['id']}", headers=li)).status_code == 404

    # only a township-clinic doctor, only to a county-hospital session, bad input is a 4xx
    other = {"schedule_id": str(s["id"]), "patient_id": me["id"]}
    for username in ("dr.wang", "nurse.feng"):
        h = {
            **bearer(await staff_tokens(clinician_api, username)),
            "Idempotency-Key": f"x-{uuid.uuid4().hex[:12]}",
        }
        assert (await clinician_api.post("/referrals/bookings", json=other, headers=h)).status_code == 403
    township = await _schedule_at(("township_clinic",), quotas={"referral": 1})
    h = {**machao, "Idempotency-Key": f"t-{uuid.uuid4().hex[:12]}"}
    r = await clinician_api.post(
        "/referrals/bookings", json={"schedule_id": str(township["id"]), "patient_id": me["id"]}, headers=h
    )
    assert r.status_code == 422 and r.json()["code"] == "not_a_referral_target"
    h = {**machao, "Idempotency-Key": f"u-{uuid.uuid4().hex[:12]}"}
    r = await clinician_api.post(
        "/referrals/bookings", json={"schedule_id": str(uuid.uuid4()), "patient_id": me["id"]}, headers=h
    )
    assert r.status_code == 404
    r = await clinician_api.post(
        "/referrals/bookings", json={"schedule_id": str(s["id"]), "patient_id": "x"}, headers=h
    )
    assert r.status_code == 400
    # the referral quota is gone: a second patient is refused, nothing changes
    _, second = await new_patient("转")
    h = {**machao, "Idempotency-Key": f"v-{uuid.uuid4().hex[:12]}"}
    r = await clinician_api.post(
        "/referrals/bookings", json={"schedule_id": str(s["id"]), "patient_id": str(second)}, headers=h
    )
    reserves_open = s["reserve_release_at"] <= dt.datetime.now(dt.UTC)
    assert r.status_code == (201 if reserves_open else 409)


# ---------------------------------------------------------------- revisit recommendation


async def test_revisit_recommends_the_last_doctors_free_sessions_to_the_patient_only(patient_api, core):
    from yiqiao.kit import clock
    from yiqiao.kit.actor import SYSTEM
    from yiqiao.scheduling import lifecycle
    from yiqiao.scheduling.service import community

    s = await fresh_schedule(fee_fen=0, quotas={"app": 2})
    zhang = bearer(await patient_tokens(patient_api, ZHANG_SAN_PHONE))
    li = bearer(await patient_tokens(patient_api, LI_MEI_PHONE))
    profiles = (await patient_api.get("/profiles", headers=zhang)).json()
    father = next(p for p in profiles if p["relationship"] == "parent")
    father_id = uuid.UUID(father["id"])
    from yiqiao import db

    acc = (await db.fetch("SELECT account FROM account_patient WHERE patient = {} LIMIT 1", father_id))[0][
        "account"
    ]
    a = await book(acc, father_id, s["id"])
    for step in ("check_in", "call", "complete"):
        await lifecycle.apply(SYSTEM, a.id, step)
    # the visit is the latest one the father was seen at
    await db.execute("UPDATE appointment SET band_start = now() + interval '100 days' WHERE id = {}", a.id)
    nxt = await _another_session(s["doctor_id"], clock.local(clock.now()).date() + dt.timedelta(days=3))

    r = await patient_api.get("/find/revisit", params={"patient_id": father["id"]}, headers=zhang)
    assert r.status_code == 200, r.text
    out = r.json()
    assert out["doctor"]["id"] == str(s["doctor_id"]) and out["last_visit_day"] == s["day"].isoformat()
    assert out["schedules"] and all(x["doctor_id"] == str(s["doctor_id"]) for x in out["schedules"])
    assert all(x["remaining"] > 0 and all(b["remaining"] > 0 for b in x["bands"]) for x in out["schedules"])
    assert str(nxt) in {x["id"] for x in out["schedules"]}
    assert (
        await patient_api.get("/find/revisit", params={"patient_id": father["id"]}, headers=li)
    ).status_code == 404
    assert (
        await patient_api.get("/find/revisit", params={"patient_id": "x"}, headers=zhang)
    ).status_code == 400
    assert (await patient_api.get("/find/revisit", headers=zhang)).status_code == 400
    _, newcomer = await new_patient("新")
    empty = await community.revisit(SYSTEM, newcomer)
    assert empty.doctor is None and empty.schedules == []


# ---------------------------------------------------------------- stop-clinic alternatives


async def test_stop_clinic_notice_names_the_nearest_alternatives_and_the_api_lists_them(
    patient_api, clinician_api
):
    import msgspec
    from yiqiao import db

    from tests.integration.clinic_world import username_of

    s = await fresh_schedule(fee_fen=0, quotas={"app": 2})
    nearby = await _another_session(s["doctor_id"], s["day"])
    zhang = bearer(await patient_tokens(patient_api, ZHANG_SAN_PHONE))
    li = bearer(await patient_tokens(patient_api, LI_MEI_PHONE))
    me = next(
        p for p in (await patient_api.get("/profiles", headers=zhang)).json() if p["relationship"] == "self"
    )
    r = await patient_api.post(
        "/bookings",
        json={"schedule_id": str(s["id"]), "patient_id": me["id"]},
        headers={**zhang, "Idempotency-Key": f"st-{uuid.uuid4().hex[:12]}"},
    )
    assert r.status_code == 201, r.text
    booked = r.json()
    doctor = bearer(await staff_tokens(clinician_api, username_of(s["doctor_id"])))
    r = await clinician_api.post(f"/schedules/{s['id']}/stop", json={"reason": "外出会诊"}, headers=doctor)
    assert r.status_code == 200 and r.json()["cancelled_bookings"] == 1

    notice = (await _notices(f"appt:{booked['id']}:stopped"))[0]
    offered = msgspec.json.decode(notice["data"])["alternative_schedule_ids"]
    assert offered and str(s["id"]) not in offered and len(offered) <= 3
    assert "可改约" in notice["body"] and "外出会诊" in notice["body"]
    dept = await db.fetch(
        "SELECT DISTINCT department_id FROM schedule WHERE id = ANY({})", [uuid.UUID(x) for x in offered]
    )
    assert [d["department_id"] for d in dept] == [s["department_id"]]

    r = await patient_api.get(f"/bookings/{booked['id']}/alternatives", headers=zhang)
    assert r.status_code == 200, r.text
    listed = r.json()
    assert [x["id"] for x in listed] == offered
    assert all(x["remaining"] > 0 and x["status"] == "open" for x in listed)
    # "Nearest" itself: other tests' sessions in this department may be nearer than ours, so
    # either our nearby session is offered or everything offered is at least as near as it.
    nearby_at = (await db.fetch("SELECT starts_at FROM schedule WHERE id = {}", nearby))[0]["starts_at"]

    def distance(at: dt.datetime) -> float:
        return abs((at - s["starts_at"]).total_seconds())

    assert str(nearby) in offered or all(
        distance(dt.datetime.fromisoformat(x["starts_at"])) <= distance(nearby_at) for x in listed
    )
    assert (await patient_api.get(f"/bookings/{booked['id']}/alternatives", headers=li)).status_code == 404
    assert (await patient_api.get(f"/bookings/{uuid.uuid4()}/alternatives", headers=zhang)).status_code == 404
