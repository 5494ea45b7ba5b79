"""Paying on real services: an attempt per payment, idempotent per key; what the provider says is
applied exactly once (duplicated, concurrent, late and out-of-order statuses), amounts are checked
against ours, a payment nobody wants any more is refunded automatically, and another patient can
never pay or see someone else's order."""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid
from typing import Any

import pytest

from tests.integration.billing_world import (
    add_family_member,
    audit_actions,
    counts,
    key,
    ledger,
    make_order,
    new_patient,
    patient_actor,
    refund_status,
    trade,
)


async def _pay(
    account: uuid.UUID, order_id: uuid.UUID, provider: str = "wechat", k: str | None = None
) -> Any:
    from yiqiao.billing.service import payments
    from yiqiao.billing.types import PayCommand

    return await payments.start_payment(
        patient_actor(account),
        order_id,
        PayCommand(provider=provider, channel="mini_program"),
        k or key("pay"),
    )


async def _order(order_id: uuid.UUID) -> dict[str, Any]:
    from yiqiao import db

    return (await db.fetch("SELECT * FROM billing_order WHERE id = {}", order_id))[0]


async def _payment(payment_id: uuid.UUID) -> dict[str, Any]:
    from yiqiao import db

    return (await db.fetch("SELECT * FROM billing_payment WHERE id = {}", payment_id))[0]


async def _events(order_id: uuid.UUID) -> list[str]:
    from yiqiao import db

    rows = await db.fetch(
        "SELECT topic FROM outbox_message WHERE channel = 'event' AND payload->>'order_id' = {} ORDER BY created_at",
        str(order_id),
    )
    return [r["topic"] for r in rows]


async def test_paying_opens_an_attempt_and_a_success_pays_the_order_once(core, providers):
    from yiqiao.billing.service import orders, payments
    from yiqiao.kit.actor import SYSTEM

    account, patient = await new_patient("付甲")
    order = await make_order(account, patient, 2500, 1200)
    start = await _pay(account, order.id)
    assert start.amount_fen == 3700 and start.out_trade_no == f"{order.order_no}01"
    assert start.payload.prepay_id == f"prepay-{start.out_trade_no}"
    sent = providers["wechat"].created[0]
    assert sent.amount_fen == 3700 and sent.notify_url.endswith("/payments/notify/wechat")
    assert sent.expires_at == order.expires_at
    assert (await _order(order.id))["status"] == "paying"
    outcome = await payments.apply_trade(SYSTEM, "wechat", trade(start.out_trade_no, "succeeded", 3700))
    assert outcome == "applied"
    view = await orders.get_order(patient_actor(account), order.id)
    assert view.status == "paid" and view.paid_fen == 3700 and view.paid_at is not None
    assert [(p.status, p.late) for p in view.payments] == [("succeeded", False)]
    assert [r["amount_fen"] for r in await ledger(order.id)] == [3700]
    assert await audit_actions(order.id) == [
        "billing_order.create",
        "billing_order.start_payment",
        "billing_order.pay",
    ]
    assert await audit_actions(start.payment_id) == ["billing_payment.create", "billing_payment.succeed"]
    assert await _events(order.id) == ["billing.order_paid"]
    # Said again (a redelivery, the query sweep, the kiosk polling): nothing more happens.
    for _ in range(2):
        assert await payments.apply_trade(SYSTEM, "wechat", trade(start.out_trade_no, "succeeded", 3700)) == (
            "duplicate"
        )
    # Said at once by many: still once.
    results = await asyncio.gather(
        *(
            payments.apply_trade(SYSTEM, "wechat", trade(start.out_trade_no, "succeeded", 3700))
            for _ in range(6)
        )
    )
    assert set(results) == {"duplicate"}
    assert len(await ledger(order.id)) == 1 and (await _order(order.id))["paid_fen"] == 3700


async def test_concurrent_successes_of_a_new_attempt_book_the_money_once(core, providers):
    from yiqiao.billing.service import payments
    from yiqiao.kit.actor import SYSTEM

    account, patient = await new_patient("付乙")
    order = await make_order(account, patient, 990)
    start = await _pay(account, order.id)
    results = await asyncio.gather(
        *(
            payments.apply_trade(SYSTEM, "wechat", trade(start.out_trade_no, "succeeded", 990))
            for _ in range(8)
        )
    )
    assert sorted(results) == ["applied"] + ["duplicate"] * 7
    assert [r["amount_fen"] for r in await ledger(order.id)] == [990]
    assert (await _order(order.id))["paid_fen"] == 990


