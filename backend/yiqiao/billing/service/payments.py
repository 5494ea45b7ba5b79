"""Paying an order, and the one place where a provider's word about money takes effect.

``start_payment`` opens an attempt (``billing_payment``, pending) and places it at the provider;
``apply_trade`` applies what the provider says became of an attempt (from a notification, the
query sweep, a kiosk polling) and ``apply_refund_status`` what it says became of a refund. Both are
exactly-once: the state machines' conditional UPDATEs (``billing.lifecycle``) decide who applies a
transition, and the ledger's unique indexes make a second booking of the same money impossible.

Provider calls never run inside a transaction: what must happen at the provider after a change
(a refund of a late payment) is written in the change's transaction as a refund row plus a
``billing.refund_submit`` event, and sent after the commit (and by the worker, if we die first)."""

from __future__ import annotations

import logging
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any, get_args

import asyncpg
import msgspec

from yiqiao import db
from yiqiao.audit import service as audit
from yiqiao.billing import events, lifecycle, subjects
from yiqiao.billing.service import orders
from yiqiao.billing.types import PayCommand, PaymentStart
from yiqiao.integrations.errors import ProviderError
from yiqiao.integrations.payment.base import (
    Channel,
    CreatePayment,
    PaymentProvider,
    ProviderName,
    RefundStatus,
    TradeStatus,
)
from yiqiao.kit import clock
from yiqiao.kit.actor import SYSTEM, Actor
from yiqiao.kit.errors import Conflict, Invalid, Unavailable
from yiqiao.kit.ids import new_id
from yiqiao.kit.sm3 import sm3_hex
from yiqiao.settings import get_settings

log = logging.getLogger("yiqiao.billing")

PROVIDERS: tuple[str, ...] = get_args(ProviderName)
CHANNELS: tuple[str, ...] = get_args(Channel)

# Outcomes of apply_trade / apply_refund_status (stored with each notification).
APPLIED = "applied"
DUPLICATE = "duplicate"
PENDING = "pending"
LATE_REFUNDED = "late_refunded"
REJECTED_AMOUNT = "rejected_amount"
UNKNOWN = "unknown_reference"
REJECTED_TXN = "rejected_txn_reused"
STALE = "stale"


def provider(name: str) -> PaymentProvider:
    """The live provider behind ``name``; an unknown name is the client's mistake (422)."""
    if name not in PROVIDERS:
        raise Invalid(
            f"Unknown payment provider {name!r}; use one of {', '.join(PROVIDERS)}.", code="provider_unknown"
        )
    from yiqiao.integrations import payment

    live: PaymentProvider = payment.get_payment_provider(name)
    return live


def notify_url(provider_name: str) -> str:
    return f"{get_settings().billing_notify_base_url.rstrip('/')}/payments/notify/{provider_name}"


def _request_hash(order_id: uuid.UUID, cmd: PayCommand) -> str:
    return sm3_hex(str(order_id).encode() + b"|" + msgspec.json.encode(cmd))[:32]


def _order_state_error(status: str) -> Conflict:
    if status in lifecycle.REFUNDABLE or status == "refunded":
        return Conflict("This order is already paid.", code="order_already_paid", status=status)
    return Conflict(
        f"This order is {lifecycle.ORDER_STATUS_WORDS.get(status, status)}; it can no longer be paid.",
        code="order_not_payable",
        status=status,
    )


def _create_request(order: dict[str, Any], pay: dict[str, Any], payer_ref: str) -> CreatePayment:
    if pay["provider"] == "credit":
        # 信用就医 draws on the patient's own credit line, whoever asks: never one the client names.
        payer_ref = str(order["patient_id"])
    return CreatePayment(
        out_trade_no=pay["out_trade_no"],
        amount_fen=pay["amount_fen"],
        description=order["title"][:127],
        channel=pay["channel"],
        expires_at=order["expires_at"],
        notify_url=notify_url(pay["provider"]),
        payer_ref=payer_ref,
        institution_id=str(order["institution_id"]),
    )


