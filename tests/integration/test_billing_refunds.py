"""Refunds on real services: full and partial, by amount or by line, to the original payment; the
patient only for refundable lines; two refunds racing for the same money (one wins); idempotent per
key; failures give the held money back; provider answers applied exactly once; strangers get 404
and bad input a clear 4xx with nothing changed."""

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
    institution,
    key,
    ledger,
    make_order,
    new_patient,
    patient_actor,
    refund_status,
    trade,
)


async def _paid_order(account: uuid.UUID, patient: uuid.UUID, *amounts: int, **kw: Any) -> Any:
    from yiqiao.billing.service import payments
    from yiqiao.billing.types import PayCommand
    from yiqiao.kit.actor import SYSTEM

    order = await make_order(account, patient, *amounts, **kw)
    start = await payments.start_payment(
        patient_actor(account), order.id, PayCommand(provider="wechat"), key("pay")
    )
    assert await payments.apply_trade(
        SYSTEM, "wechat", trade(start.out_trade_no, "succeeded", order.total_fen)
    ) == ("applied")
    return order


async def _order(order_id: uuid.UUID) -> dict[str, Any]:
    from yiqiao import db

    return (await db.fetch("SELECT * FROM billing_order WHERE id = {}", order_id))[0]


async def _item_refunded(order_id: uuid.UUID) -> list[int]:
    from yiqiao import db

    rows = await db.fetch(
        "SELECT refunded_fen FROM billing_order_item WHERE order_id = {} ORDER BY line_no", order_id
    )
    return [r["refunded_fen"] for r in rows]


async def _finish(refund: Any, state: str = "succeeded", provider: str = "wechat") -> str:
    from yiqiao.billing.service import payments
    from yiqiao.kit.actor import SYSTEM

    return await payments.apply_refund_status(
        SYSTEM, provider, refund_status(refund.refund_no, state, refund.amount_fen - refund.insurance_fen)
    )


async def test_a_full_refund_goes_back_to_the_original_payment_exactly_once(core, providers):
    from yiqiao.billing.service import orders, refunds
    from yiqiao.billing.types import RefundCommand

    account, patient = await new_patient("退甲")
    order = await _paid_order(account, patient, 2500, 1200)
    me = patient_actor(account)
    refund = await refunds.request_refund(me, order.id, RefundCommand(reason="不需要了"), key("rf"))
    assert refund.status == "processing" and refund.amount_fen == 3700 and refund.initiated_by == "patient"
    assert refund.items == [{"line_no": 1, "amount_fen": 2500}, {"line_no": 2, "amount_fen": 1200}]
    sent = providers["wechat"].refunds
    assert [(r.out_refund_no, r.amount_fen, r.total_fen) for r in sent] == [(refund.refund_no, 3700, 3700)]
    o = await _order(order.id)
    assert o["status"] == "refunding" and o["refund_held_fen"] == 3700
    assert await _finish(refund) == "applied"
    assert await _finish(refund) == "duplicate"
    assert await _finish(refund, "failed") == "duplicate"  # a failure after the success changes nothing
    view = await orders.get_order(me, order.id)
    assert view.status == "refunded" and view.refunded_fen == 3700 and view.refundable_fen == 0
    assert [r.status for r in view.refunds] == ["succeeded"]
    assert [r["amount_fen"] for r in await ledger(order.id)] == [3700, -3700]
    assert await _item_refunded(order.id) == [2500, 1200]
    assert await audit_actions(refund.id) == ["billing_refund.create", "billing_refund.succeed"]
    actions = await audit_actions(order.id)
    assert actions[-2:] == ["billing_order.hold_refund", "billing_order.settle_refund"]


