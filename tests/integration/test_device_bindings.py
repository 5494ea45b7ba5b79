"""Device bindings with history, ambulances and emergency tasks, and the screens built on them:
a patient's vitals, a patient's own readings (two patients), a kiosk measurement, the ED board."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from tests.integration.device_setup import Ward, make_ward, staff_headers
from tests.integration.flows import (
    LI_MEI_PHONE,
    ZHANG_SAN_ID,
    ZHANG_SAN_PHONE,
    bearer,
    demo_id_number,
    kiosk_tokens,
    patient_tokens,
)
from tests.support import TestServices

KINDS = {
    "wear": "wearable",
    "wear2": "wearable",
    "mon": "ambulance_monitor",
    "ecg": "ecg",
    "button": "call_button",
}
_seq = int(datetime.now(UTC).timestamp() * 1_000_000)


def next_seq() -> int:
    global _seq
    _seq += 1
    return _seq


@pytest.fixture(scope="module")
async def ward(core: None, services: TestServices) -> Ward:
    return await make_ward(services, KINDS)


async def store(code: str, at: datetime, readings: list[tuple[str, float, str]]) -> int:
    """Store one telemetry message the way the gateway does (the registry's DeviceRef)."""
    from yiqiao.kit import clock
    from yiqiao.monitoring import service
    from yiqiao.monitoring.types import ReadingIn

    ref = await service.device_ref(code)
    assert ref is not None
    seq = next_seq()
    await service.store_readings(
        [
            ReadingIn(device=ref, seq=seq, code=c, value=v, unit=u, measured_at=at, received_at=clock.now())
            for c, v, u in readings
        ]
    )
    return seq


async def stamped(dev_id: uuid.UUID, seq: int) -> set[Any]:
    from yiqiao import db

    rows = await db.fetch("SELECT patient_id FROM reading WHERE device_id = {} AND seq = {}", dev_id, seq)
    return {r["patient_id"] for r in rows}


async def test_a_reading_carries_the_patient_bound_when_it_was_measured(clinician_api, ward: Ward) -> None:
    from yiqiao import db

    h = await staff_headers(clinician_api, ward.nurse)
    dev, (a, b) = ward.devs["wear"], ward.patients
    url = f"/devices/{dev.id}/bindings"
    r = await clinician_api.post(url, headers=h, json={"kind": "patient", "patient_id": str(a)})
    assert r.status_code == 201, r.text
    await asyncio.sleep(0.01)
    while_on_a = datetime.now(UTC)
    await asyncio.sleep(0.01)
    seq_a = await store(dev.code, while_on_a, [("MDC_PULS_RATE", 70, "/min")])
    r = await clinician_api.post(url, headers=h, json={"kind": "patient", "patient_id": str(b)})
    assert r.status_code == 409 and r.json()["code"] == "device_already_bound"
    r = await clinician_api.delete(f"{url}/patient", headers=h)
    assert r.status_code == 200 and r.json()["valid_to"]
    r = await clinician_api.post(url, headers=h, json={"kind": "patient", "patient_id": str(b)})
    assert r.status_code == 201, r.text
    # A late message measured while the device was on A, then one measured now on B.
    late = await store(dev.code, while_on_a, [("MDC_PULS_RATE", 71, "/min")])
    now = await store(dev.code, datetime.now(UTC), [("MDC_PULS_RATE", 72, "/min")])
    assert await stamped(dev.id, seq_a) == {a}
    assert await stamped(dev.id, late) == {a}
    assert await stamped(dev.id, now) == {b}

    r = await clinician_api.get(url, headers=h, params={"kind": "patient"})
    history = r.json()
    assert [x["patient_id"] for x in history] == [str(b), str(a)]
    assert history[0]["valid_to"] is None and history[1]["valid_to"] is not None
    audited = await db.fetch(
        "SELECT action FROM audit_entry WHERE entity = 'device' AND entity_id = {} ORDER BY id", str(dev.id)
    )
    assert [x["action"] for x in audited] == [
        "device_binding.bind",
        "device_binding.unbind",
        "device_binding.bind",
    ]
    # The current-assignment lookups the gateway and older readers use still answer.
    from yiqiao.monitoring import service

    ref = await service.device_ref(dev.code)
    assert ref is not None and ref.patient_id == b
    assert (await db.fetch("SELECT patient_id FROM device_assignment WHERE device_id = {}", dev.id))[0][
        "patient_id"
    ] == b


async def test_bindings_are_for_ward_staff_and_sensible_targets(clinician_api, ward: Ward) -> None:
    nurse = await staff_headers(clinician_api, ward.nurse)
    outsider = await staff_headers(clinician_api, ward.outsider)
    url = f"/devices/{ward.devs['wear2'].id}/bindings"
    body = {"kind": "patient", "patient_id": str(ward.patients[0])}
    r = await clinician_api.post(url, headers=outsider, json=body)
    assert r.status_code == 403 and r.json()["code"] == "not_ward_staff"
    r = await clinician_api.post(url, headers=nurse, json={"kind": "sofa"})
    assert r.status_code == 400
    r = await clinician_api.post(
        url, headers=nurse, json={"kind": "patient", "patient_id": str(uuid.uuid4())}
    )
    assert r.status_code == 404 and r.json()["code"] == "patient_not_found"
    r = await clinician_api.post(
        url, headers=nurse, json={"kind": "vehicle", "vehicle_id": str(ward.vehicle_ids[0])}
    )
    assert r.status_code == 422 and r.json()["code"] == "binding_not_allowed"  # a wearable is not mounted
    r = await clinician_api.delete(f"{url}/vehicle", headers=nurse)
    assert r.status_code == 404
    r = await clinician_api.delete(f"{url}/sofa", headers=nurse)
    assert r.status_code == 400


async def test_a_device_is_in_one_vehicle_at_a_time(clinician_api, ward: Ward) -> None:
    h = await staff_headers(clinician_api, ward.nurse)
    url = f"/devices/{ward.devs['ecg'].id}/bindings"
    v1, v2 = (str(v) for v in ward.vehicle_ids)
    first = await clinician_api.post(url, headers=h, json={"kind": "vehicle", "vehicle_id": v1})
    assert first.status_code == 201, first.text
    again = await clinician_api.post(url, headers=h, json={"kind": "vehicle", "vehicle_id": v1})
    assert again.status_code == 201 and again.json()["id"] == first.json()["id"]
    r = await clinician_api.post(url, headers=h, json={"kind": "vehicle", "vehicle_id": v2})
    assert r.status_code == 409 and r.json()["code"] == "device_already_bound"
    # The database holds the line too, whatever a caller does.
    from asyncpg.exceptions import UniqueViolationError
    from yiqiao import db

    with pytest.raises(UniqueViolationError):
        await db.execute(
            "INSERT INTO device_binding (device_id, kind, vehicle_id, valid_from, bound_by)"
            " VALUES ({}, 'vehicle', {}, now(), 'test')",
            ward.devs["ecg"].id,
            uuid.UUID(v2),
        )
    assert (await clinician_api.delete(f"{url}/vehicle", headers=h)).status_code == 200
    r = await clinician_api.post(url, headers=h, json={"kind": "vehicle", "vehicle_id": v2})
    assert r.status_code == 201
    assert (await clinician_api.delete(f"{url}/vehicle", headers=h)).status_code == 200


async def test_task_state_machine_is_enforced_and_audited(clinician_api, ward: Ward) -> None:
    from yiqiao import db
    from yiqiao.monitoring.emergency import TRANSITIONS

    assert all(not TRANSITIONS[s] for s in ("handed_over", "cancelled"))
    h = await staff_headers(clinician_api, ward.nurse)
    body = {"vehicle_id": str(ward.vehicle_ids[1]), "destination_department_id": str(ward.department_id)}
    r = await clinician_api.post("/emergency/tasks", headers=h, json=body)
    assert r.status_code == 201, r.text
    task = r.json()
    assert task["status"] == "dispatched"
    busy = await clinician_api.post("/emergency/tasks", headers=h, json=body)
    assert busy.status_code == 409 and busy.json()["code"] == "vehicle_busy"
    move = f"/emergency/tasks/{task['id']}/status"
    assert (await clinician_api.post(move, headers=h, json={"to": "onboard"})).json()["status"] == "onboard"
    r = await clinician_api.post(move, headers=h, json={"to": "handed_over"})
    assert r.status_code == 409 and r.json()["code"] == "task_bad_transition"
    r = await clinician_api.post(move, headers=h, json={"to": "flying"})
    assert r.status_code == 400
    done = (await clinician_api.post(move, headers=h, json={"to": "cancelled"})).json()
    assert done["status"] == "cancelled" and done["closed_at"]
    r = await clinician_api.post(move, headers=h, json={"to": "onboard"})
    assert r.status_code == 409
    audited = await db.fetch(
        "SELECT action FROM audit_entry WHERE entity = 'emergency_task' AND entity_id = {} ORDER BY id",
        task["id"],
    )
    assert [x["action"] for x in audited] == [
        "emergency_task.dispatch",
        "emergency_task.onboard",
        "emergency_task.cancelled",
    ]


async def test_ed_board_and_socket_show_the_bound_ambulance(clinician_api, ward: Ward) -> None:
    from yiqiao.kit import realtime
    from yiqiao.kit.redis import redis

    h = await staff_headers(clinician_api, ward.nurse)
    mon = ward.devs["mon"]
    vehicle = str(ward.vehicle_ids[0])
    r = await clinician_api.post(
        f"/devices/{mon.id}/bindings", headers=h, json={"kind": "vehicle", "vehicle_id": vehicle}
    )
    assert r.status_code == 201, r.text
    r = await clinician_api.post(
        "/emergency/tasks",
        headers=h,
        json={"vehicle_id": vehicle, "destination_department_id": str(ward.department_id), "summary": "胸痛"},
    )
    assert r.status_code == 201, r.text
    task_id = r.json()["id"]
    pubsub = redis().pubsub()
    await pubsub.subscribe(realtime.channel("department", ward.department_id))
    try:
        await store(
            mon.code,
            datetime.now(UTC),
            [("GPS_LAT", 29.61, "deg"), ("GPS_LON", 106.55, "deg"), ("MDC_PULS_RATE", 96, "/min")],
        )
        heard: dict[str, dict[str, Any]] = {}
        async with asyncio.timeout(10):
            while len(heard) < 2:
                msg = await pubsub.get_message(ignore_subscribe_messages=True, timeout=1)
                if msg is not None:
                    m = realtime.decode(msg["data"])
                    if m.type.startswith("ambulance.") and m.data["task_id"] == task_id:
                        heard[m.type] = m.data
    finally:
        await pubsub.aclose()  # type: ignore[attr-defined]
    assert heard["ambulance.position"]["lat"] == 29.61 and heard["ambulance.position"]["lon"] == 106.55
    assert heard["ambulance.vitals"]["code"] == "MDC_PULS_RATE"

    r = await clinician_api.get("/emergency/inbound", headers=h)
    assert r.status_code == 200, r.text
    board = [x for x in r.json() if x["task"]["id"] == task_id]
    assert len(board) == 1
    item = board[0]
    assert item["vehicle"]["device_ids"] == [str(mon.id)]
    assert item["position"]["lat"] == 29.61 and item["position"]["lon"] == 106.55
    assert [(v["code"], v["value"]) for v in item["vitals"]] == [("MDC_PULS_RATE", 96.0)]
    outsider = await staff_headers(clinician_api, ward.outsider)
    assert all(
        x["task"]["id"] != task_id
        for x in (await clinician_api.get("/emergency/inbound", headers=outsider)).json()
    )


async def test_patient_sees_own_readings_only(patient_api, clinician_api, ward: Ward) -> None:
    from yiqiao.kit.actor import SYSTEM
    from yiqiao.monitoring import bindings
    from yiqiao.monitoring.binding_types import BindPatient

    zhang = bearer(await patient_tokens(patient_api, ZHANG_SAN_PHONE))
    li = bearer(await patient_tokens(patient_api, LI_MEI_PHONE))
    zhang_self = next(
        p for p in (await patient_api.get("/profiles/", headers=zhang)).json() if p["relationship"] == "self"
    )
    li_self = next(
        p for p in (await patient_api.get("/profiles/", headers=li)).json() if p["relationship"] == "self"
    )
    dev = ward.devs["wear2"]
    await bindings.bind(SYSTEM, dev.id, BindPatient(patient_id=uuid.UUID(zhang_self["id"])))
    try:
        await store(
            dev.code,
            datetime.now(UTC),
            [("MDC_PULS_RATE", 66, "/min"), ("MDC_TEMP_BODY", 36.6, "Cel")],
        )
    finally:
        await bindings.unbind(SYSTEM, dev.id, "patient")

    url = f"/profiles/{zhang_self['id']}/readings"
    r = await patient_api.get(url, headers=zhang, params={"code": "MDC_PULS_RATE"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert [p["value"] for p in body["points"] if p["device_id"] == str(dev.id)] == [66.0]
    assert {p["code"] for p in body["points"]} == {"MDC_PULS_RATE"}
    assert body["latest"] and body["trend"][0]["count"] >= 1
    r = await patient_api.get(url, headers=li)
    assert r.status_code == 404 and r.json()["code"] == "profile_not_found"
    r = await patient_api.get(f"/profiles/{li_self['id']}/readings", headers=li)
    assert r.status_code == 200 and all(p["device_id"] != str(dev.id) for p in r.json()["points"])
    r = await patient_api.get(url, headers=zhang, params={"since": "yesterday"})
    assert r.status_code == 400
    r = await patient_api.get(url, headers=zhang, params={"code": "bad code!"})
    assert r.status_code == 400

    # The clinician's view of the same patient: newest values and trend, the read audited.
    h = await staff_headers(clinician_api, ward.nurse)
    r = await clinician_api.get(f"/patients/{zhang_self['id']}/vitals", headers=h, params={"hours": 2})
    assert r.status_code == 200, r.text
    assert {x["code"] for x in r.json()["latest"]} >= {"MDC_PULS_RATE", "MDC_TEMP_BODY"}
    r = await clinician_api.get(f"/patients/{zhang_self['id']}/vitals", headers=h, params={"hours": 0})
    assert r.status_code == 422


async def test_kiosk_measurement_attaches_to_the_citizen_session(kiosk_api, ward: Ward) -> None:
    from yiqiao import db
    from yiqiao.identity.service import patients

    k = bearer(await kiosk_tokens(kiosk_api))
    r = await kiosk_api.post(
        "/citizen/session/id-card",
        headers=k,
        json={"id_number": demo_id_number(*ZHANG_SAN_ID), "name": "张三"},
    )
    session = r.json()["session_token"]
    body = {
        "peripheral": "bp_cuff",
        "readings": [
            {"code": "MDC_PRESS_BLD_NONINV_SYS", "value": 132, "unit": "mm[Hg]"},
            {"code": "MDC_PRESS_BLD_NONINV_DIA", "value": 84, "unit": "mm[Hg]"},
        ],
    }
    r = await kiosk_api.post("/citizen/vitals", headers={**k, "X-Citizen-Session": session}, json=body)
    assert r.status_code == 201, r.text
    seq = r.json()["seq"]
    zhang = await patients.patient_id_by_id_number(demo_id_number(*ZHANG_SAN_ID))
    rows = await db.fetch(
        "SELECT r.patient_id, r.code, r.value, d.code AS device FROM reading r JOIN device d ON d.id = r.device_id"
        " WHERE r.seq = {} AND d.code = 'KIOSK-01' ORDER BY r.code",
        seq,
    )
    assert [(x["patient_id"], x["code"], x["value"]) for x in rows] == [
        (zhang, "MDC_PRESS_BLD_NONINV_DIA", 84.0),
        (zhang, "MDC_PRESS_BLD_NONINV_SYS", 132.0),
    ]
    # The same measurement sent again (same seq and time) is stored once.
    again = {**body, "seq": seq, "measured_at": r.json()["readings"][0]["measured_at"]}
    r = await kiosk_api.post("/citizen/vitals", headers={**k, "X-Citizen-Session": session}, json=again)
    assert r.status_code == 201 and r.json()["stored"] == 0
    r = await kiosk_api.post("/citizen/vitals", headers=k, json=body)
    assert r.status_code == 400  # no citizen session header
    r = await kiosk_api.post("/citizen/vitals", headers={**k, "X-Citizen-Session": "x" * 20}, json=body)
    assert r.status_code == 401
    old = {**body, "measured_at": (datetime.now(UTC) - timedelta(days=2)).isoformat()}
    r = await kiosk_api.post("/citizen/vitals", headers={**k, "X-Citizen-Session": session}, json=old)
    assert r.status_code == 422 and r.json()["code"] == "measurement_too_old"
