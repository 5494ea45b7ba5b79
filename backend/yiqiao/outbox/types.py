from __future__ import annotations

import uuid
from typing import Any, Literal

import msgspec

Channel = Literal["sms", "wechat", "push", "pubsub", "event"]


class OutboxItem(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    channel: Channel
    topic: str
    dedupe_key: str
    payload: dict[str, Any]
    attempts: int
