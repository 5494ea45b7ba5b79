"""The billing state machines, in one place: an order, a payment attempt, a refund.

Order (what the patient owes and what became of it)::

    (create) ──────────▶ created ──start_payment──▶ paying ──pay──▶ paid
    created | paying | failed ──pay──▶ paid          (a success can overtake our own bookkeeping)
    paying ──fail──▶ failed ──start_payment──▶ paying          (try again, or another way to pay)
    created | paying | failed ──close──▶ closed       (timed out, or cancelled before payment)
    paid | partially_refunded | refunding ──hold_refund──▶ refunding      (money set aside first,
                                                      so two refunds cannot both take it)
    refunding ──settle_refund──▶ refunded | partially_refunded | refunding (others still running)
    refunding ──release_refund──▶ paid | partially_refunded | refunding   (a refund failed)

The money columns move with the status in the same conditional UPDATE: ``pay`` adds to
``paid_fen``; ``hold_refund`` adds to ``refund_held_fen`` only while ``refunded_fen +
refund_held_fen`` stays within what was collected (the CHECK in migration 0012 backs it up);
``settle_refund`` moves the amount from held to ``refunded_fen``; ``release_refund`` gives it back.

Payment attempt (one try at collecting the self-pay share through one provider)::

    (create) ──▶ pending ──succeed──▶ succeeded
    pending ──fail──▶ failed          pending ──close──▶ closed
    closed | failed ──succeed──▶ succeeded     (the provider took the money after we gave up:
                                               if the order still wants it, it pays the order;
                                               if not, the caller marks it late and refunds it)

Refund::

    (create) ──▶ processing ──succeed──▶ succeeded      processing ──fail──▶ failed

Every transition is one conditional UPDATE (two racing transitions cannot both apply) and one audit
entry, in the caller's transaction."""

from __future__ import annotations

import uuid
from typing import Any

import msgspec

from yiqiao import db
from yiqiao.audit import service as audit
from yiqiao.kit import clock
from yiqiao.kit.actor import Actor
from yiqiao.kit.errors import Conflict, NotFound

# Statuses in which the order still owes money / can still be paid.
PAYABLE = ("created", "paying", "failed")
# Statuses in which money was collected and may be refunded.
REFUNDABLE = ("paid", "partially_refunded", "refunding")

# After a refund settles or is released, where the order stands follows from its money columns.
_AFTER_REFUND = (
    "CASE WHEN o.refund_held_fen - {amount} > 0 THEN 'refunding'"
    " WHEN o.refunded_fen + {settled} = 0 THEN 'paid'"
    " WHEN o.refunded_fen + {settled} >= o.paid_fen + o.insurance_fen THEN 'refunded'"
    " ELSE 'partially_refunded' END"
)


class OrderTransition(msgspec.Struct, frozen=True):
    sources: tuple[str, ...]
    target_sql: str  # a literal status, or a CASE over the row's money columns
    money_sql: str = ""  # extra SET clauses; {amount} is the transition's amount in fen
    guard_sql: str = ""  # extra WHERE condition on the row before the update


ORDER_TRANSITIONS: dict[str, OrderTransition] = {
    "start_payment": OrderTransition(PAYABLE, "'paying'"),
    "pay": OrderTransition(PAYABLE, "'paid'", "paid_fen = o.paid_fen + {amount}, paid_at = {now}"),
    "fail": OrderTransition(("paying",), "'failed'"),
    "close": OrderTransition(PAYABLE, "'closed'", "closed_at = {now}"),
    "hold_refund": OrderTransition(
        REFUNDABLE,
        "'refunding'",
        "refund_held_fen = o.refund_held_fen + {amount}",
        "o.refunded_fen + o.refund_held_fen + {amount} <= o.paid_fen + o.insurance_fen",
    ),
    "settle_refund": OrderTransition(
        ("refunding",),
        _AFTER_REFUND.replace("{settled}", "{amount}"),
        "refund_held_fen = o.refund_held_fen - {amount}, refunded_fen = o.refunded_fen + {amount}",
        "o.refund_held_fen >= {amount}",
    ),
    "release_refund": OrderTransition(
        ("refunding",),
        _AFTER_REFUND.replace("{settled}", "0"),
        "refund_held_fen = o.refund_held_fen - {amount}",
        "o.refund_held_fen >= {amount}",
    ),
}

ORDER_STATUS_WORDS = {
    "created": "waiting for payment",
    "paying": "being paid",
    "paid": "paid",
    "refunding": "being refunded",
    "partially_refunded": "partly refunded",
    "refunded": "refunded",
    "closed": "closed (not paid in time, or cancelled)",
    "failed": "not paid (the payment failed; you can try again)",
}


class SimpleTransition(msgspec.Struct, frozen=True):
    sources: tuple[str, ...]
    target: str


PAYMENT_TRANSITIONS: dict[str, SimpleTransition] = {
    "succeed": SimpleTransition(("pending", "closed", "failed"), "succeeded"),
    "fail": SimpleTransition(("pending",), "failed"),
    "close": SimpleTransition(("pending",), "closed"),
}

REFUND_TRANSITIONS: dict[str, SimpleTransition] = {
    "succeed": SimpleTransition(("processing",), "succeeded"),
    "fail": SimpleTransition(("processing",), "failed"),
}


def _render(sql: str, amount_ph: str, now_ph: str) -> str:
    return sql.replace("{amount}", amount_ph).replace("{now}", now_ph)


