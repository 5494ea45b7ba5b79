"""Refunds: money going back to the path it came from.

Who may ask, and for what:

- the patient (or the family account, or the citizen at a kiosk): refundable lines only (not yet
  executed, drugs not yet dispensed: ``billing_order_item.refundable``); a fee for something with
  its own cancellation (a booking) comes back by cancelling that, not here;
- staff of the order's institution, a stop-clinic (停诊), a discharge, the system: any line.

Every refund first *holds* its amount on the order (``lifecycle`` 'hold_refund', a conditional
UPDATE on the locked order row, and per line on ``billing_order_item.refunded_fen``), so two
refunds racing for the same money cannot both have it: one wins, the other gets 409. Then the
refund row (processing) and a ``billing.refund_submit`` event are written in the same
transaction; the provider is asked after the commit (``submit``: at once when we are not inside a
caller's transaction, else by the event's worker) and the answer comes back through
``payments.apply_refund_status`` (or the provider's notification, whichever is first).

A payment nobody wants any more (it arrived after the order closed, or a second one for a paid
order) is refunded whole without touching the order's money (``refund_late_payment``,
initiated_by 'late_payment'): the order never counted it."""

from __future__ import annotations

import logging
import uuid
from typing import Any

import asyncpg
import msgspec

from yiqiao import db
from yiqiao.audit import service as audit
from yiqiao.billing import events, lifecycle
from yiqiao.billing.service import insurance as insurance_service
from yiqiao.billing.service import orders
from yiqiao.billing.service.queries import refund_view
from yiqiao.billing.types import RefundCommand, RefundView
from yiqiao.integrations.errors import ProviderError
from yiqiao.integrations.payment.base import RefundRequest, RefundStatus
from yiqiao.kit import clock
from yiqiao.kit.actor import SYSTEM, Actor
from yiqiao.kit.errors import Conflict, Forbidden, Invalid, NotFound
from yiqiao.kit.ids import new_id
from yiqiao.kit.sm3 import sm3_hex

log = logging.getLogger("yiqiao.billing")

# Refunds that give back money the order never counted (a late or second payment).
ATTEMPT_ONLY = "late_payment"
# Who may refund any line; a patient refunds refundable lines only.
ANY_LINE = ("staff", "stop_clinic", "discharge", "system", "late_payment")

_REFUND_NO = (
    "'RF' || to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD')"
    " || lpad(nextval('billing_refund_no_seq')::text, 8, '0')"
)
_INSERT = (
    "INSERT INTO billing_refund (id, refund_no, order_id, payment_id, amount_fen, insurance_fen, status,"  # noqa: S608
    " initiated_by, reason, items, requested_by, idempotency_key, request_hash) VALUES ({}, "
    + _REFUND_NO
    + ", {}, {}, {}, {}, 'processing', {}, {}, {}::jsonb, {}, {}, {}) RETURNING *"
)


class _Line(msgspec.Struct, frozen=True):
    line_no: int
    amount_fen: int


def _in_outer_transaction() -> bool:
    return db.engine().current_transaction.get() is not None


def _initiator(actor: Actor, asked: str) -> str:
    if actor.kind == "system":
        return asked
    if actor.kind == "staff":
        return "staff" if asked == "patient" else asked
    if asked != "patient":
        raise Forbidden("Only the hospital starts this kind of refund.", code="refund_initiator_not_allowed")
    return "patient"


def _request_hash(order_id: uuid.UUID, cmd: RefundCommand, initiated_by: str) -> str:
    return sm3_hex(f"{order_id}|{initiated_by}|".encode() + msgspec.json.encode(cmd))[:32]


async def _replay(actor: Actor, key: str, request_hash: str) -> RefundView | None:
    rows = await db.fetch(
        "SELECT r.*, p.provider, o.order_no FROM billing_refund r JOIN billing_order o ON o.id = r.order_id"
        " LEFT JOIN billing_payment p ON p.id = r.payment_id"
        " WHERE r.requested_by = {} AND r.idempotency_key = {}",
        actor.label,
        key,
    )
    if not rows:
        return None
    r = rows[0]
    if r["request_hash"] != request_hash:
        raise Conflict(
            "This idempotency key was already used for a different refund; use a new key.",
            code="idempotency_key_reused",
        )
    return refund_view(r, r["order_no"], r["provider"])


