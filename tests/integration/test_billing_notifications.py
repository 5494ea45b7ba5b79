"""Provider callbacks end to end, with the payment lane's sandboxes behind the real notify endpoint:
the payer pays in the simulated wallet, the sandbox POSTs its signed callback to
``/payments/notify/{provider}`` of the patient app, and the order is paid exactly once, for every
provider; duplicated and late callbacks have one effect; forged ones are refused with the
provider's failure reply and change nothing; a refund's callback settles it."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest

from tests.integration.billing_world import counts, key, ledger, make_order, new_patient, patient_actor

# The payment lane's sandboxes (integrations.payment.local); skipped while they are not installed.
pytest.importorskip("yiqiao.integrations.payment.local.delivery")


async def _start(
    account: uuid.UUID, order_id: uuid.UUID, provider: str, channel: str = "mini_program"
) -> Any:
    from yiqiao.billing.service import payments
    from yiqiao.billing.types import PayCommand

    return await payments.start_payment(
        patient_actor(account),
        order_id,
        PayCommand(provider=provider, channel=channel, payer_ref=f"payer-{account.hex[:12]}"),  # type: ignore[arg-type]
        key("pay"),
    )


async def _deliver(api: Any, *, ahead_s: int = 0) -> Any:
    from yiqiao.integrations.payment.local import delivery

    until = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=ahead_s) if ahead_s else None
    return await delivery.deliver_due(client=api, until=until)


async def _order(order_id: uuid.UUID) -> dict[str, Any]:
    from yiqiao import db

    return (await db.fetch("SELECT * FROM billing_order WHERE id = {}", order_id))[0]


async def _outcomes(reference: str) -> list[str]:
    from yiqiao import db

    rows = await db.fetch(
        "SELECT outcome FROM billing_notification WHERE reference = {} ORDER BY id", reference
    )
    return [r["outcome"] for r in rows]


@pytest.mark.parametrize("provider", ["wechat", "alipay", "unionpay", "ecny"])
async def test_a_wallet_payment_reaches_us_signed_and_pays_the_order_once(patient_api, provider):
    from yiqiao.integrations.payment.local import faults, wallet

    account, patient = await new_patient(f"通{provider[:2]}")
    order = await make_order(account, patient, 1234, 100)
    start = await _start(account, order.id, provider)
    await faults.fault_next("duplicate", provider=provider)
    await wallet.pay(start.payload.prepay_id)
    report = await _deliver(patient_api)
    mine = [a for a in report.attempts if a[0] == provider]
    assert mine and all(accepted for *_, accepted in mine), report
    o = await _order(order.id)
    assert o["status"] == "paid" and o["paid_fen"] == 1334
    assert [r["amount_fen"] for r in await ledger(order.id)] == [1334]
    outcomes = await _outcomes(start.out_trade_no)
    assert outcomes[0] == "applied" and set(outcomes[1:]) <= {"duplicate", "duplicate_notification"}


async def test_credit_care_is_authorised_at_once_and_confirmed_by_its_callback(patient_api):
    account, patient = await new_patient("通信")
    order = await make_order(account, patient, 5000)
    start = await _start(account, order.id, "credit")
    assert start.payload.params.get("creditState") == "AUTHORISED"
    await _deliver(patient_api)
    assert (await _order(order.id))["status"] == "paid"


async def test_a_declined_wallet_fails_the_order_and_the_patient_pays_another_way(patient_api):
    from yiqiao.integrations.payment.local import wallet

    account, patient = await new_patient("通拒")
    order = await make_order(account, patient, 800)
    first = await _start(account, order.id, "wechat")
    await wallet.pay(first.payload.prepay_id, outcome="insufficient_balance")
    await _deliver(patient_api)
    assert (await _order(order.id))["status"] == "failed"
    second = await _start(account, order.id, "alipay")
    await wallet.pay(second.payload.prepay_id)
    await _deliver(patient_api)
    assert (await _order(order.id))["status"] == "paid"


async def test_forged_and_tampered_callbacks_are_refused_and_change_nothing(patient_api):
    from yiqiao.integrations.payment.local import delivery, wallet

    account, patient = await new_patient("通伪")
    order = await make_order(account, patient, 2000)
    start = await _start(account, order.id, "wechat")
    await wallet.pay(start.payload.prepay_id)
    [row] = [r for r in await delivery.pending("wechat") if r["reference"] == start.out_trade_no]
    before = await counts()
    # A body that is not what the provider signed.
    r = await patient_api.post(
        "/payments/notify/wechat",
        content=b'{"id":"EV-forged","resource":{"ciphertext":"AAAA"}}',
        headers={
            "Wechatpay-Timestamp": str(int(dt.datetime.now(dt.UTC).timestamp())),
            "Wechatpay-Nonce": "abc",
            "Wechatpay-Serial": "00",
            "Wechatpay-Signature": "Zm9yZ2Vk",
        },
    )
    assert r.status_code >= 400
    r = await patient_api.post(
        "/payments/notify/alipay", content=b"out_trade_no=" + start.out_trade_no.encode()
    )
    assert r.text != "success"
    assert (await _order(order.id))["status"] == "paying" and await counts() == before
    del row
    # The genuine one still works afterwards.
    await _deliver(patient_api)
    assert (await _order(order.id))["status"] == "paid"


async def test_a_callback_outside_the_replay_window_is_refused(core):
    from yiqiao.billing.service import notifications
    from yiqiao.integrations.payment.base import Notification, TradeStatus

    account, patient = await new_patient("通旧")
    order = await make_order(account, patient, 300)
    old = Notification(
        notify_id=f"old-{uuid.uuid4().hex}",
        sent_at=dt.datetime.now(dt.UTC) - dt.timedelta(hours=1),
        trade=TradeStatus(out_trade_no=f"{order.order_no}01", state="succeeded", amount_fen=300),
    )
    assert await notifications._apply("wechat", old) == "rejected_replay_window"
    assert (await _order(order.id))["status"] == "created"


async def test_an_order_closing_while_its_callback_is_late_is_paid_once_not_closed(patient_api):
    from yiqiao import db
    from yiqiao.billing.service import orders, sweeps
    from yiqiao.integrations.payment.local import faults, wallet

    account, patient = await new_patient("通迟")
    order = await make_order(account, patient, 1500)
    start = await _start(account, order.id, "unionpay")
    await faults.fault_next("late", provider="unionpay")
    await wallet.pay(start.payload.prepay_id)
    await _deliver(patient_api)  # held back: nothing arrives yet
    assert (await _order(order.id))["status"] == "paying"
    await db.execute(
        "UPDATE billing_order SET expires_at = now() - interval '1 second' WHERE id = {}", order.id
    )
    await sweeps.close_expired_orders()
    # The sandbox's close found the trade paid: the payment counts, the order is paid, not closed.
    o = await _order(order.id)
    assert o["status"] == "paid", o["status"]
    await _deliver(patient_api, ahead_s=3600)  # the late callback finally arrives: no second effect
    assert [r["amount_fen"] for r in await ledger(order.id)] == [1500]
    view = await orders.get_order(patient_actor(account), order.id)
    assert view.refunds == []


async def test_a_refund_is_settled_by_the_providers_callback(patient_api):
    from yiqiao.billing.service import refunds
    from yiqiao.billing.types import RefundCommand
    from yiqiao.integrations.payment.local import wallet

    account, patient = await new_patient("通退")
    order = await make_order(account, patient, 4000)
    start = await _start(account, order.id, "wechat")
    await wallet.pay(start.payload.prepay_id)
    await _deliver(patient_api)
    refund = await refunds.request_refund(
        patient_actor(account), order.id, RefundCommand(reason="不需要了", amount_fen=1500), key("rf")
    )
    assert refund.status in ("processing", "succeeded")
    await _deliver(patient_api, ahead_s=3600)
    o = await _order(order.id)
    assert o["status"] == "partially_refunded" and o["refunded_fen"] == 1500
    assert sorted(r["amount_fen"] for r in await ledger(order.id)) == [-1500, 4000]
