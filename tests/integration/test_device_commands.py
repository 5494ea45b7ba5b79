"""Device commands through the real gateway and broker: a test device answers, a silent one
lets its command expire, and the simulator really changes its pace and measures at once."""

from __future__ import annotations

import asyncio
import json
import sys
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import aiomqtt
import pytest

from tests.integration.device_setup import Ward, make_ward, staff_headers
from tests.support import RunningProcess, TestServices, run_process

GATEWAY = [sys.executable, "-m", "device_gateway", "--stats-interval", "1", "--registry-refresh", "1"]
READY = r"command link subscribed to devices/"


@pytest.fixture(scope="module")
async def ward(core: None, services: TestServices) -> Ward:
    return await make_ward(services, {"wear": "wearable", "quiet": "wearable", "button": "call_button"})


@pytest.fixture
def gateway(ward: Ward) -> Iterator[RunningProcess]:
    with run_process("device-gateway", GATEWAY, ready_log=READY, timeout=60) as gw:
        yield gw


async def until(
    api: Any, h: dict[str, str], url: str, statuses: set[str], timeout: float = 20
) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        body: dict[str, Any] = (await api.get(url, headers=h)).json()
        if body["status"] in statuses:
            return body
        assert time.monotonic() < deadline, f"still {body['status']} after {timeout}s"
        await asyncio.sleep(0.02)


async def test_round_trip_through_gateway_broker_and_a_device(
    clinician_api: Any, services: TestServices, ward: Ward, gateway: RunningProcess
) -> None:
    from yiqiao import db

    dev = ward.devs["wear"]
    h = await staff_headers(clinician_api, ward.nurse)
    got: list[dict[str, Any]] = []
    async with aiomqtt.Client(
        services.mqtt_host, services.mqtt_port, username=dev.code, password=dev.password, identifier=dev.code
    ) as device:
        await device.subscribe(f"devices/{dev.code}/commands", qos=1)

        async def answer() -> None:
            async for msg in device.messages:
                cmd = json.loads(msg.payload)  # type: ignore[arg-type]
                got.append(cmd)
                for state, extra in (("received", {}), ("done", {"result": {"interval_s": 5}})):
                    ack = {"id": cmd["id"], "state": state, "ts": datetime.now(UTC).isoformat(), **extra}
                    await device.publish(f"devices/{dev.code}/commands/ack", json.dumps(ack), qos=1)

        responder = asyncio.create_task(answer())
        try:
            rtts = []
            for _ in range(5):
                t0 = time.perf_counter()
                r = await clinician_api.post(
                    f"/devices/{dev.id}/commands",
                    headers=h,
                    json={"name": "set_interval", "args": {"seconds": 5}},
                )
                assert r.status_code == 201, r.text
                assert r.json()["status"] == "pending"
                url = f"/devices/{dev.id}/commands/{r.json()['id']}"
                done = await until(clinician_api, h, url, {"acked", "failed", "expired"})
                rtts.append(time.perf_counter() - t0)
            print(f"\ncommand round trip (POST → acked), ms: {sorted(round(x * 1000) for x in rtts)}")
        finally:
            responder.cancel()
    assert done["status"] == "acked" and done["result"] == {"interval_s": 5}
    assert done["sent_at"] and done["delivered_at"] and done["finished_at"]
    assert got[-1]["name"] == "set_interval" and got[-1]["args"] == {"seconds": 5} and got[-1]["issued_at"]
    actions = await db.fetch(
        "SELECT action FROM audit_entry WHERE entity = 'device_command' AND entity_id = {} ORDER BY id",
        done["id"],
    )
    assert [a["action"] for a in actions] == [
        "device_command.issue",
        "device_command.sent",
        "device_command.delivered",
        "device_command.acked",
    ]
    # Bad input is refused, never a 500.
    for body in (
        {"name": "reboot"},
        {"name": "set_interval", "args": {"seconds": 0}},
        {"name": "measure_now", "x": 1},
    ):
        r = await clinician_api.post(f"/devices/{dev.id}/commands", headers=h, json=body)
        assert r.status_code in (400, 422), (body, r.text)
    r = await clinician_api.post(
        f"/devices/{ward.devs['button'].id}/commands", headers=h, json={"name": "measure_now"}
    )
    assert r.status_code == 422 and r.json()["code"] == "device_takes_no_commands"
    outsider = await staff_headers(clinician_api, ward.outsider)
    r = await clinician_api.post(
        f"/devices/{dev.id}/commands", headers=outsider, json={"name": "measure_now"}
    )
    assert r.status_code == 403


