"""Alarm rules evaluated the way the gateway does after each stored batch, on the real database:
thresholds, rate of change, events (fall, SOS, bed exit, call button), infusion, per-patient
overrides, and the worker's silent-device technical alarm."""

from __future__ import annotations

import logging
import time
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from tests.integration.alarm_world import World, build_world, event, open_alarms, reading


@pytest.fixture(scope="module")
async def world(core: None) -> World:
    return await build_world()


@pytest.fixture
async def evaluator(world: World) -> Any:
    from yiqiao.monitoring.alarms.evaluate import Evaluator

    ev = Evaluator(refresh_s=3600)
    await ev.reload()
    return ev


async def resolve_all(world: World) -> None:
    from yiqiao.kit.actor import SYSTEM
    from yiqiao.monitoring.alarms import lifecycle

    for dev in world.devices.values():
        for row in await open_alarms(dev.id):
            await lifecycle.resolve(SYSTEM, row["id"], "test cleanup")


async def keys(world: World, device: str) -> dict[str, dict[str, Any]]:
    return {r["rule_key"]: r for r in await open_alarms(world.devices[device].id)}


async def test_thresholds_on_every_vital(world: World, evaluator: Any) -> None:
    await resolve_all(world)
    wear, bp, glu = world.ref("wear1"), world.ref("bp01"), world.ref("glu1")
    normal = [
        reading(wear, "MDC_PULS_RATE", 72, "/min"),
        reading(wear, "MDC_PULS_OXIM_SAT_O2", 97, "%"),
        reading(wear, "MDC_TEMP_BODY", 36.8, "Cel"),
        reading(bp, "MDC_PRESS_BLD_NONINV_SYS", 120, "mm[Hg]"),
        reading(bp, "MDC_PRESS_BLD_NONINV_DIA", 80, "mm[Hg]"),
        reading(glu, "MDC_CONC_GLU_CAPILLARY_WHOLEBLOOD", 6.1, "mmol/L"),
    ]
    assert await evaluator.evaluate_batch(normal, []) == 0
    abnormal = [
        reading(wear, "MDC_PULS_RATE", 150, "/min", seq=2),
        reading(wear, "MDC_PULS_OXIM_SAT_O2", 85, "%", seq=2),
        reading(wear, "MDC_TEMP_BODY", 39.2, "Cel", seq=2),
        reading(bp, "MDC_PRESS_BLD_NONINV_SYS", 182, "mm[Hg]", seq=2),
        reading(bp, "MDC_PRESS_BLD_NONINV_DIA", 112, "mm[Hg]", seq=2),
        reading(glu, "MDC_CONC_GLU_CAPILLARY_WHOLEBLOOD", 2.8, "mmol/L", seq=2),
    ]
    # Six thresholds, and heart rate also rose by more than 30 within a minute.
    assert await evaluator.evaluate_batch(abnormal, []) == 7
    w = await keys(world, "wear1")
    assert set(w) == {
        "threshold:MDC_PULS_RATE",
        "threshold:MDC_PULS_OXIM_SAT_O2",
        "threshold:MDC_TEMP_BODY",
        "rate:MDC_PULS_RATE",
    }
    assert w["threshold:MDC_PULS_OXIM_SAT_O2"]["message"] == "SpO2 85 %, below 90"
    assert w["threshold:MDC_PULS_RATE"]["message"] == "Heart rate 150 /min, above 130"
    assert set(await keys(world, "bp01")) == {
        "threshold:MDC_PRESS_BLD_NONINV_SYS",
        "threshold:MDC_PRESS_BLD_NONINV_DIA",
    }
    g = await keys(world, "glu1")
    assert g["threshold:MDC_CONC_GLU_CAPILLARY_WHOLEBLOOD"]["value"] == 2.8
    assert all(r["department_id"] == world.ward_a for r in w.values())


async def test_rate_of_change_within_the_window(world: World, evaluator: Any) -> None:
    await resolve_all(world)
    wear = world.ref("wear2")
    t0 = datetime.now(UTC)
    # +25 within a minute: no alarm; then +35 within a minute: alarm (under the 130 threshold).
    slow = [
        reading(wear, "MDC_PULS_RATE", v, "/min", seq=i, at=t0 + timedelta(seconds=10 * i))
        for i, v in enumerate((70, 80, 95))
    ]
    assert await evaluator.evaluate_batch(slow, []) == 0
    # 200 s later the old samples have left the window: a jump from 95 to 118 is under +30.
    later = t0 + timedelta(seconds=200)
    assert (
        await evaluator.evaluate_batch([reading(wear, "MDC_PULS_RATE", 88, "/min", seq=5, at=later)], []) == 0
    )
    fast = [
        reading(wear, "MDC_PULS_RATE", 90, "/min", seq=6, at=later + timedelta(seconds=20)),
        reading(wear, "MDC_PULS_RATE", 123, "/min", seq=7, at=later + timedelta(seconds=50)),
    ]
    assert await evaluator.evaluate_batch(fast, []) == 1
    alarm = (await keys(world, "wear2"))["rate:MDC_PULS_RATE"]
    assert alarm["message"] == "Heart rate rose by 35 /min within 60 s" and alarm["severity"] == "medium"
    # A resent (older) sample is ignored by the window, not read as a fall.
    assert await evaluator.evaluate_batch([reading(wear, "MDC_PULS_RATE", 60, "/min", seq=3, at=t0)], []) == 0


