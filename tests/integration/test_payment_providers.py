"""The five payment sandboxes end to end, through the real notify endpoint: the patient pays in the
app, the simulated wallet takes the money (or declines), the sandbox's signed callback is delivered
into the patient BFF (httpx ASGI transport) and billing applies it. Then the unhappy paths the
real services produce: failure callbacks, duplicates, late and out-of-order callbacks, redelivery
after a non-success answer, forged callbacks; queries, close after pay, refunds that succeed or
fail, and statements that match the ledger."""

from __future__ import annotations

import datetime as dt
import itertools
import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from tests.integration.billing_world import key, ledger, make_order, signed_in_patient

NAMES = ("wechat", "alipay", "unionpay", "ecny", "credit")
WALLETS = ("wechat", "alipay", "unionpay", "ecny")  # credit care has no wallet step
_N = itertools.count()


@pytest.fixture(autouse=True)
async def no_armed_faults(core: None) -> AsyncIterator[None]:
    from yiqiao.integrations.payment.local import faults

    await faults.clear()
    yield
    await faults.clear()


def provider(name: str) -> Any:
    from yiqiao.integrations.payment import get_payment_provider

    return get_payment_provider(name)


async def deliver(api: httpx.AsyncClient, *, after_s: float = 0) -> Any:
    """Deliver what the sandboxes owe, as if ``after_s`` seconds had passed."""
    from yiqiao.integrations.payment.local import delivery
    from yiqiao.kit import clock

    return await delivery.deliver_due(client=api, until=clock.now() + dt.timedelta(seconds=after_s))


async def callbacks(reference: str) -> list[dict[str, Any]]:
    from yiqiao import db

    return await db.fetch("SELECT * FROM local_pay_callback WHERE reference = {} ORDER BY id", reference)


async def order(api: httpx.AsyncClient, auth: dict[str, str], order_id: Any) -> dict[str, Any]:
    r = await api.get(f"/orders/{order_id}", headers=auth)
    assert r.status_code == 200, r.text
    return r.json()


class Payer:
    """A signed-in patient with one order, paying it with one provider through the patient BFF."""

    def __init__(self, auth: dict[str, str], account: uuid.UUID, patient: uuid.UUID, order: Any) -> None:
        self.auth, self.account, self.patient, self.order = auth, account, patient, order

    async def pay(self, api: httpx.AsyncClient, name: str, channel: str = "mini_program") -> dict[str, Any]:
        body = {"provider": name, "channel": channel}
        r = await api.post(
            f"/orders/{self.order.id}/pay", json=body, headers={**self.auth, "Idempotency-Key": key("pay")}
        )
        assert r.status_code == 201, r.text
        return r.json()

    async def view(self, api: httpx.AsyncClient) -> dict[str, Any]:
        return await order(api, self.auth, self.order.id)


async def payer(api: httpx.AsyncClient, *amounts: int) -> Payer:
    auth, account, patient = await signed_in_patient(api, f"付{next(_N)}")
    made = await make_order(account, patient, *(amounts or (2500, 1200)))
    return Payer(auth, account, patient, made)


async def paid(api: httpx.AsyncClient, name: str, *amounts: int) -> tuple[Payer, dict[str, Any]]:
    """An order paid with ``name`` and its callback delivered."""
    from yiqiao.integrations.payment.local import wallet

    p = await payer(api, *amounts)
    start = await p.pay(api, name)
    if name != "credit":
        await wallet.pay(start["payload"]["prepay_id"])
    await deliver(api)
    assert (await p.view(api))["status"] == "paid"
    return p, start


# ---------------------------------------------------------------------------------------------
# the happy path


