"""The three billing state machines, transition by transition on real PostgreSQL: each named
transition applies from each of its sources (audited, money columns moved with the status) and from
no other status (409, nothing changed); the money guards hold; racing transitions apply once."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import pytest

from tests.integration.billing_world import audit_actions, make_order, new_patient

ORDER_STATUSES = (
    "created",
    "paying",
    "paid",
    "refunding",
    "partially_refunded",
    "refunded",
    "closed",
    "failed",
)


async def _order_in(status: str, *, paid: int = 0, held: int = 0, refunded: int = 0) -> uuid.UUID:
    """An order of 1000 fen put straight into ``status`` with these money columns (test setup)."""
    from yiqiao import db

    account, patient = await new_patient("机")
    order = await make_order(account, patient, 1000)
    await db.execute(
        "UPDATE billing_order SET status = {}, paid_fen = {}, refund_held_fen = {}, refunded_fen = {} WHERE id = {}",
        status,
        paid,
        held,
        refunded,
        order.id,
    )
    return order.id


async def _row(table: str, id_: uuid.UUID) -> dict[str, Any]:
    from yiqiao import db

    return (await db.fetch(f"SELECT * FROM {table} WHERE id = {{}}", id_))[0]


# (transition, amount, source status, money before (paid, held, refunded), expected status, money after)
ORDER_CASES = [
    ("start_payment", 0, "created", (0, 0, 0), "paying", (0, 0, 0)),
    ("start_payment", 0, "paying", (0, 0, 0), "paying", (0, 0, 0)),
    ("start_payment", 0, "failed", (0, 0, 0), "paying", (0, 0, 0)),
    ("pay", 1000, "created", (0, 0, 0), "paid", (1000, 0, 0)),
    ("pay", 1000, "paying", (0, 0, 0), "paid", (1000, 0, 0)),
    ("pay", 1000, "failed", (0, 0, 0), "paid", (1000, 0, 0)),
    ("fail", 0, "paying", (0, 0, 0), "failed", (0, 0, 0)),
    ("close", 0, "created", (0, 0, 0), "closed", (0, 0, 0)),
    ("close", 0, "paying", (0, 0, 0), "closed", (0, 0, 0)),
    ("close", 0, "failed", (0, 0, 0), "closed", (0, 0, 0)),
    ("hold_refund", 400, "paid", (1000, 0, 0), "refunding", (1000, 400, 0)),
    ("hold_refund", 400, "partially_refunded", (1000, 0, 300), "refunding", (1000, 400, 300)),
    ("hold_refund", 300, "refunding", (1000, 400, 0), "refunding", (1000, 700, 0)),
    ("settle_refund", 400, "refunding", (1000, 400, 0), "partially_refunded", (1000, 0, 400)),
    ("settle_refund", 1000, "refunding", (1000, 1000, 0), "refunded", (1000, 0, 1000)),
    ("settle_refund", 400, "refunding", (1000, 700, 0), "refunding", (1000, 300, 400)),
    ("release_refund", 400, "refunding", (1000, 400, 0), "paid", (1000, 0, 0)),
    ("release_refund", 400, "refunding", (1000, 400, 300), "partially_refunded", (1000, 0, 300)),
    ("release_refund", 400, "refunding", (1000, 700, 0), "refunding", (1000, 300, 0)),
]


@pytest.mark.parametrize(("name", "amount", "source", "before", "target", "after"), ORDER_CASES)
async def test_order_transition_applies_from_its_source(core, name, amount, source, before, target, after):
    from yiqiao.billing import lifecycle
    from yiqiao.kit.actor import SYSTEM

    order_id = await _order_in(source, paid=before[0], held=before[1], refunded=before[2])
    row = await lifecycle.apply_order(SYSTEM, order_id, name, amount_fen=amount, reason="test")
    assert row["status"] == target and row["old"] == source
    o = await _row("billing_order", order_id)
    assert (o["status"], o["paid_fen"], o["refund_held_fen"], o["refunded_fen"]) == (target, *after)
    assert (await audit_actions(order_id))[-1] == f"billing_order.{name}"


@pytest.mark.parametrize("name", sorted({c[0] for c in ORDER_CASES}))
async def test_order_transition_is_refused_from_every_other_status(core, name):
    from yiqiao.billing import lifecycle
    from yiqiao.kit.actor import SYSTEM
    from yiqiao.kit.errors import Conflict

    sources = lifecycle.ORDER_TRANSITIONS[name].sources
    for status in ORDER_STATUSES:
        if status in sources:
            continue
        order_id = await _order_in(status, paid=1000 if status in lifecycle.REFUNDABLE else 0)
        before = await _row("billing_order", order_id)
        with pytest.raises(Conflict) as exc:
            await lifecycle.apply_order(SYSTEM, order_id, name, amount_fen=100)
        assert exc.value.code == "order_wrong_state" and exc.value.extra["current_status"] == status
        assert await _row("billing_order", order_id) == before


async def test_order_money_guards_and_unknown_orders(core):
    from yiqiao.billing import lifecycle
    from yiqiao.kit.actor import SYSTEM
    from yiqiao.kit.errors import Conflict, NotFound

    order_id = await _order_in("paid", paid=1000)
    with pytest.raises(Conflict) as exc:
        await lifecycle.apply_order(SYSTEM, order_id, "hold_refund", amount_fen=1001)
    assert exc.value.code == "refund_exceeds_paid"
    held = await _order_in("refunding", paid=1000, held=300)
    for name in ("settle_refund", "release_refund"):
        with pytest.raises(Conflict):
            await lifecycle.apply_order(SYSTEM, held, name, amount_fen=301)
    with pytest.raises(ValueError):
        await lifecycle.apply_order(SYSTEM, order_id, "pay", amount_fen=-1)
    with pytest.raises(NotFound):
        await lifecycle.apply_order(SYSTEM, uuid.uuid4(), "close")
    # Racing holds for the same money: exactly one applies.
    racing = await _order_in("paid", paid=1000)
    results = await asyncio.gather(
        *(lifecycle.apply_order(SYSTEM, racing, "hold_refund", amount_fen=1000) for _ in range(4)),
        return_exceptions=True,
    )
    assert sum(not isinstance(r, BaseException) for r in results) == 1
    assert (await _row("billing_order", racing))["refund_held_fen"] == 1000


async def _attempt(status: str) -> uuid.UUID:
    from yiqiao import db
    from yiqiao.kit.ids import new_id

    account, patient = await new_patient("机付")
    order = await make_order(account, patient, 1000)
    pay_id = new_id()
    await db.execute(
        "INSERT INTO billing_payment (id, order_id, out_trade_no, provider, channel, amount_fen, status,"
        " requested_by, idempotency_key, request_hash) VALUES ({}, {}, {}, 'wechat', 'qr', 1000, {}, 't', {}, 'h')",
        pay_id,
        order.id,
        f"{order.order_no}01",
        status,
        str(pay_id),
    )
    return pay_id


PAYMENT_CASES = [
    ("succeed", "pending", "succeeded"),
    ("succeed", "closed", "succeeded"),
    ("succeed", "failed", "succeeded"),
    ("fail", "pending", "failed"),
    ("close", "pending", "closed"),
]


@pytest.mark.parametrize(("name", "source", "target"), PAYMENT_CASES)
async def test_payment_transitions(core, name, source, target):
    from yiqiao.billing import lifecycle
    from yiqiao.kit.actor import SYSTEM

    pay_id = await _attempt(source)
    row = await lifecycle.apply_payment(SYSTEM, pay_id, name, provider_txn_id="TX" + pay_id.hex[:12])
    assert row is not None and row["status"] == target and row["finished_at"] is not None
    assert await audit_actions(pay_id) == [f"billing_payment.{name}"]
    # From any status that is not a source: None, nothing changed.
    for other in ("pending", "succeeded", "failed", "closed"):
        if other in lifecycle.PAYMENT_TRANSITIONS[name].sources:
            continue
        pid = await _attempt(other)
        before = await _row("billing_payment", pid)
        assert await lifecycle.apply_payment(SYSTEM, pid, name) is None
        assert await _row("billing_payment", pid) == before


async def _refund_row(status: str) -> uuid.UUID:
    from yiqiao import db
    from yiqiao.kit.ids import new_id

    account, patient = await new_patient("机退")
    order = await make_order(account, patient, 1000)
    refund_id = new_id()
    await db.execute(
        "INSERT INTO billing_refund (id, refund_no, order_id, amount_fen, status, initiated_by, reason,"
        " requested_by, idempotency_key, request_hash) VALUES ({}, {}, {}, 500, {}, 'staff', 'r', 't', {}, 'h')",
        refund_id,
        "RFT" + refund_id.hex[:16],
        order.id,
        status,
        str(refund_id),
    )
    return refund_id


@pytest.mark.parametrize(("name", "target"), [("succeed", "succeeded"), ("fail", "failed")])
async def test_refund_transitions(core, name, target):
    from yiqiao.billing import lifecycle
    from yiqiao.kit.actor import SYSTEM

    refund_id = await _refund_row("processing")
    results = await asyncio.gather(*(lifecycle.apply_refund(SYSTEM, refund_id, name) for _ in range(3)))
    applied = [r for r in results if r is not None]
    assert len(applied) == 1 and applied[0]["status"] == target
    assert await audit_actions(refund_id) == [f"billing_refund.{name}"]
    for other in ("succeeded", "failed"):
        rid = await _refund_row(other)
        assert await lifecycle.apply_refund(SYSTEM, rid, name) is None


async def test_the_ledger_is_append_only(core):
    import asyncpg
    from yiqiao import db

    pay_id = await _attempt("succeeded")
    pay = await _row("billing_payment", pay_id)
    order = await _row("billing_order", pay["order_id"])
    rows = await db.fetch(
        "INSERT INTO billing_ledger (at, institution_id, order_id, payment_id, provider, entry, amount_fen,"
        " provider_ref) VALUES (now(), {}, {}, {}, 'wechat', 'payment', 1000, 'TX') RETURNING id",
        order["institution_id"],
        order["id"],
        pay_id,
    )
    with pytest.raises(asyncpg.UniqueViolationError):  # one entry per payment, ever
        await db.execute(
            "INSERT INTO billing_ledger (at, institution_id, order_id, payment_id, provider, entry, amount_fen,"
            " provider_ref) VALUES (now(), {}, {}, {}, 'wechat', 'payment', 1000, 'TX')",
            order["institution_id"],
            order["id"],
            pay_id,
        )
    with pytest.raises(asyncpg.PostgresError):
        await db.execute("UPDATE billing_ledger SET amount_fen = 1 WHERE id = {}", rows[0]["id"])
    with pytest.raises(asyncpg.PostgresError):
        await db.execute("DELETE FROM billing_ledger WHERE id = {}", rows[0]["id"])