async def test_fall_sos_bed_exit_and_call_button(world: World, evaluator: Any) -> None:
    await resolve_all(world)
    batch = [
        event(world.ref("wear1"), "fall"),
        event(world.ref("wear2"), "sos"),
        event(world.ref("bed01"), "bed_exit"),
        event(world.ref("call1"), "call_button"),
        event(world.ref("wear3"), "bed_exit"),  # a wearable has no bed-exit rule
    ]
    assert await evaluator.evaluate_batch([], batch) == 4
    fall = (await keys(world, "wear1"))["event:fall"]
    assert (fall["severity"], fall["category"], fall["event"]) == ("high", "event", "fall")
    assert fall["message"] == "Fall detected at bed r1"
    assert (await keys(world, "wear2"))["event:sos"]["severity"] == "high"
    assert "event:bed_exit" in await keys(world, "bed01")
    assert "event:call_button" in await keys(world, "call1")
    assert await keys(world, "wear3") == {}
    # A second fall while the first is open is a repeat, not a second alarm.
    assert await evaluator.evaluate_batch([], [event(world.ref("wear1"), "fall", seq=2)]) == 0
    assert (await keys(world, "wear1"))["event:fall"]["repeats"] == 1


async def test_infusion_volume_time_to_empty_and_occlusion(world: World, evaluator: Any) -> None:
    await resolve_all(world)
    pump = world.ref("pump1")
    ok = [
        reading(pump, "MDC_VOL_FLUID_TBI_REMAIN", 250, "mL"),
        reading(pump, "MDC_FLOW_FLUID_PUMP", 100, "mL/h"),
    ]
    assert await evaluator.evaluate_batch(ok, []) == 0
    # 40 mL at 300 mL/h: 8 minutes left.
    soon = [
        reading(pump, "MDC_FLOW_FLUID_PUMP", 300, "mL/h", seq=2),
        reading(pump, "MDC_VOL_FLUID_TBI_REMAIN", 40, "mL", seq=2),
    ]
    assert await evaluator.evaluate_batch(soon, []) == 1
    tte = (await keys(world, "pump1"))["time_to_empty"]
    assert (tte["value"], tte["unit"], tte["category"]) == (8.0, "min", "infusion")
    low = [reading(pump, "MDC_VOL_FLUID_TBI_REMAIN", 15, "mL", seq=3)]
    assert await evaluator.evaluate_batch(low, [event(pump, "occlusion", seq=4)]) == 2
    assert {"time_to_empty", "threshold:MDC_VOL_FLUID_TBI_REMAIN", "event:occlusion"} == set(
        await keys(world, "pump1")
    )


async def test_a_patients_rules_override_the_kind_defaults(world: World, evaluator: Any) -> None:
    from yiqiao.kit.actor import Actor
    from yiqiao.monitoring.alarms import service
    from yiqiao.monitoring.alarms.types import RuleIn

    await resolve_all(world)
    doctor = Actor(
        kind="staff",
        id=world.staff["doctor_a"].id,
        institution_id=world.institution_id,
        department_id=world.ward_a,
        roles=("doctor",),
    )
    # A COPD patient: SpO2 down to 85 is expected; falls are not watched on this patient.
    view = await service.set_patient_rules(
        doctor,
        world.patient_id,
        [
            RuleIn(kind="threshold", code="MDC_PULS_OXIM_SAT_O2", low=85, severity="medium"),
            RuleIn(kind="event", event="fall", enabled=False),
        ],
    )
    assert {r.key for r in view.rules} == {"threshold:MDC_PULS_OXIM_SAT_O2", "event:fall"}
    await evaluator.reload()
    on_patient, other = world.ref("wear1", patient_id=world.patient_id), world.ref("wear2")
    batch = [
        reading(on_patient, "MDC_PULS_OXIM_SAT_O2", 87, "%"),
        reading(other, "MDC_PULS_OXIM_SAT_O2", 87, "%"),
    ]
    assert await evaluator.evaluate_batch(batch, [event(on_patient, "fall"), event(on_patient, "sos")]) == 2
    assert set(await keys(world, "wear1")) == {"event:sos"}
    assert set(await keys(world, "wear2")) == {"threshold:MDC_PULS_OXIM_SAT_O2"}
    assert (
        await evaluator.evaluate_batch([reading(on_patient, "MDC_PULS_OXIM_SAT_O2", 83, "%", seq=2)], []) == 1
    )
    spo2 = (await keys(world, "wear1"))["threshold:MDC_PULS_OXIM_SAT_O2"]
    assert (spo2["severity"], spo2["message"]) == ("medium", "SpO2 83 %, below 85")
    # Back to the defaults.
    assert (await service.set_patient_rules(doctor, world.patient_id, [])).rules == []


