"""回检号源 (return-with-results slots): same day only, for patients the department saw today, from
the schedule's own 'recheck' pool outside the normal quota — through booking.book and the patient BFF."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.integration.flows import LI_MEI_PHONE, ZHANG_SAN_PHONE, bearer, patient_tokens
from tests.integration.scheduling_world import audit_actions, book, fresh_schedule, new_patient, patient_actor


async def _today_schedule(quotas):
    """A session today that starts in three hours (whatever the time of day the tests run)."""
    from yiqiao import db
    from yiqiao.kit import clock

    s = await fresh_schedule(quotas=quotas, days_ahead=0, fee_fen=0)
    now = clock.now()
    shift = (now + dt.timedelta(hours=3)) - s["starts_at"]
    await db.execute(
        "UPDATE schedule SET starts_at = starts_at + {}, ends_at = ends_at + {}, release_at = {},"
        " reserve_release_at = {} WHERE id = {}",
        shift,
        shift,
        now - dt.timedelta(days=1),
        now - dt.timedelta(hours=1),
        s["id"],
    )
    await db.execute(
        "UPDATE slot_pool SET band_start = band_start + {}, band_end = band_end + {} WHERE schedule_id = {}",
        shift,
        shift,
        s["id"],
    )
    return (await db.fetch("SELECT * FROM schedule WHERE id = {}", s["id"]))[0]


async def _left(schedule_id, pool):
    from yiqiao import db

    rows = await db.fetch(
        "SELECT coalesce(sum(remaining), 0) AS n FROM slot_pool WHERE schedule_id = {} AND pool = {}",
        schedule_id,
        pool,
    )
    return int(rows[0]["n"])


async def _seen(appointment_id, status="completed"):
    from yiqiao import db

    await db.execute("UPDATE appointment SET status = {} WHERE id = {}", status, appointment_id)


async def _recheck(account, patient, schedule_id, key=None):
    import uuid

    from yiqiao.scheduling.service import recheck
    from yiqiao.scheduling.types import RecheckBookCommand

    return await recheck.book_recheck(
        patient_actor(account),
        RecheckBookCommand(schedule_id=schedule_id, patient_id=patient),
        key or f"rk-{uuid.uuid4().hex}",
    )


async def test_recheck_for_a_patient_seen_today_outside_the_normal_quota(core):
    from yiqiao.kit.errors import Conflict
    from yiqiao.scheduling.service import booking
    from yiqiao.scheduling.types import CancelCommand

    s = await _today_schedule({"app": 1, "recheck": 1})
    seen_acc, seen = await new_patient("回检")
    other_acc, other = await new_patient("未诊")
    first = await book(seen_acc, seen, s["id"])
    assert first.status == "confirmed" and await _left(s["id"], "app") == 0

    # Not seen yet (only booked): refused, nothing taken.
    with pytest.raises(Conflict) as e:
        await _recheck(seen_acc, seen, s["id"])
    assert e.value.code == "recheck_not_seen_today" and await _left(s["id"], "recheck") == 1

    await _seen(first.id)
    # The normal quota is gone; another patient cannot take the 回检 slot even with reserves open.
    with pytest.raises(Conflict) as e:
        await book(other_acc, other, s["id"])
    assert e.value.code == "sold_out"
    with pytest.raises(Conflict) as e:
        await _recheck(other_acc, other, s["id"])
    assert e.value.code == "recheck_not_seen_today" and await _left(s["id"], "recheck") == 1

    r1 = await _recheck(seen_acc, seen, s["id"], key="recheck-key-1")
    r2 = await _recheck(seen_acc, seen, s["id"], key="recheck-key-1")
    assert r1.id == r2.id and r1.status == "confirmed"
    assert await _left(s["id"], "recheck") == 0 and await _left(s["id"], "app") == 0
    assert await audit_actions(r1.id) == ["appointment.confirm_free"]
    from yiqiao import db

    assert (await db.fetch("SELECT pool FROM appointment WHERE id = {}", r1.id))[0]["pool"] == "recheck"

    # Cancelled: the slot goes back to the 回检 pool (never to a waiter or a normal booking).
    await booking.cancel(patient_actor(seen_acc), r1.id, CancelCommand(reason="不需要了"))
    assert await _left(s["id"], "recheck") == 1 and await _left(s["id"], "app") == 0
    assert await audit_actions(r1.id) == ["appointment.confirm_free", "appointment.cancel"]
    with pytest.raises(Conflict):
        await book(other_acc, other, s["id"])


async def test_recheck_is_same_day_only_and_seen_means_this_department(core):
    from yiqiao.kit.errors import Conflict, Invalid

    today = await _today_schedule({"app": 1, "recheck": 1})
    later = await fresh_schedule(quotas={"app": 1, "recheck": 1}, fee_fen=0)
    acc, patient = await new_patient("改天")
    first = await book(acc, patient, today["id"])
    await _seen(first.id, "checked_in")
    with pytest.raises(Invalid) as e:
        await _recheck(acc, patient, later["id"])
    assert e.value.code == "recheck_same_day_only" and await _left(later["id"], "recheck") == 1

    # Seen today, but by another department: refused.
    elsewhere = None
    for _ in range(20):
        cand = await _today_schedule({"app": 1, "recheck": 1})
        if cand["department_id"] != today["department_id"]:
            elsewhere = cand
            break
    assert elsewhere is not None
    with pytest.raises(Conflict) as e2:
        await _recheck(acc, patient, elsewhere["id"])
    assert e2.value.code == "recheck_not_seen_today" and await _left(elsewhere["id"], "recheck") == 1


async def test_recheck_over_the_patient_bff(patient_api):
    s = await _today_schedule({"app": 2, "recheck": 1})
    zhang = bearer(await patient_tokens(patient_api, ZHANG_SAN_PHONE))
    li = bearer(await patient_tokens(patient_api, LI_MEI_PHONE))
    me = next(
        p for p in (await patient_api.get("/profiles", headers=zhang)).json() if p["relationship"] == "self"
    )
    body = {"schedule_id": str(s["id"]), "patient_id": me["id"]}
    r = await patient_api.post(
        "/bookings/recheck", json=body, headers={**zhang, "Idempotency-Key": "zs-rc-000"}
    )
    assert r.status_code == 409 and r.json()["code"] == "recheck_not_seen_today"
    first = await patient_api.post(
        "/bookings", json=body, headers={**zhang, "Idempotency-Key": "zs-rc-first"}
    )
    assert first.status_code == 201, first.text
    await _seen(first.json()["id"])
    r = await patient_api.post(
        "/bookings/recheck", json=body, headers={**li, "Idempotency-Key": "li-rc-0001"}
    )
    assert r.status_code == 404
    r = await patient_api.post(
        "/bookings/recheck", json=body, headers={**zhang, "Idempotency-Key": "zs-rc-001"}
    )
    assert r.status_code == 201 and r.json()["status"] == "confirmed", r.text
    assert await _left(s["id"], "recheck") == 0 and await _left(s["id"], "app") == 1
