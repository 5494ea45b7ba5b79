"""Realtime fan-out of what the gateway stored: to the ward (department) and to the patient.

Messages have exactly the shape of :func:`yiqiao.kit.realtime.publish` (same channels, same
``RealtimeMessage`` envelope) but go out in one Redis pipeline per batch: a 500-reading batch is
one round trip, not 500. Fan-out is best effort — the data is already stored, and a screen that
missed a message reloads ``latest_readings`` when it reconnects — so a Redis error is logged and
counted, never raised into the ingest path.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable
from typing import Any, TypeAlias

import msgspec
from redis.exceptions import RedisError

from yiqiao.kit import realtime
from yiqiao.kit.redis import redis

log = logging.getLogger(__name__)

Outgoing: TypeAlias = tuple[str, str, dict[str, Any]]  # (channel, type, data)


def audience(department_id: uuid.UUID | None, patient_id: uuid.UUID | None) -> list[str]:
    chans = []
    if department_id is not None:
        chans.append(realtime.channel("department", department_id))
    if patient_id is not None:
        chans.append(realtime.channel("patient", patient_id))
    return chans


async def publish_many(messages: Iterable[Outgoing]) -> bool:
    """Publish in one pipeline. False (and a log line) when Redis is unavailable."""
    pipe = redis().pipeline(transaction=False)
    count = 0
    for ch, type_, data in messages:
        pipe.publish(ch, msgspec.json.encode(realtime.RealtimeMessage(type=type_, data=data, channel=ch)))
        count += 1
    if not count:
        return True
    try:
        await pipe.execute()
    except (RedisError, OSError) as exc:
        log.warning("realtime fan-out of %d messages failed: %s", count, exc)
        return False
    return True