async def test_partial_refunds_by_amount_and_by_line(core, providers):
    from yiqiao.billing.service import refunds
    from yiqiao.billing.types import RefundCommand, RefundLine

    account, patient = await new_patient("退乙")
    order = await _paid_order(account, patient, 1000, 2000, 3000)
    me = patient_actor(account)
    first = await refunds.request_refund(
        me, order.id, RefundCommand(reason="部分", amount_fen=1500), key("rf")
    )
    assert first.items == [{"line_no": 1, "amount_fen": 1000}, {"line_no": 2, "amount_fen": 500}]
    await _finish(first)
    o = await _order(order.id)
    assert o["status"] == "partially_refunded" and o["refunded_fen"] == 1500
    second = await refunds.request_refund(
        me,
        order.id,
        RefundCommand(reason="第三项", item_lines=[RefundLine(line_no=3, amount_fen=1000)]),
        key("rf"),
    )
    assert second.amount_fen == 1000
    o = await _order(order.id)
    assert o["status"] == "refunding" and o["refund_held_fen"] == 1000
    await _finish(second)
    assert await _item_refunded(order.id) == [1000, 500, 1000]
    rest = await refunds.request_refund(me, order.id, RefundCommand(reason="其余"), key("rf"))
    assert rest.amount_fen == 3500
    await _finish(rest)
    o = await _order(order.id)
    assert o["status"] == "refunded" and o["refunded_fen"] == 6000
    assert sum(r["amount_fen"] for r in await ledger(order.id)) == 0


async def test_the_patient_refunds_only_what_was_not_done_and_staff_may_refund_any_line(core, providers):
    from yiqiao.billing.service import refunds
    from yiqiao.billing.types import OrderItemIn, RefundCommand, RefundLine
    from yiqiao.kit.actor import Actor
    from yiqiao.kit.errors import Conflict, NotFound

    account, patient = await new_patient("退丙")
    lines = [
        OrderItemIn(code="E1", name="CT检查", category="exam", unit_fen=30000, quantity=1),
        OrderItemIn(code="D1", name="已发药品", category="drug", unit_fen=4500, quantity=2, refundable=False),
    ]
    order = await _paid_order(account, patient, lines=lines)
    me = patient_actor(account)
    with pytest.raises(Conflict) as exc:
        await refunds.request_refund(
            me, order.id, RefundCommand(reason="药不要了", item_lines=[RefundLine(line_no=2)]), key("rf")
        )
    assert exc.value.code == "item_not_refundable"
    with pytest.raises(Conflict) as exc:
        await refunds.request_refund(me, order.id, RefundCommand(reason="全部", amount_fen=39000), key("rf"))
    assert exc.value.code == "refund_exceeds_refundable"
    mine = await refunds.request_refund(me, order.id, RefundCommand(reason="不做CT"), key("rf"))
    assert mine.amount_fen == 30000
    await _finish(mine)
    staff = Actor(kind="staff", id=uuid.uuid4(), institution_id=institution(), roles=("admin",))
    theirs = await refunds.request_refund(
        staff, order.id, RefundCommand(reason="药品质量问题", item_lines=[RefundLine(line_no=2)]), key("rf")
    )
    assert theirs.initiated_by == "staff" and theirs.amount_fen == 9000
    await _finish(theirs)
    assert (await _order(order.id))["status"] == "refunded"
    elsewhere = Actor(kind="staff", id=uuid.uuid4(), institution_id=institution("QX-TYZ"))
    with pytest.raises(NotFound):
        await refunds.request_refund(elsewhere, order.id, RefundCommand(reason="x"), key("rf"))


async def test_two_refunds_racing_for_the_same_money_one_wins(core, providers):
    from yiqiao.billing.service import refunds
    from yiqiao.billing.types import RefundCommand
    from yiqiao.kit.errors import Conflict

    account, patient = await new_patient("退丁")
    child = await add_family_member(account, "丁")
    order = await _paid_order(account, child, 8800)
    me = patient_actor(account)
    results = await asyncio.gather(
        *(
            refunds.request_refund(me, order.id, RefundCommand(reason=f"第{i}次"), key("race"))
            for i in range(2)
        ),
        return_exceptions=True,
    )
    won = [r for r in results if not isinstance(r, BaseException)]
    lost = [r for r in results if isinstance(r, BaseException)]
    assert len(won) == 1 and len(lost) == 1, results
    assert isinstance(lost[0], Conflict) and lost[0].status == 409
    o = await _order(order.id)
    assert o["refund_held_fen"] == 8800 and o["refunded_fen"] == 0
    assert len(providers["wechat"].refunds) == 1
    del patient