async def test_same_key_same_attempt_and_other_body_is_409(core, providers):
    from yiqiao.billing.service import payments
    from yiqiao.billing.types import PayCommand
    from yiqiao.kit.errors import Conflict

    account, patient = await new_patient("付丙")
    order = await make_order(account, patient, 500)
    k = key("pay-same")
    first = await _pay(account, order.id, k=k)
    again = await _pay(account, order.id, k=k)
    assert again.payment_id == first.payment_id and again.out_trade_no == first.out_trade_no
    with pytest.raises(Conflict) as exc:
        await _pay(account, order.id, provider="alipay", k=k)
    assert exc.value.code == "idempotency_key_reused"
    k2 = key("pay-storm")
    actor = patient_actor(account)
    cmd = PayCommand(provider="wechat", channel="qr")
    starts = await asyncio.gather(*(payments.start_payment(actor, order.id, cmd, k2) for _ in range(5)))
    assert len({s.payment_id for s in starts}) == 1
    assert (await counts())["payments"] >= 2


async def test_switching_wallets_closes_the_open_attempt_first(core, providers):
    from yiqiao.billing.service import payments
    from yiqiao.kit.actor import SYSTEM
    from yiqiao.kit.errors import Conflict

    account, patient = await new_patient("付丁")
    order = await make_order(account, patient, 1500)
    wx = await _pay(account, order.id, "wechat")
    ali = await _pay(account, order.id, "alipay")
    assert providers["wechat"].closed == [wx.out_trade_no]
    assert (await _payment(wx.payment_id))["status"] == "closed"
    assert ali.out_trade_no.endswith("02")
    # If the first wallet had been paid meanwhile, that payment counts and paying again is refused.
    order2 = await make_order(account, patient, 800)
    first = await _pay(account, order2.id, "wechat")
    providers["wechat"].paid[first.out_trade_no] = 800
    with pytest.raises(Conflict) as exc:
        await _pay(account, order2.id, "alipay")
    assert exc.value.code == "order_already_paid"
    assert (await _order(order2.id))["status"] == "paid"
    assert (
        await payments.apply_trade(SYSTEM, "alipay", trade(ali.out_trade_no, "succeeded", 1500)) == "applied"
    )


async def test_a_failure_lets_the_patient_try_again_and_out_of_order_statuses_are_harmless(core, providers):
    from yiqiao.billing.service import payments
    from yiqiao.kit.actor import SYSTEM

    account, patient = await new_patient("付戊")
    order = await make_order(account, patient, 2000)
    first = await _pay(account, order.id)
    fail = trade(first.out_trade_no, "failed", 2000)
    assert await payments.apply_trade(SYSTEM, "wechat", fail) == "applied"
    assert (await _order(order.id))["status"] == "failed"
    assert await payments.apply_trade(SYSTEM, "wechat", fail) == "duplicate"
    second = await _pay(account, order.id)
    assert (await _order(order.id))["status"] == "paying"
    ok = trade(second.out_trade_no, "succeeded", 2000)
    assert await payments.apply_trade(SYSTEM, "wechat", ok) == "applied"
    # A failure arriving after the success changes nothing.
    assert (
        await payments.apply_trade(SYSTEM, "wechat", trade(second.out_trade_no, "failed", 2000))
        == "duplicate"
    )
    assert (await _order(order.id))["status"] == "paid"
    assert [r["amount_fen"] for r in await ledger(order.id)] == [2000]

    # A success overtaking a failure we recorded for the same attempt: the money counts.
    order2 = await make_order(account, patient, 700)
    att = await _pay(account, order2.id)
    assert await payments.apply_trade(SYSTEM, "wechat", trade(att.out_trade_no, "failed", 700)) == "applied"
    assert (
        await payments.apply_trade(SYSTEM, "wechat", trade(att.out_trade_no, "succeeded", 700)) == "applied"
    )
    o2 = await _order(order2.id)
    assert o2["status"] == "paid" and o2["paid_fen"] == 700
    assert (await _payment(att.payment_id))["late"] is False


