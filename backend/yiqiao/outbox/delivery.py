"""The worker's side of the outbox: claim due messages, hand each to its handler, settle it.

Handlers are looked up by (channel, topic); a message with no handler is retried (and ends up
dead after ``outbox_max_attempts``) rather than silently dropped."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

import msgspec

from yiqiao.integrations.errors import ProviderError
from yiqiao.kit import realtime
from yiqiao.outbox import service as outbox
from yiqiao.outbox.types import OutboxItem
from yiqiao.settings import get_settings

log = logging.getLogger("yiqiao.outbox")
Handler = Callable[[OutboxItem], Awaitable[None]]


async def publish_realtime(item: OutboxItem) -> None:
    p = item.payload
    await realtime.publish(p["channel"], p["type"], p["data"])


def handlers() -> dict[tuple[str, str], Handler]:
    from yiqiao.billing import events as billing_events
    from yiqiao.notify import delivery as notice

    return {
        ("sms", "notice"): notice.deliver_sms,
        ("wechat", "notice"): notice.deliver_wechat,
        ("push", "notice"): notice.deliver_push,
        ("pubsub", "*"): publish_realtime,
        **{("event", topic): billing_events.deliver for topic in billing_events.SUBSCRIBERS},
    }


async def deliver_due(batch: int = 100) -> int:
    """Deliver everything due now; returns how many were delivered."""
    table = handlers()
    max_attempts = get_settings().outbox_max_attempts
    delivered = 0
    while True:
        items = await outbox.claim(batch)
        if not items:
            return delivered
        for item in items:
            handler = table.get((item.channel, item.topic)) or table.get((item.channel, "*"))
            try:
                if handler is None:
                    raise LookupError(f"no handler for {item.channel}/{item.topic}")
                await handler(item)
            except ProviderError as exc:
                attempts = item.attempts if exc.transient else max_attempts
                log.warning("outbox %s failed (%s), attempt %d", item.id, exc, item.attempts)
                await outbox.mark_failed(
                    msgspec.structs.replace(item, attempts=attempts), str(exc), max_attempts
                )
            except Exception as exc:  # a bug or an outage: keep the message, retry with backoff
                log.exception("outbox %s failed, attempt %d", item.id, item.attempts)
                await outbox.mark_failed(item, f"{type(exc).__name__}: {exc}", max_attempts)
            else:
                await outbox.mark_delivered(item)
                delivered += 1