async def test_partial_refunds_racing_never_exceed_what_was_paid(core, providers):
    from yiqiao.billing.service import refunds
    from yiqiao.billing.types import RefundCommand
    from yiqiao.kit.errors import Conflict

    account, patient = await new_patient("退戊")
    order = await _paid_order(account, patient, 1000)
    me = patient_actor(account)
    results = await asyncio.gather(
        *(
            refunds.request_refund(me, order.id, RefundCommand(reason="部分", amount_fen=400), key("race"))
            for _ in range(4)
        ),
        return_exceptions=True,
    )
    won = [r for r in results if not isinstance(r, BaseException)]
    assert len(won) == 2 and all(isinstance(r, Conflict) for r in results if isinstance(r, BaseException))
    o = await _order(order.id)
    assert o["refund_held_fen"] == 800


async def test_the_same_key_is_the_same_refund(core, providers):
    from yiqiao.billing.service import refunds
    from yiqiao.billing.types import RefundCommand
    from yiqiao.kit.errors import Conflict

    account, patient = await new_patient("退己")
    order = await _paid_order(account, patient, 5000)
    me = patient_actor(account)
    k = key("rf-same")
    cmd = RefundCommand(reason="重复提交", amount_fen=1000)
    results = await asyncio.gather(*(refunds.request_refund(me, order.id, cmd, k) for _ in range(5)))
    assert len({r.id for r in results}) == 1
    again = await refunds.request_refund(me, order.id, cmd, k)
    assert again.id == results[0].id
    with pytest.raises(Conflict) as exc:
        await refunds.request_refund(me, order.id, RefundCommand(reason="重复提交", amount_fen=2000), k)
    assert exc.value.code == "idempotency_key_reused"
    assert (await _order(order.id))["refund_held_fen"] == 1000


async def test_a_failed_refund_gives_the_held_money_back(core, providers):
    from yiqiao.billing.service import refunds
    from yiqiao.billing.types import RefundCommand

    account, patient = await new_patient("退庚")
    order = await _paid_order(account, patient, 1200, 800)
    me = patient_actor(account)
    refund = await refunds.request_refund(me, order.id, RefundCommand(reason="退"), key("rf"))
    assert await _finish(refund, "failed") == "applied"
    assert await _finish(refund, "succeeded") == "duplicate"  # a failure is final: reconciliation flags it
    o = await _order(order.id)
    assert o["status"] == "paid" and o["refund_held_fen"] == 0 and o["refunded_fen"] == 0
    assert await _item_refunded(order.id) == [0, 0]
    # The provider refusing outright (merchant balance too low) fails the refund at once.
    providers["wechat"].refuse_refunds = True
    refused = await refunds.request_refund(me, order.id, RefundCommand(reason="再退"), key("rf"))
    assert refused.status == "failed" and "NOT_ENOUGH" in refused.failure_reason
    assert (await _order(order.id))["status"] == "paid"
    providers["wechat"].refuse_refunds = False
    ok = await refunds.request_refund(me, order.id, RefundCommand(reason="第三次"), key("rf"))
    await _finish(ok)
    assert (await _order(order.id))["status"] == "refunded"
    assert [r["amount_fen"] for r in await ledger(order.id)] == [2000, -2000]


async def test_provider_refund_answers_with_the_wrong_amount_or_provider_change_nothing(core, providers):
    from yiqiao.billing.service import payments, refunds
    from yiqiao.billing.types import RefundCommand
    from yiqiao.kit.actor import SYSTEM

    account, patient = await new_patient("退辛")
    order = await _paid_order(account, patient, 3000)
    refund = await refunds.request_refund(
        patient_actor(account), order.id, RefundCommand(reason="退", amount_fen=1000), key("rf")
    )
    wrong = refund_status(refund.refund_no, "succeeded", 3000)
    assert await payments.apply_refund_status(SYSTEM, "wechat", wrong) == "rejected_amount"
    assert await payments.apply_refund_status(
        SYSTEM, "alipay", refund_status(refund.refund_no, "succeeded", 1000)
    ) == ("unknown_reference")
    assert await payments.apply_refund_status(
        SYSTEM, "wechat", refund_status("RF-NONE", "succeeded", 1000)
    ) == ("unknown_reference")
    o = await _order(order.id)
    assert o["status"] == "refunding" and o["refunded_fen"] == 0
    assert len(await ledger(order.id)) == 1