def _is_int(v: object) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _choose_lines(cmd: RefundCommand, items: list[dict[str, Any]], any_line: bool) -> list[_Line]:
    """Which lines give how much, by the rules (see the module docstring)."""
    by_no = {i["line_no"]: i for i in items}
    allowed = [i for i in items if any_line or i["refundable"]]
    if cmd.amount_fen is not None and (not _is_int(cmd.amount_fen) or cmd.amount_fen <= 0):
        raise Invalid("A refund is a whole number of fen, more than 0.", code="amount_invalid")
    chosen: list[_Line] = []
    if cmd.item_lines:
        seen: set[int] = set()
        for ln in cmd.item_lines:
            if ln.line_no in seen:
                raise Invalid(f"Line {ln.line_no} is named twice.", code="refund_line_repeated")
            seen.add(ln.line_no)
            item = by_no.get(ln.line_no)
            if item is None:
                raise Invalid(f"This order has no line {ln.line_no}.", code="refund_line_unknown")
            if not (any_line or item["refundable"]):
                raise Conflict(
                    f"'{item['name']}' was already done or dispensed and cannot be refunded online;"
                    " please ask at the hospital.",
                    code="item_not_refundable",
                    line_no=ln.line_no,
                )
            left = item["amount_fen"] - item["refunded_fen"]
            want = left if ln.amount_fen is None else ln.amount_fen
            if ln.amount_fen is not None and (not _is_int(ln.amount_fen) or ln.amount_fen <= 0):
                raise Invalid("A refund is a whole number of fen, more than 0.", code="amount_invalid")
            if want <= 0 or want > left:
                raise Conflict(
                    f"Line {ln.line_no} has {left} fen left to refund.",
                    code="refund_exceeds_item",
                    line_no=ln.line_no,
                    left_fen=left,
                )
            chosen.append(_Line(ln.line_no, want))
        if cmd.amount_fen is not None and cmd.amount_fen != sum(c.amount_fen for c in chosen):
            raise Invalid("amount_fen is not the sum of the lines named.", code="refund_amount_mismatch")
        return chosen
    left_total = sum(i["amount_fen"] - i["refunded_fen"] for i in allowed)
    want_total = left_total if cmd.amount_fen is None else cmd.amount_fen
    if left_total <= 0:
        raise Conflict("Nothing on this order can be refunded (any more).", code="nothing_to_refund")
    if want_total > left_total:
        raise Conflict(
            f"At most {left_total} fen of this order can be refunded.",
            code="refund_exceeds_refundable",
            left_fen=left_total,
        )
    for i in allowed:
        if want_total == 0:
            break
        take = min(i["amount_fen"] - i["refunded_fen"], want_total)
        if take > 0:
            chosen.append(_Line(i["line_no"], take))
            want_total -= take
    return chosen


async def _counted_payment(order_id: uuid.UUID) -> dict[str, Any] | None:
    """The attempt whose money the order counted (late ones are refunded on their own)."""
    rows = await db.fetch(
        "SELECT * FROM billing_payment WHERE order_id = {} AND status = 'succeeded' AND NOT late"
        " ORDER BY finished_at LIMIT 1",
        order_id,
    )
    return rows[0] if rows else None


async def _create(
    actor: Actor,
    order: dict[str, Any],
    *,
    payment_id: uuid.UUID | None,
    amount: int,
    initiated_by: str,
    reason: str,
    lines: list[_Line],
    requested_by: str,
    key: str,
    request_hash: str,
) -> dict[str, Any]:
    """Hold the money and write the refund, in the caller's transaction (order row locked)."""
    if initiated_by != ATTEMPT_ONLY:
        await lifecycle.apply_order(actor, order["id"], "hold_refund", amount_fen=amount, reason=reason)
        for ln in lines:
            ok = await db.fetch(
                "UPDATE billing_order_item SET refunded_fen = refunded_fen + {} WHERE order_id = {}"
                " AND line_no = {} AND refunded_fen + {} <= amount_fen RETURNING id",
                ln.amount_fen,
                order["id"],
                ln.line_no,
                ln.amount_fen,
            )
            if not ok:
                raise Conflict(
                    f"Line {ln.line_no} is already being refunded.",
                    code="refund_exceeds_item",
                    line_no=ln.line_no,
                )
    rows = await db.fetch(
        _INSERT,
        new_id(),
        order["id"],
        payment_id,
        amount,
        0,  # the insurance part is set by insurance_service.split_refund below
        initiated_by,
        reason[:200],
        msgspec.json.encode([{"line_no": ln.line_no, "amount_fen": ln.amount_fen} for ln in lines]).decode(),
        requested_by,
        key,
        request_hash,
    )
    row = rows[0]
    if initiated_by != ATTEMPT_ONLY:
        # For a pre-settled order the insurance service splits the refund line by line between the
        # fund, the personal account and the cash, records the insurance part and puts it on the
        # refund (``insurance_fen``); also when the fund share came to 0 (all under the
        # deductible): the centre must still hear which lines came back to restore the deductible.
        row = await insurance_service.split_refund(actor, order, row)
    if row["amount_fen"] - row["insurance_fen"] > 0 and payment_id is None:
        raise Conflict("No payment of this order can take a refund.", code="no_payment_to_refund")
    await audit.record(
        actor,
        "billing_refund.create",
        "billing_refund",
        row["id"],
        {
            "to": "processing",
            "refund_no": row["refund_no"],
            "order_no": order["order_no"],
            "amount_fen": amount,
            "insurance_fen": row["insurance_fen"],
            "initiated_by": initiated_by,
            "reason": reason,
        },
        institution_id=order["institution_id"],
    )
    await events.publish(events.REFUND_SUBMIT, order["id"], str(row["id"]), refund_id=str(row["id"]))
    return row