async def start_payment(
    actor: Actor,
    order_id: uuid.UUID,
    cmd: PayCommand,
    idempotency_key: str,
    *,
    access_checked: bool = False,
) -> PaymentStart:
    """Start paying the self-pay share of an order with ``cmd.provider``. Anyone who may act for
    the patient may pay (the account for a family member; ``access_checked`` for a payer another
    context vouched for, 代缴). The same key returns the same attempt (placed again at the
    provider, which answers the same prepay for the same out_trade_no); a different request under
    the key is 409."""
    prov = provider(cmd.provider)
    if cmd.channel not in CHANNELS:
        raise Invalid(f"Unknown payment channel {cmd.channel!r}.", code="channel_unknown")
    order = await orders.load_visible(actor, order_id, access_checked=access_checked)
    request_hash = _request_hash(order_id, cmd)
    replay = await _replay(actor, idempotency_key, request_hash)
    if replay is not None:
        return await _place(prov, order, replay, cmd.payer_ref)
    if order["status"] not in lifecycle.PAYABLE:
        raise _order_state_error(order["status"])
    # Another attempt still open (the patient switched wallets): close it at its provider first, so
    # the patient cannot pay twice; if it was paid meanwhile, that payment counts and we stop here.
    for other in await db.fetch(
        "SELECT * FROM billing_payment WHERE order_id = {} AND status = 'pending'", order_id
    ):
        await close_attempt(other)
    try:
        async with db.transaction():
            locked = await db.fetch("SELECT * FROM billing_order WHERE id = {} FOR UPDATE", order_id)
            order = locked[0]
            if order["status"] not in lifecycle.PAYABLE:
                raise _order_state_error(order["status"])
            if order["expires_at"] <= clock.now():
                raise Conflict(
                    "The time to pay this order has run out; it will be closed.", code="order_expired"
                )
            if order["self_pay_fen"] <= 0:
                raise Conflict("Nothing is left to pay on this order.", code="nothing_to_pay")
            n = await db.fetch("SELECT count(*) AS n FROM billing_payment WHERE order_id = {}", order_id)
            pay_rows = await db.fetch(
                "INSERT INTO billing_payment (id, order_id, out_trade_no, provider, channel, amount_fen,"
                " payer_account_id, payer_label, status, requested_by, idempotency_key, request_hash)"
                " VALUES ({}, {}, {}, {}, {}, {}, {}, {}, 'pending', {}, {}, {}) RETURNING *",
                new_id(),
                order_id,
                f"{order['order_no']}{n[0]['n'] + 1:02d}",
                cmd.provider,
                cmd.channel,
                order["self_pay_fen"],
                actor.id if actor.kind == "patient" else None,
                actor.label,
                actor.label,
                idempotency_key,
                request_hash,
            )
            pay = pay_rows[0]
            await lifecycle.apply_order(actor, order_id, "start_payment", reason=cmd.provider)
            await audit.record(
                actor,
                "billing_payment.create",
                "billing_payment",
                pay["id"],
                {
                    "to": "pending",
                    "order_no": order["order_no"],
                    "out_trade_no": pay["out_trade_no"],
                    "provider": cmd.provider,
                    "channel": cmd.channel,
                    "amount_fen": pay["amount_fen"],
                },
                institution_id=order["institution_id"],
            )
    except asyncpg.UniqueViolationError as exc:
        if exc.constraint_name != "billing_payment_idempotency":
            raise
        replay = await _replay(actor, idempotency_key, request_hash)
        assert replay is not None
        return await _place(prov, order, replay, cmd.payer_ref)
    return await _place(prov, order, pay, cmd.payer_ref)


async def _replay(actor: Actor, key: str, request_hash: str) -> dict[str, Any] | None:
    rows = await db.fetch(
        "SELECT * FROM billing_payment WHERE requested_by = {} AND idempotency_key = {}", actor.label, key
    )
    if not rows:
        return None
    if rows[0]["request_hash"] != request_hash:
        raise Conflict(
            "This idempotency key was already used for a different payment; use a new key.",
            code="idempotency_key_reused",
        )
    pay = rows[0]
    if pay["status"] == "succeeded":
        raise Conflict("This payment has already been made.", code="order_already_paid")
    if pay["status"] != "pending":
        raise Conflict(
            "This payment attempt has ended; start a new one with a new key.",
            code="payment_attempt_ended",
            status=pay["status"],
        )
    return pay


