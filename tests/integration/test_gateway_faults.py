"""Gateway faults that test_gateway.py does not cover yet, with real processes: PostgreSQL gone
for seconds (not just a locked table), and messages arriving out of order.

Already covered there: kill -9 mid-stream, broker restart, a stalled (locked) database, malformed,
oversized, wrong-topic, unknown-device and spoofed messages.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from tests.integration.test_gateway import (
    Dev,
    Ward,
    as_device,
    eventually,
    gateway,
    gateway_stats,
    next_seq,
    readings,
    telemetry,
    ward,
)
from tests.support import RunningProcess, TestServices

__all__ = ["gateway", "ward"]  # fixtures shared with test_gateway.py


async def _stored_seqs(dev: Dev, first: int, n: int) -> list[tuple[int, int]]:
    """(seq, rows) for every stored seq of the block."""
    from yiqiao import db

    rows = await db.fetch(
        "SELECT seq, count(*) AS n FROM reading WHERE device_id = {} AND seq BETWEEN {} AND {}"
        " GROUP BY seq ORDER BY seq",
        dev.id,
        first,
        first + n - 1,
    )
    return [(int(r["seq"]), int(r["n"])) for r in rows]


async def _reopen_pool() -> None:
    """The test's own pool held connections to the server that went away; start afresh."""
    from yiqiao import db

    await db.close_pool()
    await db.start_pool()


async def test_database_down_for_seconds_acks_nothing_until_back_and_loses_nothing(
    services: TestServices, ward: Ward, gateway: RunningProcess
) -> None:
    if services.postgres is None:
        pytest.skip("external PostgreSQL")
    n = 400  # per device
    devs = (ward.wear1, ward.wear2)
    first = {d.code: next_seq(n) for d in devs}

    async def publish_all(dev: Dev) -> None:
        async with as_device(services, dev) as c:
            for i in range(n):
                await c.publish(f"devices/{dev.code}/telemetry", telemetry(first[dev.code] + i), qos=1)
                if i % 20 == 0:
                    await asyncio.sleep(0.02)  # a stream across the outage, not one burst

    publishers = [asyncio.create_task(publish_all(d)) for d in devs]
    try:
        await asyncio.sleep(0.5)  # some of it stored before the outage
        await asyncio.to_thread(services.postgres.stop)
        await asyncio.sleep(1.5)  # a batch that was committing when it went has settled by now
        acked_down = (await gateway_stats()).get("acked", 0)
        await asyncio.sleep(3)  # the database is gone; devices keep publishing
        assert gateway.alive
        # Nothing is acknowledged while nothing can be stored (the broker keeps it all).
        assert (await gateway_stats()).get("acked", 0) == acked_down
    finally:
        await asyncio.to_thread(services.postgres.restart)
        await _reopen_pool()
    await asyncio.gather(*publishers)

    for dev in devs:

        async def complete(dev: Dev = dev) -> bool:
            return len(await _stored_seqs(dev, first[dev.code], n)) == n

        await eventually(complete, f"every seq of {dev.code} after the database came back", timeout=90)
        stored = await _stored_seqs(dev, first[dev.code], n)
        assert [s for s, _ in stored] == list(range(first[dev.code], first[dev.code] + n))
        assert {rows for _, rows in stored} == {2}  # each seq exactly once (two readings each)
    assert gateway.alive


async def test_out_of_order_and_late_messages_are_stored_once_each(
    services: TestServices, ward: Ward, gateway: RunningProcess
) -> None:
    """QoS 1 redelivery and devices that buffer offline send older seqs after newer ones: they are
    valid readings, stored under their own time, once each, and the gateway keeps going."""
    first = next_seq(5)
    now = datetime.now(UTC)
    order = [4, 2, 0, 3, 1, 2, 0]  # newest first, then older ones, then two resent
    async with as_device(services, ward.wear2) as c:
        for k in order:
            ts = now - timedelta(minutes=5 - k)  # an older seq carries an older time
            await c.publish(
                f"devices/{ward.wear2.code}/telemetry", telemetry(first + k, hr=60 + k, ts=ts), qos=1
            )

    async def all_there() -> bool:
        return len(await _stored_seqs(ward.wear2, first, 5)) == 5

    await eventually(all_there, "the five out-of-order seqs")
    rows = await readings(ward.wear2, first, first + 4)
    hr = {r["seq"] - first: r["value"] for r in rows if r["code"] == "MDC_PULS_RATE"}
    assert hr == {k: 60.0 + k for k in range(5)}
    assert {n for _, n in await _stored_seqs(ward.wear2, first, 5)} == {2}
    assert gateway.alive
