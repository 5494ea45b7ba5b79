"""Notices to the patient about their money (category "payment", 002 §2.1.1.2.23(1)): payment
completed, refund completed. Event subscribers (``billing.events``): each is idempotent through
the notice's dedupe key, so a redelivered event sends nothing twice."""

from __future__ import annotations

import uuid
from typing import Any

from yiqiao import db
from yiqiao.identity.service import directory
from yiqiao.kit.money import yuan
from yiqiao.notify.service import notify


async def _order(order_id: uuid.UUID) -> dict[str, Any] | None:
    rows = await db.fetch("SELECT * FROM billing_order WHERE id = {}", order_id)
    return rows[0] if rows else None


async def _recipient(order: dict[str, Any]) -> uuid.UUID | None:
    account: uuid.UUID | None = order["account_id"] or await directory.self_account_of(order["patient_id"])
    return account


async def order_paid(order_id: uuid.UUID, payload: dict[str, Any]) -> None:
    order = await _order(order_id)
    if order is None or (account := await _recipient(order)) is None:
        return
    await notify(
        account,
        "payment",
        "缴费成功",
        f"{order['title']}已缴费{yuan(order['paid_fen'])}元，订单号{order['order_no']}。点击查看详情。",
        dedupe_key=f"billing:{order_id}:paid",
        patient_id=order["patient_id"],
        data={"order_id": str(order_id), "order_no": order["order_no"], "event": "paid"},
    )


async def refund_succeeded(order_id: uuid.UUID, payload: dict[str, Any]) -> None:
    order = await _order(order_id)
    if order is None or (account := await _recipient(order)) is None:
        return
    rows = await db.fetch("SELECT * FROM billing_refund WHERE id = {}", uuid.UUID(payload["refund_id"]))
    if not rows:
        return
    refund = rows[0]
    await notify(
        account,
        "payment",
        "退款成功",
        f"{order['title']}退款{yuan(refund['amount_fen'])}元已原路退回，退款单号{refund['refund_no']}。",
        dedupe_key=f"billing:{refund['id']}:refunded",
        patient_id=order["patient_id"],
        data={
            "order_id": str(order_id),
            "refund_id": str(refund["id"]),
            "refund_no": refund["refund_no"],
            "event": "refunded",
        },
    )