@pytest.mark.parametrize("name", NAMES)
async def test_paying_with_each_provider_end_to_end(patient_api, name):
    from yiqiao.integrations.payment.local import wallet

    p = await payer(patient_api, 2500, 1200)
    start = await p.pay(patient_api, name)
    assert start["amount_fen"] == 3700
    payload = start["payload"]
    assert payload["provider"] == name and payload["prepay_id"]
    if name == "wechat":
        assert payload["params"]["package"] == f"prepay_id={payload['prepay_id']}"
        assert payload["params"]["paySign"]
    if name == "credit":
        assert payload["params"]["creditState"] == "AUTHORISED"  # no wallet step
    else:
        assert (await p.view(patient_api))["status"] == "paying"
        shown = await wallet.show(payload["prepay_id"])
        assert shown.amount_fen == 3700 and shown.payable and shown.state == "pending"
        await wallet.pay(payload["prepay_id"])
    # The provider's answer to a query is already 'paid'; ours waits for the callback.
    status = await provider(name).query(start["out_trade_no"])
    assert status.state == "succeeded" and status.amount_fen == 3700 and status.provider_txn_id

    report = await deliver(patient_api)
    mine = [a for a in report.attempts if a[0] == name]
    assert mine and all(ok for *_, ok in mine)
    view = await p.view(patient_api)
    assert view["status"] == "paid" and view["paid_fen"] == 3700
    assert [x["status"] for x in view["payments"]] == ["succeeded"]
    entries = await ledger(p.order.id)
    assert [(e["entry"], e["amount_fen"], e["provider_ref"]) for e in entries] == [
        ("payment", 3700, status.provider_txn_id)
    ]
    [cb] = await callbacks(start["out_trade_no"])
    assert cb["status"] == "delivered" and cb["attempts"] == 1 and cb["last_status"] == 200


# ---------------------------------------------------------------------------------------------
# failure callbacks


@pytest.mark.parametrize("name", WALLETS)
async def test_insufficient_balance_sends_a_failure_callback_and_the_patient_can_pay_again(patient_api, name):
    from yiqiao.integrations.errors import ProviderError
    from yiqiao.integrations.payment.local import wallet

    p = await payer(patient_api, 4200)
    start = await p.pay(patient_api, name)
    await wallet.pay(start["payload"]["prepay_id"], outcome="insufficient_balance")
    await deliver(patient_api)
    view = await p.view(patient_api)
    assert view["status"] == "failed" and view["paid_fen"] == 0
    assert view["payments"][0]["status"] == "failed" and view["payments"][0]["failure_reason"]
    assert await ledger(p.order.id) == []
    assert (await provider(name).query(start["out_trade_no"])).state == "failed"
    # The wallet will not take money for a failed attempt; a new attempt works.
    with pytest.raises(ProviderError) as exc:
        await wallet.pay(start["payload"]["prepay_id"])
    assert exc.value.code == "ORDER_FAILED"
    again = await p.pay(patient_api, name)
    assert again["out_trade_no"] != start["out_trade_no"]
    await wallet.pay(again["payload"]["prepay_id"])
    await deliver(patient_api)
    assert (await p.view(patient_api))["status"] == "paid"
    assert [e["amount_fen"] for e in await ledger(p.order.id)] == [4200]


@pytest.mark.parametrize("name", WALLETS)
async def test_a_bank_decline_from_the_fault_plan_is_a_failure_callback(patient_api, name):
    from yiqiao.integrations.payment.local import faults, wallet

    p = await payer(patient_api, 900)
    start = await p.pay(patient_api, name)
    await faults.fault_next("failure", provider=name)
    shown = await wallet.pay(start["payload"]["prepay_id"])  # the payer confirmed; the bank said no
    assert shown.state == "failed" and shown.failure_reason
    await deliver(patient_api)
    assert (await p.view(patient_api))["status"] == "failed"


async def test_credit_beyond_the_patients_limit_is_declined_at_once(patient_api):
    from yiqiao.integrations.payment.local import engine

    p = await payer(patient_api, 30_000)
    await engine.set_credit_limit(str(p.patient), 20_000)
    start = await p.pay(patient_api, "credit")
    assert start["payload"]["params"]["creditState"] == "DECLINED"
    assert start["payload"]["params"]["reason"] == "CREDIT_LIMIT_EXCEEDED"
    await deliver(patient_api)
    assert (await p.view(patient_api))["status"] == "failed"
    line = await engine.credit_line(str(p.patient))
    assert line["used_fen"] == 0
    # Raised limit: the same order can be paid on credit; the line is used by that much.
    await engine.set_credit_limit(str(p.patient), 50_000)
    await p.pay(patient_api, "credit")
    await deliver(patient_api)
    assert (await p.view(patient_api))["status"] == "paid"
    assert (await engine.credit_line(str(p.patient)))["used_fen"] == 30_000


async def test_credit_is_drawn_on_the_patients_own_line_whatever_the_client_names(patient_api):
    from yiqiao.integrations.payment.local import engine

    p = await payer(patient_api, 1000)
    stranger = str(uuid.uuid4())
    await engine.set_credit_limit(stranger, 1_000_000)
    # The client names someone else's credit account: billing pays from the patient's own line.
    body = {"provider": "credit", "channel": "mini_program", "payer_ref": stranger}
    r = await patient_api.post(
        f"/orders/{p.order.id}/pay", json=body, headers={**p.auth, "Idempotency-Key": key("pay")}
    )
    assert r.status_code == 201, r.text
    await deliver(patient_api)
    assert (await p.view(patient_api))["status"] == "paid"
    assert (await engine.credit_line(str(p.patient)))["used_fen"] == 1000
    assert (await engine.credit_line(stranger))["used_fen"] == 0