async def test_wrong_amounts_unknown_trades_and_other_providers_change_nothing(core, providers):
    from yiqiao.billing.service import payments
    from yiqiao.kit.actor import SYSTEM

    account, patient = await new_patient("付己")
    order = await make_order(account, patient, 3000)
    start = await _pay(account, order.id)
    before = await counts()
    assert await payments.apply_trade(SYSTEM, "wechat", trade(start.out_trade_no, "succeeded", 1)) == (
        "rejected_amount"
    )
    assert await payments.apply_trade(SYSTEM, "alipay", trade(start.out_trade_no, "succeeded", 3000)) == (
        "unknown_reference"
    )
    assert await payments.apply_trade(SYSTEM, "wechat", trade("NO-SUCH-TRADE", "succeeded", 3000)) == (
        "unknown_reference"
    )
    assert (
        await payments.apply_trade(SYSTEM, "wechat", trade(start.out_trade_no, "pending", 3000)) == "pending"
    )
    assert (await _order(order.id))["status"] == "paying"
    assert await counts() == before
    # A provider transaction id already used by another attempt is never money taken twice.
    other = await make_order(account, patient, 3000)
    o_start = await _pay(account, other.id)
    assert await payments.apply_trade(
        SYSTEM, "wechat", trade(start.out_trade_no, "succeeded", 3000, "TX-1")
    ) == ("applied")
    assert await payments.apply_trade(
        SYSTEM, "wechat", trade(o_start.out_trade_no, "succeeded", 3000, "TX-1")
    ) == ("rejected_txn_reused")
    assert (await _order(other.id))["status"] == "paying"


async def test_a_payment_after_the_order_closed_is_refunded_automatically(core, providers):
    from yiqiao import db
    from yiqiao.billing.service import orders, payments, sweeps
    from yiqiao.kit.actor import SYSTEM

    account, patient = await new_patient("付庚")
    order = await make_order(account, patient, 4200)
    start = await _pay(account, order.id)
    await db.execute(
        "UPDATE billing_order SET expires_at = now() - interval '1 second' WHERE id = {}", order.id
    )
    closed, attempts = await sweeps.close_expired_orders()
    assert closed >= 1 and attempts >= 1 and start.out_trade_no in providers["wechat"].closed
    assert (await _order(order.id))["status"] == "closed"
    assert (await _payment(start.payment_id))["status"] == "closed"
    # The payer's wallet took the money anyway (the provider's close lost the race).
    outcome = await payments.apply_trade(SYSTEM, "wechat", trade(start.out_trade_no, "succeeded", 4200))
    assert outcome == "late_refunded"
    assert (
        await payments.apply_trade(SYSTEM, "wechat", trade(start.out_trade_no, "succeeded", 4200))
        == "duplicate"
    )
    pay = await _payment(start.payment_id)
    assert pay["status"] == "succeeded" and pay["late"] is True
    o = await _order(order.id)
    assert o["status"] == "closed" and o["paid_fen"] == 0 and o["refund_held_fen"] == 0
    sent = providers["wechat"].refunds
    assert [(r.out_trade_no, r.amount_fen, r.total_fen) for r in sent] == [(start.out_trade_no, 4200, 4200)]
    view = await orders.get_order(patient_actor(account), order.id)
    assert [(r.initiated_by, r.status, r.amount_fen) for r in view.refunds] == [
        ("late_payment", "processing", 4200)
    ]
    done = refund_status(sent[0].out_refund_no, "succeeded", 4200)
    assert await payments.apply_refund_status(SYSTEM, "wechat", done) == "applied"
    assert await payments.apply_refund_status(SYSTEM, "wechat", done) == "duplicate"
    assert [r["amount_fen"] for r in await ledger(order.id)] == [4200, -4200]
    o = await _order(order.id)
    assert o["status"] == "closed" and o["refunded_fen"] == 0
    assert await _events(order.id) == [
        "billing.order_not_paid",  # closed unpaid (a kiosk showing its QR code hears it)
        "billing.refund_submit",
        "billing.refund_succeeded",
    ]


