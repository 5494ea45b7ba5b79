"""The availability cache in front of booking: a sold-out session is refused from Redis, but never a
slot the database would give. A cancel, a lapsed hold or a stop-clinic is seen by the very next
attempt; a retry of a key that booked still gets its booking; the cache and the database agree
after a race; a refusal that read the database before a slot came back cannot make the cache
refuse after it."""

from __future__ import annotations

import asyncio
import uuid

import pytest

from tests.integration.scheduling_world import (
    book,
    fresh_schedule,
    new_patient,
    patient_actor,
    remaining,
)


async def _cached(schedule_id: uuid.UUID) -> dict[str, int] | None:
    from yiqiao.scheduling.service import availability_cache

    return await availability_cache.counts_of(schedule_id)


async def _in_db(schedule_id: uuid.UUID) -> dict[str, int]:
    from yiqiao import db

    rows = await db.fetch(
        "SELECT pool, sum(remaining) AS n FROM slot_pool WHERE schedule_id = {} GROUP BY pool", schedule_id
    )
    return {r["pool"]: int(r["n"]) for r in rows}


async def _sold_out_for(account: uuid.UUID, patient: uuid.UUID, schedule_id: uuid.UUID) -> None:
    from yiqiao.kit.errors import Conflict

    with pytest.raises(Conflict) as exc:
        await book(account, patient, schedule_id)
    assert exc.value.code == "sold_out"


async def test_a_cancelled_slot_is_bookable_at_once_after_the_cache_said_sold_out(core):
    from yiqiao.scheduling.service import booking
    from yiqiao.scheduling.types import CancelCommand

    s = await fresh_schedule(quotas={"app": 1})
    holder_a, holder_p = await new_patient("缓占")
    late_a, late_p = await new_patient("缓迟")
    other_a, other_p = await new_patient("缓他")
    held = await book(holder_a, holder_p, s["id"])
    await _sold_out_for(late_a, late_p, s["id"])  # the database said it: now the cache knows
    assert await _cached(s["id"]) == {"app": 0}
    await _sold_out_for(other_a, other_p, s["id"])  # answered by the cache

    await booking.cancel(patient_actor(holder_a), held.id, CancelCommand(reason="有事"))
    assert await _cached(s["id"]) is None
    again = await book(late_a, late_p, s["id"])
    assert again.status == "held" and await remaining(s["id"]) == 0
    await _sold_out_for(other_a, other_p, s["id"])
    # Right after a give-back the cache is not refilled for a few seconds (see availability_cache).
    assert await _cached(s["id"]) is None


async def test_a_lapsed_hold_is_bookable_at_once_after_the_cache_said_sold_out(core):
    from yiqiao import db
    from yiqiao.scheduling.service import holds

    s = await fresh_schedule(quotas={"app": 1})
    holder_a, holder_p = await new_patient("缓期")
    late_a, late_p = await new_patient("缓等")
    held = await book(holder_a, holder_p, s["id"])
    await _sold_out_for(late_a, late_p, s["id"])
    assert await _cached(s["id"]) == {"app": 0}
    await db.execute(
        "UPDATE appointment SET hold_expires_at = now() - interval '1 second' WHERE id = {}", held.id
    )
    assert await holds.expire_due_holds() >= 1
    assert (await book(late_a, late_p, s["id"])).status == "held"


async def test_a_slot_given_back_to_a_waiter_goes_to_the_waiter_and_others_are_told_sold_out(core):
    from yiqiao import db
    from yiqiao.scheduling.service import booking, waitlist
    from yiqiao.scheduling.types import CancelCommand, JoinWaitlist

    s = await fresh_schedule(quotas={"app": 1}, days_ahead=2)
    holder_a, holder_p = await new_patient("缓候占")
    waiter_a, waiter_p = await new_patient("缓候")
    other_a, other_p = await new_patient("缓候他")
    held = await book(holder_a, holder_p, s["id"])
    await waitlist.join(patient_actor(waiter_a), JoinWaitlist(schedule_id=s["id"], patient_id=waiter_p))
    await _sold_out_for(other_a, other_p, s["id"])
    assert await _cached(s["id"]) == {"app": 0}
    await booking.cancel(patient_actor(holder_a), held.id, CancelCommand())
    waiter_rows = await db.fetch(
        "SELECT status FROM appointment WHERE schedule_id = {} AND patient_id = {}", s["id"], waiter_p
    )
    assert [r["status"] for r in waiter_rows] == ["held"]
    await _sold_out_for(other_a, other_p, s["id"])  # the waiter has it
    assert await _cached(s["id"]) is None and await _in_db(s["id"]) == {"app": 0}


async def test_a_retry_of_a_key_that_booked_gets_its_booking_on_a_sold_out_session(core):
    from yiqiao.kit.errors import Conflict

    s = await fresh_schedule(quotas={"app": 1})
    winner_a, winner_p = await new_patient("缓重")
    loser_a, loser_p = await new_patient("缓输")
    first = await book(winner_a, winner_p, s["id"], key="cache-retry-0001")
    await _sold_out_for(loser_a, loser_p, s["id"])
    assert await _cached(s["id"]) == {"app": 0}
    again = await book(winner_a, winner_p, s["id"], key="cache-retry-0001")
    assert again.id == first.id and again.booking_no == first.booking_no
    with pytest.raises(Conflict) as exc:  # a new key: told they already hold a booking, not "sold out"
        await book(winner_a, winner_p, s["id"])
    assert exc.value.code == "already_booked"