async def request_refund(
    actor: Actor,
    order_id: uuid.UUID,
    cmd: RefundCommand,
    idempotency_key: str,
    *,
    initiated_by: str = "patient",
) -> RefundView:
    """Refund (part of) a paid order to where the money came from. The same key returns the same
    refund; two refunds racing for the same money: one wins, the other gets 409."""
    initiated_by = _initiator(actor, initiated_by)
    order = await orders.load_visible(actor, order_id)
    request_hash = _request_hash(order_id, cmd, initiated_by)
    replay = await _replay(actor, idempotency_key, request_hash)
    if replay is not None:
        return replay
    if initiated_by == "patient" and order["subject_type"] is not None:
        raise Conflict(
            "This fee comes back when you cancel what it paid for (the booking); cancel that instead.",
            code="refund_via_subject",
            subject_type=order["subject_type"],
        )
    if initiated_by == "patient" and order["kind"] == "outpatient":
        # Outpatient bills (bills.py): lines the HIS has executed or dispensed since the order was
        # paid are marked not refundable before the rules below read them.
        from yiqiao.billing.service.bills import sync_refundable

        await sync_refundable(order_id)
    try:
        async with db.transaction():
            row = await _refund_in_tx(
                actor, order_id, cmd, initiated_by, actor.label, idempotency_key, request_hash
            )
    except asyncpg.UniqueViolationError as exc:
        if exc.constraint_name != "billing_refund_idempotency":
            raise
        replay = await _replay(actor, idempotency_key, request_hash)
        assert replay is not None
        return replay
    if not _in_outer_transaction():
        await submit(row["id"])
    return await _view(row["id"])


async def _refund_in_tx(
    actor: Actor,
    order_id: uuid.UUID,
    cmd: RefundCommand,
    initiated_by: str,
    requested_by: str,
    key: str,
    request_hash: str,
) -> dict[str, Any]:
    order = (await db.fetch("SELECT * FROM billing_order WHERE id = {} FOR UPDATE", order_id))[0]
    if order["status"] not in lifecycle.REFUNDABLE:
        if order["status"] == "refunded":
            raise Conflict("This order has already been refunded in full.", code="order_already_refunded")
        raise Conflict(
            f"This order is {lifecycle.ORDER_STATUS_WORDS.get(order['status'], order['status'])};"
            " only paid orders are refunded.",
            code="order_not_paid",
            status=order["status"],
        )
    items = await db.fetch("SELECT * FROM billing_order_item WHERE order_id = {} ORDER BY line_no", order_id)
    lines = _choose_lines(cmd, items, initiated_by in ANY_LINE)
    amount = sum(ln.amount_fen for ln in lines)
    left = order["paid_fen"] + order["insurance_fen"] - order["refunded_fen"] - order["refund_held_fen"]
    if amount > left:
        raise Conflict(
            f"At most {left} fen of this order can still be refunded.",
            code="refund_exceeds_paid",
            left_fen=left,
        )
    payment = await _counted_payment(order_id)
    return await _create(
        actor,
        order,
        payment_id=payment["id"] if payment else None,
        amount=amount,
        initiated_by=initiated_by,
        reason=cmd.reason,
        lines=lines,
        requested_by=requested_by,
        key=key,
        request_hash=request_hash,
    )


