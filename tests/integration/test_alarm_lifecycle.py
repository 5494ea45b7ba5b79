"""The alarm state machine on the real database: every transition, legal and illegal, audited;
escalation to the next nurse and then the head nurse, driven by the worker's cron function with
time moved in the database; duplicate suppression; realtime to the ward and the target nurse."""

from __future__ import annotations

import asyncio
import json
from datetime import timedelta
from typing import Any

import pytest

from tests.integration.alarm_world import World, audit_actions, build_world, open_alarms, reading


@pytest.fixture(scope="module")
async def world(core: None) -> World:
    return await build_world()


def staff_actor(world: World, key: str) -> Any:
    from yiqiao.kit.actor import Actor

    p = world.staff[key]
    dept = world.ward_b if key.endswith("_b") else world.ward_a
    return Actor(
        kind="staff", id=p.id, institution_id=world.institution_id, department_id=dept, roles=(p.role,)
    )


async def raise_spo2(world: World, device: str, value: float = 85.0) -> Any:
    from yiqiao.monitoring.alarms import lifecycle
    from yiqiao.monitoring.alarms.evaluate import Evaluator

    ev = Evaluator(refresh_s=0)
    await ev.evaluate_batch([reading(world.ref(device), "MDC_PULS_OXIM_SAT_O2", value, "%")], [])
    rows = await open_alarms(world.devices[device].id)
    assert len(rows) == 1, rows
    return await lifecycle.get(rows[0]["id"])


async def test_acknowledge_then_resolve_and_every_illegal_step(world: World) -> None:
    from yiqiao.kit.errors import Conflict
    from yiqiao.monitoring.alarms import lifecycle

    nurse = staff_actor(world, "nurse_a1")
    alarm = await raise_spo2(world, "wear1")
    assert alarm.state == "raised" and alarm.level == 0 and alarm.severity == "high"
    assert alarm.assignee_id in {world.staff["nurse_a1"].id, world.staff["nurse_a2"].id}
    assert "SpO2 85 %" in alarm.message

    acked = await lifecycle.acknowledge(nurse, alarm.id)
    assert acked.state == "acknowledged" and acked.acknowledged_by == nurse.id
    for step in (lifecycle.acknowledge, lifecycle.escalate):
        with pytest.raises(Conflict) as err:
            await step(nurse, alarm.id)
        assert err.value.code == "alarm_transition_illegal" and err.value.extra["state"] == "acknowledged"

    done = await lifecycle.resolve(nurse, alarm.id, "sensor re-seated")
    assert done.state == "resolved" and done.resolution_note == "sensor re-seated"
    assert done.acknowledged_by == nurse.id  # kept from the acknowledgement
    for step in (lifecycle.acknowledge, lifecycle.escalate, lifecycle.resolve):
        with pytest.raises(Conflict) as err:
            await step(nurse, alarm.id)
        assert err.value.extra["state"] == "resolved"
    assert await audit_actions(alarm.id) == ["alarm.raised", "alarm.acknowledged", "alarm.resolved"]


async def test_resolve_straight_from_raised_acknowledges_too(world: World) -> None:
    from yiqiao.monitoring.alarms import lifecycle

    head = staff_actor(world, "head_a")
    alarm = await raise_spo2(world, "wear2")
    done = await lifecycle.resolve(head, alarm.id)
    assert done.state == "resolved" and done.acknowledged_by == head.id and done.acknowledged_at
    assert await audit_actions(alarm.id) == ["alarm.raised", "alarm.resolved"]


async def test_unknown_alarm_is_not_found(world: World) -> None:
    import uuid

    from yiqiao.kit.errors import NotFound
    from yiqiao.monitoring.alarms import lifecycle

    with pytest.raises(NotFound):
        await lifecycle.acknowledge(staff_actor(world, "nurse_a1"), uuid.uuid4())


async def test_duplicates_count_on_the_open_alarm(world: World) -> None:
    from yiqiao.monitoring.alarms import lifecycle
    from yiqiao.monitoring.alarms.evaluate import Evaluator

    ev = Evaluator(refresh_s=0)
    ref = world.ref("wear3")
    batch = [reading(ref, "MDC_PULS_OXIM_SAT_O2", v, "%", seq=i) for i, v in enumerate((86, 85, 84))]
    assert await ev.evaluate_batch(batch, []) == 1
    assert await ev.evaluate_batch([reading(ref, "MDC_PULS_OXIM_SAT_O2", 83, "%", seq=9)], []) == 0
    rows = await open_alarms(world.devices["wear3"].id)
    assert len(rows) == 1 and rows[0]["repeats"] == 3 and rows[0]["value"] == 83
    # Once resolved, the next breach is a new alarm.
    await lifecycle.resolve(staff_actor(world, "nurse_a1"), rows[0]["id"])
    assert await ev.evaluate_batch([reading(ref, "MDC_PULS_OXIM_SAT_O2", 84, "%", seq=10)], []) == 1
    again = await open_alarms(world.devices["wear3"].id)
    assert len(again) == 1 and again[0]["id"] != rows[0]["id"] and again[0]["repeats"] == 0
    await lifecycle.resolve(staff_actor(world, "nurse_a1"), again[0]["id"])


