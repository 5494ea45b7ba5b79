"""Batches what the reader classified, stores it, and only then acknowledges it to the broker.

Acknowledgements go out in arrival order (MQTT requires PUBACKs in the order of the PUBLISHes)
and only after every row of the batch is committed, so a crash loses nothing: the broker
redelivers what was not acknowledged and the idempotent stores skip what is already there.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from asyncpg.exceptions import InterfaceError, InternalClientError, PostgresError
from yiqiao.monitoring import ecg, service
from yiqiao.monitoring.alarms import evaluate as alarms
from yiqiao.monitoring.types import DeadLetterIn, EcgIn, EventIn, ReadingIn, StatusIn

from device_gateway.intake import Entry
from device_gateway.stats import Stats

log = logging.getLogger(__name__)

Ack = Callable[[int, int], None]  # (mid, qos) → send PUBACK


@dataclass(slots=True, frozen=True)
class Item:
    mid: int
    qos: int
    entry: Entry


END = Item(-1, -1, [])  # the reader is done: flush and stop


@dataclass(slots=True)
class Batch:
    readings: list[ReadingIn] = field(default_factory=list)
    events: list[EventIn] = field(default_factory=list)
    statuses: list[StatusIn] = field(default_factory=list)
    ecg: list[EcgIn] = field(default_factory=list)
    dead: list[DeadLetterIn] = field(default_factory=list)
    acks: list[tuple[int, int]] = field(default_factory=list)
    rows: int = 0

    def add(self, item: Item) -> None:
        e = item.entry
        if isinstance(e, list):
            self.readings.extend(e)
            self.rows += len(e)
        else:
            if isinstance(e, EventIn):
                self.events.append(e)
            elif isinstance(e, StatusIn):
                self.statuses.append(e)
            elif isinstance(e, EcgIn):
                self.ecg.append(e)
            else:
                self.dead.append(e)
            self.rows += 1
        self.acks.append((item.mid, item.qos))


async def store(batch: Batch, stats: Stats) -> None:
    """Store a batch; idempotent, so it may be retried whole."""
    new = await service.store_readings(batch.readings)
    new_events = await service.store_events(batch.events)
    new_ecg = await ecg.store_ecg(batch.ecg)
    await service.record_statuses(batch.statuses)
    await service.dead_letters(batch.dead)
    stats.incr("stored", new)
    stats.incr(
        "duplicate", len(batch.readings) - new + len(batch.events) - new_events + len(batch.ecg) - new_ecg
    )
    stats.incr("events", new_events)
    stats.incr("ecg_blocks", new_ecg)
    stats.incr("statuses", len(batch.statuses))
    for d in batch.dead:
        stats.rejected(d.reason)


class Sink:
    def __init__(
        self,
        queue: asyncio.Queue[Item],
        ack: Ack,
        stats: Stats,
        *,
        batch_rows: int,
        batch_ms: float,
        stopping: asyncio.Event,
        backoff_max_s: float = 30.0,
    ) -> None:
        self.queue = queue
        self.ack = ack
        self.stats = stats
        self.batch_rows = batch_rows
        self.batch_s = batch_ms / 1000
        self.stopping = stopping
        self.backoff_max_s = backoff_max_s

    async def run(self) -> None:
        """Until END: gather up to ``batch_rows`` rows or ``batch_ms``, store, then acknowledge."""
        done = False
        while not done:
            batch = Batch()
            first = await self.queue.get()
            if first is END:
                return
            batch.add(first)
            deadline = time.monotonic() + self.batch_s
            while batch.rows < self.batch_rows:
                try:
                    item = self.queue.get_nowait()
                except asyncio.QueueEmpty:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        break
                    try:
                        item = await asyncio.wait_for(self.queue.get(), left)
                    except TimeoutError:
                        break
                if item is END:
                    done = True
                    break
                batch.add(item)
            if await self._store_with_retry(batch):
                await alarms.evaluate_batch(batch.readings, batch.events)  # logs failures, never raises
                for mid, qos in batch.acks:
                    if qos > 0:
                        self.ack(mid, qos)
                self.stats.incr("acked", len(batch.acks))

    async def _store_with_retry(self, batch: Batch) -> bool:
        delay = 0.2
        while True:
            try:
                await store(batch, self.stats)
                return True
            # InternalClientError: asyncpg's protocol state after the server dropped a pooled
            # connection mid-shutdown ("another operation is in progress"); a fault, not a bug.
            except (PostgresError, InterfaceError, InternalClientError, OSError, TimeoutError) as exc:
                if self.stopping.is_set():
                    log.error(
                        "shutting down with %d messages unstored (the broker keeps them): %s",
                        len(batch.acks),
                        exc,
                    )
                    return False
                log.warning(
                    "storing a batch of %d rows failed, retrying in %.1fs: %s", batch.rows, delay, exc
                )
                await asyncio.sleep(delay)
                delay = min(delay * 2, self.backoff_max_s)
