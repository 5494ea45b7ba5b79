"""The device gateway as a real process between the session's Mosquitto and PostgreSQL.

Devices publish with their own broker credentials; the tests read what the gateway stored.
Each test starts its own gateway (one persistent MQTT session, client id ``yq-gateway``) and
its own seq range, on devices of a ward created here, so the demo seed's devices stay untouched.
"""

from __future__ import annotations

import asyncio
import json
import secrets
import sys
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

import aiomqtt
import asyncpg
import pytest

from tests.support import RunningProcess, TestServices, run_process

T = TypeVar("T")
GATEWAY = [sys.executable, "-m", "device_gateway", "--stats-interval", "1", "--registry-refresh", "1"]
READY = r"subscribed to devices/"


@dataclass(frozen=True)
class Dev:
    id: uuid.UUID
    code: str
    kind: str
    password: str


@dataclass(frozen=True)
class Ward:
    institution_id: uuid.UUID
    department_id: uuid.UUID
    wear1: Dev
    wear2: Dev
    button: Dev


@pytest.fixture(scope="module")
async def ward(core: None, services: TestServices) -> Ward:
    """A ward of our own with two wearables and a call button, in the broker's password file."""
    from yiqiao import db
    from yiqiao.monitoring.broker import mosquitto_hash

    tag = secrets.token_hex(3).upper()
    inst, dept = uuid.uuid4(), uuid.uuid4()
    await db.execute(
        "INSERT INTO institution (id, code, name, short_name, kind, address, created_at)"
        " VALUES ({}, {}, {}, 'GW', 'county_hospital', '', now())",
        inst,
        f"GW-{tag}",
        f"网关测试医院{tag}",
    )
    await db.execute(
        "INSERT INTO department (id, institution, code, name, kind, created_at)"
        " VALUES ({}, {}, {}, '网关测试病区', 'ward', now())",
        dept,
        inst,
        f"GWW-{tag}",
    )
    devs = {}
    for name, kind, bed in (
        ("wear1", "wearable", "01"),
        ("wear2", "wearable", "02"),
        ("button", "call_button", "01"),
    ):
        dev = Dev(uuid.uuid4(), f"T-GW-{tag}-{name.upper()}", kind, secrets.token_urlsafe(12))
        await db.execute(
            "INSERT INTO device (id, institution, department, code, kind, name, location,"
            " mqtt_password_hash, bed_label, active, created_at)"
            " VALUES ({}, {}, {}, {}, {}, {}, '', {}, {}, true, now())",
            dev.id,
            inst,
            dept,
            dev.code,
            kind,
            name,
            mosquitto_hash(dev.password),
            bed,
        )
        devs[name] = dev
    await asyncio.to_thread(services.reload_broker_files)
    return Ward(inst, dept, **devs)


@pytest.fixture
def gateway(ward: Ward) -> Iterator[RunningProcess]:
    with run_process("device-gateway", GATEWAY, ready_log=READY, timeout=60) as gw:
        yield gw


_seq = int(time.time() * 1000) * 1000


def next_seq(n: int = 1) -> int:
    """A fresh block of ``n`` seqs (unique in this session and across sessions)."""
    global _seq
    _seq += n
    return _seq - n + 1


def telemetry(seq: int, hr: float = 72.0, spo2: float = 97.0, ts: datetime | None = None) -> bytes:
    return json.dumps(
        {
            "seq": seq,
            "ts": (ts or datetime.now(UTC)).isoformat(),
            "readings": [
                {"code": "MDC_PULS_RATE", "value": hr, "unit": "/min"},
                {"code": "MDC_PULS_OXIM_SAT_O2", "value": spo2, "unit": "%"},
            ],
        }
    ).encode()


@asynccontextmanager
async def mqtt(services: TestServices, username: str, password: str) -> AsyncIterator[aiomqtt.Client]:
    async with aiomqtt.Client(
        services.mqtt_host,
        services.mqtt_port,
        username=username,
        password=password,
        identifier=f"t-{uuid.uuid4().hex[:10]}",
        timeout=10,
    ) as client:
        yield client


