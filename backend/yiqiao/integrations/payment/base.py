"""What every payment provider does, whichever is live: WeChat Pay, Alipay, UnionPay (云闪付),
digital RMB (e-CNY) and credit care (信用就医). ``billing`` talks only to this Protocol; the local
sandboxes (``integrations.payment.local``) behave like the real services, asynchronous signed
callbacks, failures and statements included.

Amounts are integer fen everywhere. ``out_trade_no`` is our id for one payment attempt (the
provider's 商户订单号); ``out_refund_no`` our id for one refund."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Literal, Protocol

import msgspec

ProviderName = Literal["wechat", "alipay", "unionpay", "ecny", "credit"]
# How the client will complete the payment: inside the mini-program / app, or by scanning a QR code
# (a kiosk shows it; the patient scans it with their phone).
Channel = Literal["mini_program", "app", "qr"]


class CreatePayment(msgspec.Struct, frozen=True, kw_only=True):
    out_trade_no: str
    amount_fen: int
    description: str  # shown in the payer's wallet, e.g. "挂号费-心内科-王医生"
    channel: Channel
    expires_at: dt.datetime
    notify_url: str
    payer_ref: str = ""  # the payer's id at the provider when known (WeChat openid); never PII
    institution_id: str = ""  # the merchant (sub-merchant) the money goes to


class PaymentPayload(msgspec.Struct, frozen=True, kw_only=True):
    """What the client needs to complete the payment; opaque to billing."""

    provider: ProviderName
    channel: Channel
    prepay_id: str
    # mini_program/app: the signed parameters the client SDK passes to the wallet (wx.requestPayment
    # and the like); qr: ``code_url`` to render as a QR code.
    params: dict[str, str] = {}
    code_url: str = ""


class TradeStatus(msgspec.Struct, frozen=True, kw_only=True):
    """A provider's answer to 'what became of this payment attempt' (query or notification)."""

    out_trade_no: str
    state: Literal["pending", "succeeded", "failed", "closed"]
    amount_fen: int
    provider_txn_id: str = ""
    paid_at: dt.datetime | None = None
    failure_reason: str = ""


class RefundRequest(msgspec.Struct, frozen=True, kw_only=True):
    out_trade_no: str
    provider_txn_id: str
    out_refund_no: str
    amount_fen: int  # this refund
    total_fen: int  # the original payment
    reason: str
    notify_url: str


class RefundStatus(msgspec.Struct, frozen=True, kw_only=True):
    out_refund_no: str
    state: Literal["processing", "succeeded", "failed"]
    amount_fen: int
    provider_refund_id: str = ""
    finished_at: dt.datetime | None = None
    failure_reason: str = ""


class Notification(msgspec.Struct, frozen=True, kw_only=True):
    """A verified, decrypted provider callback. ``notify_id`` is the provider's id of this
    notification (a redelivery repeats it); ``sent_at`` is the signed timestamp (replay window)."""

    notify_id: str
    sent_at: dt.datetime
    trade: TradeStatus | None = None
    refund: RefundStatus | None = None


class StatementLine(msgspec.Struct, frozen=True, kw_only=True):
    """One line of a provider's daily statement (对账单)."""

    kind: Literal["payment", "refund"]
    out_trade_no: str
    out_refund_no: str = ""
    provider_ref: str  # transaction id or refund id at the provider
    amount_fen: int  # positive for payments, positive for refunds too (kind says which)
    at: dt.datetime


class Ack(msgspec.Struct, frozen=True, kw_only=True):
    """What our notify endpoint answers the provider (each has its own expected reply)."""

    status_code: int
    body: bytes
    content_type: str


class InvalidNotification(Exception):
    """A callback we must not believe: bad signature, unknown certificate serial, undecryptable
    body, or a timestamp outside the replay window. ``reason`` is a stable code for the log."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


class PaymentProvider(Protocol):
    name: ProviderName

    async def create(self, req: CreatePayment) -> PaymentPayload:
        """Place the payment order at the provider (统一下单). Raises ``ProviderError``."""
        ...

    async def query(self, out_trade_no: str) -> TradeStatus:
        """Ask the provider what became of a payment attempt (查询订单)."""
        ...

    async def close(self, out_trade_no: str) -> TradeStatus:
        """Close an unpaid attempt (关闭订单). If it was paid meanwhile, says so instead."""
        ...

    async def refund(self, req: RefundRequest) -> RefundStatus:
        """Ask for a refund to the original path (申请退款); the outcome may come later by
        notification or ``query_refund``. The same ``out_refund_no`` is one refund."""
        ...

    async def query_refund(self, out_refund_no: str) -> RefundStatus: ...

    def verify_notification(self, headers: Mapping[str, str], body: bytes) -> Notification:
        """Verify the signature (and decrypt) a callback exactly as received on the wire.
        Raises ``InvalidNotification``; never trusts anything it could not verify."""
        ...

    def ack(self, accepted: bool) -> Ack:
        """The reply the provider expects (a non-success reply makes it redeliver later)."""
        ...

    async def statement(self, day: dt.date) -> bytes:
        """Download the day's statement file (下载对账单) as the provider formats it."""
        ...

    def parse_statement(self, data: bytes) -> list[StatementLine]: ...