async def test_a_second_success_for_a_paid_order_goes_back(core, providers):
    from yiqiao.billing.service import payments
    from yiqiao.kit.actor import SYSTEM

    account, patient = await new_patient("付辛")
    order = await make_order(account, patient, 1000)
    wx = await _pay(account, order.id, "wechat")
    # The wechat attempt is closed when the patient switches; its provider says it was not paid.
    ali = await _pay(account, order.id, "alipay")
    assert (
        await payments.apply_trade(SYSTEM, "alipay", trade(ali.out_trade_no, "succeeded", 1000)) == "applied"
    )
    # ... but it was, after all (a closed attempt's late success):
    assert await payments.apply_trade(SYSTEM, "wechat", trade(wx.out_trade_no, "succeeded", 1000)) == (
        "late_refunded"
    )
    o = await _order(order.id)
    assert o["status"] == "paid" and o["paid_fen"] == 1000
    assert [(r.out_trade_no, r.amount_fen) for r in providers["wechat"].refunds] == [(wx.out_trade_no, 1000)]
    assert sorted(r["amount_fen"] for r in await ledger(order.id)) == [1000, 1000]


async def test_family_pays_for_a_member_and_strangers_cannot(core, providers):
    from yiqiao.billing.service import orders, payments
    from yiqiao.billing.types import PayCommand
    from yiqiao.kit.errors import Conflict, Invalid, NotFound

    account, _patient = await new_patient("付壬")
    child = await add_family_member(account, "壬")
    stranger, _stranger_patient = await new_patient("付癸")
    order = await make_order(account, child, 1800)
    before = await counts()
    with pytest.raises(NotFound) as nf:
        await _pay(stranger, order.id)
    assert nf.value.code == "order_not_found"
    with pytest.raises(NotFound):
        await orders.get_order(patient_actor(stranger), order.id)
    with pytest.raises(NotFound):
        await _pay(account, uuid.uuid4())
    with pytest.raises(Invalid) as inv:
        await payments.start_payment(
            patient_actor(account),
            order.id,
            PayCommand(provider="bitcoin", channel="qr"),  # type: ignore[arg-type]
            key("bad"),
        )
    assert inv.value.code == "provider_unknown"
    assert await counts() == before
    start = await _pay(account, order.id)
    view = await orders.get_order(patient_actor(account), order.id)
    assert view.payments[0].paid_by_other is True  # the parent's account paid for the child
    # Paid or closed orders are not paid again.
    from yiqiao.kit.actor import SYSTEM

    await payments.apply_trade(SYSTEM, "wechat", trade(start.out_trade_no, "succeeded", 1800))
    with pytest.raises(Conflict) as cf:
        await _pay(account, order.id)
    assert cf.value.code == "order_already_paid"


async def test_the_query_sweep_applies_what_the_provider_says(core, providers):
    from yiqiao import db
    from yiqiao.billing.service import sweeps

    account, patient = await new_patient("付子")
    order = await make_order(account, patient, 600)
    start = await _pay(account, order.id)
    await db.execute(
        "UPDATE billing_payment SET created_at = {} WHERE id = {}",
        dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5),
        start.payment_id,
    )
    queried, applied = await sweeps.query_stale_payments()
    assert queried >= 1 and applied == 0 and (await _order(order.id))["status"] == "paying"
    providers["wechat"].paid[start.out_trade_no] = 600
    queried, applied = await sweeps.query_stale_payments()
    assert applied >= 1 and (await _order(order.id))["status"] == "paid"


async def test_the_patient_is_told_once_when_paid_and_when_refunded(core, providers):
    from yiqiao import db
    from yiqiao.billing.service import notices, payments, refunds
    from yiqiao.billing.types import RefundCommand
    from yiqiao.kit.actor import SYSTEM

    account, patient = await new_patient("付丑")
    order = await make_order(account, patient, 1999)
    start = await _pay(account, order.id)
    await payments.apply_trade(SYSTEM, "wechat", trade(start.out_trade_no, "succeeded", 1999))
    for _ in range(2):  # the event redelivered: one notice
        await notices.order_paid(order.id, {"order_id": str(order.id)})
    refund = await refunds.request_refund(
        patient_actor(account), order.id, RefundCommand(reason="退"), key("rf")
    )
    await payments.apply_refund_status(SYSTEM, "wechat", refund_status(refund.refund_no, "succeeded", 1999))
    for _ in range(2):
        await notices.refund_succeeded(order.id, {"order_id": str(order.id), "refund_id": str(refund.id)})
    rows = await db.fetch(
        "SELECT category, title, body FROM notice WHERE account_id = {} ORDER BY created_at", account
    )
    assert [(r["category"], r["title"]) for r in rows] == [("payment", "缴费成功"), ("payment", "退款成功")]
    assert "19.99元" in rows[0]["body"] and order.order_no in rows[0]["body"]
    assert refund.refund_no in rows[1]["body"]