async def test_pay_retried_after_the_wallet_paid_answers_paid_and_books_the_money_once(patient_api):
    """The client's 'pay' times out, the patient pays in the wallet, the client retries with the same
    key before the callback: WeChat refuses the repeated create (ORDER_PAID); we ask it, and its
    word (paid) counts at once, not the refusal."""
    from yiqiao import db
    from yiqiao.integrations.payment.local import wallet

    p = await payer(patient_api, 1800)
    pay_key = {**p.auth, "Idempotency-Key": key("pay")}
    body = {"provider": "wechat", "channel": "mini_program"}
    first = await patient_api.post(f"/orders/{p.order.id}/pay", json=body, headers=pay_key)
    assert first.status_code == 201, first.text
    await wallet.pay(first.json()["payload"]["prepay_id"])
    again = await patient_api.post(f"/orders/{p.order.id}/pay", json=body, headers=pay_key)
    assert again.status_code == 409 and again.json()["code"] == "order_already_paid", again.text
    view = await p.view(patient_api)
    assert view["status"] == "paid" and [x["status"] for x in view["payments"]] == ["succeeded"]
    await deliver(patient_api)  # the callback arrives afterwards: nothing more happens
    rows = await db.fetch("SELECT amount_fen FROM billing_ledger WHERE order_id = {}", p.order.id)
    assert [r["amount_fen"] for r in rows] == [1800]


# ---------------------------------------------------------------------------------------------
# duplicates, late and out-of-order callbacks, redelivery


@pytest.mark.parametrize("name", NAMES)
async def test_a_duplicated_callback_is_acknowledged_twice_and_books_the_money_once(patient_api, name):
    from yiqiao.integrations.payment.local import faults, wallet

    p = await payer(patient_api, 1500)
    await faults.fault_next("duplicate", provider=name)
    start = await p.pay(patient_api, name)
    if name != "credit":
        await wallet.pay(start["payload"]["prepay_id"])
    copies = await callbacks(start["out_trade_no"])
    assert len(copies) == 2 and copies[0]["notify_id"] == copies[1]["notify_id"]
    await deliver(patient_api)
    copies = await callbacks(start["out_trade_no"])
    assert [c["status"] for c in copies] == ["delivered", "delivered"]  # both answered 'success'
    assert (await p.view(patient_api))["status"] == "paid"
    assert [e["amount_fen"] for e in await ledger(p.order.id)] == [1500]


@pytest.mark.parametrize("name", ["wechat", "unionpay"])
async def test_a_late_callback_arrives_after_the_order_closed_and_the_money_goes_back(patient_api, name):
    """The payer paid just before our side closed the order; the callback comes 20 minutes later:
    the payment is booked, refunded in full at once, and the refund's own callback settles it."""
    from yiqiao.billing import lifecycle
    from yiqiao.integrations.payment.local import faults, wallet
    from yiqiao.kit.actor import SYSTEM
    from yiqiao.settings import get_settings

    p = await payer(patient_api, 2600)
    start = await p.pay(patient_api, name)
    await faults.fault_next("late", provider=name)
    await wallet.pay(start["payload"]["prepay_id"])
    await deliver(patient_api)  # nothing yet: the callback is held back
    [cb] = await callbacks(start["out_trade_no"])
    assert cb["status"] == "queued" and cb["fault"] == "late"
    assert (await p.view(patient_api))["status"] == "paying"
    # Meanwhile our side gave up on the order (its close raced the payer).
    payment_id = uuid.UUID(start["payment_id"])
    await lifecycle.apply_payment(SYSTEM, payment_id, "close", reason="timeout")
    await lifecycle.apply_order(SYSTEM, p.order.id, "close", reason="timeout")
    await deliver(patient_api, after_s=get_settings().payment_callback_late_s + 1)
    view = await p.view(patient_api)
    assert view["status"] in ("refunding", "refunded", "closed")
    assert view["payments"][0]["late"] is True
    # The refund of the late payment went to the provider; its result comes back by callback.
    await deliver(patient_api, after_s=get_settings().payment_callback_late_s + 2)
    view = await p.view(patient_api)
    assert [r["status"] for r in view["refunds"]] == ["succeeded"]
    assert sorted(e["amount_fen"] for e in await ledger(p.order.id)) == [-2600, 2600]
    status = await provider(name).query(start["out_trade_no"])
    assert status.state == "succeeded"  # the provider took it, then gave it back
    from yiqiao.integrations.payment.local import engine

    trade = await engine.get_trade(name, start["out_trade_no"])
    assert trade["refunded_fen"] == 2600


