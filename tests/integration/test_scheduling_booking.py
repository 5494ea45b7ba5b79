"""Booking on real services: holds and free confirmations, idempotency, one booking per doctor and
session, quotas and reserves, bad input that changes nothing, and the last-slot race."""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid

import pytest

from tests.integration.scheduling_world import (
    audit_actions,
    book,
    fresh_schedule,
    new_patient,
    patient_actor,
    remaining,
)


async def test_a_paid_booking_is_held_and_a_free_one_confirmed_with_a_notice_and_audit(core):
    from yiqiao import db

    paid = await fresh_schedule(fee_fen=500)
    free = await fresh_schedule(fee_fen=0)
    account, patient = await new_patient("甲")
    held = await book(account, patient, paid["id"])
    assert held.status == "held" and held.hold_expires_at is not None and held.fee_fen == 500
    assert held.booking_no.startswith("A") and held.band_local.endswith("18:00-18:30")
    confirmed = await book(account, patient, free["id"])
    assert confirmed.status == "confirmed" and confirmed.hold_expires_at is None
    assert await audit_actions(held.id) == ["appointment.hold"]
    assert await audit_actions(confirmed.id) == ["appointment.confirm_free"]
    notices = await db.fetch(
        "SELECT title, category FROM notice WHERE account_id = {} ORDER BY created_at", account
    )
    assert [(n["title"], n["category"]) for n in notices] == [("预约待支付", "visit"), ("预约成功", "visit")]
    assert await remaining(paid["id"]) == 1


async def test_same_idempotency_key_gives_the_same_booking_and_no_second_slot(core):
    from yiqiao.kit.errors import Conflict
    from yiqiao.scheduling.service import booking
    from yiqiao.scheduling.types import BookCommand

    s = await fresh_schedule(quotas={"app": 3})
    account, patient = await new_patient("乙")
    first = await book(account, patient, s["id"], key="same-key-001")
    again = await book(account, patient, s["id"], key="same-key-001")
    assert again.id == first.id and again.booking_no == first.booking_no
    assert await remaining(s["id"]) == 2
    other = await fresh_schedule()
    with pytest.raises(Conflict) as exc:
        await booking.book(
            patient_actor(account), BookCommand(schedule_id=other["id"], patient_id=patient), "same-key-001"
        )
    assert exc.value.code == "idempotency_key_reused"
    assert await remaining(other["id"]) == 2


async def test_concurrent_retries_with_one_key_make_one_booking(core):
    s = await fresh_schedule(quotas={"app": 5})
    account, patient = await new_patient("丙")
    results = await asyncio.gather(*(book(account, patient, s["id"], key="retry-storm-1") for _ in range(8)))
    assert len({r.id for r in results}) == 1
    assert await remaining(s["id"]) == 4


async def test_one_active_booking_per_patient_doctor_and_session(core):
    from yiqiao.kit.errors import Conflict

    s = await fresh_schedule(quotas={"app": 3})
    account, patient = await new_patient("丁")
    await book(account, patient, s["id"])
    with pytest.raises(Conflict) as exc:
        await book(account, patient, s["id"])  # a held slot booked twice
    assert exc.value.code == "already_booked"
    assert await remaining(s["id"]) == 2


async def test_bad_input_gets_a_clear_error_and_changes_nothing(core):
    from yiqiao import db
    from yiqiao.kit.errors import Conflict, Invalid, NotFound
    from yiqiao.scheduling.service import booking
    from yiqiao.scheduling.types import BookCommand

    s = await fresh_schedule()
    account, patient = await new_patient("戊")
    _other_account, other_patient = await new_patient("己")
    before = await db.fetch("SELECT count(*) AS n FROM appointment")
    actor = patient_actor(account)
    with pytest.raises(NotFound) as nf:
        await booking.book(actor, BookCommand(schedule_id=uuid.uuid4(), patient_id=patient), "unknown-sched")
    assert nf.value.code == "schedule_not_found"
    with pytest.raises(NotFound) as nf:  # someone else's profile looks missing
        await booking.book(
            actor, BookCommand(schedule_id=s["id"], patient_id=other_patient), "not-my-profile"
        )
    assert nf.value.code == "profile_not_found"
    with pytest.raises(Invalid) as inv:
        await booking.book(
            actor,
            BookCommand(
                schedule_id=s["id"], patient_id=patient, band_start=dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
            ),
            "band-in-past",
        )
    assert inv.value.code == "band_past"
    await db.execute(
        "UPDATE schedule SET ends_at = now() - interval '1 hour',"
        " starts_at = now() - interval '2 hours' WHERE id = {}",
        s["id"],
    )
    with pytest.raises(Invalid) as inv:
        await book(account, patient, s["id"])
    assert inv.value.code == "session_past"
    future = await fresh_schedule(days_ahead=9)  # released 7 days ahead: not yet
    with pytest.raises(Conflict) as cf:
        await book(account, patient, future["id"])
    assert cf.value.code == "not_released" and "08:00" in cf.value.detail
    after = await db.fetch("SELECT count(*) AS n FROM appointment")
    assert after[0]["n"] == before[0]["n"]
    assert await remaining(future["id"]) == 2


