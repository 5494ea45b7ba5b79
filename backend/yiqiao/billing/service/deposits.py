"""Inpatient deposits (住院预交金, 002 §2.1.1.2.3): top up a stay for oneself or a family profile
(or as the citizen at a kiosk), or for someone else (代缴) who names the stay by its admission
number and the patient's name and sees nothing but the masked name and the ward.

Each top-up is a row here and an order of kind 'inpatient_deposit' whose subject is
``('inpatient_deposit', <row id>)``; the order's money columns are the truth about what was paid
and refunded. The money is usable as soon as the payment is applied: the balance reads the orders
(``inpatient.deposits_held``). ``deposit_paid`` (the subject's on_paid, inside the payment's
transaction) refuses a top-up for a stay that is settling or settled, and the payment goes back
at once. After the payment commits, ``on_order_paid`` posts the deposit to the HIS and tells the
patient when someone else paid."""

from __future__ import annotations

import logging
import uuid
from typing import Any

from yiqiao import db
from yiqiao.audit import service as audit
from yiqiao.billing import admission_lifecycle
from yiqiao.billing.inpatient_types import (
    DEPOSIT_MAX_FEN,
    DEPOSIT_MIN_FEN,
    DepositIn,
    DepositView,
    PayerKind,
    ProxyDepositIn,
    ProxyDepositView,
    ProxyLookup,
    ProxyMatch,
)
from yiqiao.billing.lifecycle import ORDER_STATUS_WORDS
from yiqiao.billing.service import inpatient
from yiqiao.billing.types import NewOrder, OrderItemIn, PayCommand, PaymentStart
from yiqiao.identity.service import directory, patients
from yiqiao.identity.service.access import managed_relationship
from yiqiao.identity.service.names import masked_names
from yiqiao.integrations.errors import ProviderError
from yiqiao.integrations.his import get_his_provider
from yiqiao.kit import clock, ratelimit
from yiqiao.kit.actor import Actor
from yiqiao.kit.errors import Conflict, Forbidden, Invalid, NotFound
from yiqiao.kit.money import yuan
from yiqiao.notify.service import notify

log = logging.getLogger("yiqiao.billing.deposits")

SUBJECT = "inpatient_deposit"
# A deposit's id follows from who asked and their idempotency key: a retry names the same row.
_NS = uuid.UUID("0b6f4f0e-7a43-4d1c-9c57-1a3d2f5e0017")
# 代缴 lookups per account and hour: admission numbers run in sequence, names are guessable.
PROXY_LOOKUPS_PER_HOUR = 20


def _not_matched() -> NotFound:
    return NotFound(
        "No stay in hospital matches this admission number and name (or it no longer takes deposits).",
        code="admission_not_matched",
    )


def _check_amount(amount_fen: object) -> int:
    """Again for callers in code (a BFF already checked it when decoding)."""
    if not isinstance(amount_fen, int) or isinstance(amount_fen, bool):
        raise Invalid("The amount is a whole number of fen.", code="amount_not_integer")
    if not DEPOSIT_MIN_FEN <= amount_fen <= DEPOSIT_MAX_FEN:
        raise Invalid(
            f"A top-up is {DEPOSIT_MIN_FEN} to {DEPOSIT_MAX_FEN} fen.",
            code="amount_invalid",
            field="amount_fen",
        )
    return amount_fen


async def _payer(actor: Actor, patient_id: uuid.UUID) -> tuple[PayerKind, uuid.UUID | None, str]:
    if actor.kind == "kiosk":
        return "kiosk", None, "自助机"
    if actor.kind != "patient" or actor.id is None:
        raise Forbidden("Deposits are paid by a patient account or at a kiosk.", code="deposit_payer_invalid")
    rel = await managed_relationship(actor.id, patient_id)
    kind: PayerKind = "self" if rel == "self" else "family" if rel is not None else "proxy"
    return kind, actor.id, await patients.account_phone_masked(actor)


