"""Provider callbacks (支付/退款结果通知), as received on the wire by the public notify endpoint.

Nothing in a callback is believed before the provider's own verifier has checked its signature
(and decrypted it); then the signed timestamp must be inside the replay window, and the
provider's notification id must be new (``billing_notification``, unique per provider and id).
What it says is applied by ``payments.apply_trade`` / ``apply_refund_status`` in the same
transaction as the notification's row, so a crash in between leaves neither (the provider
redelivers) and a redelivery after success changes nothing. Every callback leaves a row, refused
ones included: the evidence when a patient asks where their money went."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import uuid
from collections.abc import Mapping

from yiqiao import db
from yiqiao.billing.service import payments
from yiqiao.integrations.payment.base import Ack, InvalidNotification, Notification, PaymentProvider
from yiqiao.kit import clock
from yiqiao.kit.actor import SYSTEM
from yiqiao.kit.errors import Invalid, NotFound
from yiqiao.settings import get_settings

log = logging.getLogger("yiqiao.billing")

# A provider's clock may run a little ahead of ours.
CLOCK_SKEW = dt.timedelta(seconds=60)
# Outcomes after which the provider should stop redelivering (we have it, or it is no news).
ACCEPTED = {
    payments.APPLIED,
    payments.DUPLICATE,
    payments.PENDING,
    payments.LATE_REFUNDED,
    "duplicate_notification",
}


def _provider(name: str) -> PaymentProvider:
    try:
        return payments.provider(name)
    except Invalid:
        raise NotFound("No such payment provider.", code="provider_unknown") from None


# e-CNY signs with SM2, which gmssl verifies in pure Python (~23 ms): off the event loop, so one
# e-CNY callback does not stall every other request. RSA checks (~0.1 ms) stay inline.
_SLOW_VERIFY = frozenset({"ecny"})


async def _record(
    provider: str, notify_id: str | None, kind: str, reference: str, outcome: str, detail: str
) -> None:
    await db.execute(
        "INSERT INTO billing_notification (provider, notify_id, kind, reference, outcome, detail)"
        " VALUES ({}, {}, {}, {}, {}, {})",
        provider,
        notify_id,
        kind,
        reference,
        outcome,
        detail[:500],
    )


async def receive(provider_name: str, headers: Mapping[str, str], body: bytes) -> Ack:
    """Verify, dedupe and apply one callback; answer the provider its expected reply."""
    prov = _provider(provider_name)
    try:
        if provider_name in _SLOW_VERIFY:
            note = await asyncio.to_thread(prov.verify_notification, headers, body)
        else:
            note = prov.verify_notification(headers, body)
    except InvalidNotification as exc:
        log.warning("%s notification refused: %s", provider_name, exc)
        await _record(provider_name, None, "unverified", "", f"rejected_{exc.reason}"[:64], exc.detail)
        return prov.ack(False)
    outcome = await _apply(provider_name, note)
    return prov.ack(outcome in ACCEPTED)


async def _apply(provider_name: str, note: Notification) -> str:
    kind, reference = (
        ("trade", note.trade.out_trade_no)
        if note.trade is not None
        else ("refund", note.refund.out_refund_no)
        if note.refund is not None
        else ("empty", "")
    )
    now = clock.now()
    window = dt.timedelta(seconds=get_settings().billing_replay_window_s)
    if note.sent_at < now - window or note.sent_at > now + CLOCK_SKEW:
        await _record(
            provider_name, None, kind, reference, "rejected_replay_window", note.sent_at.isoformat()
        )
        return "rejected_replay_window"
    to_submit: list[uuid.UUID] = []
    async with db.transaction():
        fresh = await db.fetch(
            "INSERT INTO billing_notification (provider, notify_id, kind, reference, outcome)"
            " VALUES ({}, {}, {}, {}, 'received')"
            " ON CONFLICT (provider, notify_id) WHERE notify_id IS NOT NULL DO NOTHING RETURNING id",
            provider_name,
            note.notify_id,
            kind,
            reference,
        )
        if not fresh:
            return "duplicate_notification"
        if note.trade is not None:
            outcome, to_submit = await payments.apply_trade_in_tx(SYSTEM, provider_name, note.trade)
        elif note.refund is not None:
            outcome = await payments.apply_refund_status_in_tx(SYSTEM, provider_name, note.refund)
        else:
            outcome = "empty"
        await db.execute(
            "UPDATE billing_notification SET outcome = {} WHERE id = {}", outcome, fresh[0]["id"]
        )
    await payments.submit_refunds(to_submit)
    return outcome
