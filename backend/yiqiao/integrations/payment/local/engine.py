"""The sandbox engine every local provider shares: the provider's side of a payment.

It keeps trades and refunds in its own tables (``local_pay_*``), checks requests the way the real
APIs do (a positive amount, an expiry in the future, one ``out_trade_no`` per trade: the same one
with other terms is refused; refunds never exceed what was paid, the same ``out_refund_no`` is the
same refund), takes money when the simulated payer confirms (``local.wallet``) or at once for
credit care, and queues the signed callbacks it owes us (``local.delivery`` sends them).

What the engine decides is the provider's word; it never looks at billing's tables."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import msgspec

from yiqiao import db
from yiqiao.integrations.errors import ProviderError
from yiqiao.integrations.payment.base import CreatePayment, RefundRequest
from yiqiao.integrations.payment.local import faults
from yiqiao.integrations.payment.wire import CallbackEvent, StatementRow, Wire
from yiqiao.kit import clock
from yiqiao.kit.ids import new_id
from yiqiao.settings import get_settings

_OUT_NO = re.compile(r"^[0-9A-Za-z_\-|*]{6,64}$")
MAX_AMOUNT_FEN = 10_000_000_000  # ¥100,000,000: beyond any hospital bill

# Why a payment or refund failed, as each provider words it.
_REASONS: dict[str, dict[str, str]] = {
    "insufficient_balance": {
        "wechat": "NOTENOUGH 用户余额不足",
        "alipay": "ACQ.BUYER_BALANCE_NOT_ENOUGH",
        "unionpay": "余额不足",
        "ecny": "WALLET_BALANCE_NOT_ENOUGH",
        "credit": "CREDIT_LIMIT_EXCEEDED",
    },
    "declined": {
        "wechat": "BANKERROR 银行系统异常",
        "alipay": "ACQ.PAYMENT_FAIL",
        "unionpay": "交易失败，发卡行拒绝",
        "ecny": "SYSTEM_ERROR",
        "credit": "RISK_DECLINED",
    },
    "refund_failed": {
        "wechat": "用户银行卡已注销",
        "alipay": "ACQ.SELLER_BALANCE_NOT_ENOUGH",
        "unionpay": "原交易状态异常",
        "ecny": "WALLET_CLOSED",
        "credit": "ACCOUNT_FROZEN",
    },
}


def reason(kind: str, provider: str) -> str:
    return _REASONS[kind][provider]


def _refuse(code: str, message: str, *, transient: bool = False) -> ProviderError:
    return ProviderError(code, message, transient=transient)


# ---------------------------------------------------------------------------------------------
# callbacks


def trade_event(trade: dict[str, Any], notify_id: str) -> CallbackEvent:
    return CallbackEvent(
        kind="trade",
        notify_id=notify_id,
        out_trade_no=trade["out_trade_no"],
        txn_id=trade["txn_id"] or "",
        channel=trade["channel"],
        total_fen=trade["amount_fen"],
        state=trade["state"],
        at=trade["paid_at"] or clock.now(),
        created_at=trade["created_at"],
        failure_reason=trade["failure_reason"],
        payer_ref=trade["payer_ref"],
        description=trade["description"],
        merchant_ref=trade["merchant_ref"],
    )


def refund_event(trade: dict[str, Any], refund: dict[str, Any], notify_id: str) -> CallbackEvent:
    return CallbackEvent(
        kind="refund",
        notify_id=notify_id,
        out_trade_no=trade["out_trade_no"],
        txn_id=trade["txn_id"] or "",
        channel=trade["channel"],
        total_fen=trade["amount_fen"],
        state=refund["state"],
        at=refund["finished_at"] or clock.now(),
        created_at=trade["created_at"],
        failure_reason=refund["failure_reason"],
        payer_ref=trade["payer_ref"],
        description=trade["description"],
        merchant_ref=trade["merchant_ref"],
        out_refund_no=refund["out_refund_no"],
        refund_id=refund["refund_id"],
        refund_fen=refund["amount_fen"],
        refunded_total_fen=trade["refunded_fen"],
    )


async def queue_callback(
    wire: Wire, event: CallbackEvent, url: str, *, due_at: dt.datetime | None = None
) -> None:
    """Queue ``event`` for delivery to ``url``, with whatever delivery faults hit it."""
    s = get_settings()
    hit = await faults.take(wire.name, faults.DELIVERY_FAULTS, event.notify_id)
    due = due_at or clock.now()
    if "late" in hit:
        due += dt.timedelta(seconds=s.payment_callback_late_s)
    if "out_of_order" in hit:
        due += dt.timedelta(seconds=s.payment_callback_reorder_s)
    reference = event.out_trade_no if event.kind == "trade" else event.out_refund_no
    copies = 2 if "duplicate" in hit else 1
    payload = msgspec.json.encode(event).decode()
    for _ in range(copies):
        await db.execute(
            "INSERT INTO local_pay_callback (provider, kind, reference, notify_id, url, event, fault, due_at)"
            " VALUES ({}, {}, {}, {}, {}, {}::jsonb, {}, {})",
            wire.name,
            event.kind,
            reference,
            event.notify_id,
            url or default_notify_url(wire.name),
            payload,
            ",".join(sorted(hit)),
            due,
        )


def default_notify_url(provider: str) -> str:
    return f"{get_settings().billing_notify_base_url.rstrip('/')}/payments/notify/{provider}"


# ---------------------------------------------------------------------------------------------
# payments


def _check_create(req: CreatePayment) -> None:
    if not isinstance(req.amount_fen, int) or isinstance(req.amount_fen, bool) or req.amount_fen <= 0:
        raise _refuse("PARAM_ERROR", "amount must be a positive whole number of fen")
    if req.amount_fen > MAX_AMOUNT_FEN:
        raise _refuse("PARAM_ERROR", "amount exceeds the single-payment limit")
    if not _OUT_NO.match(req.out_trade_no):
        raise _refuse("PARAM_ERROR", "out_trade_no must be 6-64 of 0-9 A-Z a-z _ - | *")
    if not 1 <= len(req.description) <= 127:
        raise _refuse("PARAM_ERROR", "description must be 1-127 characters")
    if req.expires_at.tzinfo is None or req.expires_at <= clock.now():
        raise _refuse("PARAM_ERROR", "time_expire must be in the future")
    if req.channel not in ("mini_program", "app", "qr"):
        raise _refuse("PARAM_ERROR", f"unknown channel {req.channel!r}")


async def create(wire: Wire, req: CreatePayment) -> dict[str, Any]:
    """Place a payment order (统一下单). The same ``out_trade_no`` with the same terms is the same
    order (same prepay id); with other terms it is refused, as are orders already paid or closed."""
    _check_create(req)
    provider = wire.name
    if provider == "credit" and not req.payer_ref:
        raise _refuse("PAYER_REQUIRED", "credit care needs payer_ref: the patient's credit account")
    async with db.transaction():
        rows = await db.fetch(
            "INSERT INTO local_pay_trade (id, provider, out_trade_no, merchant_ref, amount_fen, description,"
            " channel, prepay_id, code_url, notify_url, payer_ref, state, expires_at)"
            " VALUES ({}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, 'pending', {})"
            " ON CONFLICT (provider, out_trade_no) DO NOTHING RETURNING *",
            new_id(),
            provider,
            req.out_trade_no,
            req.institution_id,
            req.amount_fen,
            req.description,
            req.channel,
            wire.new_prepay_id(),
            wire.new_code_url() if req.channel == "qr" else None,
            req.notify_url or default_notify_url(provider),
            req.payer_ref,
            req.expires_at,
        )
        if not rows:
            return await _same_order(provider, req)
        trade = rows[0]
        if provider == "credit":
            trade = await _authorise_credit(wire, trade)
    return trade


async def _same_order(provider: str, req: CreatePayment) -> dict[str, Any]:
    trade = (
        await db.fetch(
            "SELECT * FROM local_pay_trade WHERE provider = {} AND out_trade_no = {}",
            provider,
            req.out_trade_no,
        )
    )[0]
    if (trade["amount_fen"], trade["description"], trade["channel"]) != (
        req.amount_fen,
        req.description,
        req.channel,
    ):
        raise _refuse("OUT_TRADE_NO_USED", "out_trade_no was already used with other terms")
    if trade["state"] == "succeeded":
        raise _refuse("ORDER_PAID", "this order has already been paid")
    if trade["state"] == "closed":
        raise _refuse("ORDER_CLOSED", "this order was closed")
    return trade


async def _authorise_credit(wire: Wire, trade: dict[str, Any]) -> dict[str, Any]:
    """Credit care authorises at once: within the patient's line it pays, beyond it declines."""
    limit = get_settings().payment_credit_limit_fen
    await db.execute(
        "INSERT INTO local_pay_credit_line (payer_ref, limit_fen) VALUES ({}, {})"
        " ON CONFLICT (payer_ref) DO NOTHING",
        trade["payer_ref"],
        limit,
    )
    line = await db.fetch(
        "SELECT * FROM local_pay_credit_line WHERE payer_ref = {} FOR UPDATE", trade["payer_ref"]
    )
    used, limit = line[0]["used_fen"], line[0]["limit_fen"]
    declined = ""
    if "failure" in await faults.take(wire.name, ("failure",), trade["out_trade_no"]):
        declined = reason("declined", wire.name)
    elif used + trade["amount_fen"] > limit:
        declined = reason("insufficient_balance", wire.name)
    if declined:
        return await _finish(wire, trade, ok=False, failure_reason=declined)
    await db.execute(
        "UPDATE local_pay_credit_line SET used_fen = used_fen + {}, updated_at = now() WHERE payer_ref = {}",
        trade["amount_fen"],
        trade["payer_ref"],
    )
    return await _finish(wire, trade, ok=True)