async def test_a_refund_result_that_overtakes_the_payment_result(patient_api):
    """The payment's callback is held back; the kiosk's polling learned of the payment by query,
    the patient refunded, and the refund's callback arrives first. The payment's callback, when it
    comes, changes nothing."""
    from yiqiao.billing.service import payments
    from yiqiao.integrations.payment.local import faults, wallet
    from yiqiao.kit.actor import SYSTEM
    from yiqiao.settings import get_settings

    p = await payer(patient_api, 3000)
    start = await p.pay(patient_api, "wechat")
    await faults.fault_next("out_of_order", provider="wechat")
    await wallet.pay(start["payload"]["prepay_id"])
    assert (
        await payments.apply_trade(SYSTEM, "wechat", await provider("wechat").query(start["out_trade_no"]))
        == "applied"
    )
    r = await patient_api.post(
        f"/orders/{p.order.id}/refunds",
        json={"amount_fen": 3000, "reason": "不看了"},
        headers={**p.auth, "Idempotency-Key": key("refund")},
    )
    assert r.status_code == 201, r.text
    refund_no = r.json()["refund_no"]
    report = await deliver(patient_api, after_s=1)  # the refund settles and calls back; payment held
    delivered = [n for prov, n, _, ok in report.attempts if ok and prov == "wechat"]
    [refund_cb] = await callbacks(refund_no)
    assert refund_cb["status"] == "delivered" and refund_cb["notify_id"] in delivered
    [pay_cb] = await callbacks(start["out_trade_no"])
    assert pay_cb["status"] == "queued" and pay_cb["fault"] == "out_of_order"
    assert (await p.view(patient_api))["status"] == "refunded"
    await deliver(patient_api, after_s=get_settings().payment_callback_reorder_s + 1)
    [pay_cb] = await callbacks(start["out_trade_no"])
    assert pay_cb["status"] == "delivered"  # acknowledged: we already knew
    view = await p.view(patient_api)
    assert view["status"] == "refunded" and view["paid_fen"] == 3000 and view["refunded_fen"] == 3000
    assert sorted(e["amount_fen"] for e in await ledger(p.order.id)) == [-3000, 3000]


async def test_an_old_attempts_failure_after_the_new_attempts_success_changes_nothing(patient_api):
    from yiqiao.integrations.payment.local import faults, wallet
    from yiqiao.settings import get_settings

    p = await payer(patient_api, 1800)
    first = await p.pay(patient_api, "wechat")
    await faults.fault_next("out_of_order", provider="wechat")
    await wallet.pay(first["payload"]["prepay_id"], outcome="insufficient_balance")
    second = await p.pay(patient_api, "alipay")  # the patient switched wallets meanwhile
    await wallet.pay(second["payload"]["prepay_id"])
    await deliver(patient_api)
    assert (await p.view(patient_api))["status"] == "paid"
    await deliver(patient_api, after_s=get_settings().payment_callback_reorder_s + 1)
    [old] = await callbacks(first["out_trade_no"])
    assert old["status"] == "delivered"
    view = await p.view(patient_api)
    assert view["status"] == "paid" and view["paid_fen"] == 1800
    assert {x["out_trade_no"]: x["status"] for x in view["payments"]}[second["out_trade_no"]] == "succeeded"
    assert [e["amount_fen"] for e in await ledger(p.order.id)] == [1800]


async def test_a_callback_not_acknowledged_is_redelivered_on_the_providers_schedule(patient_api):
    from yiqiao.integrations.payment.local import wallet

    p = await payer(patient_api, 700)
    start = await p.pay(patient_api, "wechat")
    await wallet.pay(start["payload"]["prepay_id"])
    down = httpx.AsyncClient(transport=httpx.MockTransport(lambda req: httpx.Response(503, text="busy")))
    async with down:
        await deliver(down)  # our endpoint was down: 503
    [cb] = await callbacks(start["out_trade_no"])
    assert cb["status"] == "queued" and cb["attempts"] == 1 and cb["last_status"] == 503
    assert 14 <= (cb["due_at"] - cb["created_at"]).total_seconds() <= 75  # WeChat: again after 15 s
    await deliver(patient_api)  # not yet due
    assert (await callbacks(start["out_trade_no"]))[0]["attempts"] == 1
    await deliver(patient_api, after_s=16)
    [cb] = await callbacks(start["out_trade_no"])
    assert cb["status"] == "delivered" and cb["attempts"] == 2
    assert (await p.view(patient_api))["status"] == "paid"


