"""Realtime fan-out through Redis pub/sub, so every process of a BFF sees every message.

Channel names are built only here. A WebSocket subscribes to the channels its actor may read
(decided by the BFF's auth, from the core's scoping); anyone in the core may publish.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable
from typing import Any

import msgspec
from redis.exceptions import RedisError

from yiqiao.kit.redis import redis

PREFIX = "yq:rt:"
log = logging.getLogger(__name__)


def channel(scope: str, key: uuid.UUID | str) -> str:
    """``scope`` is one of: account, patient, staff, department, ward, kiosk, device."""
    return f"{PREFIX}{scope}:{key}"


class RealtimeMessage(msgspec.Struct, kw_only=True):
    type: str  # e.g. "vitals.reading", "notice.new", "alarm.raised"
    data: dict[str, Any]
    channel: str = ""


async def publish(ch: str, type_: str, data: dict[str, Any]) -> None:
    msg = RealtimeMessage(type=type_, data=data, channel=ch)
    await redis().publish(ch, msgspec.json.encode(msg))


async def publish_many(messages: Iterable[tuple[str, str, dict[str, Any]]]) -> bool:
    """Publish (channel, type, data) messages in one Redis round trip, best effort: for data that
    is already stored, where a screen that missed a message reloads on reconnect. Returns False
    (and logs) when Redis is unavailable instead of raising into the caller's path."""
    pipe = redis().pipeline(transaction=False)
    count = 0
    for ch, type_, data in messages:
        pipe.publish(ch, msgspec.json.encode(RealtimeMessage(type=type_, data=data, channel=ch)))
        count += 1
    if not count:
        return True
    try:
        await pipe.execute()
    except (RedisError, OSError) as exc:
        log.warning("realtime fan-out of %d messages failed: %s", count, exc)
        return False
    return True


def decode(raw: bytes) -> RealtimeMessage:
    return msgspec.json.decode(raw, type=RealtimeMessage)