async def test_a_stopped_session_says_so_even_after_the_cache_said_sold_out(core):
    from yiqiao.kit.actor import Actor
    from yiqiao.kit.errors import Conflict
    from yiqiao.scheduling.service import schedules
    from yiqiao.scheduling.types import StopCommand

    s = await fresh_schedule(quotas={"app": 1}, days_ahead=3)
    holder_a, holder_p = await new_patient("缓停占")
    late_a, late_p = await new_patient("缓停迟")
    await book(holder_a, holder_p, s["id"])
    await _sold_out_for(late_a, late_p, s["id"])
    assert await _cached(s["id"]) == {"app": 0}
    doctor = Actor(kind="staff", id=s["doctor_id"], roles=("doctor",))
    await schedules.stop_session(doctor, s["id"], StopCommand(reason="外出会诊"))
    with pytest.raises(Conflict) as exc:
        await book(late_a, late_p, s["id"])
    assert exc.value.code == "session_stopped"


async def test_after_a_race_for_the_last_slots_the_cache_and_the_database_agree(core):
    from yiqiao import db
    from yiqiao.kit.errors import Conflict

    s = await fresh_schedule(quotas={"app": 2, "kiosk": 1}, bands=2)
    racers = [await new_patient(f"缓赛{i}") for i in range(16)]
    results = await asyncio.gather(*(book(a, p, s["id"]) for a, p in racers), return_exceptions=True)
    wins = [r for r in results if not isinstance(r, BaseException)]
    assert len(wins) == 4  # 2 app slots per band; the kiosk's quota stays out of reach
    assert all(isinstance(r, Conflict) and r.code == "sold_out" for r in results if r not in wins)
    late = [await new_patient(f"缓后{i}") for i in range(3)]
    for a, p in late:
        await _sold_out_for(a, p, s["id"])
    assert await _cached(s["id"]) == await _in_db(s["id"]) == {"app": 0, "kiosk": 2}
    n = await db.fetch("SELECT count(*) AS n FROM appointment WHERE schedule_id = {}", s["id"])
    assert n[0]["n"] == 4


async def test_a_refusal_that_read_before_a_slot_came_back_cannot_make_the_cache_refuse(core):
    """The race the generation guards: a request reads the cache (nothing yet), the database says
    "sold out", a cancel gives the slot back, and only then does the request write what it read."""
    from yiqiao.kit import clock
    from yiqiao.scheduling.service import availability_cache, booking
    from yiqiao.scheduling.types import CancelCommand

    s = await fresh_schedule(quotas={"app": 1})
    holder_a, holder_p = await new_patient("缓迟写")
    late_a, late_p = await new_patient("缓迟写后")
    held = await book(holder_a, holder_p, s["id"])
    slow = await availability_cache.read(s["id"], "patient:slow", "slow-key-0001", uuid.uuid4())
    assert slow.writable and slow.counts == {}
    await booking.cancel(patient_actor(holder_a), held.id, CancelCommand())
    now = clock.now()
    await availability_cache.observe(s["id"], slow, {"app": 0}, create=True, ends_at=s["ends_at"], now=now)
    assert await _cached(s["id"]) is None
    assert (await book(late_a, late_p, s["id"])).status == "held"


async def test_a_sold_out_refusal_over_http_is_a_problem_with_the_same_code(patient_api):
    from tests.integration.flows import LI_MEI_PHONE, ZHANG_SAN_PHONE, bearer, patient_tokens

    s = await fresh_schedule(quotas={"app": 1})
    zhang = bearer(await patient_tokens(patient_api, ZHANG_SAN_PHONE))
    li = bearer(await patient_tokens(patient_api, LI_MEI_PHONE))
    zhang_self = next(
        p for p in (await patient_api.get("/profiles", headers=zhang)).json() if p["relationship"] == "self"
    )
    li_self = next(
        p for p in (await patient_api.get("/profiles", headers=li)).json() if p["relationship"] == "self"
    )
    taken = await patient_api.post(
        "/bookings",
        json={"schedule_id": str(s["id"]), "patient_id": zhang_self["id"]},
        headers={**zhang, "Idempotency-Key": f"cache-http-{uuid.uuid4().hex[:12]}"},
    )
    assert taken.status_code == 201, taken.text
    for _ in range(2):  # the database's answer, then the cache's: the same problem
        r = await patient_api.post(
            "/bookings",
            json={"schedule_id": str(s["id"]), "patient_id": li_self["id"]},
            headers={**li, "Idempotency-Key": f"cache-http-{uuid.uuid4().hex[:12]}"},
        )
        assert r.status_code == 409 and r.headers["content-type"].startswith("application/problem+json")
        assert r.json()["code"] == "sold_out" and r.json()["status"] == 409
    assert await _cached(s["id"]) == {"app": 0}