async def _finish(
    wire: Wire, trade: dict[str, Any], *, ok: bool, failure_reason: str = "", payer_ref: str = ""
) -> dict[str, Any]:
    """The trade succeeds or fails now; the callback saying so is queued in the same transaction."""
    now = clock.now()
    rows = await db.fetch(
        "UPDATE local_pay_trade SET state = {}, txn_id = {}, paid_at = {}, failure_reason = {},"
        " payer_ref = CASE WHEN {} <> '' THEN {} ELSE payer_ref END"
        " WHERE id = {} AND state = 'pending' RETURNING *",
        "succeeded" if ok else "failed",
        wire.new_txn_id() if ok else None,
        now if ok else None,
        failure_reason,
        payer_ref,
        payer_ref,
        trade["id"],
    )
    if not rows:
        raise _refuse("ORDER_STATE_CHANGED", "the order changed meanwhile; query it", transient=True)
    done = rows[0]
    await queue_callback(wire, trade_event(done, wire.new_notify_id()), done["notify_url"])
    return done


async def pay(
    wire: Wire, ref: str, *, insufficient_balance: bool = False, payer_ref: str = ""
) -> dict[str, Any]:
    """The payer confirms in their wallet: the money moves (or the bank declines, or the balance is
    short) and the callback is queued. Refused for orders paid, closed, failed or expired."""
    async with db.transaction():
        rows = await db.fetch(
            "SELECT * FROM local_pay_trade WHERE (prepay_id = {} OR code_url = {}) FOR UPDATE", ref, ref
        )
        if not rows:
            raise _refuse("ORDER_NOT_EXIST", "no such payment")
        trade = rows[0]
        check_payable(trade)
        if insufficient_balance:
            return await _finish(
                wire,
                trade,
                ok=False,
                failure_reason=reason("insufficient_balance", wire.name),
                payer_ref=payer_ref,
            )
        if "failure" in await faults.take(wire.name, ("failure",), trade["out_trade_no"]):
            return await _finish(
                wire, trade, ok=False, failure_reason=reason("declined", wire.name), payer_ref=payer_ref
            )
        return await _finish(wire, trade, ok=True, payer_ref=payer_ref)


