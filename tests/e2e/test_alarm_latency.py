"""An alarm reaches a nurse: the gateway and the clinician BFF run as real processes; a ward
wearable publishes SpO2 85 over MQTT; the nurse's WebSocket receives ``alarm.raised``. The
publish → WebSocket latency is measured over several alarms and printed."""

from __future__ import annotations

import asyncio
import json
import statistics
import time
from datetime import UTC, datetime
from typing import Any

import aiomqtt
import httpx
import pytest
import websockets

from tests.integration.alarm_world import World, build_world
from tests.integration.flows import DEMO_PASSWORD
from tests.support import run_bff, run_gateway

pytestmark = pytest.mark.e2e
SAMPLES = 10


async def _world(services: Any) -> World:
    from yiqiao import db

    opened = await db.start_pool()
    try:
        world = await build_world()
    finally:
        if opened:
            await db.close_pool()
    await asyncio.to_thread(services.reload_broker_files)
    return world


async def _alarm_raised(ws: Any, device_code: str, seen: set[str], timeout: float = 15.0) -> dict[str, Any]:
    """The next new alarm of the device. The nurse hears an alarm on her ward's channel and, when
    it is assigned to her, on her own channel too: the same message twice, told apart by id."""
    deadline = time.monotonic() + timeout
    while True:
        msg = json.loads(await asyncio.wait_for(ws.recv(), max(0.1, deadline - time.monotonic())))
        data = msg.get("data", {})
        if msg["type"] == "alarm.raised" and data["device_code"] == device_code and data["id"] not in seen:
            seen.add(data["id"])
            data: dict[str, Any] = msg["data"]
            return data


async def test_spo2_85_reaches_the_nurses_websocket(services: Any) -> None:
    world = await _world(services)
    wear = world.devices["wear1"]
    nurse = world.staff["nurse_a1"]
    with run_bff("clinician") as bff, run_gateway(ready_log=r"subscribed"):
        async with httpx.AsyncClient(base_url=bff.url, timeout=15) as http:
            r = await http.post("/auth/login", json={"username": nurse.username, "password": DEMO_PASSWORD})
            assert r.status_code == 200, r.text
            headers = {"Authorization": f"Bearer {r.json()['access_token']}"}
            ws_url = f"{bff.url.replace('http', 'ws')}/ws?token={r.json()['access_token']}"
            async with (
                websockets.connect(ws_url) as ws,
                aiomqtt.Client(
                    services.mqtt_host,
                    services.mqtt_port,
                    username=wear.code,
                    password=wear.password,
                    identifier=f"e2e-{wear.code}",
                ) as device,
            ):
                assert json.loads(await asyncio.wait_for(ws.recv(), 10))["type"] == "ready"
                latencies, seen = [], set[str]()
                for i in range(SAMPLES):
                    payload = json.dumps(
                        {
                            "seq": int(time.time() * 1000) * 100 + i,
                            "ts": datetime.now(UTC).isoformat(),
                            "readings": [{"code": "MDC_PULS_OXIM_SAT_O2", "value": 85.0, "unit": "%"}],
                        }
                    )
                    started = time.perf_counter()
                    await device.publish(f"devices/{wear.code}/telemetry", payload, qos=1)
                    alarm = await _alarm_raised(ws, wear.code, seen)
                    latencies.append((time.perf_counter() - started) * 1000)
                    assert alarm["rule_key"] == "threshold:MDC_PULS_OXIM_SAT_O2" and alarm["value"] == 85.0
                    assert alarm["state"] == "raised" and alarm["department_id"] == str(world.ward_a)
                    # Resolve it, so the next breach is a new alarm (not a repeat of this one).
                    r = await http.post(
                        f"/alarms/{alarm['id']}/resolve", headers=headers, json={"note": "e2e"}
                    )
                    assert r.status_code == 200, r.text
                latencies.sort()
                print(
                    f"\nalarm latency publish → WebSocket over {SAMPLES} alarms: "
                    f"min {latencies[0]:.1f} ms, median {statistics.median(latencies):.1f} ms, "
                    f"max {latencies[-1]:.1f} ms"
                )
                assert statistics.median(latencies) < 1000
