"""Read models: an order with its lines, payment attempts and refunds (in one round trip per kind
for a whole page of orders), a patient's payment history and refund progress, and the
clinician's 'is it paid' answer. Names are masked; money is fen."""

from __future__ import annotations

import uuid
from collections import defaultdict
from typing import Any

import msgspec

from yiqiao import db
from yiqiao.billing import lifecycle
from yiqiao.billing.types import OrderItemView, OrderView, PaidAnswer, PaymentView, RefundView
from yiqiao.identity.service.names import masked_names
from yiqiao.kit.actor import Actor
from yiqiao.kit.errors import Invalid, NotFound

PAYMENT_STATUS_WORDS = {
    "pending": "waiting for the payer",
    "succeeded": "paid",
    "failed": "failed",
    "closed": "closed (not paid in time)",
}
REFUND_STATUS_WORDS = {
    "processing": "being refunded to the original payment account",
    "succeeded": "refunded to the original payment account",
    "failed": "refund failed (the hospital will contact you)",
}
# Statuses in which the money collected has not all been given back.
PAID_STATUSES = ("paid", "refunding", "partially_refunded")


def payment_view(r: dict[str, Any], patient_account: uuid.UUID | None = None) -> PaymentView:
    return PaymentView(
        id=r["id"],
        out_trade_no=r["out_trade_no"],
        provider=r["provider"],
        channel=r["channel"],
        amount_fen=r["amount_fen"],
        status=r["status"],
        status_text=PAYMENT_STATUS_WORDS.get(r["status"], r["status"])
        + (" (arrived late: refunded automatically)" if r["late"] and r["status"] == "succeeded" else ""),
        late=r["late"],
        paid_by_other=r["payer_account_id"] is not None and r["payer_account_id"] != patient_account,
        created_at=r["created_at"],
        finished_at=r["finished_at"],
        failure_reason=r["failure_reason"],
    )


def refund_view(r: dict[str, Any], order_no: str, provider: str | None) -> RefundView:
    items = r["items"]
    if isinstance(items, str):
        items = msgspec.json.decode(items)
    return RefundView(
        id=r["id"],
        refund_no=r["refund_no"],
        order_id=r["order_id"],
        order_no=order_no,
        amount_fen=r["amount_fen"],
        insurance_fen=r["insurance_fen"],
        status=r["status"],
        status_text=REFUND_STATUS_WORDS.get(r["status"], r["status"]),
        initiated_by=r["initiated_by"],
        reason=r["reason"],
        items=list(items or []),
        provider=provider,
        created_at=r["created_at"],
        finished_at=r["finished_at"],
        failure_reason=r["failure_reason"],
    )


async def order_views(rows: list[dict[str, Any]]) -> list[OrderView]:
    if not rows:
        return []
    ids = [r["id"] for r in rows]
    items_rows, pay_rows, refund_rows, accounts = (
        await db.fetch("SELECT * FROM billing_order_item WHERE order_id = ANY({}) ORDER BY line_no", ids),
        await db.fetch("SELECT * FROM billing_payment WHERE order_id = ANY({}) ORDER BY created_at", ids),
        await db.fetch(
            "SELECT r.*, p.provider FROM billing_refund r"
            " LEFT JOIN billing_payment p ON p.id = r.payment_id"
            " WHERE r.order_id = ANY({}) ORDER BY r.created_at",
            ids,
        ),
        await db.fetch(
            "SELECT patient, account FROM account_patient WHERE patient = ANY({}) AND relationship = 'self'",
            list({r["patient_id"] for r in rows}),
        ),
    )
    own_account = {a["patient"]: a["account"] for a in accounts}
    items: dict[uuid.UUID, list[dict[str, Any]]] = defaultdict(list)
    pays: dict[uuid.UUID, list[dict[str, Any]]] = defaultdict(list)
    refunds: dict[uuid.UUID, list[dict[str, Any]]] = defaultdict(list)
    for i in items_rows:
        items[i["order_id"]].append(i)
    for p in pay_rows:
        pays[p["order_id"]].append(p)
    for f in refund_rows:
        refunds[f["order_id"]].append(f)
    names = await masked_names(r["patient_id"] for r in rows)
    out = []
    for r in rows:
        lines = [
            OrderItemView(
                line_no=i["line_no"],
                code=i["code"],
                name=i["name"],
                category=i["category"],
                unit_fen=i["unit_fen"],
                quantity=i["quantity"],
                amount_fen=i["amount_fen"],
                insurance_class=i["insurance_class"],
                refundable=i["refundable"],
                refunded_fen=i["refunded_fen"],
                his_ref=i["his_ref"],
            )
            for i in items[r["id"]]
        ]
        refundable = 0
        # A fee for something with its own cancellation (a booking) comes back by cancelling that.
        if r["status"] in lifecycle.REFUNDABLE and r["subject_type"] is None:
            refundable = sum(i.amount_fen - i.refunded_fen for i in lines if i.refundable)
            refundable = min(
                refundable, r["paid_fen"] + r["insurance_fen"] - r["refunded_fen"] - r["refund_held_fen"]
            )
        out.append(
            OrderView(
                id=r["id"],
                order_no=r["order_no"],
                kind=r["kind"],
                title=r["title"],
                status=r["status"],
                status_text=lifecycle.ORDER_STATUS_WORDS.get(r["status"], r["status"]),
                total_fen=r["total_fen"],
                insurance_fen=r["insurance_fen"],
                self_pay_fen=r["self_pay_fen"],
                paid_fen=r["paid_fen"],
                refunded_fen=r["refunded_fen"],
                refund_held_fen=r["refund_held_fen"],
                refundable_fen=max(refundable, 0),
                items=lines,
                patient_id=r["patient_id"],
                patient_name_masked=names.get(r["patient_id"], ""),
                institution_id=r["institution_id"],
                created_at=r["created_at"],
                expires_at=r["expires_at"],
                paid_at=r["paid_at"],
                payments=[payment_view(p, own_account.get(r["patient_id"])) for p in pays[r["id"]]],
                refunds=[refund_view(f, r["order_no"], f["provider"]) for f in refunds[r["id"]]],
                subject_type=r["subject_type"],
                subject_id=r["subject_id"],
            )
        )
    return out


