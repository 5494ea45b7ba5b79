"""The clinician BFF's alarm screens, with two wards: a nurse sees and handles only her own
ward's alarms; a patient's rules are set by doctors and head nurses only; bad input is a 4xx."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

from tests.integration.alarm_world import World, build_world, open_alarms, reading
from tests.integration.flows import bearer, staff_tokens


@pytest.fixture(scope="module")
async def world(core: None) -> World:
    return await build_world()


@pytest.fixture(scope="module")
async def tokens(world: World, clinician_api: httpx.AsyncClient) -> dict[str, dict[str, str]]:
    return {
        key: bearer(await staff_tokens(clinician_api, p.username))
        for key, p in world.staff.items()
        if key in ("nurse_a1", "nurse_b", "doctor_a", "head_a")
    }


async def raise_on(world: World, device: str, value: float = 84.0) -> str:
    from yiqiao.monitoring.alarms.evaluate import Evaluator

    ev = Evaluator(refresh_s=0)
    await ev.evaluate_batch([reading(world.ref(device), "MDC_PULS_OXIM_SAT_O2", value, "%")], [])
    rows = await open_alarms(world.devices[device].id)
    return str(rows[0]["id"])


async def test_a_nurse_sees_and_handles_only_her_wards_alarms(
    world: World, clinician_api: httpx.AsyncClient, tokens: dict[str, Any]
) -> None:
    a_alarm = await raise_on(world, "wear1")
    b_alarm = await raise_on(world, "wearb")
    nurse_a, nurse_b = tokens["nurse_a1"], tokens["nurse_b"]

    r = await clinician_api.get("/ward/alarms", headers=nurse_a)
    assert r.status_code == 200, r.text
    ids = {a["id"] for a in r.json()}
    assert a_alarm in ids and b_alarm not in ids
    mine = next(a for a in r.json() if a["id"] == a_alarm)
    assert mine["state"] == "raised" and mine["device_code"] == world.devices["wear1"].code
    r = await clinician_api.get("/ward/alarms", headers=nurse_b)
    assert {a["id"] for a in r.json()} == {b_alarm}

    # Another ward's alarm does not exist for her.
    for action in ("acknowledge", "resolve"):
        r = await clinician_api.post(f"/alarms/{a_alarm}/{action}", headers=nurse_b)
        assert r.status_code == 404, r.text
        assert r.json()["code"] == "alarm_not_found"
    r = await clinician_api.post(f"/alarms/{uuid.uuid4()}/acknowledge", headers=nurse_a)
    assert r.status_code == 404

    r = await clinician_api.post(f"/alarms/{a_alarm}/acknowledge", headers=nurse_a)
    assert r.status_code == 200, r.text
    assert r.json()["state"] == "acknowledged" and r.json()["acknowledged_by"] == str(
        world.staff["nurse_a1"].id
    )
    r = await clinician_api.post(f"/alarms/{a_alarm}/acknowledge", headers=nurse_a)
    assert r.status_code == 409 and r.json()["code"] == "alarm_transition_illegal"

    r = await clinician_api.post(f"/alarms/{a_alarm}/resolve", headers=nurse_a, json={"note": "probe moved"})
    assert r.status_code == 200, r.text
    assert r.json()["state"] == "resolved" and r.json()["resolution_note"] == "probe moved"
    r = await clinician_api.get("/ward/alarms", headers=nurse_a)
    assert a_alarm not in {a["id"] for a in r.json()}

    # The note is optional.
    r = await clinician_api.post(f"/alarms/{b_alarm}/resolve", headers=nurse_b)
    assert r.status_code == 200, r.text
    assert r.json()["resolution_note"] == ""


async def test_bad_alarm_input_is_a_4xx(world: World, clinician_api: httpx.AsyncClient, tokens: Any) -> None:
    alarm = await raise_on(world, "wear2")
    nurse = tokens["nurse_a1"]
    r = await clinician_api.post("/alarms/not-a-uuid/acknowledge", headers=nurse)
    assert r.status_code in (400, 404)
    r = await clinician_api.post(f"/alarms/{alarm}/resolve", headers=nurse, json={"note": "x" * 501})
    assert r.status_code == 400
    r = await clinician_api.post(f"/alarms/{alarm}/resolve", headers=nurse, json={"nope": 1})
    assert r.status_code == 400 and r.json()["code"] == "unknown_field"
    r = await clinician_api.post(
        f"/alarms/{alarm}/resolve", headers={**nurse, "content-type": "application/json"}, content=b"{"
    )
    assert r.status_code == 400
    r = await clinician_api.get("/ward/alarms")
    assert r.status_code == 401
    r = await clinician_api.post(f"/alarms/{alarm}/resolve", headers=nurse, json={"note": "ok"})
    assert r.status_code == 200


async def test_patient_rules_by_doctors_and_head_nurses_only(
    world: World, clinician_api: httpx.AsyncClient, tokens: Any
) -> None:
    url = f"/patients/{world.patient_id}/alarm-rules"
    body = {"rules": [{"kind": "threshold", "code": "MDC_PULS_RATE", "low": 45, "high": 110}]}
    r = await clinician_api.put(url, headers=tokens["nurse_a1"], json=body)
    assert r.status_code == 403 and r.json()["code"] == "not_rule_editor"

    r = await clinician_api.put(url, headers=tokens["doctor_a"], json=body)
    assert r.status_code == 200, r.text
    rule = r.json()["rules"][0]
    assert (rule["key"], rule["low"], rule["high"], rule["category"]) == (
        "threshold:MDC_PULS_RATE",
        45,
        110,
        "physiological",
    )
    r = await clinician_api.get(url, headers=tokens["nurse_a1"])
    assert r.status_code == 200 and [x["key"] for x in r.json()["rules"]] == ["threshold:MDC_PULS_RATE"]

    for bad in (
        {"rules": [{"kind": "threshold", "code": "MDC_PULS_RATE"}]},  # no limit
        {"rules": [{"kind": "threshold", "code": "MDC_PULS_RATE", "low": 120, "high": 60}]},
        {"rules": [{"kind": "rate", "code": "MDC_PULS_RATE", "delta": 0, "window_s": 60}]},
        {"rules": [{"kind": "silent"}]},
        {"rules": [{"kind": "event", "event": "fall"}, {"kind": "event", "event": "fall"}]},
    ):
        r = await clinician_api.put(url, headers=tokens["head_a"], json=bad)
        assert r.status_code == 422, (bad, r.text)
    for bad in (
        {"rules": [{"kind": "event", "event": "explosion"}]},
        {"rules": [{"kind": "silent", "after_s": 1}]},
        {"rules": [{"kind": "nope"}]},
        {"rules": "all"},
    ):
        r = await clinician_api.put(url, headers=tokens["head_a"], json=bad)
        assert r.status_code == 400, (bad, r.text)

    r = await clinician_api.put(f"/patients/{uuid.uuid4()}/alarm-rules", headers=tokens["head_a"], json=body)
    assert r.status_code == 404
    r = await clinician_api.put(url, headers=tokens["head_a"], json={"rules": []})
    assert r.status_code == 200 and r.json()["rules"] == []
