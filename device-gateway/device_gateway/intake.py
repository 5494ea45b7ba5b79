"""Turn one MQTT message into what gets stored: rows for the service, or a dead letter with a
reason. Never raises for anything a device sends."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import TypeAlias

import msgspec
from yiqiao.monitoring import topics
from yiqiao.monitoring.types import (
    MAX_PAYLOAD_BYTES,
    PAYLOAD_TYPES,
    DeadLetterIn,
    DeviceEvent,
    DeviceRef,
    EcgBlock,
    EcgIn,
    EventIn,
    Payload,
    ReadingIn,
    RejectReason,
    StatusIn,
    Telemetry,
)

Entry: TypeAlias = list[ReadingIn] | EventIn | StatusIn | EcgIn | DeadLetterIn
Lookup: TypeAlias = Callable[[str], Awaitable[DeviceRef | None]]

# Decoders are built once per payload type (msgspec caches the compiled validator).
_DECODERS = {channel: msgspec.json.Decoder(t) for channel, t in PAYLOAD_TYPES.items()}


class Rejected(Exception):
    def __init__(self, reason: RejectReason, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason: RejectReason = reason
        self.detail = detail


def check_size(payload: bytes) -> None:
    if len(payload) > MAX_PAYLOAD_BYTES:
        raise Rejected("oversized", f"{len(payload)} bytes > {MAX_PAYLOAD_BYTES}")


def decode(channel: str, payload: bytes) -> Payload:
    """Validate a payload for its channel; raises :class:`Rejected` (oversized / malformed)."""
    check_size(payload)
    try:
        return _DECODERS[channel].decode(payload)
    except msgspec.DecodeError as exc:  # ValidationError is a DecodeError
        raise Rejected("malformed", str(exc)[:500]) from None


def to_entry(device: DeviceRef, payload: Payload, received_at: datetime) -> Entry:
    if isinstance(payload, Telemetry):
        return [
            ReadingIn(
                device=device,
                seq=payload.seq,
                code=m.code,
                value=m.value,
                unit=m.unit,
                measured_at=payload.ts,
                received_at=received_at,
            )
            for m in payload.readings
        ]
    if isinstance(payload, DeviceEvent):
        return EventIn(
            device=device,
            seq=payload.seq,
            event=payload.event,
            detail=payload.detail,
            occurred_at=payload.ts,
            received_at=received_at,
        )
    if isinstance(payload, EcgBlock):
        return EcgIn(
            device=device,
            seq=payload.seq,
            started_at=payload.ts,
            sample_rate_hz=payload.sample_rate_hz,
            leads=list(payload.leads),
            scale_uv=payload.scale_uv,
            samples=payload.samples,
            received_at=received_at,
        )
    return StatusIn(device=device, status=payload, received_at=received_at)


def _dead(topic: str, code: str | None, err: Rejected, payload: bytes, received_at: datetime) -> DeadLetterIn:
    # An oversized payload is kept only up to the limit: enough to see what it was.
    return DeadLetterIn(
        topic=topic,
        device_code=code,
        reason=err.reason,
        detail=err.detail,
        payload=payload[:MAX_PAYLOAD_BYTES],
        received_at=received_at,
    )


async def classify(topic: str, payload: bytes, lookup: Lookup, received_at: datetime) -> Entry:
    parsed = topics.parse(topic)
    if parsed is None:
        return _dead(topic, None, Rejected("bad_topic", "not devices/<code>/<channel>"), payload, received_at)
    code, channel = parsed
    try:
        check_size(payload)
        device = await lookup(code)
        if device is None:
            raise Rejected("unknown_device", f"no active MQTT device {code!r}")
        if not topics.kind_sends(device.kind, channel):
            raise Rejected("wrong_topic", f"a {device.kind} does not publish {channel}")
        decoded = decode(channel, payload)
    except Rejected as err:
        return _dead(topic, code, err, payload, received_at)
    return to_entry(device, decoded, received_at)