async def _listen(channels: list[str]) -> tuple[Any, list[dict[str, Any]]]:
    from yiqiao.kit.redis import redis

    pubsub = redis().pubsub()
    await pubsub.subscribe(*channels)
    got: list[dict[str, Any]] = []
    return pubsub, got


async def _drain(pubsub: Any, got: list[dict[str, Any]], want: int, timeout: float = 5.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while len(got) < want and loop.time() < deadline:
        msg = await pubsub.get_message(ignore_subscribe_messages=True, timeout=0.2)
        if msg and msg["type"] == "message":
            got.append(json.loads(msg["data"]))


async def test_escalation_goes_to_the_next_nurse_then_the_head_nurse(world: World) -> None:
    from yiqiao import db
    from yiqiao.kit import realtime
    from yiqiao.kit.actor import SYSTEM
    from yiqiao.kit.errors import Conflict
    from yiqiao.monitoring.alarms import lifecycle, sweep
    from yiqiao.settings import get_settings

    after = get_settings().alarm_escalate_after_s
    nurses = {world.staff["nurse_a1"].id, world.staff["nurse_a2"].id}
    head = world.staff["head_a"].id
    alarm = await raise_spo2(world, "wear1", 82)
    first = alarm.assignee_id
    assert first in nurses
    second = (nurses - {first}).pop()
    pubsub, got = await _listen([realtime.channel("staff", second), realtime.channel("staff", head)])
    try:
        # Not yet due: nothing happens.
        await sweep.escalate_due(db_now := (await db.fetch("SELECT now() AS t"))[0]["t"])
        assert (await lifecycle.get(alarm.id)).state == "raised"

        await db.execute(
            "UPDATE alarm SET raised_at = raised_at - {}::interval WHERE id = {}",
            timedelta(seconds=after + 1),
            alarm.id,
        )
        assert (await sweep.sweep()).escalated >= 1
        step1 = await lifecycle.get(alarm.id)
        assert (step1.state, step1.level, step1.assignee_id) == ("escalated", 1, second)

        # Escalated again only after another full period without acknowledgement.
        await sweep.escalate_due(db_now)
        assert (await lifecycle.get(alarm.id)).level == 1
        await db.execute(
            "UPDATE alarm SET escalated_at = escalated_at - {}::interval WHERE id = {}",
            timedelta(seconds=after + 1),
            alarm.id,
        )
        await sweep.sweep()
        step2 = await lifecycle.get(alarm.id)
        assert (step2.state, step2.level, step2.assignee_id) == ("escalated", 2, head)

        # The head nurse is the top of the ladder.
        with pytest.raises(Conflict) as err:
            await lifecycle.escalate(SYSTEM, alarm.id)
        assert err.value.code == "alarm_no_next_level"
        # level 1 to the next nurse; level 2 to the head nurse and to the nurse it was with
        await _drain(pubsub, got, 3)
    finally:
        await pubsub.unsubscribe()
        await pubsub.aclose()
    escalations = [(m["channel"], m["data"]["level"]) for m in got if m["type"] == "alarm.escalated"]
    assert (realtime.channel("staff", second), 1) in escalations
    assert (realtime.channel("staff", head), 2) in escalations

    head_actor = staff_actor(world, "head_a")
    assert (await lifecycle.acknowledge(head_actor, alarm.id)).state == "acknowledged"
    await lifecycle.resolve(head_actor, alarm.id, "checked")
    assert await audit_actions(alarm.id) == [
        "alarm.raised",
        "alarm.escalated",
        "alarm.escalated",
        "alarm.acknowledged",
        "alarm.resolved",
    ]


async def test_an_acknowledged_alarm_is_not_escalated(world: World) -> None:
    from yiqiao import db
    from yiqiao.monitoring.alarms import lifecycle, sweep

    alarm = await raise_spo2(world, "wear2", 80)
    await lifecycle.acknowledge(staff_actor(world, "nurse_a2"), alarm.id)
    await db.execute("UPDATE alarm SET raised_at = raised_at - interval '1 day' WHERE id = {}", alarm.id)
    await sweep.sweep()
    after = await lifecycle.get(alarm.id)
    assert (after.state, after.level) == ("acknowledged", 0)
    await lifecycle.resolve(staff_actor(world, "nurse_a2"), alarm.id)


async def test_raise_is_published_to_the_ward_and_the_nurse(world: World) -> None:
    from yiqiao.kit import realtime
    from yiqiao.monitoring.alarms import lifecycle

    channels = [realtime.channel("department", world.ward_a)] + [
        realtime.channel("staff", world.staff[k].id) for k in ("nurse_a1", "nurse_a2")
    ]
    pubsub, got = await _listen(channels)
    try:
        alarm = await raise_spo2(world, "wear2", 81)
        await _drain(pubsub, got, 2)
    finally:
        await pubsub.unsubscribe()
        await pubsub.aclose()
    raised = {m["channel"] for m in got if m["type"] == "alarm.raised" and m["data"]["id"] == str(alarm.id)}
    assert raised == {channels[0], realtime.channel("staff", alarm.assignee_id)}
    await lifecycle.resolve(staff_actor(world, "nurse_a1"), alarm.id)
