"""Real-time ECG through the real gateway, broker and clinician BFF: an ECG machine publishes
sample blocks, each is stored once (a resent seq too), the ward nurse's WebSocket hears
``ecg.block``, and GET /devices/{id}/ecg shows the blocks to the ward and to nobody else. An ECG
in an ambulance on a task also reaches the receiving emergency department."""

from __future__ import annotations

import asyncio
import base64
import json
import random
import sys
import time
import uuid
from collections.abc import Awaitable, Callable, Iterator
from datetime import UTC, datetime
from typing import Any, TypeVar

import aiomqtt
import httpx
import pytest
import websockets

from tests.integration.device_setup import Ward, make_ward, staff_headers
from tests.support import RunningProcess, TestServices, run_bff, run_process

T = TypeVar("T")
GATEWAY = [sys.executable, "-m", "device_gateway", "--stats-interval", "1", "--registry-refresh", "1"]
READY = r"subscribed to devices/"
TWELVE = ["I", "II", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3", "V4", "V5", "V6"]
_seq = int(time.time() * 1000) * 1000


def next_seq(n: int = 1) -> int:
    global _seq
    _seq += n
    return _seq - n + 1


@pytest.fixture(scope="module")
async def ward(core: None, services: TestServices) -> Ward:
    return await make_ward(services, {"ecg": "ecg", "amb": "ambulance_monitor"})


@pytest.fixture(scope="module")
def bff(ward: Ward) -> Iterator[RunningProcess]:
    with run_bff("clinician") as proc:
        yield proc


@pytest.fixture
def gateway(ward: Ward) -> Iterator[RunningProcess]:
    with run_process("device-gateway", GATEWAY, ready_log=READY, timeout=60) as gw:
        yield gw


def block(seq: int, leads: list[str] = TWELVE, rate: int = 500) -> tuple[bytes, bytes]:
    """(message, raw samples) of a 1 s block of random int16 samples."""
    rng = random.Random(seq)
    raw = b"".join(
        rng.randint(-2000, 2000).to_bytes(2, "little", signed=True) for _ in range(rate * len(leads))
    )
    msg = {
        "seq": seq,
        "ts": datetime.now(UTC).isoformat(),
        "sample_rate_hz": rate,
        "leads": leads,
        "scale_uv": 2.5,
        "samples": base64.b64encode(raw).decode(),
    }
    return json.dumps(msg).encode(), raw


async def eventually(check: Callable[[], Awaitable[T]], what: str, timeout: float = 30.0) -> T:
    deadline = time.monotonic() + timeout
    while True:
        value = await check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}")
        await asyncio.sleep(0.1)


async def stored(device_id: uuid.UUID, first: int, last: int) -> list[dict[str, Any]]:
    from yiqiao import db

    return await db.fetch(
        "SELECT seq, sample_rate_hz, leads, scale_uv, samples, patient_id, department_id FROM ecg_block"
        " WHERE device_id = {} AND seq BETWEEN {} AND {} ORDER BY seq",
        device_id,
        first,
        last,
    )


async def ecg_blocks_heard(ws: Any, code: str, until_seq: int, timeout: float = 15.0) -> list[dict[str, Any]]:
    """Every ``ecg.block`` of the device until the one with ``until_seq``."""
    heard: list[dict[str, Any]] = []
    deadline = time.monotonic() + timeout
    while not heard or heard[-1]["seq"] != until_seq:
        msg = json.loads(await asyncio.wait_for(ws.recv(), max(0.1, deadline - time.monotonic())))
        if msg["type"] == "ecg.block" and msg["data"]["device_code"] == code:
            heard.append(msg["data"])
    return heard