async def refund_subject(
    actor: Actor, subject_type: str, subject_id: str, *, initiated_by: str, reason: str
) -> RefundView | None:
    """Whatever was paid for a subject goes back in full (a stop-clinic, a cancelled paid booking);
    an order for it still waiting for payment is closed instead (a late payment is then refunded
    when it comes). Works inside the caller's transaction (the refund is sent after the commit by
    the worker) or on its own (sent at once). None when nothing was paid."""
    order = await orders.live_order_for(subject_type, subject_id)
    if order is None:
        return None
    if order["status"] in lifecycle.PAYABLE:
        async with db.transaction():
            locked = await db.fetch("SELECT status FROM billing_order WHERE id = {} FOR UPDATE", order["id"])
            if locked[0]["status"] in lifecycle.PAYABLE:
                await lifecycle.apply_order(actor, order["id"], "close", reason=reason)
                await events.publish(
                    events.ORDER_NOT_PAID, order["id"], f"{order['id']}:closed", status="closed"
                )
        return None
    if order["status"] not in lifecycle.REFUNDABLE:
        return None
    key = f"subject:{order['id']}:{initiated_by}"
    cmd = RefundCommand(reason=reason)
    request_hash = _request_hash(order["id"], cmd, initiated_by)
    replay = await _replay(SYSTEM, key, request_hash)
    if replay is not None:
        return replay
    try:
        async with db.transaction():
            row = await _refund_in_tx(actor, order["id"], cmd, initiated_by, SYSTEM.label, key, request_hash)
    except Conflict as exc:
        if exc.code in ("nothing_to_refund", "order_already_refunded", "refund_exceeds_paid"):
            return None  # already on its way back
        raise
    if not _in_outer_transaction():
        await submit(row["id"])
    return await _view(row["id"])


async def refund_late_payment(actor: Actor, order: dict[str, Any], payment: dict[str, Any]) -> uuid.UUID:
    """In the payment's transaction: the whole attempt goes back; the order is not touched."""
    key = f"late:{payment['id']}"
    existing = await db.fetch(
        "SELECT id FROM billing_refund WHERE requested_by = {} AND idempotency_key = {}", SYSTEM.label, key
    )
    if existing:
        refund_id: uuid.UUID = existing[0]["id"]
        return refund_id
    row = await _create(
        actor,
        order,
        payment_id=payment["id"],
        amount=payment["amount_fen"],
        initiated_by=ATTEMPT_ONLY,
        reason="支付到达时订单已关闭或已由其他方式支付，款项原路退回",
        lines=[],
        requested_by=SYSTEM.label,
        key=key,
        request_hash=key,
    )
    new: uuid.UUID = row["id"]
    return new


async def refund_unwanted_order(actor: Actor, order_id: uuid.UUID, why: str) -> uuid.UUID:
    """In the payment's transaction: the order was paid but what it paid for is gone (the
    booking's hold lapsed): the whole order goes back."""
    cmd = RefundCommand(reason=f"所缴费用对应的服务已失效，全额原路退回（{why[:120]}）")
    key = f"unwanted:{order_id}"
    row = await _refund_in_tx(actor, order_id, cmd, "system", SYSTEM.label, key, key)
    new: uuid.UUID = row["id"]
    return new


# ---------------------------------------------------------------------------------------------
# Sending a refund to its provider, and what the provider says back


async def submit_from_event(order_id: uuid.UUID, payload: dict[str, Any]) -> None:
    """``billing.refund_submit`` subscriber (worker)."""
    await submit(uuid.UUID(payload["refund_id"]))