async def payment_history(
    actor: Actor, *, patient_id: uuid.UUID | None = None, limit: int = 50
) -> list[OrderView]:
    """缴费记录: orders of one profile or of every profile the account manages that a payment was
    ever attempted for (paid, refunded, failed or closed), newest first, with their attempts."""
    from yiqiao.identity.service.access import patients_spoken_for, require_patient_access

    if patient_id is not None:
        await require_patient_access(actor, patient_id)
        ids: list[uuid.UUID] | None = [patient_id]
    else:
        ids = await patients_spoken_for(actor)
    if ids is None:
        raise Invalid("Say whose payments to list.", code="patient_required")
    rows = await db.fetch(
        "SELECT o.* FROM billing_order o WHERE o.patient_id = ANY({})"
        " AND EXISTS (SELECT 1 FROM billing_payment p WHERE p.order_id = o.id)"
        " ORDER BY o.created_at DESC LIMIT {}",
        ids,
        min(max(limit, 1), 200),
    )
    return await order_views(rows)


async def refund_progress(actor: Actor, refund_id: uuid.UUID) -> RefundView:
    """One refund, for someone who may see its order."""
    from yiqiao.billing.service.orders import may_see

    rows = await db.fetch(
        "SELECT r.*, p.provider, o.order_no, o.patient_id, o.institution_id"
        " FROM billing_refund r JOIN billing_order o ON o.id = r.order_id"
        " LEFT JOIN billing_payment p ON p.id = r.payment_id WHERE r.id = {}",
        refund_id,
    )
    if not rows or not await may_see(actor, rows[0]):
        raise NotFound("No such refund.", code="refund_not_found")
    r = rows[0]
    return refund_view(r, r["order_no"], r["provider"])


async def paid_answers(
    actor: Actor, patient_id: uuid.UUID, *, kind: str | None = None, subject_id: str | None = None
) -> list[PaidAnswer]:
    """For staff of an institution: this patient's orders at *their* institution and whether each
    is paid. Nobody else asks this question; staff of another institution see nothing."""
    from yiqiao.kit.errors import Forbidden

    if actor.kind != "staff" or actor.institution_id is None:
        raise Forbidden("Only hospital staff ask whether a patient has paid.", code="not_staff")
    rows = await db.fetch(
        "SELECT * FROM billing_order WHERE patient_id = {} AND institution_id = {}"
        " AND ({}::text IS NULL OR kind = {}) AND ({}::text IS NULL OR subject_id = {})"
        " ORDER BY created_at DESC LIMIT 50",
        patient_id,
        actor.institution_id,
        kind,
        kind,
        subject_id,
        subject_id,
    )
    names = await masked_names([patient_id])
    return [
        PaidAnswer(
            order_id=r["id"],
            order_no=r["order_no"],
            kind=r["kind"],
            title=r["title"],
            status=r["status"],
            status_text=lifecycle.ORDER_STATUS_WORDS.get(r["status"], r["status"]),
            paid=r["status"] in PAID_STATUSES,
            paid_at=r["paid_at"],
            patient_name_masked=names.get(patient_id, ""),
        )
        for r in rows
    ]


async def paid_answer(actor: Actor, order_id: uuid.UUID) -> PaidAnswer:
    """One order's 'is it paid', for staff of the order's institution only (others: 404)."""
    from yiqiao.kit.errors import Forbidden

    if actor.kind != "staff" or actor.institution_id is None:
        raise Forbidden("Only hospital staff ask whether a patient has paid.", code="not_staff")
    rows = await db.fetch(
        "SELECT * FROM billing_order WHERE id = {} AND institution_id = {}", order_id, actor.institution_id
    )
    if not rows:
        raise NotFound("No such order.", code="order_not_found")
    r = rows[0]
    names = await masked_names([r["patient_id"]])
    return PaidAnswer(
        order_id=r["id"],
        order_no=r["order_no"],
        kind=r["kind"],
        title=r["title"],
        status=r["status"],
        status_text=lifecycle.ORDER_STATUS_WORDS.get(r["status"], r["status"]),
        paid=r["status"] in PAID_STATUSES,
        paid_at=r["paid_at"],
        patient_name_masked=names.get(r["patient_id"], ""),
    )
