"""The gateway's life: connect to the broker with one persistent session, read, store, ack;
reconnect with backoff when the broker goes away; on stop, flush what was read and leave.

Memory is bounded end to end: the reader blocks when ``queue_max`` classified messages wait for
the database; then at most ``inbox_max`` raw messages pile up before the client stops reading
its socket (see flow.py), and the broker holds the rest. Nothing is acknowledged until stored.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import ssl
from typing import Any

import aiomqtt
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties
from yiqiao import db
from yiqiao.kit import clock
from yiqiao.kit.redis import close_redis
from yiqiao.monitoring import service, topics

from device_gateway import commands, intake
from device_gateway.config import GatewayConfig
from device_gateway.flow import PausingClient
from device_gateway.registry import Registry
from device_gateway.sink import END, Item, Sink
from device_gateway.stats import Stats

log = logging.getLogger("device_gateway")


def _client(cfg: GatewayConfig, stats: Stats) -> PausingClient:
    props = Properties(PacketTypes.CONNECT)  # type: ignore[no-untyped-call]
    props.SessionExpiryInterval = cfg.session_expiry_s
    props.ReceiveMaximum = cfg.receive_max
    client = PausingClient(
        cfg.host,
        cfg.port,
        username=cfg.username,
        password=cfg.password,
        identifier=cfg.client_id,
        protocol=aiomqtt.ProtocolVersion.V5,
        clean_start=False,
        properties=props,
        keepalive=30,
        tls_context=ssl.create_default_context() if cfg.tls else None,
        high_water=cfg.inbox_max,
        low_water=cfg.inbox_max // 2,
        on_pause=lambda: stats.incr("backpressure_pauses"),
    )
    # aiomqtt 2.5 has no manual-ack switch of its own; paho's is the one that matters: without
    # it paho sends PUBACK as soon as a message arrives, before we have stored anything.
    client._client.manual_ack_set(True)
    return client


def _granted(code: Any) -> int:
    return int(code.value) if hasattr(code, "value") else int(code)


async def _read(client: aiomqtt.Client, queue: asyncio.Queue[Item], registry: Registry, stats: Stats) -> None:
    async for msg in client.messages:
        stats.incr("received")
        payload = msg.payload if isinstance(msg.payload, bytes) else str(msg.payload or "").encode()
        entry = await intake.classify(msg.topic.value, payload, registry.get, clock.now())
        await queue.put(Item(msg.mid, msg.qos, entry))


async def _subscribe(client: aiomqtt.Client, cfg: GatewayConfig, connected: asyncio.Event) -> None:
    granted = await client.subscribe([(t, 1) for t in topics.SUBSCRIPTIONS], timeout=30)
    if any(_granted(g) != 1 for g in granted):
        raise aiomqtt.MqttError(f"broker refused the subscriptions: {granted!r}")
    log.info(
        "connected to mqtt %s:%d as %s; subscribed to %s",
        cfg.host,
        cfg.port,
        cfg.client_id,
        ", ".join(topics.SUBSCRIPTIONS),
    )
    connected.set()


async def _session(
    cfg: GatewayConfig, registry: Registry, stats: Stats, stop: asyncio.Event, connected: asyncio.Event
) -> None:
    client = _client(cfg, stats)
    async with client:
        queue: asyncio.Queue[Item] = asyncio.Queue(maxsize=cfg.queue_max)

        def ack(mid: int, qos: int) -> None:
            client._client.ack(mid, qos)  # a no-op error once the connection is gone

        sink = Sink(
            queue,
            ack,
            stats,
            batch_rows=cfg.batch_rows,
            batch_ms=cfg.batch_ms,
            stopping=stop,
            backoff_max_s=cfg.backoff_max_s,
        )
        # Read before subscribing: a persistent session's backlog arrives right after CONNACK
        # and must be drained, or the SUBACK queued behind it would never be read.
        writer = asyncio.create_task(sink.run(), name="sink")
        reader = asyncio.create_task(_read(client, queue, registry, stats), name="reader")
        subscribed = asyncio.create_task(_subscribe(client, cfg, connected), name="subscribe")
        stopped = asyncio.create_task(stop.wait())
        try:
            pending = {reader, writer, subscribed, stopped}
            while True:
                done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
                if done != {subscribed} or subscribed.exception() is not None:
                    break
        finally:
            for task in (reader, subscribed, stopped):
                task.cancel()
            with contextlib.suppress(asyncio.CancelledError, aiomqtt.MqttError):
                await reader
            if not writer.done():
                await queue.put(END)  # flush what was read (and ack it if we still can)
            await writer  # a bug in storing crashes the process: nothing unstored was acked
        failed = subscribed.exception() if subscribed.done() and not subscribed.cancelled() else None
        if failed is not None:
            raise failed
        if not stop.is_set():
            raise aiomqtt.MqttError("lost the broker connection")


async def _start_db(stop: asyncio.Event, backoff_max_s: float) -> bool:
    delay = 0.5
    while not stop.is_set():
        try:
            await db.start_pool()
            await service.ensure_partitions()
            return True
        except Exception as exc:  # DB not up yet, or not migrated yet
            log.warning("database not reachable, retrying in %.1fs: %s", delay, exc)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), delay)
            delay = min(delay * 2, backoff_max_s)
    return False


async def _partitions_forever() -> None:
    while True:
        await asyncio.sleep(86_400)
        try:
            await service.ensure_partitions()
        except Exception as exc:
            log.warning("could not create reading partitions: %s", exc)


async def run(cfg: GatewayConfig, stop: asyncio.Event) -> None:
    if not await _start_db(stop, cfg.backoff_max_s):
        return
    stats = Stats()
    registry = Registry(cfg.registry_refresh_s, cfg.unknown_retry_s)
    await registry.load()
    log.info("device registry loaded: %d MQTT devices", len(registry))
    background = [
        asyncio.create_task(stats.report_forever(cfg.stats_interval_s)),
        asyncio.create_task(registry.refresh_forever()),
        asyncio.create_task(_partitions_forever()),
        asyncio.create_task(commands.run(cfg, registry, stats, stop), name="command-link"),
    ]
    delay = 0.5
    try:
        while not stop.is_set():
            connected = asyncio.Event()
            try:
                await _session(cfg, registry, stats, stop, connected)
            except aiomqtt.MqttError as exc:
                if connected.is_set():
                    delay = 0.5
                log.warning("mqtt: %s; reconnecting in %.1fs", exc, delay)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), delay)
                delay = min(delay * 2, cfg.backoff_max_s)
    finally:
        for task in background:
            task.cancel()
        await asyncio.gather(*background, return_exceptions=True)
        await stats.save()
        log.info("gateway stopped: %s", stats.line(stats.total))
        await db.close_pool()
        await close_redis()