async def _create(
    actor: Actor,
    row: dict[str, Any],
    amount_fen: int,
    idempotency_key: str,
    *,
    proxy: bool,
) -> uuid.UUID:
    from yiqiao.billing.service import orders

    if row["status"] not in admission_lifecycle.TAKES_DEPOSITS:
        raise Conflict(
            "This stay no longer takes deposits (the discharge settlement has begun).",
            code="admission_not_taking_deposits",
            status=row["status"],
        )
    payer_kind, payer_account, payer_masked = await _payer(actor, row["patient_id"])
    if proxy:
        payer_kind = "proxy"
    deposit_id = uuid.uuid5(_NS, f"{actor.label}|{idempotency_key}")
    # The row first (so the order's subject always exists), then the order; a retry with the same
    # key finds both. A row whose order was never made is ignored by every sum.
    await db.execute(
        "INSERT INTO inpatient_deposit (id, admission_id, payer_kind, payer_account_id, payer_masked,"
        " amount_fen) VALUES ({}, {}, {}, {}, {}, {}) ON CONFLICT (id) DO UPDATE SET"
        " admission_id = EXCLUDED.admission_id, payer_kind = EXCLUDED.payer_kind,"
        " amount_fen = EXCLUDED.amount_fen WHERE inpatient_deposit.order_id IS NULL",
        deposit_id,
        row["id"],
        payer_kind,
        payer_account,
        payer_masked,
        amount_fen,
    )
    order = await orders.create_order(
        actor,
        NewOrder(
            patient_id=row["patient_id"],
            kind="inpatient_deposit",
            title=f"住院预交金 住院号{row['admission_no']}",
            items=[
                OrderItemIn(
                    code="DEPOSIT",
                    name=f"住院预交金(住院号{row['admission_no']})",
                    category="deposit",
                    unit_fen=amount_fen,
                    quantity=1,
                    his_ref=row["admission_no"],
                    refundable=False,  # it goes back at the discharge settlement, not on request
                )
            ],
            institution_id=row["institution_id"],
            subject_type=SUBJECT,
            subject_id=str(deposit_id),
        ),
        idempotency_key,
        access_checked=proxy,
    )
    async with db.transaction():
        linked = await db.fetch(
            "UPDATE inpatient_deposit SET order_id = {} WHERE id = {} AND order_id IS NULL RETURNING id",
            order.id,
            deposit_id,
        )
        if linked:
            await audit.record(
                actor,
                "inpatient_deposit.create",
                "inpatient_deposit",
                deposit_id,
                {
                    "admission_no": row["admission_no"],
                    "order_no": order.order_no,
                    "amount_fen": amount_fen,
                    "payer_kind": payer_kind,
                },
                institution_id=row["institution_id"],
            )
    return deposit_id


_SELECT = (
    "SELECT d.*, a.admission_no, a.patient_id, a.ward, a.institution_id, a.status AS admission_status,"
    " o.order_no, o.status AS order_status, o.refunded_fen FROM inpatient_deposit d"
    " JOIN inpatient_admission a ON a.id = d.admission_id JOIN billing_order o ON o.id = d.order_id"
)


def _view(r: dict[str, Any]) -> DepositView:
    return DepositView(
        id=r["id"],
        admission_id=r["admission_id"],
        admission_no=r["admission_no"],
        order_id=r["order_id"],
        order_no=r["order_no"],
        amount_fen=r["amount_fen"],
        status=r["order_status"],
        status_text=ORDER_STATUS_WORDS.get(r["order_status"], r["order_status"]),
        payer_kind=r["payer_kind"],
        payer_masked=r["payer_masked"],
        refunded_fen=r["refunded_fen"],
        created_at=r["created_at"],
        paid_at=r["paid_at"],
    )


async def _proxy_view(r: dict[str, Any]) -> ProxyDepositView:
    names = await masked_names([r["patient_id"]])
    return ProxyDepositView(
        id=r["id"],
        order_id=r["order_id"],
        order_no=r["order_no"],
        admission_no=r["admission_no"],
        patient_name_masked=names.get(r["patient_id"], ""),
        ward=r["ward"],
        amount_fen=r["amount_fen"],
        status=r["order_status"],
        status_text=ORDER_STATUS_WORDS.get(r["order_status"], r["order_status"]),
        refunded_fen=r["refunded_fen"],
        created_at=r["created_at"],
        paid_at=r["paid_at"],
    )


# --- the patient, a family member, the citizen at a kiosk ---------------------------------------


