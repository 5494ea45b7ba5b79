"""Medical insurance (医保 mobile payment) on real services: pre-settlement writes the shares on the
order (医保统筹 / 个人账户 / 自付) only while nobody is paying it; the cash share is paid through a
payment provider and then settled at the embedded centre; no cash share means paid at settlement;
a timed-out settlement is asked about and retried (or settled by the centre's signed notice), a
refused one refunds the patient in full; refunds give the insurance part back line by line; the
centre's notices are verified; strangers get 404 and bad input a clear 4xx with nothing changed."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest

from tests.integration.billing_world import (
    audit_actions,
    institution,
    key,
    ledger,
    make_order,
    new_patient,
    patient_actor,
    refund_status,
    signed_in_patient,
    trade,
)

AREA = "TINS01"  # deductible 0: shares follow from the ratios alone
AREA_DEDUCTIBLE = "TINS02"  # 起付线 200 yuan


def _rules(deductible_fen: int = 0) -> Any:
    from yiqiao.integrations.insurance.rules import GroupPolicy, LevelPolicy, Rules, VisitPolicy

    def group(p: int, s: int, t: int, cap: int) -> GroupPolicy:
        return GroupPolicy(
            primary=LevelPolicy(deductible_fen=deductible_fen, ratio_bp=p),
            secondary=LevelPolicy(deductible_fen=deductible_fen, ratio_bp=s),
            tertiary=LevelPolicy(deductible_fen=deductible_fen, ratio_bp=t),
            annual_cap_fen=cap,
        )

    visit = VisitPolicy(
        employee=group(9000, 8000, 7000, 1_000_000_00), resident=group(7000, 6000, 5000, 500_000_00)
    )
    return Rules(b_first_self_bp=1000, outpatient=visit, inpatient=visit)


@pytest.fixture(scope="module")
async def areas(core: None) -> None:
    from yiqiao.integrations.insurance import local

    await local.set_area(AREA, "测试统筹区", _rules())
    await local.set_area(AREA_DEDUCTIBLE, "测试统筹区（起付线）", _rules(deductible_fen=200_00))


async def enrol(
    patient: uuid.UUID, *, insured_type: str = "employee", balance: int = 0, area: str = AREA
) -> str:
    from yiqiao.identity.service.cards import _patient_identity
    from yiqiao.integrations.insurance import local

    name, id_number, _, _ = await _patient_identity(patient)
    return await local.enrol(
        id_number=id_number,
        name=name,
        insured_type=insured_type,  # type: ignore[arg-type]
        area_code=area,
        account_balance_fen=balance,
    )


async def insured(label: str, **kw: Any) -> tuple[uuid.UUID, uuid.UUID, str]:
    account, patient = await new_patient(label)
    return account, patient, await enrol(patient, **kw)


def line(code: str, name: str, fen: int, cls: str, qty: int = 1, category: str = "drug") -> Any:
    from yiqiao.billing.types import OrderItemIn

    return OrderItemIn(
        code=code,
        name=name,
        category=category,  # type: ignore[arg-type]
        unit_fen=fen,
        quantity=qty,
        insurance_class=cls,  # type: ignore[arg-type]
    )


MIXED = [
    line("A001", "阿莫西林胶囊", 10_000, "A"),
    line("B001", "头孢克肟片", 5_000, "B"),
    line("S001", "自费营养液", 2_000, "self"),
]


async def order_at(account: uuid.UUID, patient: uuid.UUID, lines: list[Any], code: str) -> Any:
    from yiqiao.billing.service import orders
    from yiqiao.billing.types import NewOrder

    cmd = NewOrder(
        patient_id=patient, kind="outpatient", title="门诊药费", items=lines, institution_id=institution(code)
    )
    return await orders.create_order(patient_actor(account), cmd, key("order"))


async def _order(order_id: uuid.UUID) -> dict[str, Any]:
    from yiqiao import db

    return (await db.fetch("SELECT * FROM billing_order WHERE id = {}", order_id))[0]


async def _records(order_id: uuid.UUID) -> list[dict[str, Any]]:
    from yiqiao import db

    return await db.fetch("SELECT * FROM billing_insurance WHERE order_id = {} ORDER BY created_at", order_id)


async def _centre(pay_order_id: str) -> dict[str, Any]:
    from yiqiao import db

    return (await db.fetch("SELECT * FROM local_insurance_settlement WHERE pay_order_id = {}", pay_order_id))[
        0
    ]


async def _person(psn_no: str) -> dict[str, Any]:
    from yiqiao import db

    rows = await db.fetch(
        "SELECT p.account_balance_fen, y.deductible_used_fen, y.fund_paid_fen FROM local_insurance_person p"
        " LEFT JOIN local_insurance_year y ON y.psn_no = p.psn_no AND y.visit_type = 'outpatient'"
        " WHERE p.psn_no = {}",
        psn_no,
    )
    return rows[0]


async def _pay_cash(account: uuid.UUID, order_id: uuid.UUID, *, provider: str = "wechat") -> Any:
    """Pay with insurance and let the wallet pay the cash share; returns the InsurancePayStart."""
    from yiqiao.billing.service import insurance, payments
    from yiqiao.kit.actor import SYSTEM

    start = await insurance.pay_with_insurance(
        patient_actor(account),
        order_id,
        insurance.InsurancePay(provider=provider),
        key("ins-pay"),  # type: ignore[arg-type]
    )
    assert start.payment is not None
    outcome = await payments.apply_trade(
        SYSTEM, provider, trade(start.payment.out_trade_no, "succeeded", start.payment.amount_fen)
    )
    assert outcome == "applied"
    return start


async def _finish_refund(refund_id: uuid.UUID, provider: str = "wechat") -> str:
    from yiqiao import db
    from yiqiao.billing.service import payments
    from yiqiao.kit.actor import SYSTEM

    r = (await db.fetch("SELECT * FROM billing_refund WHERE id = {}", refund_id))[0]
    return await payments.apply_refund_status(
        SYSTEM, provider, refund_status(r["refund_no"], "succeeded", r["amount_fen"] - r["insurance_fen"])
    )


# --- pre-settlement ---------------------------------------------------------------------------------


async def test_pre_settlement_shows_the_split_and_writes_the_shares_on_the_order(areas, providers):
    from yiqiao.billing.service import insurance, orders

    account, patient, psn = await insured("医保甲", balance=1_000)
    order = await make_order(account, patient, lines=MIXED)
    split = await insurance.pre_settle(patient_actor(account), order.id)
    # 甲 10000 and 乙 5000 less its 10% first self-pay: 14500 covered at the county hospital's 80%.
    assert (split.fund_fen, split.account_fen, split.cash_fen) == (11_600, 1_000, 4_400)
    assert (split.first_self_pay_fen, split.uncovered_fen, split.eligible_fen) == (500, 2_000, 14_500)
    assert split.summary == "医保统筹支付 116.00 元 / 个人账户 10.00 元 / 自付 44.00 元"
    assert split.status == "pre_settled" and split.level == "secondary" and split.insured_type == "employee"
    assert [(x.line_no, x.class_text, x.fund_fen, x.account_fen, x.cash_fen) for x in split.lines] == [
        (1, "甲类", 8_000, 1_000, 1_000),
        (2, "乙类", 3_600, 0, 1_400),
        (3, "自费", 0, 0, 2_000),
    ]
    assert split.card_no_masked.count("*") >= 2 and psn not in split.card_no_masked
    view = await orders.get_order(patient_actor(account), order.id)
    assert (view.status, view.total_fen, view.insurance_fen, view.self_pay_fen) == (
        "created",
        17_000,
        12_600,
        4_400,
    )
    assert "billing_order.insurance_pre_settle" in await audit_actions(order.id)
    assert (await _centre(split_pay_order(await _records(order.id))))["state"] == "pre_settled"
    assert (await _person(psn))["account_balance_fen"] == 1_000  # nothing is paid at pre-settlement


def split_pay_order(records: list[dict[str, Any]]) -> str:
    live = [r for r in records if r["status"] in ("pre_settled", "settled")]
    assert len(live) == 1, records
    return str(live[0]["pay_order_id"])


async def test_a_township_clinic_pays_more_and_residents_have_no_personal_account(areas, providers):
    from yiqiao.billing.service import insurance

    account, patient, _ = await insured("医保乙", balance=50_000)
    township = await order_at(account, patient, MIXED, "QX-SMZ")
    split = await insurance.pre_settle(patient_actor(account), township.id)
    assert split.level == "primary" and split.fund_fen == 13_050  # 14500 × 90%
    r_account, r_patient, _ = await insured("医保丙", insured_type="resident", balance=50_000)
    order = await make_order(r_account, r_patient, lines=MIXED)
    split = await insurance.pre_settle(patient_actor(r_account), order.id)
    assert (split.fund_fen, split.account_fen, split.cash_fen) == (8_700, 0, 8_300)  # 60%, no account
    assert split.insured_type_text == "城乡居民医保"
    no_account = await make_order(account, patient, lines=MIXED)
    split = await insurance.pre_settle(
        patient_actor(account), no_account.id, insurance.InsurancePreSettle(use_personal_account=False)
    )
    assert split.account_fen == 0 and split.cash_fen == 5_400


async def test_pre_settling_again_replaces_the_first_and_cancelling_makes_it_all_self_pay(areas, providers):
    from yiqiao.billing.service import insurance

    account, patient, _ = await insured("医保丁", balance=1_000)
    order = await make_order(account, patient, lines=MIXED)
    me = patient_actor(account)
    await insurance.pre_settle(me, order.id)
    await insurance.pre_settle(me, order.id, insurance.InsurancePreSettle(use_personal_account=False))
    first, second = await _records(order.id)
    assert (first["status"], second["status"]) == ("revoked", "pre_settled")
    assert (await _centre(first["pay_order_id"]))["state"] == "revoked"
    o = await _order(order.id)
    assert (o["insurance_fen"], o["self_pay_fen"]) == (11_600, 5_400)
    split = await insurance.cancel_pre_settlement(me, order.id)
    assert split.status == "revoked"
    o = await _order(order.id)
    assert (o["status"], o["insurance_fen"], o["self_pay_fen"]) == ("created", 0, 17_000)
    assert (await _centre(second["pay_order_id"]))["state"] == "revoked"
    assert "billing_order.insurance_cancel" in await audit_actions(order.id)


async def test_pre_settlement_only_while_nobody_is_paying_and_not_for_deposits(areas, providers):
    from yiqiao.billing.service import insurance, payments
    from yiqiao.billing.types import PayCommand
    from yiqiao.kit.errors import Conflict

    account, patient, _ = await insured("医保戊")
    me = patient_actor(account)
    order = await make_order(account, patient, lines=MIXED)
    await payments.start_payment(me, order.id, PayCommand(provider="wechat"), key("pay"))
    with pytest.raises(Conflict) as exc:
        await insurance.pre_settle(me, order.id)
    assert exc.value.code == "insurance_too_late"
    with pytest.raises(Conflict) as exc:
        await insurance.pay_with_insurance(me, order.id, insurance.InsurancePay(provider="wechat"), key("p"))
    assert exc.value.code == "insurance_too_late"
    o = await _order(order.id)
    assert (o["status"], o["insurance_fen"], o["self_pay_fen"]) == ("paying", 0, 17_000)
    assert await _records(order.id) == []
    for kind in ("inpatient_deposit", "discharge"):
        other = await make_order(account, patient, 50_000, kind=kind)
        with pytest.raises(Conflict) as exc:
            await insurance.pre_settle(me, other.id)
        assert exc.value.code == "insurance_not_applicable"
        assert await _records(other.id) == []


async def test_uninsured_and_frozen_cards_are_refused_and_nothing_changes(areas, providers):
    from yiqiao.billing.service import insurance
    from yiqiao.integrations.insurance import local
    from yiqiao.kit.errors import Conflict

    account, patient = await new_patient("未参保")
    order = await make_order(account, patient, lines=MIXED)
    with pytest.raises(Conflict) as exc:
        await insurance.pre_settle(patient_actor(account), order.id)
    assert exc.value.code == "not_insured"
    f_account, f_patient, psn = await insured("冻结卡")
    await local.set_person_status(psn, "frozen")
    frozen = await make_order(f_account, f_patient, lines=MIXED)
    with pytest.raises(Conflict) as exc:
        await insurance.pre_settle(patient_actor(f_account), frozen.id)
    assert exc.value.code == "insurance_card_frozen"
    for o in (order, frozen):
        row = await _order(o.id)
        assert (row["status"], row["insurance_fen"], row["self_pay_fen"]) == ("created", 0, 17_000)
        assert await _records(o.id) == []


async def test_another_patient_cannot_see_or_settle_my_order(areas, providers):
    from yiqiao.billing.service import insurance
    from yiqiao.kit.errors import NotFound

    account, patient, _ = await insured("本人")
    stranger, _s, _ = await insured("他人")
    order = await make_order(account, patient, lines=MIXED)
    them = patient_actor(stranger)
    for call in (
        insurance.pre_settle(them, order.id),
        insurance.get_split(them, order.id),
        insurance.cancel_pre_settlement(them, order.id),
        insurance.pay_with_insurance(them, order.id, insurance.InsurancePay(provider="wechat"), key("x")),
    ):
        with pytest.raises(NotFound):
            await call
    assert await _records(order.id) == []


# --- paying and settling --------------------------------------------------------------------------


async def test_mixed_payment_the_cash_share_is_paid_then_the_insurance_settles(areas, providers):
    from yiqiao import db
    from yiqiao.billing import events
    from yiqiao.billing.service import insurance, orders

    account, patient, psn = await insured("混合支付", balance=1_000)
    order = await make_order(account, patient, lines=MIXED)
    start = await _pay_cash(account, order.id)
    assert start.payment.amount_fen == 4_400 and providers["wechat"].created[0].amount_fen == 4_400
    assert start.split.status == "pre_settled"
    o = await _order(order.id)
    assert (o["status"], o["paid_fen"], o["insurance_fen"]) == ("paid", 4_400, 12_600)
    assert "yiqiao.billing.service.insurance.settle_after_payment" in events.SUBSCRIBERS[events.ORDER_PAID]
    await insurance.settle_after_payment(order.id, {"order_id": str(order.id)})
    await insurance.settle_after_payment(order.id, {"order_id": str(order.id)})  # redelivered: once
    split = await insurance.get_split(patient_actor(account), order.id)
    assert split.status == "settled" and split.settled_at is not None
    (record,) = await _records(order.id)
    assert record["cash_payment_ref"] == start.payment.out_trade_no and record["setl_id"]
    centre = await _centre(record["pay_order_id"])
    assert (centre["state"], centre["fund_fen"], centre["cash_payment_ref"]) == (
        "settled",
        11_600,
        start.payment.out_trade_no,
    )
    person = await _person(psn)
    assert (person["account_balance_fen"], person["fund_paid_fen"]) == (0, 11_600)
    assert [r["amount_fen"] for r in await ledger(order.id)] == [4_400]  # only the cash is ours to book
    notices = await db.fetch(
        "SELECT title, body FROM notice WHERE dedupe_key = {}", f"billing:{record['id']}:insurance_settled"
    )
    assert len(notices) == 1 and "医保统筹支付 116.00 元" in notices[0]["body"]
    assert await audit_actions(record["id"]) == ["billing_insurance.settle"]
    view = await orders.get_order(patient_actor(account), order.id)
    assert view.status == "paid"


async def test_no_cash_share_means_paid_at_settlement_with_no_provider_payment(areas, providers):
    from yiqiao import db
    from yiqiao.billing.service import insurance

    account, patient, psn = await insured("全额医保", balance=5_000)
    order = await make_order(account, patient, lines=[line("A002", "硝苯地平片", 10_000, "A")])
    me = patient_actor(account)
    first = await insurance.pay_with_insurance(
        me, order.id, insurance.InsurancePay(provider="wechat"), key("p")
    )
    assert first.payment is None and first.order_status == "paid"
    assert (first.split.fund_fen, first.split.account_fen, first.split.cash_fen) == (8_000, 2_000, 0)
    assert first.split.status == "settled"
    again = await insurance.pay_with_insurance(
        me, order.id, insurance.InsurancePay(provider="wechat"), key("p")
    )
    assert again.payment is None and again.order_status == "paid"
    o = await _order(order.id)
    assert (o["status"], o["paid_fen"], o["insurance_fen"], o["self_pay_fen"]) == ("paid", 0, 10_000, 0)
    assert await db.fetch("SELECT 1 FROM billing_payment WHERE order_id = {}", order.id) == []
    assert providers == {} or not any(p.created for p in providers.values())
    assert await ledger(order.id) == []
    person = await _person(psn)
    assert (person["account_balance_fen"], person["fund_paid_fen"]) == (3_000, 8_000)
    paid_events = await db.fetch(
        "SELECT 1 FROM outbox_message WHERE topic = 'billing.order_paid' AND payload->>'order_id' = {}",
        str(order.id),
    )
    assert len(paid_events) == 1
    assert "billing_order.pay" in await audit_actions(order.id)


async def test_a_settlement_that_timed_out_is_asked_about_and_retried(areas, providers):
    from yiqiao import db
    from yiqiao.billing.service import insurance
    from yiqiao.integrations.insurance import local

    account, patient, psn = await insured("超时前")
    order = await make_order(account, patient, lines=MIXED)
    await _pay_cash(account, order.id)
    await local.plan_fault(psn, "settle", "timeout_before")
    assert await insurance.settle(order.id) == "retrying"
    (record,) = await _records(order.id)
    assert record["status"] == "pre_settled" and record["settle_attempts"] == 1 and record["next_attempt_at"]
    assert (await _centre(record["pay_order_id"]))["state"] == "pre_settled"
    await db.execute(
        "UPDATE billing_insurance SET next_attempt_at = now() - interval '1 s' WHERE id = {}", record["id"]
    )
    report = await insurance.sweep()
    assert report.settled >= 1
    (record,) = await _records(order.id)
    assert record["status"] == "settled" and record["next_attempt_at"] is None
    assert (await _person(psn))["fund_paid_fen"] == 11_600


async def test_a_settlement_whose_answer_was_lost_is_found_by_asking_and_never_settled_twice(
    areas, providers
):
    from yiqiao.billing.service import insurance
    from yiqiao.integrations.insurance import local

    account, patient, psn = await insured("超时后")
    order = await make_order(account, patient, lines=MIXED)
    await _pay_cash(account, order.id)
    await local.plan_fault(psn, "settle", "timeout_after")
    assert await insurance.settle(order.id) == "settled"
    (record,) = await _records(order.id)
    assert record["status"] == "settled"
    assert (await _person(psn))["fund_paid_fen"] == 11_600
    assert await insurance.settle(order.id) == "done"
    assert (await _person(psn))["fund_paid_fen"] == 11_600


async def test_the_centres_signed_notice_settles_what_we_could_not_ask_about(areas, providers, patient_api):
    from yiqiao.billing.service import insurance
    from yiqiao.integrations.insurance import local

    account, patient, psn = await insured("结算通知")
    order = await make_order(account, patient, lines=MIXED)
    await _pay_cash(account, order.id)
    await local.plan_fault(psn, "settle", "timeout_after")
    await local.plan_fault(psn, "query", "timeout_before")
    assert await insurance.settle(order.id) == "retrying"
    assert (await _records(order.id))[0]["status"] == "pre_settled"
    delivered = await local.deliver_notices(patient_api)
    assert delivered >= 1
    (record,) = await _records(order.id)
    assert record["status"] == "settled"
    assert (await _person(psn))["fund_paid_fen"] == 11_600


async def test_a_refused_settlement_refunds_the_patient_in_full(areas, providers):
    from yiqiao.billing.service import insurance, orders

    # Two bills pre-settled against the same 起付线; the first one settled uses it up, so the
    # second one's pre-settlement no longer holds and the centre refuses it.
    account, patient, psn = await insured("起付线", area=AREA_DEDUCTIBLE)
    bill = [line("A003", "胸部CT", 30_000, "A", category="exam")]
    first = await make_order(account, patient, lines=bill)
    second = await make_order(account, patient, lines=bill)
    await insurance.pre_settle(patient_actor(account), first.id)
    s2 = await insurance.pre_settle(patient_actor(account), second.id)
    assert (s2.deductible_fen, s2.fund_fen, s2.cash_fen) == (20_000, 8_000, 22_000)
    await _pay_cash(account, first.id)
    await _pay_cash(account, second.id)
    assert await insurance.settle(first.id) == "settled"
    assert (await _person(psn))["deductible_used_fen"] == 20_000
    assert await insurance.settle(second.id) == "failed"
    (record,) = await _records(second.id)
    assert record["status"] == "failed" and "presettle_stale" in record["status_reason"]
    assert (await _centre(record["pay_order_id"]))["state"] == "revoked"
    o = await _order(second.id)
    assert o["status"] == "refunding" and o["refund_held_fen"] == 30_000
    sent = providers["wechat"].refunds
    assert [r.amount_fen for r in sent] == [22_000]  # the cash; the insurance never paid its part
    view = await orders.get_order(patient_actor(account), second.id)
    assert await _finish_refund(view.refunds[0].id) == "applied"
    o = await _order(second.id)
    assert (o["status"], o["refunded_fen"]) == ("refunded", 30_000)
    assert sum(r["amount_fen"] for r in await ledger(second.id)) == 0
    assert (await _person(psn))["fund_paid_fen"] == 8_000  # only the first bill
    assert "billing_insurance.fail" in await audit_actions(record["id"])


async def test_an_upload_of_an_order_that_closed_unpaid_is_revoked_at_the_centre(areas, providers):
    from yiqiao import db
    from yiqiao.billing import lifecycle
    from yiqiao.billing.service import insurance
    from yiqiao.kit.actor import SYSTEM

    account, patient, _ = await insured("关闭")
    order = await make_order(account, patient, lines=MIXED)
    await insurance.pre_settle(patient_actor(account), order.id)
    async with db.transaction():
        await lifecycle.apply_order(SYSTEM, order.id, "close", reason="timeout")
    await insurance.sweep()
    (record,) = await _records(order.id)
    assert record["status"] == "revoked" and not record["centre_open"]
    assert (await _centre(record["pay_order_id"]))["state"] == "revoked"


# --- refunds --------------------------------------------------------------------------------------


async def test_refunds_give_the_insurance_part_back_line_by_line_fund_first(areas, providers):
    from yiqiao.billing.service import insurance, refunds
    from yiqiao.billing.types import RefundCommand, RefundLine

    account, patient, psn = await insured("医保退费", balance=1_000)
    order = await make_order(account, patient, lines=MIXED)
    await _pay_cash(account, order.id)
    assert await insurance.settle(order.id) == "settled"
    me = patient_actor(account)
    # Line 2 (乙类 5000: fund 3600, cash 1400) in full.
    r1 = await refunds.request_refund(
        me, order.id, RefundCommand(reason="不需要", item_lines=[RefundLine(line_no=2)]), key("rf")
    )
    assert (r1.amount_fen, r1.insurance_fen) == (5_000, 3_600)
    assert [r.amount_fen for r in providers["wechat"].refunds] == [1_400]
    assert await _finish_refund(r1.id) == "applied"
    o = await _order(order.id)
    assert (o["status"], o["refunded_fen"]) == ("partially_refunded", 5_000)
    assert (await _person(psn))["fund_paid_fen"] == 8_000
    # Half of line 1 (甲类 10000: fund 8000, account 1000, cash 1000): the fund first.
    r2 = await refunds.request_refund(
        me,
        order.id,
        RefundCommand(reason="减量", item_lines=[RefundLine(line_no=1, amount_fen=5_000)]),
        key("rf"),
    )
    assert r2.insurance_fen == 4_500
    await _finish_refund(r2.id)
    # Everything left: the rest of line 1 and the self-pay line 3.
    r3 = await refunds.request_refund(me, order.id, RefundCommand(reason="全部退"), key("rf"))
    assert (r3.amount_fen, r3.insurance_fen) == (7_000, 3_500 + 1_000)
    await _finish_refund(r3.id)
    o = await _order(order.id)
    assert (o["status"], o["refunded_fen"]) == ("refunded", 17_000)
    assert sum(r["amount_fen"] for r in await ledger(order.id)) == 0
    assert [r.amount_fen for r in providers["wechat"].refunds] == [1_400, 500, 2_500]
    (record,) = await _records(order.id)
    assert (record["status"], record["refunded_fund_fen"], record["refunded_account_fen"]) == (
        "reversed",
        11_600,
        1_000,
    )
    centre = await _centre(record["pay_order_id"])
    assert (centre["state"], centre["refunded_fen"]) == ("reversed", 17_000)
    person = await _person(psn)
    assert (person["account_balance_fen"], person["fund_paid_fen"]) == (1_000, 0)
    split = await insurance.get_split(me, order.id)
    assert split.status == "reversed" and split.refunded_fund_fen == 11_600


async def test_a_refund_of_an_order_paid_by_insurance_alone_goes_back_through_the_centre_only(
    areas, providers
):
    from yiqiao.billing.service import insurance, refunds
    from yiqiao.billing.types import RefundCommand

    account, patient, psn = await insured("纯医保退", balance=5_000)
    order = await make_order(account, patient, lines=[line("A004", "血常规", 10_000, "A", category="lab")])
    me = patient_actor(account)
    await insurance.pay_with_insurance(me, order.id, insurance.InsurancePay(provider="wechat"), key("p"))
    refund = await refunds.request_refund(me, order.id, RefundCommand(reason="未做检查"), key("rf"))
    assert (refund.amount_fen, refund.insurance_fen) == (10_000, 10_000)
    from yiqiao.billing.service.queries import refund_progress

    done = await refund_progress(me, refund.id)
    assert done.status == "succeeded"
    o = await _order(order.id)
    assert (o["status"], o["refunded_fen"]) == ("refunded", 10_000)
    assert await ledger(order.id) == []
    person = await _person(psn)
    assert (person["account_balance_fen"], person["fund_paid_fen"]) == (5_000, 0)


async def test_an_insurance_refund_that_timed_out_is_sent_again_by_the_sweep(areas, providers):
    from yiqiao import db
    from yiqiao.billing.service import insurance, refunds
    from yiqiao.billing.types import RefundCommand
    from yiqiao.integrations.insurance import local

    account, patient, psn = await insured("退费超时")
    order = await make_order(account, patient, lines=MIXED)
    await _pay_cash(account, order.id)
    await insurance.settle(order.id)
    await local.plan_fault(psn, "refund", "timeout_before")
    refund = await refunds.request_refund(
        patient_actor(account), order.id, RefundCommand(reason="退"), key("rf")
    )
    assert refund.status == "processing" and providers["wechat"].refunds == []  # cash waits for the insurance
    (part,) = await db.fetch("SELECT * FROM billing_insurance_refund WHERE refund_id = {}", refund.id)
    assert part["status"] == "pending" and part["attempts"] == 1
    await db.execute("UPDATE billing_insurance_refund SET next_attempt_at = now() WHERE id = {}", part["id"])
    report = await insurance.sweep()
    assert report.refunds_sent >= 1
    assert [r.amount_fen for r in providers["wechat"].refunds] == [5_400]
    await _finish_refund(refund.id)
    assert (await _order(order.id))["status"] == "refunded"
    assert (await _person(psn))["fund_paid_fen"] == 0


# --- the centre's notices -------------------------------------------------------------------------


async def test_notices_are_verified_refused_when_forged_or_stale_and_applied_once(areas, patient_api):
    import msgspec
    from yiqiao import db
    from yiqiao.integrations.insurance import local
    from yiqiao.kit import clock

    body = msgspec.json.encode(
        {
            "notify_id": f"N-TEST-{uuid.uuid4().hex[:8]}",
            "kind": "settled",
            "out_refund_no": "",
            "settlement": {
                "pay_order_id": "ORD-NOBODY",
                "med_org_order_no": "X",
                "state": "settled",
                "total_fen": 1,
                "fund_fen": 1,
                "account_fen": 0,
                "cash_fen": 0,
            },
        }
    )
    before = (await db.fetch("SELECT coalesce(max(id), 0) AS n FROM billing_notification"))[0]["n"]
    headers = await local.sign_notice(body)
    forged = dict(headers, **{local.H_SIGNATURE: headers[local.H_SIGNATURE][::-1]})
    r = await patient_api.post("/insurance/notify", content=body, headers=forged)
    assert r.status_code == 400 and r.json()["code"] == -1
    tampered = body.replace(b'"fund_fen":1', b'"fund_fen":9')
    r = await patient_api.post("/insurance/notify", content=tampered, headers=headers)
    assert r.status_code == 400
    r = await patient_api.post("/insurance/notify", content=body, headers={})
    assert r.status_code == 400
    stale = await local.sign_notice(body, at=clock.now() - dt.timedelta(hours=1))
    r = await patient_api.post("/insurance/notify", content=body, headers=stale)
    assert r.status_code == 400
    for _ in range(2):
        r = await patient_api.post("/insurance/notify", content=body, headers=headers)
        assert r.status_code == 200 and r.json() == {"code": 0, "message": "成功"}
    rows = await db.fetch(
        "SELECT outcome FROM billing_notification WHERE id > {} AND provider = 'insurance:local'", before
    )
    outcomes = sorted(r["outcome"] for r in rows)
    assert outcomes == sorted(
        ["rejected_bad_signature", "rejected_bad_signature", "rejected_missing_signature",
         "rejected_replay_window", "unknown_reference"]
    )  # fmt: skip


# --- over HTTP --------------------------------------------------------------------------------------


async def test_pay_with_insurance_over_http_and_another_patient_gets_404(areas, patient_api, providers):
    headers, account, patient = await signed_in_patient(patient_api, "医保接口")
    other, _, _ = await signed_in_patient(patient_api, "医保他人")
    await enrol(patient, balance=1_000)
    order = await make_order(account, patient, lines=MIXED)
    base = f"/orders/{order.id}/insurance"
    r = await patient_api.get(base, headers=headers)
    assert r.status_code == 404 and r.json()["code"] == "insurance_not_found"
    r = await patient_api.post(f"{base}/pre-settle", json={"use_personal_account": "yes"}, headers=headers)
    assert r.status_code == 400
    r = await patient_api.post(f"{base}/pre-settle", json={"spend": 1}, headers=headers)
    assert r.status_code == 400
    r = await patient_api.post(f"{base}/pre-settle", json={}, headers=headers)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["summary"] == "医保统筹支付 116.00 元 / 个人账户 10.00 元 / 自付 44.00 元"
    assert body["cash_fen"] == 4_400 and body["lines"][1]["class_text"] == "乙类"
    for method, path in (("GET", base), ("POST", f"{base}/pre-settle"), ("DELETE", base)):
        r = await patient_api.request(method, path, json={} if method == "POST" else None, headers=other)
        assert r.status_code == 404 and r.headers["content-type"].startswith("application/problem+json")
    r = await patient_api.post(
        f"{base}/pay", json={"provider": "wechat"}, headers=other | {"Idempotency-Key": key("h")}
    )
    assert r.status_code == 404
    r = await patient_api.post(f"{base}/pay", json={"provider": "wechat"}, headers=headers)
    assert r.status_code == 400  # no Idempotency-Key
    r = await patient_api.post(
        f"{base}/pay", json={"provider": "nopay"}, headers=headers | {"Idempotency-Key": key("h")}
    )
    assert r.status_code == 400
    o = await _order(order.id)
    assert (o["status"], o["self_pay_fen"]) == ("created", 4_400)
    idem = key("h")
    r = await patient_api.post(
        f"{base}/pay", json={"provider": "wechat"}, headers=headers | {"Idempotency-Key": idem}
    )
    assert r.status_code == 201, r.text
    start = r.json()
    assert start["payment"]["amount_fen"] == 4_400 and start["order_status"] == "paying"
    r = await patient_api.post(
        f"{base}/pay", json={"provider": "wechat"}, headers=headers | {"Idempotency-Key": idem}
    )
    assert r.status_code == 201 and r.json()["payment"]["payment_id"] == start["payment"]["payment_id"]
    r = await patient_api.delete(base, headers=headers)
    assert r.status_code == 409 and r.json()["code"] == "insurance_too_late"
    r = await patient_api.get(base, headers=headers)
    assert r.status_code == 200 and r.json()["status"] == "pre_settled"


async def test_two_pre_settlements_racing_leave_one_live_and_the_order_matching_it(areas, providers):
    import asyncio

    from yiqiao.billing.service import insurance

    account, patient, _ = await insured("并发预结算", balance=1_000)
    order = await make_order(account, patient, lines=MIXED)
    me = patient_actor(account)
    results = await asyncio.gather(
        insurance.pre_settle(me, order.id),
        insurance.pre_settle(me, order.id, insurance.InsurancePreSettle(use_personal_account=False)),
        return_exceptions=True,
    )
    assert not [r for r in results if isinstance(r, BaseException)], results
    records = await _records(order.id)
    live = [r for r in records if r["status"] == "pre_settled"]
    assert len(records) == 2 and len(live) == 1
    o = await _order(order.id)
    assert (o["insurance_fen"], o["self_pay_fen"]) == (
        live[0]["fund_fen"] + live[0]["account_fen"],
        live[0]["cash_fen"],
    )
    (gone,) = [r for r in records if r["status"] == "revoked"]
    assert (await _centre(gone["pay_order_id"]))["state"] == "revoked"
    assert (await _centre(live[0]["pay_order_id"]))["state"] == "pre_settled"


async def test_a_refund_the_centre_refuses_fails_whole_and_releases_the_money(areas, providers):
    from yiqiao import db
    from yiqiao.billing.service import insurance, refunds
    from yiqiao.billing.service.queries import refund_progress
    from yiqiao.billing.types import RefundCommand

    account, patient, _ = await insured("退费被拒")
    order = await make_order(account, patient, lines=MIXED)
    await _pay_cash(account, order.id)
    assert await insurance.settle(order.id) == "settled"
    (record,) = await _records(order.id)
    # The centre reversed the settlement at its own window (冲正) without telling us.
    await db.execute(
        "UPDATE local_insurance_settlement SET state = 'reversed' WHERE pay_order_id = {}",
        record["pay_order_id"],
    )
    me = patient_actor(account)
    refund = await refunds.request_refund(me, order.id, RefundCommand(reason="退"), key("rf"))
    done = await refund_progress(me, refund.id)
    assert done.status == "failed" and "医保退费被拒绝" in done.failure_reason
    assert providers["wechat"].refunds == []  # no cash went back either
    o = await _order(order.id)
    assert (o["status"], o["refund_held_fen"], o["refunded_fen"]) == ("paid", 0, 0)
    (part,) = await db.fetch("SELECT * FROM billing_insurance_refund WHERE refund_id = {}", refund.id)
    assert part["status"] == "failed" and "not_settled" in part["failure_reason"]


async def test_end_to_end_with_the_wechat_sandbox_wallet_callbacks_and_the_centre(areas, patient_api):
    """No stand-ins but the payer's thumb: the sandbox wallet pays the cash share, its signed
    callback reaches the notify endpoint, the insurance settles, and a refund goes back through
    the centre and the sandbox (its refund callback too)."""
    wallet = pytest.importorskip("yiqiao.integrations.payment.local.wallet")
    delivery = pytest.importorskip("yiqiao.integrations.payment.local.delivery")
    from yiqiao.billing.service import insurance

    headers, account, patient = await signed_in_patient(patient_api, "医保全流程")
    psn = await enrol(patient, balance=1_000)
    order = await make_order(account, patient, lines=MIXED)
    r = await patient_api.post(
        f"/orders/{order.id}/insurance/pay",
        json={"provider": "wechat", "channel": "mini_program"},
        headers=headers | {"Idempotency-Key": key("e2e")},
    )
    assert r.status_code == 201, r.text
    start = r.json()
    assert start["split"]["summary"] == "医保统筹支付 116.00 元 / 个人账户 10.00 元 / 自付 44.00 元"
    assert start["payment"]["amount_fen"] == 4_400
    await wallet.pay(start["payment"]["payload"]["prepay_id"])
    await delivery.deliver_due(client=patient_api)
    r = await patient_api.get(f"/orders/{order.id}", headers=headers)
    assert r.json()["status"] == "paid" and r.json()["paid_fen"] == 4_400
    await insurance.settle_after_payment(order.id, {"order_id": str(order.id)})
    r = await patient_api.get(f"/orders/{order.id}/insurance", headers=headers)
    assert r.json()["status"] == "settled"
    assert (await _person(psn))["fund_paid_fen"] == 11_600
    r = await patient_api.post(
        f"/orders/{order.id}/refunds",
        json={"reason": "不需要了"},
        headers=headers | {"Idempotency-Key": key("e2e")},
    )
    assert r.status_code == 201, r.text
    assert (r.json()["amount_fen"], r.json()["insurance_fen"]) == (17_000, 12_600)
    await delivery.deliver_due(client=patient_api, until=dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5))
    r = await patient_api.get(f"/orders/{order.id}", headers=headers)
    assert r.json()["status"] == "refunded", r.json()
    assert sum(x["amount_fen"] for x in await ledger(order.id)) == 0
    person = await _person(psn)
    assert (person["fund_paid_fen"], person["account_balance_fen"]) == (0, 1_000)


async def test_the_centres_catalogue_decides_the_class_of_an_item(areas, providers):
    from yiqiao.billing.service import insurance
    from yiqiao.integrations.insurance import local

    await local.add_catalogue_item("CAT-TEST-C1", "进口人工晶体", "C")
    account, patient, _ = await insured("目录对照")
    order = await make_order(
        account, patient, lines=[line("CAT-TEST-C1", "进口人工晶体", 8_000, "A", category="material")]
    )
    split = await insurance.pre_settle(patient_actor(account), order.id)
    assert [(x.insurance_class, x.class_text) for x in split.lines] == [("C", "丙类")]
    assert (split.fund_fen, split.uncovered_fen, split.cash_fen) == (0, 8_000, 8_000)


async def test_a_booking_fee_is_paid_with_insurance_and_the_booking_is_confirmed(areas, providers):
    """挂号费 through 医保: the booking's fee order (one per booking), pre-settled by the centre (its
    catalogue takes the fee as 甲类 诊察费), the cash share paid, and the held booking confirmed."""
    from yiqiao.billing.service import registration
    from yiqiao.integrations.insurance import local
    from yiqiao.kit.errors import NotFound
    from yiqiao.scheduling.service import booking

    from tests.integration.scheduling_world import book, fresh_schedule

    await local.add_catalogue_item("REG", "挂号费（诊察费）", "A")
    account, patient, _ = await insured("挂号医保")
    appt = await book(account, patient, (await fresh_schedule(fee_fen=2_000))["id"])
    assert appt.status == "held"
    actor = patient_actor(account)
    order = await registration.booking_order(actor, appt.id)
    assert (order.kind, order.total_fen, order.status) == ("registration", 2_000, "created")
    assert (await registration.booking_order(actor, appt.id)).id == order.id  # one order per booking
    stranger, _ = await new_patient("挂号旁人")
    with pytest.raises(NotFound):
        await registration.booking_order(patient_actor(stranger), appt.id)

    start = await _pay_cash(account, order.id)
    o = await _order(order.id)
    # County hospital (二级), employee: the fund pays 80 %, the patient the rest in cash.
    assert (o["status"], o["insurance_fen"], o["paid_fen"]) == ("paid", 1_600, 400)
    assert start.payment.amount_fen == 400
    assert (await booking.get_booking(actor, appt.id)).status == "confirmed"
    assert (await registration.booking_order(actor, appt.id)).status == "paid"