def as_device(services: TestServices, dev: Dev) -> Any:
    return mqtt(services, dev.code, dev.password)


async def eventually(check: Callable[[], Awaitable[T]], what: str, timeout: float = 30.0) -> T:
    deadline = time.monotonic() + timeout
    while True:
        value = await check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}")
        await asyncio.sleep(0.1)


async def readings(dev: Dev, first: int, last: int | None = None) -> list[dict[str, Any]]:
    from yiqiao import db

    return await db.fetch(
        "SELECT seq, code, value, unit, patient_id, department_id FROM reading"
        " WHERE device_id = {} AND seq BETWEEN {} AND {} ORDER BY seq, code",
        dev.id,
        first,
        first if last is None else last,
    )


async def stored(dev: Dev, seq: int) -> bool:
    return bool(await readings(dev, seq))


async def gateway_stats() -> dict[str, int]:
    from yiqiao.kit.redis import redis

    raw = await redis().hgetall("yq:gateway:stats")
    return {k.decode(): int(v) for k, v in raw.items()}


# ---------------------------------------------------------------------------------------------


async def test_telemetry_is_stored_fanned_out_and_shown_to_the_ward(
    services: TestServices, ward: Ward, gateway: RunningProcess
) -> None:
    from yiqiao.kit import realtime
    from yiqiao.kit.actor import Actor
    from yiqiao.kit.errors import Forbidden
    from yiqiao.kit.redis import redis
    from yiqiao.monitoring import service

    pubsub = redis().pubsub()
    await pubsub.subscribe(realtime.channel("department", ward.department_id))
    seq = next_seq()
    async with as_device(services, ward.wear1) as c:
        await c.publish(f"devices/{ward.wear1.code}/telemetry", telemetry(seq, hr=81), qos=1)

    rows = await eventually(lambda: readings(ward.wear1, seq), "the reading to be stored")
    assert [(r["code"], r["value"], r["unit"]) for r in rows] == [
        ("MDC_PULS_OXIM_SAT_O2", 97.0, "%"),
        ("MDC_PULS_RATE", 81.0, "/min"),
    ]
    assert all(r["department_id"] == ward.department_id and r["patient_id"] is None for r in rows)

    heard: list[dict[str, Any]] = []
    async with asyncio.timeout(10):
        while len(heard) < 2:
            msg = await pubsub.get_message(ignore_subscribe_messages=True, timeout=1)
            if msg is not None:
                m = realtime.decode(msg["data"])
                if m.type == "vitals.reading" and m.data["device_code"] == ward.wear1.code:
                    heard.append(m.data)
    await pubsub.aclose()  # type: ignore[attr-defined]
    assert {h["code"] for h in heard} == {"MDC_PULS_RATE", "MDC_PULS_OXIM_SAT_O2"}
    assert heard[0]["bed_label"] == "01" and heard[0]["measured_at"]

    nurse = Actor(
        kind="staff",
        id=uuid.uuid4(),
        institution_id=ward.institution_id,
        department_id=ward.department_id,
        roles=("nurse",),
    )
    latest = await service.latest_readings(nurse, ward.department_id)
    assert {(x.device_code, x.code, x.value) for x in latest} >= {
        (ward.wear1.code, "MDC_PULS_RATE", 81.0),
        (ward.wear1.code, "MDC_PULS_OXIM_SAT_O2", 97.0),
    }
    elsewhere = Actor(kind="staff", id=uuid.uuid4(), department_id=uuid.uuid4())
    with pytest.raises(Forbidden):
        await service.latest_readings(elsewhere, ward.department_id)
    with pytest.raises(Forbidden):
        await service.latest_readings(Actor(kind="patient", id=uuid.uuid4()), ward.department_id)


