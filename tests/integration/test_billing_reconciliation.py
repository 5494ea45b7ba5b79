"""Daily reconciliation (对账): each provider's statement file from its sandbox against our ledger.
Every cause is crafted the way it happens: the provider took money we never applied (missing on
our side), the provider's record of a payment moved off the day or changed its amount (missing on
theirs, amount differs). A re-run gives the same answer, keeps when a mismatch was first seen, and
drops what was fixed meanwhile. Administrators list the mismatches; nobody else does.

Other tests pay through the same sandboxes on the same day, so assertions look at this test's own
payments (by our out_trade_no) and never at a day's totals."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.integration.bills_world import actor, bill, deliver, key, labs, patient_with_card, visit
from tests.integration.flows import bearer, staff_tokens


async def paid_attempt(provider: str, *, apply: bool = True) -> dict[str, Any]:
    """A patient pays a bill through ``provider``'s sandbox (wallet confirms). With ``apply`` our
    side hears of it (the provider is queried, as the sweep or a kiosk does); without, the
    provider has the money and we do not know yet (its callback is still queued)."""
    from yiqiao.billing.service import bills, payments
    from yiqiao.billing.types import PayCommand
    from yiqiao.integrations.payment.local import wallet

    account, patient, card = await patient_with_card(f"对账{provider}")
    b = await bill(await visit(card), "lab", labs())
    order = await bills.create_bill_order(
        actor(account), bills.PayBills(patient_id=patient, bill_nos=[b]), key("r")
    )
    start = await payments.start_payment(
        actor(account),
        order.id,
        PayCommand(provider=provider, channel="mini_program"),
        key("p"),  # type: ignore[arg-type]
    )
    await wallet.pay(start.payload.prepay_id)
    if apply:
        view = await bills.refresh_order(actor(account), order.id)
        assert view.status == "paid", view.status
    return {"order_id": order.id, "out_trade_no": start.out_trade_no, "amount_fen": start.amount_fen}


def today() -> dt.date:
    from yiqiao.kit import clock

    return clock.local(clock.now()).date()


async def mine(day: dt.date, provider: str, refs: list[str]) -> list[Any]:
    from yiqiao.billing.service import reconciliation
    from yiqiao.kit.actor import SYSTEM

    rows = await reconciliation.list_mismatches(SYSTEM, day=day, provider=provider, limit=1000)
    return [m for m in rows if m.out_trade_no in refs]


async def test_every_cause_is_found_and_a_rerun_gives_the_same_answer(patient_api):
    from yiqiao import db
    from yiqiao.billing.service import reconciliation
    from yiqiao.integrations.payment.local.delivery import deliver_due

    ok = await paid_attempt("wechat")
    differs = await paid_attempt("wechat")
    moved = await paid_attempt("wechat")
    unapplied = await paid_attempt("wechat", apply=False)
    refs = [p["out_trade_no"] for p in (ok, differs, moved, unapplied)]
    # The provider's side changes under us: one amount, one payment booked on another day.
    await db.execute(
        "UPDATE local_pay_trade SET amount_fen = amount_fen + 100 WHERE provider = 'wechat' AND out_trade_no = {}",
        differs["out_trade_no"],
    )
    await db.execute(
        "UPDATE local_pay_trade SET paid_at = paid_at - interval '1 day' WHERE provider = 'wechat'"
        " AND out_trade_no = {}",
        moved["out_trade_no"],
    )

    run = await reconciliation.reconcile("wechat", today())
    assert run.status == "mismatched" and run.their_lines >= 3 and run.mismatches >= 3
    found = {(m.cause, m.out_trade_no): m for m in await mine(today(), "wechat", refs)}
    assert set(found) == {
        ("amount_differs", differs["out_trade_no"]),
        ("missing_theirs", moved["out_trade_no"]),
        ("missing_ours", unapplied["out_trade_no"]),
    }
    d = found[("amount_differs", differs["out_trade_no"])]
    assert (d.our_amount_fen, d.their_amount_fen) == (differs["amount_fen"], differs["amount_fen"] + 100)
    assert d.order_id == differs["order_id"] and d.order_no
    m = found[("missing_theirs", moved["out_trade_no"])]
    assert m.our_amount_fen == moved["amount_fen"] and m.their_amount_fen is None
    u = found[("missing_ours", unapplied["out_trade_no"])]
    assert u.their_amount_fen == unapplied["amount_fen"] and u.our_amount_fen is None
    assert u.order_id == unapplied["order_id"]  # our attempt is named, so staff can look it up

    # Yesterday's statement now carries the moved payment: matched by its reference, not reported.
    yesterday = await reconciliation.reconcile("wechat", today() - dt.timedelta(days=1))
    assert yesterday.status in ("balanced", "mismatched")
    assert await mine(today() - dt.timedelta(days=1), "wechat", refs) == []

    # Run again: the same mismatches, seen first when they were first seen, nothing doubled.
    again = await reconciliation.reconcile("wechat", today())
    assert again.id == run.id and again.attempts == run.attempts + 1
    second = {(m.cause, m.out_trade_no): m for m in await mine(today(), "wechat", refs)}
    assert set(second) == set(found)
    assert all(second[k].first_seen_at == found[k].first_seen_at for k in found)

    # The late callback arrives: the payment we did not know about is in the books; re-run: gone.
    await deliver_due(client=patient_api)
    await deliver()
    await reconciliation.reconcile("wechat", today())
    after = {(m.cause, m.out_trade_no) for m in await mine(today(), "wechat", refs)}
    assert after == {
        ("amount_differs", differs["out_trade_no"]),
        ("missing_theirs", moved["out_trade_no"]),
    }
    rows = await db.fetch(
        "SELECT count(*) AS n FROM billing_recon_run WHERE provider = 'wechat' AND day = {}", today()
    )
    assert rows[0]["n"] == 1


async def test_refunds_and_another_statement_format(patient_api):
    """Alipay's statement is another file format; a refund is a movement of its own."""
    from yiqiao import db
    from yiqiao.billing.service import reconciliation, refunds
    from yiqiao.billing.types import RefundCommand
    from yiqiao.kit.actor import SYSTEM

    paid = await paid_attempt("alipay")
    refund = await refunds.request_refund(
        SYSTEM, paid["order_id"], RefundCommand(reason="对账测试退费"), key("rf"), initiated_by="system"
    )
    assert refund.status == "succeeded", refund.status  # Alipay answers a refund at once
    await deliver()
    run = await reconciliation.reconcile("alipay", today())
    assert run.status in ("balanced", "mismatched")
    assert await mine(today(), "alipay", [paid["out_trade_no"]]) == []
    # The provider's refund went missing from its books: ours has it, theirs does not.
    await db.execute(
        "UPDATE local_pay_refund SET finished_at = finished_at + interval '2 days' WHERE provider = 'alipay'"
        " AND out_refund_no = {}",
        refund.refund_no,
    )
    await reconciliation.reconcile("alipay", today())
    rows = await reconciliation.list_mismatches(SYSTEM, day=today(), provider="alipay", limit=1000)
    gone = [m for m in rows if m.out_refund_no == refund.refund_no]
    assert [(m.cause, m.kind, m.our_amount_fen) for m in gone] == [
        ("missing_theirs", "refund", paid["amount_fen"])
    ]