def check_payable(trade: dict[str, Any]) -> None:
    if trade["provider"] == "credit":
        raise _refuse("NOT_A_WALLET_PAYMENT", "credit care is authorised at once, not in a wallet")
    state = trade["state"]
    if state == "succeeded":
        raise _refuse("ORDER_PAID", "this order has already been paid")
    if state == "closed":
        raise _refuse("ORDER_CLOSED", "this order was closed")
    if state == "failed":
        raise _refuse("ORDER_FAILED", "this payment failed; the merchant must start a new one")
    if trade["expires_at"] <= clock.now():
        raise _refuse("ORDER_EXPIRED", "the time to pay this order has passed")


async def find_trade(ref: str) -> dict[str, Any]:
    """A trade by its prepay id or QR code (what a wallet scans or is handed)."""
    rows = await db.fetch("SELECT * FROM local_pay_trade WHERE prepay_id = {} OR code_url = {}", ref, ref)
    if not rows:
        raise _refuse("ORDER_NOT_EXIST", "no such payment")
    return rows[0]


async def get_trade(provider: str, out_trade_no: str) -> dict[str, Any]:
    rows = await db.fetch(
        "SELECT * FROM local_pay_trade WHERE provider = {} AND out_trade_no = {}", provider, out_trade_no
    )
    if not rows:
        raise _refuse("ORDER_NOT_EXIST", f"no order {out_trade_no}")
    return rows[0]