async def test_readings_carry_the_assigned_patient(
    services: TestServices, ward: Ward, gateway: RunningProcess
) -> None:
    from yiqiao import db
    from yiqiao.kit.actor import SYSTEM
    from yiqiao.monitoring import service

    patient = uuid.uuid4()
    await db.execute(
        "INSERT INTO patient (id, name_enc, id_number_enc, id_number_bidx, birth_date, sex, created_at)"
        " VALUES ({}, {}, {}, {}, '1950-01-01', 'F', now())",
        patient,
        b"x",
        b"x",
        secrets.token_hex(16),
    )
    await service.assign_device(SYSTEM, ward.wear2.id, patient)
    try:
        async with as_device(services, ward.wear2) as c:

            async def stamped() -> bool:  # the gateway's registry refreshes every second here
                seq = next_seq()
                await c.publish(f"devices/{ward.wear2.code}/telemetry", telemetry(seq), qos=1)
                await eventually(lambda: stored(ward.wear2, seq), "the reading")
                return all(r["patient_id"] == patient for r in await readings(ward.wear2, seq))

            await eventually(stamped, "readings stamped with the patient", timeout=20)
    finally:
        await service.assign_device(SYSTEM, ward.wear2.id, None)


async def test_a_resent_seq_is_stored_once(
    services: TestServices, ward: Ward, gateway: RunningProcess
) -> None:
    seq, ts = next_seq(2), datetime.now(UTC)
    message = telemetry(seq, hr=70, ts=ts)
    async with as_device(services, ward.wear1) as c:
        await c.publish(f"devices/{ward.wear1.code}/telemetry", message, qos=1)
        await eventually(lambda: stored(ward.wear1, seq), "the first copy")
        before = await gateway_stats()
        # The same message again (a device that missed our PUBACK), then the same seq and time
        # with other values (a confused device): neither adds a row.
        await c.publish(f"devices/{ward.wear1.code}/telemetry", message, qos=1)
        await c.publish(f"devices/{ward.wear1.code}/telemetry", telemetry(seq, hr=99, ts=ts), qos=1)
        await c.publish(f"devices/{ward.wear1.code}/telemetry", telemetry(seq + 1), qos=1)
    await eventually(lambda: stored(ward.wear1, seq + 1), "the message after the duplicates")
    rows = await readings(ward.wear1, seq)
    assert len(rows) == 2 and {r["value"] for r in rows} == {70.0, 97.0}  # the first copy wins

    async def counted() -> bool:
        now = await gateway_stats()
        return now.get("duplicate", 0) - before.get("duplicate", 0) >= 4  # 2 copies x 2 readings

    await eventually(counted, "the duplicate to be counted in yq:gateway:stats")


async def test_bad_messages_become_dead_letters_and_the_gateway_keeps_going(
    services: TestServices, ward: Ward, gateway: RunningProcess
) -> None:
    from yiqiao import db

    since = datetime.now(UTC)
    before = await gateway_stats()
    unknown = f"T-GW-NOBODY-{secrets.token_hex(3)}"
    async with as_device(services, ward.wear1) as c:
        t = f"devices/{ward.wear1.code}/telemetry"
        await c.publish(t, b"{not json", qos=1)
        await c.publish(
            t,
            json.dumps(
                {"seq": next_seq(), "ts": "2026-11-22T03:00:00Z", "readings": [], "firmware": "x"}
            ).encode(),
            qos=1,
        )
        await c.publish(t, b'{"seq": 1, "pad": "' + b"x" * 70_000 + b'"}', qos=1)
    async with as_device(services, ward.button) as c:  # a call button has no telemetry
        await c.publish(f"devices/{ward.button.code}/telemetry", telemetry(next_seq()), qos=1)
    async with mqtt(services, services.gateway_username, services.gateway_password) as c:
        await c.publish(f"devices/{unknown}/telemetry", telemetry(next_seq()), qos=1)
    marker = next_seq()
    async with as_device(services, ward.wear1) as c:
        await c.publish(f"devices/{ward.wear1.code}/telemetry", telemetry(marker), qos=1)
    await eventually(lambda: stored(ward.wear1, marker), "a good message after the bad ones")
    assert gateway.alive

    rows = await db.fetch(
        "SELECT device_code, reason, detail, length(payload) AS size FROM dead_letter"
        " WHERE received_at >= {} AND device_code = ANY({}) ORDER BY id",
        since,
        [ward.wear1.code, ward.button.code, unknown],
    )
    got = [(r["device_code"], r["reason"]) for r in rows]
    assert got == [
        (ward.wear1.code, "malformed"),
        (ward.wear1.code, "malformed"),
        (ward.wear1.code, "oversized"),
        (ward.button.code, "wrong_topic"),
        (unknown, "unknown_device"),
    ]
    assert all(r["detail"] for r in rows)
    assert rows[2]["size"] == 64 * 1024

    async def counted() -> bool:
        now = await gateway_stats()
        return all(
            now.get(f"rejected.{k}", 0) - before.get(f"rejected.{k}", 0) >= n
            for k, n in {"malformed": 2, "oversized": 1, "wrong_topic": 1, "unknown_device": 1}.items()
        )

    await eventually(counted, "the rejections to be counted in yq:gateway:stats")