async def test_a_statement_not_there_yet_fails_the_run_and_the_worker_tries_again(core):
    from yiqiao.billing.service import reconciliation
    from yiqiao.kit import clock

    tomorrow = today() + dt.timedelta(days=1)
    run = await reconciliation.reconcile("unionpay", tomorrow)
    assert run.status == "failed" and run.error
    # Before the statements are published the cron does nothing; after, it does yesterday's and
    # catches up on any day of the week before that never ran or failed.
    early = dt.datetime.combine(today(), dt.time(9), tzinfo=clock.SHANGHAI)
    assert await reconciliation.reconcile_due(early) == []
    later = dt.datetime.combine(today(), dt.time(11), tzinfo=clock.SHANGHAI)
    yesterday = today() - dt.timedelta(days=1)
    week = {yesterday - dt.timedelta(days=n) for n in range(reconciliation.CATCH_UP_DAYS)}
    runs = await reconciliation.reconcile_due(later)
    assert {r.day for r in runs} <= week
    assert all(r.status in ("balanced", "mismatched", "failed") for r in runs)
    from yiqiao.kit.actor import SYSTEM

    every = await reconciliation.list_runs(SYSTEM)
    have = {(r.provider, r.day) for r in every}
    assert {(p, d) for p in reconciliation.PROVIDERS for d in week} <= have
    again = await reconciliation.reconcile_due(later)
    balanced_yesterday = {r.provider for r in every if r.day == yesterday and r.status == "balanced"}
    assert not any(r.provider in balanced_yesterday and r.day == yesterday for r in again)
    before = {(r.provider, r.day): r.status for r in every}
    assert all(r.day == yesterday or before[(r.provider, r.day)] == "failed" for r in again)


async def test_only_administrators_see_reconciliation(clinician_api):
    admin = bearer(await staff_tokens(clinician_api, "admin.it"))
    doctor = bearer(await staff_tokens(clinician_api, "dr.wang"))
    day = str(today() - dt.timedelta(days=1))
    r = await clinician_api.post(f"/billing/reconciliation/runs/ecny/{day}", headers=admin)
    assert r.status_code == 200, r.text
    assert r.json()["provider"] == "ecny" and r.json()["status"] in ("balanced", "mismatched")
    r = await clinician_api.get("/billing/reconciliation/runs", params={"day": day}, headers=admin)
    assert r.status_code == 200 and "ecny" in {x["provider"] for x in r.json()}
    r = await clinician_api.get(
        "/billing/reconciliation/mismatches", params={"day": day, "cause": "missing_ours"}, headers=admin
    )
    assert r.status_code == 200 and all(m["cause"] == "missing_ours" for m in r.json())
    for path in ("/billing/reconciliation/runs", "/billing/reconciliation/mismatches"):
        r = await clinician_api.get(path, headers=doctor)
        assert r.status_code == 403 and r.json()["code"] == "not_billing_admin"
    r = await clinician_api.post(f"/billing/reconciliation/runs/ecny/{day}", headers=doctor)
    assert r.status_code == 403
    r = await clinician_api.post(f"/billing/reconciliation/runs/ecny/{today()}", headers=admin)
    assert r.status_code == 422 and r.json()["code"] == "statement_day_not_over"
    r = await clinician_api.post(f"/billing/reconciliation/runs/paypal/{day}", headers=admin)
    assert r.status_code == 400
    r = await clinician_api.get("/billing/reconciliation/mismatches", params={"cause": "lost"}, headers=admin)
    assert r.status_code == 400