async def _place(
    prov: PaymentProvider, order: dict[str, Any], pay: dict[str, Any], payer_ref: str
) -> PaymentStart:
    """Place the attempt at the provider (统一下单). A refusal ends the attempt as failed."""
    try:
        payload = await prov.create(_create_request(order, pay, payer_ref))
    except ProviderError as exc:
        log.warning("payment %s: provider refused create: %s", pay["out_trade_no"], exc)
        # A retried 'pay' for an attempt the wallet already paid (or the provider closed) is refused
        # by the provider (WeChat: ORDER_PAID). Its word on the trade counts, not the refusal.
        known = await _known_outcome(prov, pay["out_trade_no"])
        if known is not None:
            await apply_trade(SYSTEM, pay["provider"], known)
            if known.state == "succeeded":
                raise Conflict("This order is already paid.", code="order_already_paid") from None
            raise Conflict(
                "This payment attempt has ended; please start the payment again.",
                code="payment_attempt_ended",
            ) from None
        await apply_trade(
            SYSTEM,
            pay["provider"],
            TradeStatus(
                out_trade_no=pay["out_trade_no"],
                state="failed",
                amount_fen=pay["amount_fen"],
                failure_reason=f"{exc.code}: {exc.message}"[:200],
            ),
        )
        if exc.transient:
            raise Unavailable(
                "The payment service did not answer; please try again.", code="provider_unavailable"
            ) from None
        raise Conflict(f"The payment service refused: {exc.message}", code="provider_refused") from None
    return PaymentStart(
        order_id=order["id"],
        order_no=order["order_no"],
        payment_id=pay["id"],
        out_trade_no=pay["out_trade_no"],
        amount_fen=pay["amount_fen"],
        payload=payload,
        expires_at=order["expires_at"],
    )


async def _known_outcome(prov: PaymentProvider, out_trade_no: str) -> TradeStatus | None:
    """The provider's settled word on an attempt (paid or closed), or None when it has none."""
    try:
        status = await prov.query(out_trade_no)
    except ProviderError:
        return None
    return status if status.state in ("succeeded", "closed") else None


async def close_attempt(pay: dict[str, Any]) -> str:
    """Close a pending attempt at its provider (关闭订单) and apply what it answers: closed, or
    paid after all (then that payment counts, or is refunded if the order no longer wants it)."""
    try:
        status = await provider(pay["provider"]).close(pay["out_trade_no"])
    except ProviderError as exc:
        log.warning("payment %s: provider could not close: %s", pay["out_trade_no"], exc)
        return STALE
    return await apply_trade(SYSTEM, pay["provider"], status)


# ---------------------------------------------------------------------------------------------
# The provider's word about a payment attempt


@asynccontextmanager
async def _savepoint() -> AsyncIterator[None]:
    """Undo just the block on error, keeping the rest of the caller's transaction."""
    await db.execute("SAVEPOINT billing_step")
    try:
        yield
    except BaseException:
        await db.execute("ROLLBACK TO SAVEPOINT billing_step")
        raise
    await db.execute("RELEASE SAVEPOINT billing_step")


async def apply_trade(actor: Actor, provider_name: str, status: TradeStatus) -> str:
    """Apply a provider's trade status; returns the outcome word. Refunds it implies (a payment
    that arrived late) are created in the same transaction and sent after it commits."""
    async with db.transaction():
        outcome, to_submit = await apply_trade_in_tx(actor, provider_name, status)
    await submit_refunds(to_submit)
    return outcome


async def apply_trade_in_tx(
    actor: Actor, provider_name: str, status: TradeStatus
) -> tuple[str, list[uuid.UUID]]:
    """``apply_trade`` inside the caller's transaction; returns (outcome, refunds to send after
    the commit)."""
    found = await db.fetch(
        "SELECT p.id, p.order_id, p.provider, p.amount_fen FROM billing_payment p WHERE p.out_trade_no = {}",
        status.out_trade_no,
    )
    if not found or found[0]["provider"] != provider_name:
        return UNKNOWN, []
    if status.state == "pending":
        return PENDING, []
    if not isinstance(status.amount_fen, int) or status.amount_fen != found[0]["amount_fen"]:
        log.warning(
            "payment %s: %s reports %s fen, we asked for %s: refused",
            status.out_trade_no,
            provider_name,
            status.amount_fen,
            found[0]["amount_fen"],
        )
        return REJECTED_AMOUNT, []
    order_id = found[0]["order_id"]
    # Lock order then attempt, always in this order (the close sweep does the same).
    order = (await db.fetch("SELECT * FROM billing_order WHERE id = {} FOR UPDATE", order_id))[0]
    pay_id = found[0]["id"]
    if status.state == "succeeded":
        return await _succeeded(actor, order, pay_id, status)
    name = "fail" if status.state == "failed" else "close"
    row = await lifecycle.apply_payment(
        actor, pay_id, name, provider_txn_id=status.provider_txn_id or None, reason=status.failure_reason
    )
    if row is None:
        return DUPLICATE, []
    if order["status"] == "paying" and not await _other_pending(order_id, pay_id):
        await lifecycle.apply_order(actor, order_id, "fail", reason=status.failure_reason or name)
    if name == "fail":  # the payer was declined (an attempt we closed ourselves is no news to them)
        await events.publish(
            events.ORDER_NOT_PAID, order_id, f"{pay_id}:failed", status="failed", attempt=str(pay_id)
        )
    return APPLIED, []