async def test_a_device_cannot_publish_as_another(
    services: TestServices, ward: Ward, gateway: RunningProcess
) -> None:
    from yiqiao import db

    since = datetime.now(UTC)
    spoof, marker = next_seq(), next_seq()
    async with as_device(services, ward.wear1) as c:
        await c.publish(f"devices/{ward.wear2.code}/telemetry", telemetry(spoof), qos=1)
        await c.publish(
            f"devices/{ward.wear2.code}/status", b'{"ts": "2026-11-22T03:00:00Z", "online": false}', qos=1
        )
        await c.publish(f"devices/{ward.wear1.code}/telemetry", telemetry(marker), qos=1)
    await eventually(lambda: stored(ward.wear1, marker), "the device's own message")
    assert await readings(ward.wear2, spoof) == []
    leaked = await db.fetch(
        "SELECT 1 FROM dead_letter WHERE received_at >= {} AND device_code = {}", since, ward.wear2.code
    )
    assert leaked == []  # the broker dropped it; the gateway never saw it


async def test_kill_9_mid_stream_then_restart_stores_every_seq_exactly_once(
    services: TestServices, ward: Ward
) -> None:
    from yiqiao import db

    n = 600
    first = {d.code: next_seq(n) for d in (ward.wear1, ward.wear2)}
    progress = {d.code: 0 for d in (ward.wear1, ward.wear2)}

    async def publish_all(dev: Dev) -> None:
        async with as_device(services, dev) as c:
            for i in range(n):
                await c.publish(f"devices/{dev.code}/telemetry", telemetry(first[dev.code] + i), qos=1)
                progress[dev.code] = i + 1
                if i % 20 == 0:
                    await asyncio.sleep(0.02)  # a stream, not one burst

    async def stored_count(dev: Dev) -> int:
        rows = await db.fetch(
            "SELECT count(*) AS n FROM reading WHERE device_id = {} AND seq BETWEEN {} AND {}",
            dev.id,
            first[dev.code],
            first[dev.code] + n - 1,
        )
        return int(rows[0]["n"])

    publishers = [asyncio.create_task(publish_all(d)) for d in (ward.wear1, ward.wear2)]
    with run_process("device-gateway", GATEWAY, ready_log=READY, timeout=60) as gw:
        await eventually(lambda: _at_least(stored_count(ward.wear1), 2 * n // 5), "some of the stream stored")
        gw.kill()  # SIGKILL mid-stream: batches read but not stored, stored but not acked
        assert not any(p.done() for p in publishers), "the stream ended before the crash; make it longer"
    crashed_at = {code: p for code, p in progress.items()}
    await asyncio.gather(*publishers)  # the broker keeps the rest in the gateway's session
    with run_process("device-gateway", GATEWAY, ready_log=READY, timeout=60):
        for dev in (ward.wear1, ward.wear2):
            await eventually(
                lambda dev=dev: _at_least(stored_count(dev), 2 * n), f"all of {dev.code}", timeout=60
            )
    for dev in (ward.wear1, ward.wear2):
        rows = await db.fetch(
            "SELECT count(*) AS n, count(DISTINCT seq) AS seqs, min(seq) AS lo, max(seq) AS hi"
            " FROM reading WHERE device_id = {} AND seq BETWEEN {} AND {}",
            dev.id,
            first[dev.code],
            first[dev.code] + n - 1,
        )
        r = rows[0]
        assert (r["n"], r["seqs"], r["lo"], r["hi"]) == (2 * n, n, first[dev.code], first[dev.code] + n - 1)
    assert all(0 < k < n for k in crashed_at.values())


async def _at_least(count: Awaitable[int], n: int) -> bool:
    return await count >= n


async def test_the_gateway_reconnects_when_the_broker_restarts(
    services: TestServices, ward: Ward, gateway: RunningProcess
) -> None:
    if services.mosquitto is None:
        pytest.skip("external broker")
    await asyncio.to_thread(services.restart_mosquitto)
    seq = next_seq()

    async def delivered() -> bool:
        try:
            async with as_device(services, ward.wear1) as c:
                await c.publish(f"devices/{ward.wear1.code}/telemetry", telemetry(seq), qos=1)
        except aiomqtt.MqttError:
            return False
        return True

    await eventually(delivered, "the broker to take the device's message again")
    await eventually(lambda: stored(ward.wear1, seq), "the gateway to store it after reconnecting")
    assert gateway.alive


async def test_a_stalled_database_stops_reading_instead_of_buffering(
    services: TestServices, ward: Ward, gateway: RunningProcess
) -> None:
    """While ``reading`` is locked, the gateway takes only a bounded number of messages off the
    broker (Receive Maximum, then its bounded queues, then it leaves the socket unread); the
    broker holds the rest, and after the lock goes everything is stored."""
    n = 3000  # per device; together well past what the gateway may hold
    bound = 2000 + 2000 + 1000 + 500  # receive_max + queue_max + inbox_max + one batch
    first = {d.code: next_seq(n) for d in (ward.wear1, ward.wear2)}
    before = await gateway_stats()
    lock = await asyncpg.connect(services.database_url)
    try:
        tx = lock.transaction()
        await tx.start()
        await lock.execute("LOCK TABLE reading IN ACCESS EXCLUSIVE MODE")

        async def publish_all(dev: Dev) -> None:
            async with as_device(services, dev) as c:
                for i in range(n):
                    await c.publish(f"devices/{dev.code}/telemetry", telemetry(first[dev.code] + i), qos=1)

        await asyncio.gather(*(publish_all(d) for d in (ward.wear1, ward.wear2)))
        taken = -1
        while True:  # until the gateway has stopped taking messages (stats are saved every second)
            await asyncio.sleep(2.5)
            now = (await gateway_stats()).get("received", 0) - before.get("received", 0)
            if now == taken:
                break
            taken = now
        assert 0 < taken <= bound < 2 * n, f"the gateway took {taken} messages while it could store none"
        assert gateway.alive
        await tx.rollback()
    finally:
        await lock.close()
    for dev in (ward.wear1, ward.wear2):
        await eventually(
            lambda dev=dev: _at_least(_count(dev, first[dev.code], n), 2 * n),
            f"all of {dev.code} after the lock",
            timeout=60,
        )


async def _count(dev: Dev, first: int, n: int) -> int:
    from yiqiao import db

    rows = await db.fetch(
        "SELECT count(*) AS n FROM reading WHERE device_id = {} AND seq BETWEEN {} AND {}",
        dev.id,
        first,
        first + n - 1,
    )
    return int(rows[0]["n"])