async def test_a_callback_never_acknowledged_is_abandoned_after_the_last_retry(patient_api):
    from yiqiao.integrations.payment.local import wallet

    p = await payer(patient_api, 800)
    start = await p.pay(patient_api, "alipay")
    await wallet.pay(start["payload"]["prepay_id"])
    wrong = httpx.AsyncClient(transport=httpx.MockTransport(lambda req: httpx.Response(200, text="ok?")))
    async with wrong:  # 200, but not the text Alipay waits for
        await deliver(wrong, after_s=2 * 24 * 3600)
    [cb] = await callbacks(start["out_trade_no"])
    assert cb["status"] == "abandoned" and cb["attempts"] == 8  # first try + 7 redeliveries
    # The merchant's way out is the query (what billing's sweep does).
    assert (await provider("alipay").query(start["out_trade_no"])).state == "succeeded"


# ---------------------------------------------------------------------------------------------
# forged callbacks at the endpoint


@pytest.mark.parametrize("name", NAMES)
async def test_forged_and_tampered_callbacks_are_refused_at_the_endpoint(patient_api, name):
    import msgspec
    from yiqiao import db
    from yiqiao.integrations.payment.local import keys
    from yiqiao.integrations.payment.local.provider import local_provider
    from yiqiao.integrations.payment.wire import CallbackEvent
    from yiqiao.kit import clock

    p = await payer(patient_api, 5000)
    start = await p.pay(patient_api, name)
    wire = await local_provider(name).wire()
    now = clock.now()
    claim = CallbackEvent(kind="trade", notify_id=f"forged-{uuid.uuid4().hex[:12]}",
                          out_trade_no=start["out_trade_no"], txn_id=f"FAKE{next(_N):012d}", total_fen=5000,
                          state="succeeded", at=now, created_at=now)  # fmt: skip
    forger_keys = msgspec.structs.replace(
        wire.material,
        platform_private=(other := keys.generate(name)).platform_private,
        platform_public=other.platform_public,
    )
    headers, body = await type(wire)(forger_keys).encode(claim)
    r = await patient_api.post(f"/payments/notify/{name}", content=body, headers=headers)
    assert not wire.accepted(r.status_code, r.content)
    # A genuinely signed callback with its amount changed afterwards.
    headers, body = await wire.encode(msgspec.structs.replace(claim, notify_id=claim.notify_id + "b"))
    tampered = body.replace(b"5000", b"0001") if b"5000" in body else body[:-8] + b"AAAAAAAA"
    r = await patient_api.post(f"/payments/notify/{name}", content=tampered, headers=headers)
    assert not wire.accepted(r.status_code, r.content)
    view = await p.view(patient_api)
    assert view["status"] == "paying" and view["paid_fen"] == 0 and await ledger(p.order.id) == []
    rows = await db.fetch(
        "SELECT outcome FROM billing_notification WHERE provider = {} AND received_at >= {} AND outcome LIKE 'rejected%'",
        name,
        now - dt.timedelta(seconds=1),
    )
    assert len(rows) >= 2


# ---------------------------------------------------------------------------------------------
# the provider's API: create, query, close


async def test_create_checks_its_input_like_the_real_api(core):
    from yiqiao.integrations.errors import ProviderError
    from yiqiao.integrations.payment.base import CreatePayment
    from yiqiao.kit import clock

    wechat = provider("wechat")
    good = CreatePayment(
        out_trade_no=f"SBX{next(_N):010d}",
        amount_fen=1000,
        description="检查费",
        channel="qr",
        expires_at=clock.now() + dt.timedelta(minutes=15),
        notify_url="http://127.0.0.1:8001/payments/notify/wechat",
    )
    import msgspec

    for bad, code in (
        (msgspec.structs.replace(good, amount_fen=0), "PARAM_ERROR"),
        (msgspec.structs.replace(good, amount_fen=-5), "PARAM_ERROR"),
        (msgspec.structs.replace(good, expires_at=clock.now() - dt.timedelta(seconds=1)), "PARAM_ERROR"),
        (msgspec.structs.replace(good, out_trade_no="a b"), "PARAM_ERROR"),
        (msgspec.structs.replace(good, description=""), "PARAM_ERROR"),
    ):
        with pytest.raises(ProviderError) as exc:
            await wechat.create(bad)
        assert exc.value.code == code and not exc.value.transient
    first = await wechat.create(good)
    assert first.code_url.startswith("weixin://wxpay/bizpayurl?pr=")
    assert (await wechat.create(good)).prepay_id == first.prepay_id  # the same order again
    with pytest.raises(ProviderError) as exc:
        await wechat.create(msgspec.structs.replace(good, amount_fen=999))
    assert exc.value.code == "OUT_TRADE_NO_USED"
    assert (await wechat.query(good.out_trade_no)).state == "pending"
    with pytest.raises(ProviderError) as exc:
        await wechat.query("NOSUCHORDER01")
    assert exc.value.code == "ORDER_NOT_EXIST"