async def top_up(actor: Actor, admission_id: uuid.UUID, cmd: DepositIn, idempotency_key: str) -> DepositView:
    """A top-up of one of the actor's profiles' stays: the order to pay (``pay_deposit``)."""
    amount = _check_amount(cmd.amount_fen)
    row = await inpatient.load_visible(actor, admission_id)
    if actor.kind == "staff":
        raise Forbidden("Deposits are paid by a patient account or at a kiosk.", code="deposit_payer_invalid")
    deposit_id = await _create(actor, row, amount, idempotency_key, proxy=False)
    rows = await db.fetch(_SELECT + " WHERE d.id = {}", deposit_id)
    return _view(rows[0])


async def deposits_of(actor: Actor, admission_id: uuid.UUID) -> list[DepositView]:
    """充值记录 of a stay, newest first, with who paid each (masked): the proxy-payment list too."""
    await inpatient.load_visible(actor, admission_id)
    rows = await db.fetch(_SELECT + " WHERE d.admission_id = {} ORDER BY d.created_at DESC", admission_id)
    return [_view(r) for r in rows]


async def pay_deposit(
    actor: Actor, deposit_id: uuid.UUID, cmd: PayCommand, idempotency_key: str
) -> PaymentStart:
    """Pay a top-up: its payer (代缴: only the account that made it), or anyone who may act for
    the patient."""
    from yiqiao.billing.service import payments

    rows = await db.fetch(_SELECT + " WHERE d.id = {}", deposit_id)
    if not rows:
        raise NotFound("No such deposit.", code="deposit_not_found")
    r = rows[0]
    proxy = r["payer_kind"] == "proxy"
    if proxy:
        if actor.kind != "patient" or actor.id != r["payer_account_id"]:
            raise NotFound("No such deposit.", code="deposit_not_found")
    else:
        try:
            await inpatient.load_visible(actor, r["admission_id"])
        except NotFound:
            raise NotFound("No such deposit.", code="deposit_not_found") from None
    if r["admission_status"] not in admission_lifecycle.TAKES_DEPOSITS:
        raise Conflict(
            "This stay no longer takes deposits (the discharge settlement has begun).",
            code="admission_not_taking_deposits",
            status=r["admission_status"],
        )
    return await payments.start_payment(actor, r["order_id"], cmd, idempotency_key, access_checked=proxy)


# --- 代缴: someone else pays -----------------------------------------------------------------------


async def _match(actor: Actor, admission_no: str, patient_name: str) -> dict[str, Any]:
    if actor.kind != "patient" or actor.id is None:
        raise Forbidden("Sign in to pay for someone else.", code="not_a_patient_account")
    await ratelimit.hit(
        f"inpatient-proxy:{actor.id}",
        PROXY_LOOKUPS_PER_HOUR,
        3600,
        "Too many look-ups of stays in hospital; please try again later.",
        code="proxy_lookup_limited",
    )
    row = await inpatient.ensure_admission(admission_no.strip().upper())
    if row is None or row["status"] not in admission_lifecycle.TAKES_DEPOSITS:
        raise _not_matched()
    if not await patients.patient_name_matches(row["patient_id"], patient_name):
        raise _not_matched()
    return row


async def proxy_lookup(actor: Actor, cmd: ProxyLookup) -> ProxyMatch:
    """The stay this admission number and name name, masked (张*三, the ward): nothing more."""
    row = await _match(actor, cmd.admission_no, cmd.patient_name)
    names = await masked_names([row["patient_id"]])
    institutions = {i.id: i.name for i in await directory.institutions()}
    return ProxyMatch(
        admission_no=row["admission_no"],
        patient_name_masked=names.get(row["patient_id"], ""),
        institution_name=institutions.get(row["institution_id"], ""),
        department=row["department"],
        ward=row["ward"],
    )


async def proxy_top_up(actor: Actor, cmd: ProxyDepositIn, idempotency_key: str) -> ProxyDepositView:
    """代缴: a top-up of someone else's stay, named by its admission number and the patient's name."""
    amount = _check_amount(cmd.amount_fen)
    row = await _match(actor, cmd.admission_no, cmd.patient_name)
    deposit_id = await _create(actor, row, amount, idempotency_key, proxy=True)
    rows = await db.fetch(_SELECT + " WHERE d.id = {}", deposit_id)
    return await _proxy_view(rows[0])


async def my_proxy_deposits(actor: Actor) -> list[ProxyDepositView]:
    """What this account paid for others, newest first."""
    if actor.kind != "patient" or actor.id is None:
        raise Forbidden("Only a patient account pays for others.", code="not_a_patient_account")
    rows = await db.fetch(
        _SELECT
        + " WHERE d.payer_account_id = {} AND d.payer_kind = 'proxy' ORDER BY d.created_at DESC LIMIT 100",
        actor.id,
    )
    return [await _proxy_view(r) for r in rows]