async def test_a_refund_never_sent_is_sent_by_the_sweep(core, providers):
    from yiqiao import db
    from yiqiao.billing.service import refunds, sweeps
    from yiqiao.billing.types import RefundCommand
    from yiqiao.integrations.errors import ProviderError

    account, patient = await new_patient("退壬")
    order = await _paid_order(account, patient, 1500)
    prov = providers["wechat"]
    real_refund = prov.refund

    async def away(req: Any) -> Any:
        raise ProviderError("SYSTEM_ERROR", "try later", transient=True)

    prov.refund = away  # type: ignore[method-assign]
    refund = await refunds.request_refund(
        patient_actor(account), order.id, RefundCommand(reason="退"), key("rf")
    )
    assert refund.status == "processing" and prov.refunds == []
    prov.refund = real_refund  # type: ignore[method-assign]
    await db.execute(
        "UPDATE billing_refund SET created_at = {} WHERE id = {}",
        dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5),
        refund.id,
    )
    assert await sweeps.retry_processing_refunds() >= 1
    assert [r.out_refund_no for r in prov.refunds] == [refund.refund_no]
    await _finish(refund)
    assert (await _order(order.id))["status"] == "refunded"


async def test_bad_refund_requests_are_refused_and_change_nothing(core, providers):
    from yiqiao.billing.service import queries, refunds
    from yiqiao.billing.types import RefundCommand, RefundLine
    from yiqiao.kit.errors import Conflict, Forbidden, Invalid, NotFound

    account, patient = await new_patient("退癸")
    stranger, _ = await new_patient("退子")
    paid = await _paid_order(account, patient, 2000)
    unpaid = await make_order(account, patient, 900)
    me = patient_actor(account)
    mine = await refunds.request_refund(me, paid.id, RefundCommand(reason="一点", amount_fen=100), key("rf"))
    before = await counts()
    held = (await _order(paid.id))["refund_held_fen"]
    bad: list[tuple[Any, type[Exception], str]] = [
        (RefundCommand(reason="x", amount_fen=0), Invalid, "amount_invalid"),
        (RefundCommand(reason="x", amount_fen=-5), Invalid, "amount_invalid"),
        (RefundCommand(reason="x", amount_fen=12.5), Invalid, "amount_invalid"),  # type: ignore[arg-type]
        (RefundCommand(reason="x", amount_fen=999999), Conflict, "refund_exceeds_refundable"),
        (RefundCommand(reason="x", item_lines=[RefundLine(line_no=7)]), Invalid, "refund_line_unknown"),
        (
            RefundCommand(reason="x", item_lines=[RefundLine(line_no=1), RefundLine(line_no=1)]),
            Invalid,
            "refund_line_repeated",
        ),
        (
            RefundCommand(reason="x", item_lines=[RefundLine(line_no=1, amount_fen=5000)]),
            Conflict,
            "refund_exceeds_item",
        ),
        (
            RefundCommand(reason="x", amount_fen=300, item_lines=[RefundLine(line_no=1, amount_fen=200)]),
            Invalid,
            "refund_amount_mismatch",
        ),
    ]
    for cmd, kind, code in bad:
        with pytest.raises(kind) as exc:
            await refunds.request_refund(me, paid.id, cmd, key("bad"))
        assert exc.value.code == code, (cmd, exc.value.code)  # type: ignore[attr-defined]
    with pytest.raises(Conflict) as cf:
        await refunds.request_refund(me, unpaid.id, RefundCommand(reason="x"), key("bad"))
    assert cf.value.code == "order_not_paid"
    with pytest.raises(NotFound):
        await refunds.request_refund(me, uuid.uuid4(), RefundCommand(reason="x"), key("bad"))
    with pytest.raises(NotFound):
        await refunds.request_refund(patient_actor(stranger), paid.id, RefundCommand(reason="x"), key("bad"))
    with pytest.raises(Forbidden):
        await refunds.request_refund(me, paid.id, RefundCommand(reason="x"), key("bad"), initiated_by="staff")
    with pytest.raises(NotFound):
        await queries.refund_progress(patient_actor(stranger), mine.id)
    assert (await queries.refund_progress(me, mine.id)).id == mine.id
    assert await counts() == before
    assert (await _order(paid.id))["refund_held_fen"] == held