async def close(provider: str, out_trade_no: str) -> dict[str, Any]:
    """Close an unpaid order (关闭订单); a paid one stays paid, and the answer says so."""
    rows = await db.fetch(
        "UPDATE local_pay_trade SET state = 'closed', closed_at = {}"
        " WHERE provider = {} AND out_trade_no = {} AND state IN ('pending', 'failed') RETURNING *",
        clock.now(),
        provider,
        out_trade_no,
    )
    return rows[0] if rows else await get_trade(provider, out_trade_no)


# ---------------------------------------------------------------------------------------------
# refunds


async def refund(wire: Wire, req: RefundRequest, *, synchronous: bool = False) -> dict[str, Any]:
    """Ask for a refund to the original path (申请退款). It settles ``payment_refund_settle_s``
    later (``synchronous`` providers answer at once), then its callback is queued."""
    provider = wire.name
    if not isinstance(req.amount_fen, int) or isinstance(req.amount_fen, bool) or req.amount_fen <= 0:
        raise _refuse("PARAM_ERROR", "refund amount must be a positive whole number of fen")
    if not _OUT_NO.match(req.out_refund_no):
        raise _refuse("PARAM_ERROR", "out_refund_no must be 6-64 of 0-9 A-Z a-z _ - | *")
    async with db.transaction():
        trades = await db.fetch(
            "SELECT * FROM local_pay_trade WHERE provider = {} AND out_trade_no = {} FOR UPDATE",
            provider,
            req.out_trade_no,
        )
        if not trades:
            raise _refuse("ORDER_NOT_EXIST", f"no order {req.out_trade_no}")
        trade = trades[0]
        existing = await db.fetch(
            "SELECT * FROM local_pay_refund WHERE provider = {} AND out_refund_no = {}",
            provider,
            req.out_refund_no,
        )
        if existing:
            if existing[0]["trade_id"] != trade["id"] or existing[0]["amount_fen"] != req.amount_fen:
                raise _refuse("OUT_REFUND_NO_USED", "out_refund_no was already used for another refund")
            return existing[0]
        if trade["state"] != "succeeded":
            raise _refuse("TRADE_NOT_PAID", f"the order is {trade['state']}, nothing to refund")
        if req.total_fen != trade["amount_fen"]:
            raise _refuse("PARAM_ERROR", "total does not match the order's amount")
        if req.provider_txn_id and req.provider_txn_id != trade["txn_id"]:
            raise _refuse("PARAM_ERROR", "transaction id does not match the order")
        if trade["refunded_fen"] + req.amount_fen > trade["amount_fen"]:
            raise _refuse("NOT_ENOUGH", "the refund exceeds what is left of the payment")
        failed = "failure" in await faults.take(provider, ("failure",), req.out_refund_no)
        now = clock.now()
        settles_at = (
            now if synchronous else now + dt.timedelta(seconds=get_settings().payment_refund_settle_s)
        )
        trade = (
            await db.fetch(
                "UPDATE local_pay_trade SET refunded_fen = refunded_fen + {} WHERE id = {} RETURNING *",
                req.amount_fen,
                trade["id"],
            )
        )[0]
        row = (
            await db.fetch(
                "INSERT INTO local_pay_refund (id, provider, out_refund_no, trade_id, amount_fen, reason,"
                " state, outcome, refund_id, notify_url, failure_reason, settles_at)"
                " VALUES ({}, {}, {}, {}, {}, {}, 'processing', {}, {}, {}, {}, {}) RETURNING *",
                new_id(),
                provider,
                req.out_refund_no,
                trade["id"],
                req.amount_fen,
                req.reason[:200],
                "failed" if failed else "succeeded",
                wire.new_refund_id(),
                req.notify_url or default_notify_url(provider),
                reason("refund_failed", provider) if failed else "",
                settles_at,
            )
        )[0]
        if synchronous:
            row = await _settle(wire, row, notify_failure=False)
    return row


