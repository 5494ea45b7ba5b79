"""Write to the outbox (inside the caller's transaction) and claim/settle messages (worker side)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import msgspec

from yiqiao import db
from yiqiao.kit import clock
from yiqiao.kit.ids import new_id
from yiqiao.outbox.types import Channel, OutboxItem
from yiqiao.settings import get_settings


async def enqueue(channel: Channel, topic: str, payload: dict[str, Any], dedupe_key: str) -> bool:
    """Queue one message. Returns False when the dedupe key was already queued (no second effect)."""
    rows = await db.fetch(
        "INSERT INTO outbox_message (id, channel, topic, dedupe_key, payload) "
        "VALUES ({}, {}, {}, {}, {}) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id",
        new_id(),
        channel,
        topic,
        dedupe_key,
        msgspec.json.encode(payload).decode(),
    )
    return bool(rows)


async def claim(limit: int = 100) -> list[OutboxItem]:
    """Claim due messages for this worker. A claim lapses after ``outbox_claim_s``, so a message
    held by a worker that crashed is picked up again by a later sweep."""
    now = clock.now()
    lease = get_settings().outbox_claim_s
    rows = await db.fetch(
        "UPDATE outbox_message SET status = 'delivering', claimed_until = {}, attempts = attempts + 1 "
        "WHERE id IN (SELECT id FROM outbox_message "
        "  WHERE (status = 'pending' AND next_attempt_at <= {}) "
        "     OR (status = 'delivering' AND claimed_until < {}) "
        "  ORDER BY next_attempt_at LIMIT {} FOR UPDATE SKIP LOCKED) "
        "RETURNING id, channel, topic, dedupe_key, payload::text AS payload, attempts",
        now + timedelta(seconds=lease),
        now,
        now,
        limit,
    )
    return [
        OutboxItem(
            id=r["id"],
            channel=r["channel"],
            topic=r["topic"],
            dedupe_key=r["dedupe_key"],
            payload=msgspec.json.decode(r["payload"]),
            attempts=r["attempts"],
        )
        for r in rows
    ]


async def mark_delivered(item: OutboxItem) -> None:
    await db.execute(
        "UPDATE outbox_message SET status = 'delivered', delivered_at = {}, claimed_until = NULL "
        "WHERE id = {}",
        clock.now(),
        item.id,
    )


def backoff_seconds(attempts: int) -> float:
    """Exponential backoff: 2, 4, 8 … seconds, capped at 10 minutes."""
    return float(min(600, 2**attempts))


async def mark_failed(item: OutboxItem, error: str, max_attempts: int) -> None:
    dead = item.attempts >= max_attempts
    await db.execute(
        "UPDATE outbox_message SET status = {}, last_error = {}, claimed_until = NULL, "
        "next_attempt_at = {} WHERE id = {}",
        "dead" if dead else "pending",
        error[:2000],
        clock.now() + timedelta(seconds=backoff_seconds(item.attempts)),
        item.id,
    )


async def counts() -> dict[str, int]:
    rows = await db.fetch("SELECT status, count(*) AS n FROM outbox_message GROUP BY status")
    return {r["status"]: r["n"] for r in rows}