async def test_channel_quota_and_reserves_are_not_taken_by_others_until_released(core):
    from yiqiao import db
    from yiqiao.kit.errors import Conflict

    s = await fresh_schedule(quotas={"app": 1, "kiosk": 1, "referral": 1})
    a1, p1 = await new_patient("庚")
    a2, p2 = await new_patient("辛")
    await book(a1, p1, s["id"])
    with pytest.raises(Conflict) as exc:  # the kiosk's and the referral quota stay out of reach
        await book(a2, p2, s["id"])
    assert exc.value.code == "sold_out"
    assert await remaining(s["id"]) == 2
    # When the reserve is released, online patients may take it (never the kiosk's own quota).
    await db.execute(
        "UPDATE schedule SET reserve_release_at = now() - interval '1 minute' WHERE id = {}", s["id"]
    )
    taken = await book(a2, p2, s["id"])
    assert taken.status == "held"
    pools = await db.fetch(
        "SELECT pool, remaining FROM slot_pool WHERE schedule_id = {} ORDER BY pool", s["id"]
    )
    assert {r["pool"]: r["remaining"] for r in pools} == {"app": 0, "kiosk": 1, "referral": 0}


async def test_elderly_priority_reserve(core):
    from yiqiao.kit.errors import Conflict

    s = await fresh_schedule(quotas={"app": 1, "priority": 1})
    a1, p1 = await new_patient("壬")
    young_account, young = await new_patient("癸")
    await book(a1, p1, s["id"])  # test patients are born 1960-2001; make sure one is young
    from yiqiao import db

    await db.execute("UPDATE patient SET birth_date = '2000-01-01' WHERE id = {}", young)
    with pytest.raises(Conflict):
        await book(young_account, young, s["id"])
    old_account, old = await new_patient("老")
    await db.execute("UPDATE patient SET birth_date = '1940-01-01' WHERE id = {}", old)
    assert (await book(old_account, old, s["id"])).status == "held"


async def test_many_patients_race_for_the_last_slot_exactly_one_wins(core):
    from yiqiao import db
    from yiqiao.kit.errors import Conflict

    s = await fresh_schedule(quotas={"app": 1})
    racers = [await new_patient(f"赛{i}") for i in range(12)]
    results = await asyncio.gather(*(book(a, p, s["id"]) for a, p in racers), return_exceptions=True)
    wins = [r for r in results if not isinstance(r, BaseException)]
    losses = [r for r in results if isinstance(r, BaseException)]
    assert len(wins) == 1
    assert all(isinstance(e, Conflict) and e.code == "sold_out" for e in losses), losses
    assert await remaining(s["id"]) == 0
    n = await db.fetch("SELECT count(*) AS n FROM appointment WHERE schedule_id = {}", s["id"])
    assert n[0]["n"] == 1


async def test_blacklisted_patient_gets_reason_and_end_date(core):
    from yiqiao.kit.actor import SYSTEM
    from yiqiao.kit.errors import Forbidden
    from yiqiao.scheduling.service import credit

    s = await fresh_schedule()
    account, patient = await new_patient("黑")
    ban = await credit.add_ban(SYSTEM, patient, "scalping", 30, "同一账号反复抢号退号")
    with pytest.raises(Forbidden) as exc:
        await book(account, patient, s["id"])
    assert exc.value.code == "booking_blacklisted"
    assert exc.value.extra["reason"] == "scalping" and exc.value.extra["until"] == ban.ends_at.isoformat()
    assert ban.ends_local in exc.value.detail and "倒号" in exc.value.detail
    assert await remaining(s["id"]) == 2
