"""What others hear from billing, after the change committed: an outbox message (channel "event")
written in the same transaction as the change, delivered by the worker to every subscriber.

Topics and payloads:

- ``billing.order_paid``        ``{"order_id"}``              an order became paid
- ``billing.refund_succeeded``  ``{"order_id", "refund_id", "scope"}`` money went back to the
                                payer; scope "order" for a refund of the order's money, "attempt"
                                for a late or second payment the order never counted (nothing
                                was invoiced for it)
- ``billing.order_not_paid``    ``{"order_id", "status"}``    a payment attempt failed (the order is
                                'failed' and may be tried again) or the order closed unpaid
- ``billing.refund_submit``     ``{"order_id", "refund_id"}`` a refund waits to be sent to its
                                provider (billing's own: the refund was created inside someone
                                else's transaction, e.g. a stop-clinic)

``SUBSCRIBERS`` maps a topic to dotted async functions ``(order_id: uuid.UUID, payload: dict)``;
the one handler calls them in order. A failure retries the whole message (with backoff), so every
subscriber must be idempotent. Other contexts subscribe by adding a dotted name."""

from __future__ import annotations

import importlib
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from yiqiao.outbox import service as outbox
from yiqiao.outbox.types import OutboxItem

ORDER_PAID = "billing.order_paid"
REFUND_SUCCEEDED = "billing.refund_succeeded"
REFUND_SUBMIT = "billing.refund_submit"
ORDER_NOT_PAID = "billing.order_not_paid"

SUBSCRIBERS: dict[str, list[str]] = {
    ORDER_PAID: [
        "yiqiao.billing.service.insurance.settle_after_payment",
        "yiqiao.billing.service.notices.order_paid",
        "yiqiao.billing.service.bills.on_order_paid",
        "yiqiao.billing.service.invoices.on_order_paid",
        "yiqiao.billing.service.deposits.on_order_paid",
        "yiqiao.billing.service.inpatient.on_order_paid",
    ],
    REFUND_SUCCEEDED: [
        "yiqiao.billing.service.notices.refund_succeeded",
        "yiqiao.billing.service.bills.on_refund_succeeded",
        "yiqiao.billing.service.inpatient.on_refund_succeeded",
        # after inpatient's: the last deposit refund of a stay settles it, then the stay is billed
        "yiqiao.billing.service.invoices.on_refund_succeeded",
    ],
    REFUND_SUBMIT: ["yiqiao.billing.service.refunds.submit_from_event"],
    ORDER_NOT_PAID: ["yiqiao.billing.service.bills.on_order_not_paid"],
}

Subscriber = Callable[[uuid.UUID, dict[str, Any]], Awaitable[Any]]


async def publish(topic: str, order_id: uuid.UUID, dedupe: str, **extra: str) -> bool:
    """Queue ``topic`` for ``order_id`` in the caller's transaction; ``dedupe`` makes it once."""
    assert topic in SUBSCRIBERS, topic
    payload = {"order_id": str(order_id), **extra}
    return await outbox.enqueue("event", topic, payload, f"{topic}:{dedupe}")


def _resolve(dotted: str) -> Subscriber:
    module, _, name = dotted.rpartition(".")
    fn: Subscriber = getattr(importlib.import_module(module), name)
    return fn


async def deliver(item: OutboxItem) -> None:
    """The outbox handler for every billing topic."""
    order_id = uuid.UUID(item.payload["order_id"])
    for dotted in SUBSCRIBERS.get(item.topic, []):
        await _resolve(dotted)(order_id, item.payload)