async def proxy_deposit(actor: Actor, deposit_id: uuid.UUID) -> ProxyDepositView:
    if actor.kind != "patient" or actor.id is None:
        raise Forbidden("Only a patient account pays for others.", code="not_a_patient_account")
    rows = await db.fetch(
        _SELECT + " WHERE d.id = {} AND d.payer_account_id = {} AND d.payer_kind = 'proxy'",
        deposit_id,
        actor.id,
    )
    if not rows:
        raise NotFound("No such deposit.", code="deposit_not_found")
    return await _proxy_view(rows[0])


# --- the subject hook and the event subscriber ------------------------------------------------


async def deposit_paid(actor: Actor, subject_id: str) -> None:
    """``on_paid`` of subject 'inpatient_deposit', in the payment's transaction: the money counts
    for the stay at once. A stay that is settling or settled takes no more: Conflict, and the
    payment goes back."""
    rows = await db.fetch(
        "SELECT d.id, d.amount_fen, d.payer_kind, a.id AS admission_id, a.status, a.admission_no,"
        " a.institution_id FROM inpatient_deposit d JOIN inpatient_admission a ON a.id = d.admission_id"
        " WHERE d.id = {} FOR UPDATE OF d FOR SHARE OF a",
        uuid.UUID(subject_id),
    )
    if not rows:
        raise Conflict("No such deposit.", code="deposit_not_found")
    r = rows[0]
    if r["status"] not in admission_lifecycle.TAKES_DEPOSITS:
        raise Conflict(
            "This stay no longer takes deposits; the payment goes back.", code="admission_not_taking_deposits"
        )
    await db.execute("UPDATE inpatient_deposit SET paid_at = {} WHERE id = {}", clock.now(), r["id"])
    await audit.record(
        actor,
        "inpatient_deposit.paid",
        "inpatient_deposit",
        r["id"],
        {"admission_no": r["admission_no"], "amount_fen": r["amount_fen"], "payer_kind": r["payer_kind"]},
        institution_id=r["institution_id"],
    )


async def post_to_his(deposit: dict[str, Any]) -> None:
    """The HIS's deposit ledger gets the top-up (once: the reference is the deposit)."""
    if deposit["his_receipt_no"] is not None or deposit["paid_at"] is None:
        return
    posting = await get_his_provider().post_deposit(
        deposit["admission_no"], ref=f"YQ-D-{deposit['id']}", amount_fen=deposit["amount_fen"]
    )
    await db.execute(
        "UPDATE inpatient_deposit SET his_receipt_no = {} WHERE id = {}", posting.receipt_no, deposit["id"]
    )


async def on_order_paid(order_id: uuid.UUID, payload: dict[str, Any]) -> None:
    """After a top-up is paid: post it to the HIS, and tell the patient's own account when
    someone else paid (the payer hears from billing's payment notice)."""
    rows = await db.fetch(_SELECT + " WHERE d.order_id = {}", order_id)
    if not rows or rows[0]["paid_at"] is None:
        return
    d = rows[0]
    try:
        await post_to_his(d)
    except ProviderError as exc:
        if exc.transient:
            raise
        log.warning("deposit %s: the HIS refused it: %s", d["id"], exc)
    account = await directory.self_account_of(d["patient_id"])
    if account is None or account == d["payer_account_id"]:
        return
    view = await inpatient.views(
        await db.fetch("SELECT * FROM inpatient_admission WHERE id = {}", d["admission_id"])
    )
    who = {"proxy": f"{d['payer_masked']}为您代缴", "family": "家人为您缴纳", "kiosk": "自助机缴纳"}.get(
        d["payer_kind"], "已缴纳"
    )
    await notify(
        account,
        "payment",
        "住院预交金到账",
        f"{who}住院预交金{yuan(d['amount_fen'])}元（住院号{d['admission_no']}），已到账可用，"
        f"当前余额{yuan(view[0].balance_fen)}元。",
        dedupe_key=f"inpatient_deposit:{d['id']}:paid",
        patient_id=d["patient_id"],
        data={"admission_id": str(d["admission_id"]), "deposit_id": str(d["id"]), "event": "deposit_paid"},
    )