async def test_silent_device_is_a_technical_alarm_until_data_resumes(world: World, evaluator: Any) -> None:
    from yiqiao import db
    from yiqiao.monitoring.alarms import sweep

    await resolve_all(world)
    wear = world.devices["wear3"]
    await db.execute("DELETE FROM alarm_device_seen WHERE device_id = {}", wear.id)
    await sweep.sweep()
    assert await keys(world, "wear3") == {}  # never sent anything, on nobody: not watched yet
    await db.execute(
        "INSERT INTO alarm_device_seen (device_id, last_data_at) VALUES ({}, now() - interval '61 seconds')",
        wear.id,
    )
    report = await sweep.sweep()
    assert report.silent >= 1
    silent = (await keys(world, "wear3"))["silent"]
    assert (silent["category"], silent["severity"], silent["unit"]) == ("technical", "medium", "s")
    assert silent["message"].startswith(f"No data from {wear.code} for 6")
    await sweep.sweep()
    assert (await keys(world, "wear3"))["silent"]["repeats"] == 1  # still silent: one alarm
    # A call button sends only events: silence is normal for it.
    await db.execute(
        "INSERT INTO alarm_device_seen (device_id, last_data_at) VALUES ({}, now() - interval '1 day')"
        " ON CONFLICT (device_id) DO UPDATE SET last_data_at = EXCLUDED.last_data_at",
        world.devices["call1"].id,
    )
    await sweep.sweep()
    assert "silent" not in await keys(world, "call1")
    # Data flows again: the gateway notes it, the next sweep resolves the technical alarm.
    evaluator.flushed.clear()
    await evaluator.evaluate_batch([reading(world.ref("wear3"), "MDC_PULS_RATE", 70, "/min")], [])
    assert (await sweep.sweep()).resumed >= 1
    assert "silent" not in await keys(world, "wear3")
    rows = await db.fetch("SELECT state, resolved_by, resolution_note FROM alarm WHERE id = {}", silent["id"])
    assert dict(rows[0]) == {"state": "resolved", "resolved_by": "system", "resolution_note": "data resumed"}


async def test_evaluation_failures_never_reach_ingest(world: World, evaluator: Any, caplog: Any) -> None:
    from yiqiao.monitoring.types import DeviceRef

    ghost = DeviceRef(
        id=uuid.uuid4(),  # not in the registry: storing its alarm violates a foreign key
        code="GHOST",
        kind="wearable",
        institution_id=world.institution_id,
        department_id=world.ward_a,
        patient_id=None,
        bed_label="",
    )
    with caplog.at_level(logging.ERROR):
        assert await evaluator.evaluate_batch([reading(ghost, "MDC_PULS_OXIM_SAT_O2", 70, "%")], []) == 0
    assert "alarm evaluation failed" in caplog.text


async def test_evaluation_cost_per_reading(world: World, evaluator: Any) -> None:
    """In-memory checking of normal readings (the common case): measured and reported."""
    refs = [world.ref(n) for n in ("wear1", "wear2", "wear3")]
    t0 = datetime.now(UTC)
    batch = [
        reading(refs[i % 3], code, value, unit, seq=i, at=t0 + timedelta(seconds=i))
        for i in range(20_000)
        for code, value, unit in (("MDC_PULS_RATE", 72 + i % 5, "/min"), ("MDC_PULS_OXIM_SAT_O2", 97, "%"))
    ]
    started = time.perf_counter()
    found = evaluator.check(batch, [])
    per_reading_us = (time.perf_counter() - started) / len(batch) * 1e6
    print(f"\nalarm evaluation: {per_reading_us:.2f} µs per reading ({len(batch)} readings, no breach)")
    assert found == {}
    assert per_reading_us < 50