async def test_blocks_are_stored_once_heard_live_and_shown_to_the_ward_only(
    services: TestServices, ward: Ward, bff: RunningProcess, gateway: RunningProcess
) -> None:
    from yiqiao import db
    from yiqiao.kit.actor import SYSTEM
    from yiqiao.monitoring import service

    dev, patient = ward.devs["ecg"], ward.patients[0]
    await service.assign_device(SYSTEM, dev.id, patient)
    try:
        async with httpx.AsyncClient(base_url=bff.url, timeout=15) as api:
            nurse = await staff_headers(api, ward.nurse)
            outsider = await staff_headers(api, ward.outsider)
            token = nurse["Authorization"].removeprefix("Bearer ")
            async with (
                websockets.connect(f"{bff.url.replace('http', 'ws')}/ws?token={token}", max_size=2**22) as ws,
                aiomqtt.Client(
                    services.mqtt_host, services.mqtt_port, username=dev.code, password=dev.password
                ) as device,
            ):
                assert json.loads(await asyncio.wait_for(ws.recv(), 10))["type"] == "ready"
                seq = next_seq(2)
                first, raw = block(seq)
                second, raw2 = block(seq + 1)
                bad, _ = block(seq + 2, leads=["I", "II", "I"])
                await device.publish(f"devices/{dev.code}/ecg", first, qos=1)
                await device.publish(f"devices/{dev.code}/ecg", first, qos=1)  # resent: no PUBACK seen
                await device.publish(f"devices/{dev.code}/ecg", bad, qos=1)
                await device.publish(f"devices/{dev.code}/ecg", second, qos=1)

                heard = await ecg_blocks_heard(ws, dev.code, seq + 1)
                # The resend (maybe in the same batch as the first copy) is not fanned out again.
                assert [h["seq"] for h in heard] == [seq, seq + 1], [h["seq"] - seq for h in heard]
                assert base64.b64decode(heard[0]["samples"]) == raw
                assert heard[0]["leads"] == TWELVE and heard[0]["sample_rate_hz"] == 500
                assert heard[0]["scale_uv"] == 2.5 and heard[0]["patient_id"] == str(patient)

            rows = await eventually(lambda: stored(dev.id, seq, seq + 2), "both blocks stored")
            assert [r["seq"] for r in rows] == [seq, seq + 1]
            assert bytes(rows[0]["samples"]) == raw and bytes(rows[1]["samples"]) == raw2
            assert len(rows[0]["samples"]) == 12 * 500 * 2  # raw int16, not base64
            assert rows[0]["leads"] == TWELVE and rows[0]["patient_id"] == patient
            assert rows[0]["department_id"] == ward.department_id
            dead = await db.fetch(
                "SELECT reason FROM dead_letter WHERE device_code = {} AND topic = {} AND payload = {}",
                dev.code,
                f"devices/{dev.code}/ecg",
                bad,
            )
            assert [d["reason"] for d in dead] == ["malformed"]

            r = await api.get(f"/devices/{dev.id}/ecg", params={"seconds": 30}, headers=nurse)
            assert r.status_code == 200, r.text
            strip = r.json()
            assert strip["device_code"] == dev.code and strip["seconds"] == 30
            got = {b["seq"]: b for b in strip["blocks"]}
            assert set(got) >= {seq, seq + 1} and base64.b64decode(got[seq]["samples"]) == raw
            assert got[seq]["leads"] == TWELVE and got[seq]["patient_id"] == str(patient)

            r = await api.get(f"/devices/{dev.id}/ecg", headers=outsider)
            assert r.status_code == 403 and r.json()["code"] == "not_ward_staff"
            for params, status in (({"seconds": 0}, 422), ({"seconds": 301}, 422), ({"seconds": "x"}, 400)):
                r = await api.get(f"/devices/{dev.id}/ecg", params=params, headers=nurse)
                assert r.status_code == status, (params, r.text)
            r = await api.get(f"/devices/{uuid.uuid4()}/ecg", headers=nurse)
            assert r.status_code == 404
            assert (await api.get(f"/devices/{dev.id}/ecg")).status_code == 401
    finally:
        await service.assign_device(SYSTEM, dev.id, None)


async def test_an_ambulance_ecg_reaches_the_receiving_emergency_department(
    services: TestServices, ward: Ward, bff: RunningProcess, gateway: RunningProcess
) -> None:
    from yiqiao import db
    from yiqiao.kit import realtime
    from yiqiao.kit.actor import SYSTEM
    from yiqiao.kit.redis import redis
    from yiqiao.monitoring import bindings, emergency
    from yiqiao.monitoring.binding_types import BindVehicle, NewTask

    dev, vehicle = ward.devs["amb"], ward.vehicle_ids[0]
    ed = (await db.fetch("SELECT department FROM staff WHERE username = {}", ward.outsider))[0]["department"]
    await bindings.bind(SYSTEM, dev.id, BindVehicle(vehicle_id=vehicle))
    task = await emergency.create_task(SYSTEM, NewTask(vehicle_id=vehicle, destination_department_id=ed))
    pubsub = redis().pubsub()
    await pubsub.subscribe(realtime.channel("department", ed))
    try:
        async with aiomqtt.Client(
            services.mqtt_host, services.mqtt_port, username=dev.code, password=dev.password
        ) as device:

            async def heard_by_the_ed() -> dict[str, Any] | None:
                # The gateway's registry learns of the task within a second; keep sending.
                seq = next_seq()
                await device.publish(f"devices/{dev.code}/ecg", block(seq, ["I", "II", "III"], 250)[0], qos=1)
                deadline = time.monotonic() + 2
                while time.monotonic() < deadline:
                    msg = await pubsub.get_message(ignore_subscribe_messages=True, timeout=0.5)
                    if msg is not None:
                        m = realtime.decode(msg["data"])
                        if m.type == "ecg.block" and m.data["seq"] == seq:
                            return m.data
                return None

            data = await eventually(heard_by_the_ed, "ecg.block on the ED's channel", timeout=20)
        assert data["task_id"] == str(task.id) and data["vehicle_id"] == str(vehicle)
        assert data["leads"] == ["I", "II", "III"]
        async with httpx.AsyncClient(base_url=bff.url, timeout=15) as api:
            r = await api.get(f"/devices/{dev.id}/ecg", headers=await staff_headers(api, ward.outsider))
            assert r.status_code == 200, r.text
            assert data["seq"] in {b["seq"] for b in r.json()["blocks"]}
    finally:
        await pubsub.aclose()  # type: ignore[attr-defined]
        await emergency.transition(SYSTEM, task.id, "cancelled")
        await bindings.unbind(SYSTEM, dev.id, "vehicle")