async def get_refund(wire: Wire, out_refund_no: str) -> dict[str, Any]:
    """A refund as the provider sees it now (one that is due settles first)."""
    rows = await db.fetch(
        "SELECT * FROM local_pay_refund WHERE provider = {} AND out_refund_no = {}", wire.name, out_refund_no
    )
    if not rows:
        raise _refuse("RESOURCE_NOT_EXISTS", f"no refund {out_refund_no}")
    row = rows[0]
    if row["state"] == "processing" and row["settles_at"] <= clock.now():
        async with db.transaction():
            locked = await db.fetch(
                "SELECT * FROM local_pay_refund WHERE id = {} AND state = 'processing'"
                " FOR UPDATE SKIP LOCKED",
                row["id"],
            )
            if locked:
                return await _settle(wire, locked[0])
        row = (await db.fetch("SELECT * FROM local_pay_refund WHERE id = {}", row["id"]))[0]
    return row


async def _settle(wire: Wire, refund_row: dict[str, Any], *, notify_failure: bool = True) -> dict[str, Any]:
    """A processing refund becomes what it was going to be (caller holds its row lock)."""
    ok = refund_row["outcome"] == "succeeded"
    row = (
        await db.fetch(
            "UPDATE local_pay_refund SET state = outcome, finished_at = settles_at WHERE id = {} RETURNING *",
            refund_row["id"],
        )
    )[0]
    if ok:
        trade = (await db.fetch("SELECT * FROM local_pay_trade WHERE id = {}", row["trade_id"]))[0]
        if wire.name == "credit":
            # The patient owes the credit platform that much less.
            await db.execute(
                "UPDATE local_pay_credit_line SET used_fen = greatest(used_fen - {}, 0), updated_at = now()"
                " WHERE payer_ref = {}",
                row["amount_fen"],
                trade["payer_ref"],
            )
    else:
        trade = (
            await db.fetch(
                "UPDATE local_pay_trade SET refunded_fen = refunded_fen - {} WHERE id = {} RETURNING *",
                row["amount_fen"],
                row["trade_id"],
            )
        )[0]
    if ok or notify_failure:
        await queue_callback(
            wire, refund_event(trade, row, wire.new_notify_id()), row["notify_url"], due_at=row["finished_at"]
        )
    return row


async def settle_due_refunds(wires: dict[str, Wire], until: dt.datetime) -> int:
    """Settle every refund due by ``until`` (the delivery loop calls this first)."""
    settled = 0
    while True:
        async with db.transaction():
            rows = await db.fetch(
                "SELECT * FROM local_pay_refund WHERE state = 'processing' AND settles_at <= {}"
                " ORDER BY settles_at LIMIT 100 FOR UPDATE SKIP LOCKED",
                until,
            )
            for row in rows:
                await _settle(wires[row["provider"]], row)
        settled += len(rows)
        if len(rows) < 100:
            return settled