async def apply_order(
    actor: Actor, order_id: uuid.UUID, name: str, *, amount_fen: int = 0, reason: str = ""
) -> dict[str, Any]:
    """Apply order transition ``name`` (moving ``amount_fen`` where the transition moves money);
    raises Conflict when the order is not in a source state or the money would not add up."""
    t = ORDER_TRANSITIONS[name]
    if amount_fen < 0:
        raise ValueError("amount_fen must not be negative")
    sets = ["status = " + _render(t.target_sql, "{a}", "{n}"), "status_reason = {r}", "updated_at = {n}"]
    if t.money_sql:
        sets.append(_render(t.money_sql, "{a}", "{n}"))
    guard = f" AND {_render(t.guard_sql, '{a}', '{n}')}" if t.guard_sql else ""
    # Only the fixed SQL fragments of ORDER_TRANSITIONS are joined here; every value is bound.
    sql = (
        "UPDATE billing_order b SET "  # noqa: S608
        + ", ".join(sets)
        + " FROM (SELECT * FROM billing_order WHERE id = {id} FOR UPDATE) o"
        + " WHERE b.id = o.id AND o.status = ANY({src})"
        + guard
        + " RETURNING b.*, o.status AS old"
    )
    values = {"a": amount_fen, "n": clock.now(), "r": reason, "id": order_id, "src": list(t.sources)}
    rows = await _fetch_named(sql, values)
    if not rows:
        now = await db.fetch("SELECT status FROM billing_order WHERE id = {}", order_id)
        if not now:
            raise NotFound("No such order.", code="order_not_found")
        status = now[0]["status"]
        if status in t.sources:
            raise Conflict(
                "The amount is more than is left to refund on this order.",
                code="refund_exceeds_paid",
                status=status,
                transition=name,
            )
        raise Conflict(
            f"This order is {ORDER_STATUS_WORDS.get(status, status)}; the step {name!r} does not apply.",
            code="order_wrong_state",
            status=status,
            transition=name,
        )
    row = rows[0]
    await audit.record(
        actor,
        f"billing_order.{name}",
        "billing_order",
        order_id,
        {
            "from": row["old"],
            "to": row["status"],
            "amount_fen": amount_fen,
            "reason": reason,
            "order_no": row["order_no"],
        },
        institution_id=row["institution_id"],
    )
    return row


async def apply_payment(
    actor: Actor, payment_id: uuid.UUID, name: str, *, provider_txn_id: str | None = None, reason: str = ""
) -> dict[str, Any] | None:
    """Apply payment-attempt transition ``name``; returns None when the attempt is not in a source
    state (a repeated or stale notification: the caller decides whether that is an error)."""
    t = PAYMENT_TRANSITIONS[name]
    rows = await db.fetch(
        "UPDATE billing_payment p SET status = {}, finished_at = {},"
        " provider_txn_id = COALESCE({}, p.provider_txn_id), failure_reason = {}"
        " FROM (SELECT id, status AS old FROM billing_payment WHERE id = {} FOR UPDATE) o"
        " WHERE p.id = o.id AND o.old = ANY({}) RETURNING p.*, o.old",
        t.target,
        clock.now(),
        provider_txn_id,
        reason if name == "fail" else "",
        payment_id,
        list(t.sources),
    )
    if not rows:
        return None
    row = rows[0]
    pay_order = await db.fetch("SELECT institution_id FROM billing_order WHERE id = {}", row["order_id"])
    await audit.record(
        actor,
        f"billing_payment.{name}",
        "billing_payment",
        payment_id,
        {
            "from": row["old"],
            "to": t.target,
            "out_trade_no": row["out_trade_no"],
            "provider": row["provider"],
            "amount_fen": row["amount_fen"],
            "reason": reason,
        },
        institution_id=pay_order[0]["institution_id"],
    )
    return row


async def apply_refund(
    actor: Actor, refund_id: uuid.UUID, name: str, *, provider_refund_id: str | None = None, reason: str = ""
) -> dict[str, Any] | None:
    """Apply refund transition ``name``; returns None when the refund is not in a source state."""
    t = REFUND_TRANSITIONS[name]
    rows = await db.fetch(
        "UPDATE billing_refund r SET status = {}, finished_at = {},"
        " provider_refund_id = COALESCE({}, r.provider_refund_id), failure_reason = {}"
        " FROM (SELECT id, status AS old FROM billing_refund WHERE id = {} FOR UPDATE) o"
        " WHERE r.id = o.id AND o.old = ANY({}) RETURNING r.*, o.old",
        t.target,
        clock.now(),
        provider_refund_id,
        reason if name == "fail" else "",
        refund_id,
        list(t.sources),
    )
    if not rows:
        return None
    row = rows[0]
    order = await db.fetch("SELECT institution_id FROM billing_order WHERE id = {}", row["order_id"])
    await audit.record(
        actor,
        f"billing_refund.{name}",
        "billing_refund",
        refund_id,
        {
            "from": row["old"],
            "to": t.target,
            "refund_no": row["refund_no"],
            "amount_fen": row["amount_fen"],
            "reason": reason,
        },
        institution_id=order[0]["institution_id"],
    )
    return row


async def _fetch_named(sql: str, values: dict[str, Any]) -> list[dict[str, Any]]:
    """``db.fetch`` takes ``{}`` positional placeholders; the order transitions are easier to read
    with named ones (``{a}`` amount, ``{n}`` now, ...), so translate in order of appearance."""
    import re

    args: list[Any] = []

    def sub(m: re.Match[str]) -> str:
        args.append(values[m.group(1)])
        return "{}"

    return await db.fetch(re.sub(r"\{(\w+)\}", sub, sql), *args)
