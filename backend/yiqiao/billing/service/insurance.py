"""Medical insurance (医保 mobile payment) for orders: pre-settle, mixed payment, settlement,
insurance refunds. The centre is whatever ``integrations.insurance`` says is live; its answers
are recorded in ``billing_insurance`` (one row per pre-settlement of an order, at most one live)
and ``billing_insurance_refund`` (the insurance part of each refund of an insured order).

The flow (002 §2.1.1.2.2, §2.1.3.6; 000 §5.4.1-3)::

    order 'created' ──pre_settle──▶ fee details uploaded, centre pre-settles:
        insurance_fen = fund (统筹) + personal account (个人账户), self_pay_fen = cash (自付),
        written on the order by one conditional UPDATE (the CHECK keeps them adding up to the total)
    cash > 0:  the patient pays the cash share through a payment provider (payments.start_payment);
               once it is paid (event billing.order_paid) ``settle_after_payment`` settles
    cash = 0:  ``pay_with_insurance`` settles at once and the order is paid with no provider payment

Settlement state (``billing_insurance.status``)::

    pre_settled ──settle──▶ settled ──(refunds of all of it)──▶ reversed
    pre_settled ──revoke──▶ revoked     (pre-settled again, insurance cancelled, order closed)
    pre_settled ──fail──▶ failed        (the centre refused for good: the cash is refunded)

Decided: a settlement whose outcome is unknown (the centre timed out) is never given up. We ask
the centre (结算结果查询) and settle again with backoff (worker ``sweep``), and its 结算通知 settles
it too, whichever comes first. A settlement the centre *refuses* (the pre-settlement no longer
holds because the person's year moved on, the card was frozen meanwhile) is failed, and the whole
order is refunded to the patient (their cash; the insurance part was never paid) so nobody keeps
money for care the insurance did not settle.

Refunds of an insured order are split line by line (``rules.refund_line``: the insurance part in
proportion, the fund first); the insurance part goes back through the centre before the cash part
goes back through the payment provider (``refunds.submit`` calls ``refund_insurance_share``).

Centre calls never run inside a database transaction."""

from __future__ import annotations

import datetime as dt
import logging
import secrets
import uuid
from collections.abc import Mapping
from typing import Any, Literal

import msgspec

from yiqiao import db
from yiqiao.audit import service as audit
from yiqiao.billing import events, lifecycle, subjects
from yiqiao.billing.service import orders
from yiqiao.billing.types import PayCommand, PaymentStart
from yiqiao.identity.service import directory
from yiqiao.integrations.errors import ProviderError
from yiqiao.integrations.insurance import get_insurance_provider
from yiqiao.integrations.insurance.base import (
    FeeLine,
    FeeUpload,
    InsuranceProvider,
    InsuranceRefundRequest,
    InvalidNotice,
    NoticeAck,
    PreSettlement,
    Settlement,
    SettlementNotice,
    SettleRequest,
)
from yiqiao.integrations.insurance.rules import LineRefund, LineShare, refund_line
from yiqiao.integrations.payment.base import Channel, ProviderName
from yiqiao.kit import clock
from yiqiao.kit.actor import SYSTEM, Actor
from yiqiao.kit.errors import Conflict, Invalid, NotFound, Unavailable
from yiqiao.kit.ids import new_id
from yiqiao.kit.money import yuan
from yiqiao.notify.service import notify
from yiqiao.settings import get_settings

log = logging.getLogger("yiqiao.billing.insurance")

LIVE = ("pre_settled", "settled")
# Orders not settled with insurance here: a deposit is money on account, not a bill; what is due at
# discharge is already net of the stay's insurance (the inpatient service settles the stay).
NOT_INSURABLE = ("inpatient_deposit", "discharge")
CLOCK_SKEW = dt.timedelta(seconds=60)
# Our name for the centre in billing_notification (the replay guard of its 结算通知).
NOTICE_SOURCE = "insurance"

STATUS_WORDS = {
    "pre_settled": "医保预结算完成，待支付自付部分",
    "settled": "医保已结算",
    "failed": "医保结算失败，已全额原路退款",
    "revoked": "医保预结算已撤销",
    "reversed": "医保结算已全部退回",
}
INSURED_TYPE_WORDS = {"employee": "职工医保", "resident": "城乡居民医保"}
LEVEL_WORDS = {"primary": "一级（乡镇卫生院/社区）", "secondary": "二级（县级医院）", "tertiary": "三级医院"}
CLASS_WORDS = {"A": "甲类", "B": "乙类", "C": "丙类", "self": "自费"}


# --- views and commands ----------------------------------------------------------------------