async def test_an_unanswered_command_expires_and_a_late_answer_changes_nothing(
    clinician_api: Any, services: TestServices, ward: Ward, gateway: RunningProcess
) -> None:
    from yiqiao import db

    dev = ward.devs["quiet"]
    h = await staff_headers(clinician_api, ward.nurse)
    r = await clinician_api.post(f"/devices/{dev.id}/commands", headers=h, json={"name": "measure_now"})
    assert r.status_code == 201, r.text
    command_id = r.json()["id"]
    url = f"/devices/{dev.id}/commands/{command_id}"
    await until(clinician_api, h, url, {"sent"})  # the broker holds it for a device that is away
    # Time passes (the TTL is YQ_DEVICE_COMMAND_TTL_S, 30 s by default).
    await db.execute(
        "UPDATE device_command SET expires_at = now() - interval '1 second' WHERE id = {}",
        uuid.UUID(command_id),
    )
    expired = await until(clinician_api, h, url, {"expired", "acked"}, timeout=10)
    assert expired["status"] == "expired" and expired["finished_at"]

    since = datetime.now(UTC)
    async with aiomqtt.Client(
        services.mqtt_host, services.mqtt_port, username=dev.code, password=dev.password, identifier=dev.code
    ) as device:
        ack = {"id": command_id, "state": "done", "ts": datetime.now(UTC).isoformat()}
        await device.publish(f"devices/{dev.code}/commands/ack", json.dumps(ack), qos=1)
        await device.publish(f"devices/{dev.code}/commands/ack", b"{not json", qos=1)

    async def dead() -> list[dict[str, Any]]:
        return await db.fetch(
            "SELECT reason FROM dead_letter WHERE device_code = {} AND received_at >= {} ORDER BY id",
            dev.code,
            since,
        )

    deadline = time.monotonic() + 15
    while len(await dead()) < 2:
        assert time.monotonic() < deadline, "the late answers were not dead-lettered"
        await asyncio.sleep(0.1)
    assert [d["reason"] for d in await dead()] == ["unknown_command", "malformed"]
    assert (await clinician_api.get(url, headers=h)).json()["status"] == "expired"


def test_command_state_machine_has_final_states() -> None:
    from yiqiao.monitoring.commands import OPEN, TRANSITIONS

    final = {"acked", "failed", "expired"}
    assert all(final.isdisjoint(leaves) for leaves, _ in TRANSITIONS.values())
    assert {enters for _, enters in TRANSITIONS.values()} == {"sent", "delivered"} | final
    assert OPEN == {"pending", "sent", "delivered"}


async def test_the_simulator_answers_and_really_measures(
    services: TestServices, ward: Ward, gateway: RunningProcess
) -> None:
    from yiqiao import db
    from yiqiao.identity.service import devices
    from yiqiao.kit.actor import SYSTEM
    from yiqiao.monitoring import commands
    from yiqiao.monitoring.command_types import IssueCommand

    from tests.support import run_simulator

    # One device plays: the first telemetry sender of the demo seed (the ambulance's ECG), slowly.
    ecg = await devices.get_device_by_code("AMB-ECG-01")
    assert ecg is not None
    started = datetime.now(UTC)
    with run_simulator(1, "--rate", "0.1") as sim:
        # Its first telemetry is stored: it is connected and listening for commands.
        deadline = time.monotonic() + 30
        while not await db.fetch(
            "SELECT 1 FROM reading WHERE device_id = {} AND received_at >= {} LIMIT 1", ecg.id, started
        ):
            assert time.monotonic() < deadline and sim.alive, sim.log_tail()
            await asyncio.sleep(0.1)
        await asyncio.sleep(0.5)
        slow = await commands.issue(SYSTEM, ecg.id, IssueCommand(name="set_interval", args={"seconds": 3600}))
        now = await commands.issue(SYSTEM, ecg.id, IssueCommand(name="measure_now"))
        deadline = time.monotonic() + 20
        while True:
            views = {v.id: v for v in await commands.recent(SYSTEM, ecg.id, 5)}
            if {views[slow.id].status, views[now.id].status} <= {"acked", "failed", "expired"}:
                break
            assert time.monotonic() < deadline and sim.alive, sim.log_tail()
            await asyncio.sleep(0.1)
    assert views[slow.id].status == "acked" and views[slow.id].result == {"interval_s": 3600}
    assert views[now.id].status == "acked" and views[now.id].result is not None
    seq = views[now.id].result["seq"]
    deadline = time.monotonic() + 10
    while not await db.fetch("SELECT 1 FROM reading WHERE device_id = {} AND seq = {}", ecg.id, seq):
        assert time.monotonic() < deadline, "the measurement made on command was not stored"
        await asyncio.sleep(0.1)