@pytest.mark.parametrize("name", WALLETS)
async def test_close_after_pay_says_paid_and_close_before_pay_stops_the_wallet(core, name):
    from yiqiao.integrations.errors import ProviderError
    from yiqiao.integrations.payment.base import CreatePayment
    from yiqiao.integrations.payment.local import wallet
    from yiqiao.kit import clock

    prov = provider(name)

    def req(n: int) -> CreatePayment:
        return CreatePayment(
            out_trade_no=f"CL{name[:2].upper()}{next(_N):08d}{n}",
            amount_fen=1234,
            description="治疗费",
            channel="mini_program",
            expires_at=clock.now() + dt.timedelta(minutes=15),
            notify_url="http://127.0.0.1:8001/payments/notify/" + name,
        )

    a, b = req(1), req(2)
    pa, pb = await prov.create(a), await prov.create(b)
    await wallet.pay(pa.prepay_id)
    closed = await prov.close(a.out_trade_no)
    assert closed.state == "succeeded" and closed.amount_fen == 1234 and closed.provider_txn_id
    closed = await prov.close(b.out_trade_no)
    assert closed.state == "closed"
    with pytest.raises(ProviderError) as exc:
        await wallet.pay(pb.prepay_id)
    assert exc.value.code == "ORDER_CLOSED"
    with pytest.raises(ProviderError) as exc:
        await prov.create(b)  # a closed order is not placed again
    assert exc.value.code == "ORDER_CLOSED"
    with pytest.raises(ProviderError) as exc:
        await wallet.pay(pa.prepay_id)
    assert exc.value.code == "ORDER_PAID"


async def test_an_expired_order_cannot_be_paid(core):
    from yiqiao import db
    from yiqiao.integrations.errors import ProviderError
    from yiqiao.integrations.payment.base import CreatePayment
    from yiqiao.integrations.payment.local import wallet
    from yiqiao.kit import clock

    req = CreatePayment(
        out_trade_no=f"EXP{next(_N):010d}",
        amount_fen=500,
        description="挂号费",
        channel="qr",
        expires_at=clock.now() + dt.timedelta(minutes=15),
        notify_url="",
    )
    payload = await provider("unionpay").create(req)
    await db.execute(
        "UPDATE local_pay_trade SET expires_at = now() - interval '1 second' WHERE out_trade_no = {}",
        req.out_trade_no,
    )
    assert not (await wallet.show(payload.code_url)).payable
    with pytest.raises(ProviderError) as exc:
        await wallet.pay(payload.code_url)
    assert exc.value.code == "ORDER_EXPIRED"
    assert (await provider("unionpay").query(req.out_trade_no)).state == "pending"


# ---------------------------------------------------------------------------------------------
# refunds