class InsurancePreSettle(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    # Let the personal account (个人账户) pay the patient's share of covered items.
    use_personal_account: bool = True


class InsurancePay(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """Pay with insurance: pre-settle, then pay the cash share (自付) with ``provider``."""

    provider: ProviderName
    channel: Channel = "mini_program"
    payer_ref: str = ""
    use_personal_account: bool = True


class InsuranceLineView(msgspec.Struct, kw_only=True):
    line_no: int
    name: str
    insurance_class: str
    class_text: str
    amount_fen: int
    fund_fen: int
    account_fen: int
    cash_fen: int


class InsuranceSplitView(msgspec.Struct, kw_only=True):
    """What the insurance pays of an order and what is left for the patient."""

    order_id: uuid.UUID
    order_no: str
    status: Literal["pre_settled", "settled", "failed", "revoked", "reversed"]
    status_text: str
    insured_type: str
    insured_type_text: str
    card_no_masked: str
    level: str
    level_text: str
    total_fen: int
    fund_fen: int  # 医保统筹支付
    account_fen: int  # 个人账户支付
    cash_fen: int  # 自付 (through a payment provider)
    eligible_fen: int  # 政策范围内费用
    first_self_pay_fen: int  # 乙类先行自付
    uncovered_fen: int  # 丙类 / 自费
    deductible_fen: int  # 起付线
    ratio_bp: int  # the fund's ratio, in basis points
    capped: bool  # the annual cap cut the fund's share
    summary: str  # "医保统筹支付 80.00 元 / 个人账户 12.00 元 / 自付 8.00 元"
    lines: list[InsuranceLineView]
    refunded_fund_fen: int = 0
    refunded_account_fen: int = 0
    settled_at: dt.datetime | None = None
    status_reason: str = ""


class InsurancePayStart(msgspec.Struct, kw_only=True):
    split: InsuranceSplitView
    order_status: str
    # None when the cash share is 0: the order was paid at settlement, nothing to pay.
    payment: PaymentStart | None = None


def summary(fund: int, account: int, cash: int) -> str:
    return f"医保统筹支付 {yuan(fund)} 元 / 个人账户 {yuan(account)} 元 / 自付 {yuan(cash)} 元"


def _lines(record: dict[str, Any]) -> list[LineShare]:
    raw = record["lines"]
    lines: list[LineShare] = msgspec.json.decode(
        raw if isinstance(raw, str | bytes) else msgspec.json.encode(raw), type=list[LineShare]
    )
    return lines


def _view(record: dict[str, Any], order: dict[str, Any], names: dict[int, str]) -> InsuranceSplitView:
    return InsuranceSplitView(
        order_id=order["id"],
        order_no=order["order_no"],
        status=record["status"],
        status_text=STATUS_WORDS[record["status"]],
        insured_type=record["insured_type"],
        insured_type_text=INSURED_TYPE_WORDS.get(record["insured_type"], record["insured_type"]),
        card_no_masked=record["card_no_masked"],
        level=record["level"],
        level_text=LEVEL_WORDS.get(record["level"], record["level"]),
        total_fen=record["total_fen"],
        fund_fen=record["fund_fen"],
        account_fen=record["account_fen"],
        cash_fen=record["cash_fen"],
        eligible_fen=record["eligible_fen"],
        first_self_pay_fen=record["first_self_pay_fen"],
        uncovered_fen=record["uncovered_fen"],
        deductible_fen=record["deductible_fen"],
        ratio_bp=record["ratio_bp"],
        capped=record["capped"],
        summary=summary(record["fund_fen"], record["account_fen"], record["cash_fen"]),
        lines=[
            InsuranceLineView(
                line_no=s.line_no,
                name=names.get(s.line_no, ""),
                insurance_class=s.insurance_class,
                class_text=CLASS_WORDS.get(s.insurance_class, s.insurance_class),
                amount_fen=s.amount_fen,
                fund_fen=s.fund_fen,
                account_fen=s.account_fen,
                cash_fen=s.cash_fen,
            )
            for s in _lines(record)
        ],
        refunded_fund_fen=record["refunded_fund_fen"],
        refunded_account_fen=record["refunded_account_fen"],
        settled_at=record["settled_at"],
        status_reason=record["status_reason"],
    )


async def _item_names(order_id: uuid.UUID) -> dict[int, str]:
    rows = await db.fetch("SELECT line_no, name FROM billing_order_item WHERE order_id = {}", order_id)
    return {r["line_no"]: r["name"] for r in rows}


async def _latest(order_id: uuid.UUID) -> dict[str, Any] | None:
    rows = await db.fetch(
        "SELECT * FROM billing_insurance WHERE order_id = {} ORDER BY created_at DESC, id DESC LIMIT 1",
        order_id,
    )
    return rows[0] if rows else None


async def _live(order_id: uuid.UUID) -> dict[str, Any] | None:
    rows = await db.fetch(
        "SELECT * FROM billing_insurance WHERE order_id = {} AND status = ANY({})", order_id, list(LIVE)
    )
    return rows[0] if rows else None


def _provider() -> InsuranceProvider:
    return get_insurance_provider()


def notify_url() -> str:
    return f"{get_settings().billing_notify_base_url.rstrip('/')}/insurance/notify"


def _centre_error(exc: ProviderError) -> Exception:
    """A centre refusal as the patient should read it (never a 500)."""
    if exc.transient:
        return Unavailable(
            "The medical-insurance centre did not answer in time; please try again shortly.",
            code="insurance_unavailable",
        )
    words = {
        "insured_not_found": (
            "No medical insurance was found for this person (医保参保信息不符).",
            "not_insured",
        ),
        "card_frozen": (
            "This person's medical-insurance card is frozen (医保卡已冻结).",
            "insurance_card_frozen",
        ),
        "insured_not_active": ("This person's medical insurance is not in force.", "insurance_not_active"),
        "institution_not_designated": (
            "This institution does not settle medical insurance online.",
            "institution_not_designated",
        ),
    }
    message, code = words.get(
        exc.code, (f"The medical-insurance centre refused: {exc.message}", "insurance_refused")
    )
    return Conflict(message, code=code)


# --- pre-settlement ---------------------------------------------------------------------------


async def pre_settle(
    actor: Actor, order_id: uuid.UUID, cmd: InsurancePreSettle | None = None
) -> InsuranceSplitView:
    """Upload the order's fee details and pre-settle them (预结算); the order's shares become what
    the centre says. Only while the order is 'created' (nobody is paying it yet); a second
    pre-settlement replaces the first (which is revoked at the centre)."""
    cmd = cmd or InsurancePreSettle()
    order = await orders.load_visible(actor, order_id)
    _check_presettleable(order)
    from yiqiao.identity.service.cards import _patient_identity

    name, id_number, _, _ = await _patient_identity(order["patient_id"])
    prov = _provider()
    try:
        person = await prov.find_insured(id_number=id_number, name=name)
    except ProviderError as exc:
        raise _centre_error(exc) from None
    if person.status != "active":
        raise _centre_error(
            ProviderError(
                "card_frozen" if person.status == "frozen" else "insured_not_active", "", transient=False
            )
        )
    items = await db.fetch("SELECT * FROM billing_order_item WHERE order_id = {} ORDER BY line_no", order_id)
    institution = next((i for i in await directory.institutions() if i.id == order["institution_id"]), None)
    if institution is None:
        raise NotFound("No such institution.", code="institution_not_found")
    # Our number for this upload: the order number and a random suffix (a second pre-settlement of
    # the order, even a concurrent one, is another upload).
    med_org_order_no = f"{order['order_no']}-{secrets.token_hex(4).upper()}"
    upload = FeeUpload(
        med_org_order_no=med_org_order_no,
        institution_code=institution.code,
        psn_no=person.psn_no,
        visit_type="outpatient",
        lines=[
            FeeLine(
                line_no=i["line_no"],
                code=i["code"],
                name=i["name"],
                category=i["category"],
                unit_fen=i["unit_fen"],
                quantity=i["quantity"],
                amount_fen=i["amount_fen"],
                insurance_class=i["insurance_class"],
            )
            for i in items
        ],
        total_fen=order["total_fen"],
        use_account=cmd.use_personal_account,
        notify_url=notify_url(),
    )
    try:
        uploaded = await prov.upload_fees(upload)
    except ProviderError as exc:
        raise _centre_error(exc) from None
    if uploaded.remapped:
        # 目录对照 QC: our catalogue mapping disagrees with the centre's; the centre's class counts.
        log.warning("order %s: the centre classed lines %s differently", order["order_no"], uploaded.remapped)
    try:
        pre = await prov.pre_settle(uploaded.pay_order_id)
    except ProviderError as exc:
        await _revoke_at_centre(uploaded.pay_order_id)
        raise _centre_error(exc) from None
    if pre.total_fen != order["total_fen"] or pre.fund_fen + pre.account_fen + pre.cash_fen != pre.total_fen:
        await _revoke_at_centre(uploaded.pay_order_id)
        raise Unavailable(
            "The insurance centre's answer does not add up; please try again.", code="insurance_mismatch"
        )
    replaced: list[str] = []
    async with db.transaction():
        locked = (await db.fetch("SELECT * FROM billing_order WHERE id = {} FOR UPDATE", order_id))[0]
        try:
            _check_presettleable(locked)
        except Conflict:
            revoke_after = True
        else:
            revoke_after = False
        if not revoke_after:
            for old in await db.fetch(
                "UPDATE billing_insurance SET status = 'revoked', status_reason = '重新预结算',"
                " updated_at = now() WHERE order_id = {} AND status = 'pre_settled' RETURNING pay_order_id",
                order_id,
            ):
                replaced.append(old["pay_order_id"])
            record_id = new_id()
            await db.execute(
                "INSERT INTO billing_insurance (id, order_id, provider, status, psn_no, insured_type,"
                " card_no_masked, visit_type, level, med_org_order_no, pay_order_id, use_account, total_fen,"
                " fund_fen, account_fen, cash_fen, eligible_fen, first_self_pay_fen, uncovered_fen,"
                " deductible_fen, ratio_bp, capped, lines, created_by) VALUES ({}, {}, {}, 'pre_settled',"
                " {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}::jsonb, {})",
                record_id,
                order_id,
                prov.name,
                person.psn_no,
                person.insured_type,
                person.card_no_masked,
                upload.visit_type,
                pre.level,
                med_org_order_no,
                pre.pay_order_id,
                cmd.use_personal_account,
                pre.total_fen,
                pre.fund_fen,
                pre.account_fen,
                pre.cash_fen,
                pre.eligible_fen,
                pre.first_self_pay_fen,
                pre.uncovered_fen,
                pre.deductible_fen,
                pre.ratio_bp,
                pre.capped,
                msgspec.json.encode(pre.lines).decode(),
                actor.label,
            )
            await db.execute(
                "UPDATE billing_order SET insurance_fen = {}, self_pay_fen = {}, updated_at = {}"
                " WHERE id = {} AND status = 'created'",
                pre.fund_fen + pre.account_fen,
                pre.cash_fen,
                clock.now(),
                order_id,
            )
            await audit.record(
                actor,
                "billing_order.insurance_pre_settle",
                "billing_order",
                order_id,
                _audit_detail(pre, order["order_no"], person.insured_type),
                institution_id=order["institution_id"],
            )
    if revoke_after:
        await _revoke_at_centre(uploaded.pay_order_id)
        _check_presettleable(locked)
    for pay_order_id in replaced:
        await _revoke_at_centre(pay_order_id)
    return await get_split(actor, order_id)


def _audit_detail(pre: PreSettlement, order_no: str, insured_type: str) -> dict[str, Any]:
    return {
        "order_no": order_no,
        "pay_order_id": pre.pay_order_id,
        "insured_type": insured_type,
        "level": pre.level,
        "total_fen": pre.total_fen,
        "fund_fen": pre.fund_fen,
        "account_fen": pre.account_fen,
        "cash_fen": pre.cash_fen,
    }


def _check_presettleable(order: dict[str, Any]) -> None:
    if order["kind"] in NOT_INSURABLE:
        raise Conflict(
            "A deposit is not paid by medical insurance, and what is due at discharge is already what"
            " the insurance does not pay.",
            code="insurance_not_applicable",
        )
    if order["status"] != "created":
        raise Conflict(
            "Medical insurance is settled before the payment starts; this order is"
            f" {lifecycle.ORDER_STATUS_WORDS.get(order['status'], order['status'])}.",
            code="insurance_too_late",
            order_status=order["status"],
        )
    if order["expires_at"] <= clock.now():
        raise Conflict("The time to pay this order has run out.", code="order_expired")


async def _revoke_at_centre(pay_order_id: str) -> bool:
    """Withdraw an upload at the centre (best effort; the sweep retries what is left open)."""
    try:
        await _provider().revoke(pay_order_id)
    except ProviderError as exc:
        if exc.transient:
            log.warning("insurance upload %s: revoke timed out; the sweep retries", pay_order_id)
            return False
        log.warning("insurance upload %s: revoke refused: %s", pay_order_id, exc)
    await db.execute(
        "UPDATE billing_insurance SET centre_open = false, updated_at = now()"
        " WHERE pay_order_id = {} AND status IN ('revoked', 'failed')",
        pay_order_id,
    )
    return True


async def cancel_pre_settlement(actor: Actor, order_id: uuid.UUID) -> InsuranceSplitView:
    """Pay without insurance after all: only while the order is 'created'. The whole total is
    self-pay again and the upload is revoked at the centre."""
    order = await orders.load_visible(actor, order_id)
    async with db.transaction():
        locked = (await db.fetch("SELECT * FROM billing_order WHERE id = {} FOR UPDATE", order_id))[0]
        _check_presettleable(locked)
        rows = await db.fetch(
            "UPDATE billing_insurance SET status = 'revoked', status_reason = '患者取消医保结算',"
            " updated_at = now() WHERE order_id = {} AND status = 'pre_settled' RETURNING *",
            order_id,
        )
        if not rows:
            raise Conflict("This order has no insurance pre-settlement to cancel.", code="not_pre_settled")
        await db.execute(
            "UPDATE billing_order SET insurance_fen = 0, self_pay_fen = total_fen, updated_at = {}"
            " WHERE id = {} AND status = 'created'",
            clock.now(),
            order_id,
        )
        await audit.record(
            actor,
            "billing_order.insurance_cancel",
            "billing_order",
            order_id,
            {"order_no": order["order_no"], "pay_order_id": rows[0]["pay_order_id"]},
            institution_id=order["institution_id"],
        )
    await _revoke_at_centre(rows[0]["pay_order_id"])
    return await get_split(actor, order_id)


async def get_split(actor: Actor, order_id: uuid.UUID) -> InsuranceSplitView:
    """The order's latest pre-settlement or settlement (404 when never pre-settled, or not yours)."""
    order = await orders.load_visible(actor, order_id)
    record = await _latest(order_id)
    if record is None:
        raise NotFound("This order was not settled with medical insurance.", code="insurance_not_found")
    return _view(record, order, await _item_names(order_id))


# --- paying ------------------------------------------------------------------------------------

# A pre-settlement this fresh, with the same choice about the personal account, is used as it is
# when the patient taps "pay with insurance" (a double tap does not upload the bill twice).
REUSE_WITHIN = dt.timedelta(seconds=120)


async def pay_with_insurance(
    actor: Actor, order_id: uuid.UUID, cmd: InsurancePay, idempotency_key: str
) -> InsurancePayStart:
    """ "Pay with insurance": pre-settle (unless a fresh pre-settlement stands), then start paying
    the cash share with the provider; a cash share of 0 is settled at once and the order is paid
    with no provider payment. The same key returns the same payment attempt."""
    from yiqiao.billing.service import payments

    order = await orders.load_visible(actor, order_id)
    live = await _live(order_id)
    if order["status"] == "created":
        fresh = (
            live is not None
            and live["status"] == "pre_settled"
            and live["use_account"] == cmd.use_personal_account
            and clock.now() - live["created_at"] < REUSE_WITHIN
        )
        if not fresh:
            await pre_settle(
                actor, order_id, InsurancePreSettle(use_personal_account=cmd.use_personal_account)
            )
        live = await _live(order_id)
    elif live is None:
        if order["status"] in lifecycle.PAYABLE:
            raise Conflict(
                "Payment of this order started without insurance; finish or let it lapse, then pay again.",
                code="insurance_too_late",
                order_status=order["status"],
            )
        raise Conflict(
            f"This order is {lifecycle.ORDER_STATUS_WORDS.get(order['status'], order['status'])};"
            " it can no longer be paid.",
            code="order_not_payable",
            order_status=order["status"],
        )
    assert live is not None
    if live["cash_fen"] == 0:
        await _settle_without_cash(actor, order_id, live)
        payment = None
    else:
        payment = await payments.start_payment(
            actor,
            order_id,
            PayCommand(provider=cmd.provider, channel=cmd.channel, payer_ref=cmd.payer_ref),
            idempotency_key,
        )
    order = await orders.load_visible(actor, order_id)
    record = await _latest(order_id)
    assert record is not None
    return InsurancePayStart(
        split=_view(record, order, await _item_names(order_id)),
        order_status=order["status"],
        payment=payment,
    )


async def _settle_without_cash(actor: Actor, order_id: uuid.UUID, record: dict[str, Any]) -> None:
    """The insurance pays everything: settle at the centre first (nothing was collected, so a
    refusal just leaves the order unpaid), then the order is paid with no provider payment."""
    if record["status"] == "pre_settled":
        try:
            settled = await _provider().settle(
                SettleRequest(pay_order_id=record["pay_order_id"], cash_fen=0, cash_payment_ref="")
            )
        except ProviderError as exc:
            raise _centre_error(exc) from None
    else:
        settled = await _provider().query(record["pay_order_id"])
    refund_ids: list[uuid.UUID] = []
    async with db.transaction():
        order = (await db.fetch("SELECT * FROM billing_order WHERE id = {} FOR UPDATE", order_id))[0]
        await _mark_settled(actor, record, settled)
        if order["status"] in lifecycle.PAYABLE:
            await lifecycle.apply_order(actor, order_id, "pay", amount_fen=0, reason="insurance")
            try:
                await db.execute("SAVEPOINT insurance_subject")
                await subjects.paid(actor, order["subject_type"], order["subject_id"])
                await db.execute("RELEASE SAVEPOINT insurance_subject")
            except Conflict as exc:
                await db.execute("ROLLBACK TO SAVEPOINT insurance_subject")
                from yiqiao.billing.service import refunds

                refund_ids.append(await refunds.refund_unwanted_order(actor, order_id, exc.detail))
            else:
                await events.publish(events.ORDER_PAID, order_id, str(order_id))
    await _submit(refund_ids)


async def _submit(refund_ids: list[uuid.UUID]) -> None:
    if refund_ids:
        from yiqiao.billing.service import refunds

        for refund_id in refund_ids:
            await refunds.submit(refund_id)


# --- settlement --------------------------------------------------------------------------------


async def _mark_settled(
    actor: Actor, record: dict[str, Any], settled: Settlement, cash_ref: str = ""
) -> bool:
    """Record the centre's settlement (caller's transaction); False when it was recorded before."""
    rows = await db.fetch(
        "UPDATE billing_insurance SET status = 'settled', setl_id = {}, settled_at = {},"
        " cash_payment_ref = {}, centre_open = false, next_attempt_at = NULL, updated_at = now()"
        " WHERE id = {} AND status = 'pre_settled' RETURNING *",
        settled.setl_id,
        settled.settled_at or clock.now(),
        cash_ref,
        record["id"],
    )
    if not rows:
        return False
    r = rows[0]
    # Refunds that waited for the settlement can go now.
    await db.execute(
        "UPDATE billing_insurance_refund SET next_attempt_at = now() WHERE insurance_id = {}"
        " AND status = 'pending'",
        r["id"],
    )
    order = (await db.fetch("SELECT * FROM billing_order WHERE id = {}", r["order_id"]))[0]
    await audit.record(
        actor,
        "billing_insurance.settle",
        "billing_insurance",
        r["id"],
        {
            "from": "pre_settled",
            "to": "settled",
            "order_no": order["order_no"],
            "pay_order_id": r["pay_order_id"],
            "setl_id": settled.setl_id,
            "fund_fen": r["fund_fen"],
            "account_fen": r["account_fen"],
            "cash_fen": r["cash_fen"],
        },
        institution_id=order["institution_id"],
    )
    account = order["account_id"] or await directory.self_account_of(order["patient_id"])
    if account is not None:
        await notify(
            account,
            "payment",
            "医保结算成功",
            f"{order['title']}：{summary(r['fund_fen'], r['account_fen'], r['cash_fen'])}，"
            f"订单号{order['order_no']}。",
            dedupe_key=f"billing:{r['id']}:insurance_settled",
            patient_id=order["patient_id"],
            data={"order_id": str(order["id"]), "order_no": order["order_no"], "event": "insurance_settled"},
        )
    return True


async def settle_after_payment(order_id: uuid.UUID, payload: dict[str, Any]) -> None:
    """``billing.order_paid`` subscriber: the cash share is paid, settle the insurance share. Never
    raises for the centre's sake (its own retries are ``sweep``'s), so other subscribers of the
    event are not run again because of us."""
    await settle(order_id)


SettleOutcome = Literal["settled", "retrying", "failed", "not_insured", "not_paid", "done"]


def _backoff(attempts: int) -> dt.timedelta:
    return dt.timedelta(seconds=min(600, 5 * 2 ** max(0, attempts - 1)))


async def settle(order_id: uuid.UUID) -> SettleOutcome:
    """Settle a paid order's pre-settlement at the centre (idempotent; see the module doc for what
    a timeout and a refusal do)."""
    record = await _live(order_id)
    if record is None:
        return "not_insured"
    if record["status"] != "pre_settled":
        return "done"
    order = (await db.fetch("SELECT * FROM billing_order WHERE id = {}", order_id))[0]
    if order["status"] not in lifecycle.REFUNDABLE and order["status"] != "refunded":
        return "not_paid"
    ref = ""
    if record["cash_fen"] > 0:
        pays = await db.fetch(
            "SELECT out_trade_no FROM billing_payment WHERE order_id = {} AND status = 'succeeded'"
            " AND NOT late ORDER BY finished_at LIMIT 1",
            order_id,
        )
        if not pays:
            return "not_paid"
        ref = pays[0]["out_trade_no"]
    prov = _provider()
    try:
        settled = await prov.settle(
            SettleRequest(
                pay_order_id=record["pay_order_id"], cash_fen=record["cash_fen"], cash_payment_ref=ref
            )
        )
    except ProviderError as exc:
        if exc.transient or exc.code == "already_settled":
            # The outcome is unknown: ask (结算结果查询) before trying again.
            try:
                known = await prov.query(record["pay_order_id"])
            except ProviderError:
                known = None
            if known is not None and known.state in ("settled", "reversed"):
                settled = known
            else:
                return await _retry_later(record, f"{exc.code}: {exc.message}")
        else:
            return await _fail(record, order, f"{exc.code}: {exc.message}")
    async with db.transaction():
        await db.fetch("SELECT id FROM billing_order WHERE id = {} FOR UPDATE", order_id)
        await _mark_settled(SYSTEM, record, settled, ref)
    return "settled"


async def _retry_later(record: dict[str, Any], why: str) -> SettleOutcome:
    attempts = record["settle_attempts"] + 1
    await db.execute(
        "UPDATE billing_insurance SET settle_attempts = {}, next_attempt_at = {}, status_reason = {},"
        " updated_at = now() WHERE id = {} AND status = 'pre_settled'",
        attempts,
        clock.now() + _backoff(attempts),
        f"结算结果未知，稍后重试（{why[:150]}）",
        record["id"],
    )
    log.warning("insurance settlement %s: %s; retry %d scheduled", record["pay_order_id"], why, attempts)
    return "retrying"


async def _fail(record: dict[str, Any], order: dict[str, Any], why: str) -> SettleOutcome:
    """The centre refused the settlement for good: the record fails and the order is refunded in
    full (the patient's cash goes back; the insurance part was never paid)."""
    from yiqiao.billing.service import refunds

    refund_ids: list[uuid.UUID] = []
    async with db.transaction():
        await db.fetch("SELECT id FROM billing_order WHERE id = {} FOR UPDATE", order["id"])
        rows = await db.fetch(
            "UPDATE billing_insurance SET status = 'failed', status_reason = {}, next_attempt_at = NULL,"
            " updated_at = now() WHERE id = {} AND status = 'pre_settled' RETURNING *",
            f"医保结算被拒绝：{why[:180]}",
            record["id"],
        )
        if not rows:
            return "done"
        await audit.record(
            SYSTEM,
            "billing_insurance.fail",
            "billing_insurance",
            record["id"],
            {"from": "pre_settled", "to": "failed", "order_no": order["order_no"], "reason": why},
            institution_id=order["institution_id"],
        )
        try:
            refund_ids.append(
                await refunds.refund_unwanted_order(SYSTEM, order["id"], f"医保结算失败：{why[:80]}")
            )
        except Conflict as exc:
            log.error(
                "insurance settlement %s failed and the order could not be refunded: %s",
                record["pay_order_id"],
                exc,
            )
    log.warning("insurance settlement %s refused (%s): the order is refunded", record["pay_order_id"], why)
    await _submit(refund_ids)
    await _revoke_at_centre(record["pay_order_id"])
    return "failed"


# --- 结算通知 -------------------------------------------------------------------------------------


async def receive_notice(headers: Mapping[str, str], body: bytes) -> NoticeAck:
    """The centre's signed 结算通知, as received on the wire: verify, replay window, once per
    notify id (``billing_notification``), then apply (a settlement we had not heard of yet is
    recorded; a refund confirms ours)."""
    prov = _provider()
    source = f"{NOTICE_SOURCE}:{prov.name}"
    try:
        note = await prov.verify_notice(headers, body)
    except InvalidNotice as exc:
        log.warning("insurance notice refused: %s", exc)
        await _record_notice(source, None, "unverified", "", f"rejected_{exc.reason}", exc.detail)
        return prov.ack(False)
    now = clock.now()
    window = dt.timedelta(seconds=get_settings().billing_replay_window_s)
    reference = note.settlement.pay_order_id
    if note.sent_at < now - window or note.sent_at > now + CLOCK_SKEW:
        await _record_notice(
            source, None, note.kind, reference, "rejected_replay_window", note.sent_at.isoformat()
        )
        return prov.ack(False)
    async with db.transaction():
        fresh = await db.fetch(
            "INSERT INTO billing_notification (provider, notify_id, kind, reference, outcome)"
            " VALUES ({}, {}, {}, {}, 'received')"
            " ON CONFLICT (provider, notify_id) WHERE notify_id IS NOT NULL DO NOTHING RETURNING id",
            source,
            note.notify_id,
            f"insurance_{note.kind}",
            reference,
        )
        if not fresh:
            return prov.ack(True)
        outcome = await _apply_notice(note)
        await db.execute(
            "UPDATE billing_notification SET outcome = {} WHERE id = {}", outcome, fresh[0]["id"]
        )
    return prov.ack(True)


async def _record_notice(
    source: str, notify_id: str | None, kind: str, reference: str, outcome: str, detail: str
) -> None:
    await db.execute(
        "INSERT INTO billing_notification (provider, notify_id, kind, reference, outcome, detail)"
        " VALUES ({}, {}, {}, {}, {}, {})",
        source,
        notify_id,
        kind,
        reference,
        outcome[:64],
        detail[:500],
    )


async def _apply_notice(note: SettlementNotice) -> str:
    rows = await db.fetch(
        "SELECT * FROM billing_insurance WHERE provider = {} AND pay_order_id = {}",
        _provider().name,
        note.settlement.pay_order_id,
    )
    if not rows:
        return "unknown_reference"
    record = rows[0]
    if note.kind == "settled" or note.settlement.state in ("settled", "reversed"):
        if record["status"] == "pre_settled":
            await db.fetch("SELECT id FROM billing_order WHERE id = {} FOR UPDATE", record["order_id"])
            await _mark_settled(SYSTEM, record, note.settlement)
            return "applied"
    if note.kind == "refunded" and note.out_refund_no:
        done = await db.fetch(
            "UPDATE billing_insurance_refund SET status = 'succeeded', finished_at = now(),"
            " next_attempt_at = NULL WHERE out_refund_no = {} AND status = 'pending' RETURNING *",
            note.out_refund_no,
        )
        if done:
            await _count_refund(done[0])
            return "applied"
    return "duplicate"


# --- refunds ----------------------------------------------------------------------------------

SUBMIT_GRACE = dt.timedelta(seconds=30)


class RefundSplit(msgspec.Struct, frozen=True, kw_only=True):
    insurance_id: uuid.UUID
    lines: list[LineRefund]

    @property
    def fund_fen(self) -> int:
        return sum(ln.fund_fen for ln in self.lines)

    @property
    def account_fen(self) -> int:
        return sum(ln.account_fen for ln in self.lines)

    @property
    def insurance_fen(self) -> int:
        return self.fund_fen + self.account_fen


async def _insured_record(order_id: uuid.UUID) -> dict[str, Any] | None:
    """The pre-settlement the order's money was counted with (settled, or pre-settled and paid
    while settlement is pending, or failed: its insurance part was never paid)."""
    rows = await db.fetch(
        "SELECT * FROM billing_insurance WHERE order_id = {} AND status IN ('pre_settled', 'settled',"
        " 'reversed', 'failed') ORDER BY created_at DESC LIMIT 1",
        order_id,
    )
    return rows[0] if rows else None


async def refund_split(order: dict[str, Any], lines: list[tuple[int, int]]) -> RefundSplit | None:
    """How a refund of ``lines`` [(line_no, amount_fen)] of an insured order splits, per line,
    between the fund, the personal account and the cash, given what of each line went back (or
    is on its way back) before. Call in the refund's transaction with the order row locked."""
    if order["insurance_fen"] <= 0:
        return None
    record = await _insured_record(order["id"])
    if record is None:
        return None
    shares = {s.line_no: s for s in _lines(record)}
    before: dict[int, int] = {}
    for r in await db.fetch(
        "SELECT ir.lines FROM billing_insurance_refund ir JOIN billing_refund r ON r.id = ir.refund_id"
        " WHERE ir.insurance_id = {} AND (ir.status = 'succeeded' OR r.status <> 'failed')",
        record["id"],
    ):
        for ln in msgspec.json.decode(
            r["lines"] if isinstance(r["lines"], str | bytes) else msgspec.json.encode(r["lines"]),
            type=list[LineRefund],
        ):
            before[ln.line_no] = before.get(ln.line_no, 0) + ln.amount_fen
    parts = []
    for line_no, amount in lines:
        share = shares.get(line_no)
        if share is None:
            raise Invalid(f"This order has no line {line_no}.", code="refund_line_unknown")
        try:
            parts.append(refund_line(share, refunded_fen=before.get(line_no, 0), amount_fen=amount))
        except ValueError:
            raise Conflict(
                f"Line {line_no} is already being refunded.", code="refund_exceeds_item", line_no=line_no
            ) from None
    return RefundSplit(insurance_id=record["id"], lines=parts)


async def split_refund(actor: Actor, order: dict[str, Any], refund: dict[str, Any]) -> dict[str, Any]:
    """Hook for ``refunds._create`` (in the refund's transaction, order row locked, right after the
    refund row was written, before its audit entry): split an insured order's refund by line,
    record the insurance part, and put it on the refund (``insurance_fen``, what goes back through
    the centre). Returns the refund row as it is now."""
    raw = refund["items"]
    items = msgspec.json.decode(raw) if isinstance(raw, str | bytes) else raw
    split = await refund_split(order, [(int(i["line_no"]), int(i["amount_fen"])) for i in items or []])
    if split is None:
        return refund
    await db.execute(
        "INSERT INTO billing_insurance_refund (id, insurance_id, refund_id, out_refund_no, amount_fen,"
        " fund_fen, account_fen, lines, status, next_attempt_at)"
        " VALUES ({}, {}, {}, {}, {}, {}, {}, {}::jsonb, 'pending', {})",
        new_id(),
        split.insurance_id,
        refund["id"],
        f"{refund['refund_no']}YB",
        sum(ln.amount_fen for ln in split.lines),
        split.fund_fen,
        split.account_fen,
        msgspec.json.encode(split.lines).decode(),
        # Nothing for the centre's money: the sweep still tells it which lines came back. Otherwise
        # ``refunds.submit`` sends it at once; the sweep only if that never happens.
        clock.now() + (dt.timedelta(0) if split.insurance_fen == 0 else SUBMIT_GRACE),
    )
    rows = await db.fetch(
        "UPDATE billing_refund SET insurance_fen = {} WHERE id = {} RETURNING *",
        split.insurance_fen,
        refund["id"],
    )
    row: dict[str, Any] = rows[0]
    return row


async def refund_insurance_share(actor: Actor, refund: dict[str, Any]) -> bool:
    """Hook for ``refunds.submit`` (no transaction): give the refund's insurance part back through
    the centre (退费, idempotent per out_refund_no). True once it is back (or there was nothing at
    the centre to give back: the settlement failed), False while it cannot be done yet."""
    rows = await db.fetch(
        "SELECT ir.*, i.status AS settlement_status, i.pay_order_id FROM billing_insurance_refund ir"
        " JOIN billing_insurance i ON i.id = ir.insurance_id WHERE ir.refund_id = {}",
        refund["id"],
    )
    if not rows:
        log.error("refund %s has an insurance share but no insurance split", refund["refund_no"])
        return False
    part = rows[0]
    if part["status"] == "succeeded":
        return True
    if part["status"] == "failed":
        return False
    if part["settlement_status"] == "failed":
        # The insurance never paid its share: nothing goes back through the centre.
        await _finish_refund_part(part, None)
        return True
    if part["settlement_status"] == "pre_settled":
        return False  # still settling; the refund waits for it
    lines = msgspec.json.decode(
        part["lines"] if isinstance(part["lines"], str | bytes) else msgspec.json.encode(part["lines"]),
        type=list[LineRefund],
    )
    try:
        result = await _provider().refund(
            InsuranceRefundRequest(
                pay_order_id=part["pay_order_id"],
                out_refund_no=part["out_refund_no"],
                lines=lines,
                reason=refund["reason"][:100],
            )
        )
    except ProviderError as exc:
        if not exc.transient:
            await _refused(part, refund, f"{exc.code}: {exc.message}")
            return False
        attempts = part["attempts"] + 1
        await db.execute(
            "UPDATE billing_insurance_refund SET attempts = {}, failure_reason = {}, next_attempt_at = {}"
            " WHERE id = {} AND status = 'pending'",
            attempts,
            f"{exc.code}: {exc.message}"[:200],
            clock.now() + _backoff(attempts),
            part["id"],
        )
        return False
    await _finish_refund_part(part, result.refund_id)
    return True


async def _refused(part: dict[str, Any], refund: dict[str, Any], why: str) -> None:
    """The centre will not take this insurance part back: nothing of the refund went anywhere yet
    (the cash waits for the insurance), so the whole refund fails and its held money is released;
    the patient sees it failed and the hospital takes it up."""
    from yiqiao.billing.service import refunds
    from yiqiao.integrations.payment.base import RefundStatus

    log.error("insurance refund %s refused by the centre: %s", part["out_refund_no"], why)
    async with db.transaction():
        await db.fetch("SELECT id FROM billing_order WHERE id = {} FOR UPDATE", refund["order_id"])
        rows = await db.fetch(
            "UPDATE billing_insurance_refund SET status = 'failed', failure_reason = {},"
            " next_attempt_at = NULL, finished_at = now() WHERE id = {} AND status = 'pending' RETURNING id",
            why[:200],
            part["id"],
        )
        if rows:
            await refunds.fail(
                SYSTEM,
                refund["id"],
                RefundStatus(
                    out_refund_no=refund["refund_no"],
                    state="failed",
                    amount_fen=refund["amount_fen"] - refund["insurance_fen"],
                    failure_reason=f"医保退费被拒绝：{why}"[:200],
                ),
            )


async def _finish_refund_part(part: dict[str, Any], centre_refund_id: str | None) -> None:
    async with db.transaction():
        rows = await db.fetch(
            "UPDATE billing_insurance_refund SET status = 'succeeded', centre_refund_id = {},"
            " finished_at = now(), next_attempt_at = NULL WHERE id = {} AND status = 'pending' RETURNING *",
            centre_refund_id,
            part["id"],
        )
        if rows and centre_refund_id is not None:
            await _count_refund(rows[0])


async def _count_refund(part: dict[str, Any]) -> None:
    """Add a refund's insurance part to its settlement (caller's transaction)."""
    rows = await db.fetch(
        "UPDATE billing_insurance SET refunded_fund_fen = refunded_fund_fen + {},"
        " refunded_account_fen = refunded_account_fen + {},"
        " status = CASE WHEN refunded_fund_fen + {} = fund_fen AND refunded_account_fen + {} = account_fen"
        "   AND (SELECT coalesce(sum(amount_fen), 0) FROM billing_insurance_refund"
        "        WHERE insurance_id = {} AND status = 'succeeded') >= total_fen"
        "   THEN 'reversed' ELSE status END, updated_at = now()"
        " WHERE id = {} RETURNING *",
        part["fund_fen"],
        part["account_fen"],
        part["fund_fen"],
        part["account_fen"],
        part["insurance_id"],
        part["insurance_id"],
    )
    if rows:
        order = await db.fetch("SELECT institution_id FROM billing_order WHERE id = {}", rows[0]["order_id"])
        await audit.record(
            SYSTEM,
            "billing_insurance.refund",
            "billing_insurance",
            part["insurance_id"],
            {
                "out_refund_no": part["out_refund_no"],
                "fund_fen": part["fund_fen"],
                "account_fen": part["account_fen"],
                "status": rows[0]["status"],
            },
            institution_id=order[0]["institution_id"] if order else None,
        )


# --- the worker ---------------------------------------------------------------------------------


class SweepReport(msgspec.Struct, kw_only=True):
    settled: int = 0
    retrying: int = 0
    failed: int = 0
    refunds_sent: int = 0
    revoked: int = 0


async def sweep(limit: int = 100) -> SweepReport:
    """What the worker does for insurance, because the centre may time out and notices may not
    come: settle again what is due, send insurance refund parts that are due (including those with
    nothing for the centre's money), revoke at the centre uploads we gave up on (the order closed
    unpaid, or a later pre-settlement replaced them)."""
    report = SweepReport()
    now = clock.now()
    for r in await db.fetch(
        "SELECT order_id FROM billing_insurance WHERE status = 'pre_settled' AND next_attempt_at <= {}"
        " ORDER BY next_attempt_at LIMIT {}",
        now,
        limit,
    ):
        outcome = await settle(r["order_id"])
        if outcome == "settled":
            report.settled += 1
        elif outcome == "retrying":
            report.retrying += 1
        elif outcome == "failed":
            report.failed += 1
    for r in await db.fetch(
        "SELECT r.* FROM billing_insurance_refund ir JOIN billing_refund r ON r.id = ir.refund_id"
        " WHERE ir.status = 'pending' AND ir.next_attempt_at <= {} ORDER BY ir.next_attempt_at LIMIT {}",
        now,
        limit,
    ):
        if await refund_insurance_share(SYSTEM, r):
            report.refunds_sent += 1
            if r["status"] == "processing" and r["insurance_fen"] > 0:
                from yiqiao.billing.service import refunds

                await refunds.submit(r["id"])  # the cash part can follow now
    # Uploads of orders that closed unpaid, and uploads replaced or cancelled: withdraw them.
    await db.execute(
        "UPDATE billing_insurance i SET status = 'revoked', status_reason = '订单未支付已关闭',"
        " updated_at = now() FROM billing_order o WHERE o.id = i.order_id AND i.status = 'pre_settled'"
        " AND o.status = 'closed'"
    )
    for r in await db.fetch(
        "SELECT pay_order_id FROM billing_insurance WHERE centre_open AND status IN ('revoked', 'failed')"
        " ORDER BY updated_at LIMIT {}",
        limit,
    ):
        if await _revoke_at_centre(r["pay_order_id"]):
            report.revoked += 1
    return report


async def sweep_insurance(ctx: dict[str, Any]) -> None:
    """The worker's cron entry: our sweep, then the embedded centre's notice delivery."""
    report = await sweep()
    if report.settled or report.retrying or report.failed or report.refunds_sent or report.revoked:
        log.info("insurance: %s", report)
    if get_settings().insurance_provider == "local":
        from yiqiao.integrations.insurance.local import deliver_notices

        await deliver_notices()
