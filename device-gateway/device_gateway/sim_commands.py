"""How a simulated device answers commands: it acknowledges each one (``received``, then
``done`` or ``failed``), changes its telemetry interval for ``set_interval``, and for
``measure_now`` sends a telemetry message at once and answers with its seq."""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from datetime import UTC, datetime
from typing import Any

import aiomqtt
import msgspec
from yiqiao.monitoring import topics
from yiqiao.monitoring.command_types import Command, CommandAck, SetIntervalArgs

_COMMAND = msgspec.json.Decoder(Command)


class Remote:
    """One device's command handling. ``period`` is the telemetry interval in seconds."""

    def __init__(self, client: aiomqtt.Client, code: str, period: float) -> None:
        self.client, self.code, self.period = client, code, period
        self.wake = asyncio.Event()
        self.measure_for: list[uuid.UUID] = []  # commands answered once the next message is sent
        self._seen: set[uuid.UUID] = set()

    async def _ack(self, command_id: uuid.UUID, state: str, **extra: Any) -> None:
        ack = msgspec.convert(
            {"id": command_id, "state": state, "ts": datetime.now(UTC), **extra}, CommandAck
        )
        await self.client.publish(topics.commands_ack(self.code), msgspec.json.encode(ack), qos=1)

    async def handle(self, payload: bytes) -> None:
        try:
            cmd = _COMMAND.decode(payload)
        except msgspec.DecodeError:
            return  # nothing to answer: the id is unreadable
        await self._ack(cmd.id, "received")
        if cmd.id in self._seen:  # delivered twice: answer again, do the work once
            await self._ack(cmd.id, "done", result={"duplicate": True})
            return
        self._seen.add(cmd.id)
        if cmd.expires_at < datetime.now(UTC):
            await self._ack(cmd.id, "failed", error="expired before it arrived")
        elif cmd.name == "set_interval":
            try:
                args = msgspec.convert(cmd.args, SetIntervalArgs)
            except msgspec.ValidationError as exc:
                await self._ack(cmd.id, "failed", error=str(exc)[:500])
                return
            self.period = float(args.seconds)
            self.wake.set()
            await self._ack(cmd.id, "done", result={"interval_s": args.seconds})
        elif cmd.name == "measure_now":
            self.measure_for.append(cmd.id)
            self.wake.set()
        else:
            await self._ack(cmd.id, "failed", error=f"unknown command {cmd.name}")

    async def measured(self, seq: int) -> None:
        """Called after a telemetry message is sent: answer the measure_now commands waiting."""
        waiting, self.measure_for = self.measure_for, []
        for command_id in waiting:
            await self._ack(command_id, "done", result={"seq": seq})

    async def listen(self) -> None:
        await self.client.subscribe(topics.commands(self.code), qos=1)
        async for msg in self.client.messages:
            if isinstance(msg.payload, bytes):
                await self.handle(msg.payload)

    async def sleep(self, seconds: float, stop: asyncio.Event) -> bool:
        """Sleep up to ``seconds``; a command or a stop ends it early. True when a command did."""
        if self.wake.is_set() or self.measure_for:
            self.wake.clear()
            return True
        if seconds <= 0:
            return False
        waits = [asyncio.ensure_future(stop.wait()), asyncio.ensure_future(self.wake.wait())]
        try:
            await asyncio.wait(waits, timeout=seconds, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for w in waits:
                w.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await w
        woken = self.wake.is_set()
        self.wake.clear()
        return woken