@pytest.mark.parametrize("name", NAMES)
async def test_refunds_succeed_by_callback_and_the_sandbox_keeps_them_within_what_was_paid(patient_api, name):
    from yiqiao.integrations.errors import ProviderError
    from yiqiao.integrations.payment.base import RefundRequest
    from yiqiao.integrations.payment.local import engine

    p, start = await paid(patient_api, name, 2000, 1000)
    r = await patient_api.post(
        f"/orders/{p.order.id}/refunds",
        json={"amount_fen": 1000, "reason": "少做一项"},
        headers={**p.auth, "Idempotency-Key": key("refund")},
    )
    assert r.status_code == 201, r.text
    refund_no = r.json()["refund_no"]
    await deliver(patient_api)
    view = await p.view(patient_api)
    assert view["status"] == "partially_refunded" and view["refunded_fen"] == 1000
    assert (await provider(name).query_refund(refund_no)).state == "succeeded"
    trade = await engine.get_trade(name, start["out_trade_no"])
    assert trade["refunded_fen"] == 1000
    # At the provider: the same refund number is the same refund; more than is left is refused.
    same = RefundRequest(
        out_trade_no=start["out_trade_no"], provider_txn_id="", out_refund_no=refund_no, amount_fen=1000,
        total_fen=3000, reason="again", notify_url="",
    )  # fmt: skip
    assert (await provider(name).refund(same)).state == "succeeded"
    import msgspec

    too_much = msgspec.structs.replace(same, out_refund_no=f"RX{next(_N):010d}", amount_fen=2001)
    with pytest.raises(ProviderError) as exc:
        await provider(name).refund(too_much)
    assert exc.value.code == "NOT_ENOUGH"
    with pytest.raises(ProviderError) as exc:
        await provider(name).refund(msgspec.structs.replace(same, amount_fen=999))
    assert exc.value.code == "OUT_REFUND_NO_USED"
    with pytest.raises(ProviderError) as exc:
        await provider(name).refund(msgspec.structs.replace(too_much, amount_fen=100, total_fen=2999))
    assert exc.value.code == "PARAM_ERROR"
    assert sorted(e["amount_fen"] for e in await ledger(p.order.id)) == [-1000, 3000]
    if name == "credit":
        assert (await engine.credit_line(str(p.patient)))["used_fen"] == 2000


@pytest.mark.parametrize("name", NAMES)
async def test_a_refund_that_fails_at_the_provider_gives_the_order_back(patient_api, name):
    from yiqiao.integrations.payment.local import faults

    p, start = await paid(patient_api, name, 1600)
    await faults.fault_next("failure", provider=name)
    r = await patient_api.post(
        f"/orders/{p.order.id}/refunds",
        json={"amount_fen": 1600, "reason": "不需要了"},
        headers={**p.auth, "Idempotency-Key": key("refund")},
    )
    assert r.status_code == 201, r.text
    await deliver(patient_api)
    view = await p.view(patient_api)
    assert view["status"] == "paid" and view["refunded_fen"] == 0
    assert [x["status"] for x in view["refunds"]] == ["failed"] and view["refunds"][0]["failure_reason"]
    assert [e["amount_fen"] for e in await ledger(p.order.id)] == [1600]
    from yiqiao.integrations.payment.local import engine

    assert (await engine.get_trade(name, start["out_trade_no"]))["refunded_fen"] == 0  # all still refundable


async def test_a_refund_settles_only_when_due(patient_api, monkeypatch):
    """With a settle delay the provider says PROCESSING until then (as WeChat does)."""
    import msgspec
    from yiqiao import settings as settings_module
    from yiqiao.integrations.payment.base import RefundRequest

    _p, start = await paid(patient_api, "ecny", 900)
    slow = msgspec.structs.replace(settings_module.get_settings(), payment_refund_settle_s=60)
    monkeypatch.setattr("yiqiao.integrations.payment.local.engine.get_settings", lambda: slow)
    refund_no = f"RS{next(_N):010d}"
    req = RefundRequest(
        out_trade_no=start["out_trade_no"], provider_txn_id="", out_refund_no=refund_no, amount_fen=900,
        total_fen=900, reason="test", notify_url="",
    )  # fmt: skip
    assert (await provider("ecny").refund(req)).state == "processing"
    await deliver(patient_api)
    assert (await provider("ecny").query_refund(refund_no)).state == "processing"
    await deliver(patient_api, after_s=61)
    status = await provider("ecny").query_refund(refund_no)
    assert status.state == "succeeded" and status.provider_refund_id and status.amount_fen == 900


# ---------------------------------------------------------------------------------------------
# statements


@pytest.mark.parametrize("name", NAMES)
async def test_the_days_statement_lists_what_the_ledger_booked(patient_api, name):
    from yiqiao.kit import clock

    p1, s1 = await paid(patient_api, name, 1100)
    p2, s2 = await paid(patient_api, name, 2200, 300)
    r = await patient_api.post(
        f"/orders/{p2.order.id}/refunds",
        json={"amount_fen": 300, "reason": "退一项"},
        headers={**p2.auth, "Idempotency-Key": key("refund")},
    )
    assert r.status_code == 201, r.text
    refund_no = r.json()["refund_no"]
    await deliver(patient_api)
    prov = provider(name)
    lines = prov.parse_statement(await prov.statement(clock.local(clock.now()).date()))
    mine = {(x.kind, x.out_trade_no, x.out_refund_no): x for x in lines}
    books = await ledger(p1.order.id) + await ledger(p2.order.id)
    for entry in books:
        if entry["entry"] == "payment":
            out_trade_no = s1["out_trade_no"] if entry["order_id"] == p1.order.id else s2["out_trade_no"]
            line = mine[("payment", out_trade_no, "")]
            assert line.amount_fen == entry["amount_fen"] and line.provider_ref == entry["provider_ref"]
        else:
            line = mine[("refund", s2["out_trade_no"], refund_no)]
            assert line.amount_fen == -entry["amount_fen"] == 300
    assert len(books) == 3