async def submit(refund_id: uuid.UUID) -> str:
    """Ask the provider for this refund (again: the same out_refund_no is one refund there) and
    apply its answer. The insurance share goes back through the insurance service first."""
    from yiqiao.billing.service import payments

    rows = await db.fetch(
        "SELECT r.*, p.out_trade_no, p.provider_txn_id, p.amount_fen AS payment_fen, p.provider"
        " FROM billing_refund r LEFT JOIN billing_payment p ON p.id = r.payment_id WHERE r.id = {}",
        refund_id,
    )
    if not rows or rows[0]["status"] != "processing":
        return payments.DUPLICATE
    r = rows[0]
    if r["insurance_fen"] > 0 and not await insurance_service.refund_insurance_share(SYSTEM, r):
        return payments.PENDING
    provider_part = r["amount_fen"] - r["insurance_fen"]
    if provider_part == 0:
        async with db.transaction():
            await db.fetch("SELECT id FROM billing_order WHERE id = {} FOR UPDATE", r["order_id"])
            done = await settle(SYSTEM, refund_id, None)
        return payments.APPLIED if done else payments.DUPLICATE
    prov = payments.provider(r["provider"])
    try:
        status = await prov.refund(
            RefundRequest(
                out_trade_no=r["out_trade_no"],
                provider_txn_id=r["provider_txn_id"] or "",
                out_refund_no=r["refund_no"],
                amount_fen=provider_part,
                total_fen=r["payment_fen"],
                reason=r["reason"][:80],
                notify_url=payments.notify_url(r["provider"]),
            )
        )
    except ProviderError as exc:
        if exc.transient:
            log.warning("refund %s: provider unavailable (%s); the sweep retries", r["refund_no"], exc)
            return payments.PENDING
        log.warning("refund %s: provider refused: %s", r["refund_no"], exc)
        status = RefundStatus(
            out_refund_no=r["refund_no"],
            state="failed",
            amount_fen=provider_part,
            failure_reason=f"{exc.code}: {exc.message}"[:200],
        )
    return await payments.apply_refund_status(SYSTEM, r["provider"], status)


async def settle(actor: Actor, refund_id: uuid.UUID, status: RefundStatus | None) -> bool:
    """The refund succeeded (caller's transaction, order row locked): ledger, order money, event."""
    row = await lifecycle.apply_refund(
        actor,
        refund_id,
        "succeed",
        provider_refund_id=(status.provider_refund_id or None) if status else None,
    )
    if row is None:
        return False
    info = await db.fetch(
        "SELECT o.institution_id, p.provider FROM billing_order o LEFT JOIN billing_payment p"
        " ON p.id = {} WHERE o.id = {}",
        row["payment_id"],
        row["order_id"],
    )
    provider_part = row["amount_fen"] - row["insurance_fen"]
    if provider_part > 0:
        await db.execute(
            "INSERT INTO billing_ledger (at, institution_id, order_id, refund_id, provider, entry,"
            " amount_fen, provider_ref) VALUES ({}, {}, {}, {}, {}, 'refund', {}, {})"
            " ON CONFLICT (refund_id) WHERE entry = 'refund' DO NOTHING",
            (status.finished_at if status else None) or clock.now(),
            info[0]["institution_id"],
            row["order_id"],
            refund_id,
            info[0]["provider"],
            -provider_part,
            (status.provider_refund_id if status else "") or row["refund_no"],
        )
    scope = "attempt" if row["initiated_by"] == ATTEMPT_ONLY else "order"
    if scope == "order":
        await lifecycle.apply_order(
            actor, row["order_id"], "settle_refund", amount_fen=row["amount_fen"], reason=row["refund_no"]
        )
    await events.publish(
        events.REFUND_SUCCEEDED, row["order_id"], str(refund_id), refund_id=str(refund_id), scope=scope
    )
    return True


async def fail(actor: Actor, refund_id: uuid.UUID, status: RefundStatus) -> bool:
    """The refund failed (caller's transaction, order row locked): the held money is released."""
    row = await lifecycle.apply_refund(
        actor,
        refund_id,
        "fail",
        provider_refund_id=status.provider_refund_id or None,
        reason=status.failure_reason or "refused by the provider",
    )
    if row is None:
        return False
    if row["initiated_by"] != ATTEMPT_ONLY:
        await lifecycle.apply_order(
            actor, row["order_id"], "release_refund", amount_fen=row["amount_fen"], reason=row["refund_no"]
        )
        lines = row["items"]
        if isinstance(lines, str):
            lines = msgspec.json.decode(lines)
        for ln in lines or []:
            await db.execute(
                "UPDATE billing_order_item SET refunded_fen = refunded_fen - {}"
                " WHERE order_id = {} AND line_no = {}",
                ln["amount_fen"],
                row["order_id"],
                ln["line_no"],
            )
    log.warning("refund %s failed: %s", row["refund_no"], status.failure_reason)
    return True


async def _view(refund_id: uuid.UUID) -> RefundView:
    rows = await db.fetch(
        "SELECT r.*, p.provider, o.order_no FROM billing_refund r JOIN billing_order o ON o.id = r.order_id"
        " LEFT JOIN billing_payment p ON p.id = r.payment_id WHERE r.id = {}",
        refund_id,
    )
    if not rows:
        raise NotFound("No such refund.", code="refund_not_found")
    return refund_view(rows[0], rows[0]["order_no"], rows[0]["provider"])
