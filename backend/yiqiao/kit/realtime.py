"""Realtime fan-out through Redis pub/sub, so every process of a BFF sees every message.

Channel names are built only here. A WebSocket subscribes to the channels its actor may read
(decided by the BFF's auth, from the core's scoping); anyone in the core may publish.
"""

from __future__ import annotations

import uuid
from typing import Any

import msgspec

from yiqiao.kit.redis import redis

PREFIX = "yq:rt:"


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


def decode(raw: bytes) -> RealtimeMessage:
    return msgspec.json.decode(raw, type=RealtimeMessage)