async def _other_pending(order_id: uuid.UUID, pay_id: uuid.UUID) -> bool:
    rows = await db.fetch(
        "SELECT 1 FROM billing_payment WHERE order_id = {} AND id <> {} AND status = 'pending' LIMIT 1",
        order_id,
        pay_id,
    )
    return bool(rows)


async def _succeeded(
    actor: Actor, order: dict[str, Any], pay_id: uuid.UUID, status: TradeStatus
) -> tuple[str, list[uuid.UUID]]:
    from yiqiao.billing.service import refunds

    try:
        async with _savepoint():
            row = await lifecycle.apply_payment(
                actor, pay_id, "succeed", provider_txn_id=status.provider_txn_id or None
            )
    except asyncpg.UniqueViolationError:
        # Another attempt already carries this provider transaction id: a forged or confused
        # notification, never money we take twice.
        log.warning("payment %s: provider txn id %s reused", status.out_trade_no, status.provider_txn_id)
        return REJECTED_TXN, []
    if row is None:
        return DUPLICATE, []
    await db.execute(
        "INSERT INTO billing_ledger (at, institution_id, order_id, payment_id, provider, entry, amount_fen,"
        " provider_ref) VALUES ({}, {}, {}, {}, {}, 'payment', {}, {})"
        " ON CONFLICT (payment_id) WHERE entry = 'payment' DO NOTHING",
        status.paid_at or clock.now(),
        order["institution_id"],
        order["id"],
        pay_id,
        row["provider"],
        row["amount_fen"],
        status.provider_txn_id or row["out_trade_no"],
    )
    if order["status"] not in lifecycle.PAYABLE:
        # The order closed, or another attempt paid it: this money is not wanted. Back it goes.
        await db.execute("UPDATE billing_payment SET late = true WHERE id = {}", pay_id)
        refund_id = await refunds.refund_late_payment(actor, order, row)
        return LATE_REFUNDED, [refund_id]
    await lifecycle.apply_order(
        actor, order["id"], "pay", amount_fen=row["amount_fen"], reason=row["provider"]
    )
    try:
        async with _savepoint():
            await subjects.paid(actor, order["subject_type"], order["subject_id"])
    except Conflict as exc:
        # What this paid for cannot be had any more (the booking's hold lapsed): the payment stands
        # in the books, and the whole order is refunded at once.
        refund_id = await refunds.refund_unwanted_order(actor, order["id"], exc.detail)
        return LATE_REFUNDED, [refund_id]
    await events.publish(events.ORDER_PAID, order["id"], str(order["id"]))
    return APPLIED, []


# ---------------------------------------------------------------------------------------------
# The provider's word about a refund


async def apply_refund_status(actor: Actor, provider_name: str, status: RefundStatus) -> str:
    async with db.transaction():
        return await apply_refund_status_in_tx(actor, provider_name, status)


async def apply_refund_status_in_tx(actor: Actor, provider_name: str, status: RefundStatus) -> str:
    from yiqiao.billing.service import refunds

    found = await db.fetch(
        "SELECT r.id, r.order_id, r.amount_fen, r.insurance_fen, p.provider FROM billing_refund r"
        " LEFT JOIN billing_payment p ON p.id = r.payment_id WHERE r.refund_no = {}",
        status.out_refund_no,
    )
    if not found or found[0]["provider"] != provider_name:
        return UNKNOWN
    if status.state == "processing":
        return PENDING
    f = found[0]
    if not isinstance(status.amount_fen, int) or status.amount_fen != f["amount_fen"] - f["insurance_fen"]:
        log.warning(
            "refund %s: %s reports %s fen: refused", status.out_refund_no, provider_name, status.amount_fen
        )
        return REJECTED_AMOUNT
    await db.fetch("SELECT id FROM billing_order WHERE id = {} FOR UPDATE", f["order_id"])
    if status.state == "succeeded":
        applied = await refunds.settle(actor, f["id"], status)
    else:
        applied = await refunds.fail(actor, f["id"], status)
    return APPLIED if applied else DUPLICATE


async def submit_refunds(refund_ids: list[uuid.UUID]) -> None:
    if not refund_ids:
        return
    from yiqiao.billing.service import refunds

    for refund_id in refund_ids:
        await refunds.submit(refund_id)