# ---------------------------------------------------------------------------------------------
# statements


def day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = dt.datetime(day.year, day.month, day.day, tzinfo=clock.SHANGHAI).astimezone(dt.UTC)
    return start, start + dt.timedelta(days=1)


async def statement_rows(provider: str, day: dt.date) -> list[StatementRow]:
    """What the provider booked on ``day`` (Beijing time): payments by when they were paid, refunds
    by when they succeeded."""
    if day > clock.local(clock.now()).date():
        raise _refuse("INVALID_BILL_DATE", "there is no statement for a day that has not begun")
    start, end = day_bounds(day)
    trades = await db.fetch(
        "SELECT * FROM local_pay_trade WHERE provider = {} AND state = 'succeeded' AND paid_at >= {}"
        " AND paid_at < {} ORDER BY paid_at, id",
        provider,
        start,
        end,
    )
    refunds = await db.fetch(
        "SELECT r.*, t.out_trade_no, t.txn_id, t.amount_fen AS total_fen, t.created_at AS trade_created_at,"
        " t.description, t.channel, t.payer_ref, t.merchant_ref FROM local_pay_refund r"
        " JOIN local_pay_trade t ON t.id = r.trade_id WHERE r.provider = {} AND r.state = 'succeeded'"
        " AND r.finished_at >= {} AND r.finished_at < {} ORDER BY r.finished_at, r.id",
        provider,
        start,
        end,
    )
    rows = [
        StatementRow(
            kind="payment",
            at=t["paid_at"],
            out_trade_no=t["out_trade_no"],
            txn_id=t["txn_id"],
            total_fen=t["amount_fen"],
            created_at=t["created_at"],
            description=t["description"],
            channel=t["channel"],
            payer_ref=t["payer_ref"],
            merchant_ref=t["merchant_ref"],
        )
        for t in trades
    ]
    rows += [
        StatementRow(
            kind="refund",
            at=r["finished_at"],
            out_trade_no=r["out_trade_no"],
            txn_id=r["txn_id"],
            total_fen=r["total_fen"],
            created_at=r["trade_created_at"],
            description=r["description"],
            channel=r["channel"],
            payer_ref=r["payer_ref"],
            merchant_ref=r["merchant_ref"],
            out_refund_no=r["out_refund_no"],
            refund_id=r["refund_id"],
            refund_fen=r["amount_fen"],
        )
        for r in refunds
    ]
    rows.sort(key=lambda r: r.at)
    return rows


async def credit_line(payer_ref: str) -> dict[str, Any]:
    rows = await db.fetch("SELECT * FROM local_pay_credit_line WHERE payer_ref = {}", payer_ref)
    if rows:
        return rows[0]
    return {"payer_ref": payer_ref, "limit_fen": get_settings().payment_credit_limit_fen, "used_fen": 0}


async def set_credit_limit(payer_ref: str, limit_fen: int) -> dict[str, Any]:
    if limit_fen < 0:
        raise _refuse("PARAM_ERROR", "a credit limit cannot be negative")
    rows = await db.fetch(
        "INSERT INTO local_pay_credit_line (payer_ref, limit_fen) VALUES ({}, {})"
        " ON CONFLICT (payer_ref) DO UPDATE SET limit_fen = EXCLUDED.limit_fen, updated_at = now()"
        " RETURNING *",
        payer_ref,
        limit_fen,
    )
    return rows[0]


async def repay_credit(payer_ref: str, amount_fen: int) -> dict[str, Any]:
    """The patient settles (part of) what they owe the credit platform after the visit."""
    if amount_fen <= 0:
        raise _refuse("PARAM_ERROR", "repay a positive amount")
    rows = await db.fetch(
        "UPDATE local_pay_credit_line SET used_fen = used_fen - {}, updated_at = now()"
        " WHERE payer_ref = {} AND used_fen >= {} RETURNING *",
        amount_fen,
        payer_ref,
        amount_fen,
    )
    if not rows:
        raise _refuse("PARAM_ERROR", "that is more than is owed")
    return rows[0]