async def test_no_statement_for_a_day_that_has_not_begun(core):
    from yiqiao.integrations.errors import ProviderError
    from yiqiao.kit import clock

    with pytest.raises(ProviderError) as exc:
        await provider("wechat").statement(clock.local(clock.now()).date() + dt.timedelta(days=1))
    assert exc.value.code == "INVALID_BILL_DATE"


# ---------------------------------------------------------------------------------------------
# the dev wallet routes, provider names, keys


async def test_the_dev_wallet_routes_play_the_payer(patient_api):
    p = await payer(patient_api, 6600)
    start = await p.pay(patient_api, "alipay", channel="qr")
    code = start["payload"]["code_url"]
    assert code.startswith("https://qr.alipay.com/")
    r = await patient_api.get("/dev/wallet/payments", params={"ref": code})
    assert r.status_code == 200
    shown = r.json()
    assert shown["amount_fen"] == 6600 and shown["payable"] and shown["state"] == "pending"
    r = await patient_api.post("/dev/wallet/payments/confirm", json={"ref": code})
    assert r.status_code == 200 and r.json()["state"] == "succeeded"
    r = await patient_api.post("/dev/wallet/payments/confirm", json={"ref": code})
    assert r.status_code == 409 and r.json()["code"] == "wallet_order_paid"
    r = await patient_api.get("/dev/wallet/payments", params={"ref": "no-such-code"})
    assert r.status_code == 404 and r.json()["code"] == "wallet_payment_not_found"
    r = await patient_api.post("/dev/wallet/payments/confirm", json={"ref": code, "extra": 1})
    assert r.status_code == 400
    await deliver(patient_api)
    assert (await p.view(patient_api))["status"] == "paid"

    q = await payer(patient_api, 500)
    declined = await q.pay(patient_api, "wechat")
    r = await patient_api.post("/dev/wallet/payments/decline", json={"ref": declined["payload"]["prepay_id"]})
    assert r.status_code == 200 and r.json()["state"] == "failed"
    await deliver(patient_api)
    assert (await q.view(patient_api))["status"] == "failed"


async def test_the_dev_wallet_shows_and_repays_a_credit_line(patient_api):
    p, _ = await paid(patient_api, "credit", 4000)
    r = await patient_api.get("/dev/wallet/credit", params={"payer_ref": str(p.patient)})
    assert r.json() == {
        "payer_ref": str(p.patient),
        "limit_fen": 200000,
        "used_fen": 4000,
        "available_fen": 196000,
    }
    r = await patient_api.post(
        "/dev/wallet/credit/repay", json={"payer_ref": str(p.patient), "amount_fen": 4001}
    )
    assert r.status_code == 409
    r = await patient_api.post(
        "/dev/wallet/credit/repay", json={"payer_ref": str(p.patient), "amount_fen": 4000}
    )
    assert r.status_code == 200 and r.json()["used_fen"] == 0


async def test_a_provider_not_offered_is_a_clear_400(core, monkeypatch):
    import msgspec
    from yiqiao import settings as settings_module
    from yiqiao.integrations import payment
    from yiqiao.kit.errors import DomainError

    with pytest.raises(DomainError) as exc:
        payment.get_payment_provider("paypal")
    assert exc.value.status == 400 and exc.value.code == "unknown_payment_provider"
    only = msgspec.structs.replace(settings_module.get_settings(), payment_methods="wechat,alipay")
    monkeypatch.setattr(payment, "get_settings", lambda: only)
    assert payment.all_provider_names() == ["wechat", "alipay"]
    with pytest.raises(DomainError):
        payment.get_payment_provider("ecny")


async def test_keys_are_shared_by_every_process_through_the_database(core):
    """A process whose first payment call is a callback reads the keys on its own connection."""
    from yiqiao.integrations.payment.local import keys

    stored = await keys.material("unionpay")
    keys.forget()
    loaded = keys.material_blocking("unionpay")  # what a fresh BFF process does
    assert loaded == stored
    keys.forget()
    assert await keys.material("unionpay") == stored  # generated once, never again
