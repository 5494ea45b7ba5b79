"""What the worker runs for billing, because a callback may never come:

- close orders whose time to pay ran out: each open attempt is closed at its provider first
  (关闭订单; if the provider says it was paid after all, that payment counts), then the order;
- close at the provider attempts still open on orders that closed another way;
- ask the provider (查询订单) about attempts pending longer than ``billing_query_after_s`` and
  apply the answer through ``payments.apply_trade``;
- for refunds processing longer than that, ask again (the same out_refund_no is one refund at the
  provider, so a refund we never managed to send is sent now) and apply the answer.

Every step is idempotent and safe to run in several workers at once."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

import msgspec

from yiqiao import db
from yiqiao.billing import events, lifecycle, subjects
from yiqiao.billing.service import payments, refunds
from yiqiao.integrations.errors import ProviderError
from yiqiao.kit import clock
from yiqiao.kit.actor import SYSTEM
from yiqiao.settings import get_settings

log = logging.getLogger("yiqiao.billing")


class SweepReport(msgspec.Struct, kw_only=True):
    closed_orders: int = 0
    closed_attempts: int = 0
    queried_payments: int = 0
    applied_payments: int = 0
    retried_refunds: int = 0


async def close_expired_orders(limit: int = 200) -> tuple[int, int]:
    """Returns (orders closed, attempts closed at providers)."""
    closed = attempts = 0
    due = await db.fetch(
        "SELECT id FROM billing_order WHERE status = ANY({}) AND expires_at <= {}"
        " ORDER BY expires_at LIMIT {}",
        list(lifecycle.PAYABLE),
        clock.now(),
        limit,
    )
    for d in due:
        for pay in await db.fetch(
            "SELECT * FROM billing_payment WHERE order_id = {} AND status = 'pending'", d["id"]
        ):
            await payments.close_attempt(pay)
            attempts += 1
        async with db.transaction():
            rows = await db.fetch(
                "SELECT * FROM billing_order WHERE id = {} AND status = ANY({}) AND expires_at <= {}"
                " FOR UPDATE SKIP LOCKED",
                d["id"],
                list(lifecycle.PAYABLE),
                clock.now(),
            )
            if not rows:
                continue  # paid meanwhile, or another worker has it
            if await db.fetch(
                "SELECT 1 FROM billing_payment WHERE order_id = {} AND status = 'pending' LIMIT 1", d["id"]
            ):
                continue  # a provider could not close an attempt now: try again next sweep
            await lifecycle.apply_order(SYSTEM, d["id"], "close", reason="not paid in time")
            await events.publish(events.ORDER_NOT_PAID, d["id"], f"{d['id']}:closed", status="closed")
            await subjects.closed(SYSTEM, rows[0]["subject_type"], rows[0]["subject_id"])
            closed += 1
    # Attempts left open on orders that closed another way (a cancelled booking).
    for pay in await db.fetch(
        "SELECT p.* FROM billing_payment p JOIN billing_order o ON o.id = p.order_id"
        " WHERE p.status = 'pending' AND o.status = 'closed' ORDER BY p.created_at LIMIT {}",
        limit,
    ):
        await payments.close_attempt(pay)
        attempts += 1
    return closed, attempts


async def query_stale_payments(min_age_s: int | None = None, limit: int = 200) -> tuple[int, int]:
    """Returns (attempts queried, answers that changed something)."""
    age = get_settings().billing_query_after_s if min_age_s is None else min_age_s
    stale = await db.fetch(
        "SELECT * FROM billing_payment WHERE status = 'pending' AND created_at <= {}"
        " ORDER BY created_at LIMIT {}",
        clock.now() - dt.timedelta(seconds=age),
        limit,
    )
    applied = 0
    for pay in stale:
        try:
            status = await payments.provider(pay["provider"]).query(pay["out_trade_no"])
        except ProviderError as exc:
            log.warning("payment %s: query failed: %s", pay["out_trade_no"], exc)
            continue
        outcome = await payments.apply_trade(SYSTEM, pay["provider"], status)
        if outcome in (payments.APPLIED, payments.LATE_REFUNDED):
            applied += 1
    return len(stale), applied


async def retry_processing_refunds(min_age_s: int | None = None, limit: int = 200) -> int:
    """Ask the provider about refunds still processing (sending any it never received)."""
    age = get_settings().billing_query_after_s if min_age_s is None else min_age_s
    rows = await db.fetch(
        "SELECT r.id, r.refund_no, p.provider FROM billing_refund r"
        " LEFT JOIN billing_payment p ON p.id = r.payment_id"
        " WHERE r.status = 'processing' AND r.created_at <= {} ORDER BY r.created_at LIMIT {}",
        clock.now() - dt.timedelta(seconds=age),
        limit,
    )
    for r in rows:
        await _refund_once(r)
    return len(rows)


async def _refund_once(r: dict[str, Any]) -> None:
    if r["provider"] is not None:
        try:
            status = await payments.provider(r["provider"]).query_refund(r["refund_no"])
        except ProviderError:
            status = None  # the provider does not know it (never sent) or is away: (re)send
        if status is not None and status.state != "processing":
            await payments.apply_refund_status(SYSTEM, r["provider"], status)
            return
    await refunds.submit(r["id"])


async def sweep_billing(ctx: dict[str, Any]) -> SweepReport:
    """The worker cron."""
    report = SweepReport()
    report.closed_orders, report.closed_attempts = await close_expired_orders()
    report.queried_payments, report.applied_payments = await query_stale_payments()
    report.retried_refunds = await retry_processing_refunds()
    if report.closed_orders or report.applied_payments or report.retried_refunds:
        log.info("billing: %s", report)
    return report
