"""The gateway's command link: its own MQTT connection (client id ``<client_id>-commands``, a
persistent session) that publishes pending device commands (QoS 1, to
``devices/<code>/commands``), reads the devices' answers on ``devices/+/commands/ack``, and
expires commands nobody answered in time (``YQ_DEVICE_COMMAND_TTL_S``).

A connection of its own keeps commands out of the ingest path's ordered, batched
acknowledgements. Answers are stored one at a time and acknowledged (PUBACK) only once stored;
an answer that cannot be used (malformed, unknown device, no such open command) becomes a dead
letter with its reason. A new command wakes the link at once through Redis
(``commands.WAKE_CHANNEL``); it also looks every ``POLL_S`` seconds, so a lost wake-up only
delays a command.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import ssl
from typing import Any

import aiomqtt
import msgspec
from asyncpg.exceptions import InterfaceError, PostgresError
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties
from redis.exceptions import RedisError
from yiqiao.kit.redis import redis
from yiqiao.monitoring import commands, service, topics
from yiqiao.monitoring.command_types import CommandAck
from yiqiao.monitoring.types import MAX_PAYLOAD_BYTES

from device_gateway.config import GatewayConfig
from device_gateway.registry import Registry
from device_gateway.stats import Stats

log = logging.getLogger("device_gateway.commands")

POLL_S = 1.0
_DB_ERRORS = (PostgresError, InterfaceError, OSError, TimeoutError)
_ACK = msgspec.json.Decoder(CommandAck)


def _client(cfg: GatewayConfig) -> aiomqtt.Client:
    props = Properties(PacketTypes.CONNECT)  # type: ignore[no-untyped-call]
    props.SessionExpiryInterval = cfg.session_expiry_s
    client = aiomqtt.Client(
        cfg.host,
        cfg.port,
        username=cfg.username,
        password=cfg.password,
        identifier=f"{cfg.client_id}-commands",
        protocol=aiomqtt.ProtocolVersion.V5,
        clean_start=False,
        properties=props,
        keepalive=30,
        tls_context=ssl.create_default_context() if cfg.tls else None,
    )
    client._client.manual_ack_set(True)  # PUBACK an answer only after it is stored
    return client


async def _retrying(what: str, stop: asyncio.Event, call: Any) -> Any:
    """Run ``call()`` until the database takes it; None if asked to stop meanwhile."""
    delay = 0.2
    while True:
        try:
            return await call()
        except _DB_ERRORS as exc:
            if stop.is_set():
                return None
            log.warning("%s failed, retrying in %.1fs: %s", what, delay, exc)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 30.0)


async def handle_ack(topic: str, payload: bytes, registry: Registry, stats: Stats) -> bool:
    """Store one answer, or dead-letter it with a reason (True either way). Raises only for
    database errors."""
    code = topics.parse_ack(topic)
    reason, detail = "", ""
    if code is None:
        reason, detail = "bad_topic", "not devices/<code>/commands/ack"
    elif len(payload) > MAX_PAYLOAD_BYTES:
        reason, detail = "oversized", f"{len(payload)} bytes > {MAX_PAYLOAD_BYTES}"
    else:
        device = await registry.get(code)
        if device is None:
            reason, detail = "unknown_device", f"no active MQTT device {code!r}"
        else:
            try:
                ack = _ACK.decode(payload)
            except msgspec.DecodeError as exc:
                reason, detail = "malformed", str(exc)[:500]
            else:
                if await commands.record_ack(device.id, ack) is None:
                    reason = "unknown_command"
                    detail = f"no open command {ack.id} for this device (unknown, final or expired)"
    if reason:
        await service.dead_letter(topic, code, reason, payload[:MAX_PAYLOAD_BYTES], detail)
        stats.rejected(reason)
    else:
        stats.incr("command_acks")
    return True


async def _read(client: aiomqtt.Client, registry: Registry, stats: Stats, stop: asyncio.Event) -> None:
    async for msg in client.messages:
        payload = msg.payload if isinstance(msg.payload, bytes) else str(msg.payload or "").encode()
        call = functools.partial(handle_ack, msg.topic.value, payload, registry, stats)
        if await _retrying("storing a command answer", stop, call) is None:
            return  # not acknowledged: the broker sends it again next time
        client._client.ack(msg.mid, msg.qos)


class _Wakeup:
    """Waits for a wake-up on Redis, or ``POLL_S``, whichever comes first."""

    def __init__(self) -> None:
        self._pubsub: Any = None

    async def wait(self) -> None:
        try:
            if self._pubsub is None:
                self._pubsub = redis().pubsub()
                await self._pubsub.subscribe(commands.WAKE_CHANNEL)
            await self._pubsub.get_message(ignore_subscribe_messages=True, timeout=POLL_S)
        except (RedisError, OSError) as exc:
            log.debug("command wake-ups unavailable (%s); polling", exc)
            await self.close()
            await asyncio.sleep(POLL_S)

    async def close(self) -> None:
        if self._pubsub is not None:
            with contextlib.suppress(RedisError, OSError):
                await self._pubsub.aclose()
            self._pubsub = None


async def _send(client: aiomqtt.Client, stats: Stats) -> None:
    wakeup = _Wakeup()
    try:
        while True:
            try:
                stats.incr("commands_expired", await commands.expire_due())
                for out in await commands.pending():
                    await client.publish(topics.commands(out.device_code), out.payload, qos=1, timeout=10)
                    await commands.mark_sent(out.id)
                    stats.incr("commands_sent")
            except _DB_ERRORS as exc:
                log.warning("command sweep failed, trying again: %s", exc)
            await wakeup.wait()
    finally:
        await wakeup.close()


async def _session(cfg: GatewayConfig, registry: Registry, stats: Stats, stop: asyncio.Event) -> None:
    async with _client(cfg) as client:
        reader = asyncio.create_task(_read(client, registry, stats, stop), name="command-acks")
        await client.subscribe(topics.COMMAND_ACKS, qos=1, timeout=30)
        log.info("command link subscribed to %s", topics.COMMAND_ACKS)
        sender = asyncio.create_task(_send(client, stats), name="command-sender")
        stopped = asyncio.create_task(stop.wait())
        done, pending = await asyncio.wait({reader, sender, stopped}, return_when=asyncio.FIRST_COMPLETED)
        for task in pending:
            task.cancel()
        for task in pending:
            with contextlib.suppress(asyncio.CancelledError, aiomqtt.MqttError):
                await task
        for task in done - {stopped}:
            task.result()  # an MqttError reconnects; anything else is a bug and ends the gateway
        if not stop.is_set():
            raise aiomqtt.MqttError("command link lost the broker connection")


async def run(cfg: GatewayConfig, registry: Registry, stats: Stats, stop: asyncio.Event) -> None:
    """Keep the command link up until ``stop``, reconnecting with backoff."""
    delay = 0.5
    while not stop.is_set():
        try:
            await _session(cfg, registry, stats, stop)
            delay = 0.5
        except aiomqtt.MqttError as exc:
            log.warning("command link: %s; reconnecting in %.1fs", exc, delay)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), delay)
            delay = min(delay * 2, cfg.backoff_max_s)
