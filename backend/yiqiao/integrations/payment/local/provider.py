"""``LocalPaymentProvider``: the payment Protocol over the sandbox engine, one per provider name.

Calls that would be HTTPS requests to the provider's API (create, query, close, refund, statement)
go straight into the engine; what comes back is shaped by the provider's wire format (the client's
pay parameters, its statement file). Callbacks are verified with the provider's public key exactly
as a real integration would."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import cache
from typing import Any

from yiqiao.integrations.payment.base import (
    Ack,
    CreatePayment,
    Notification,
    PaymentPayload,
    ProviderName,
    RefundRequest,
    RefundStatus,
    StatementLine,
    TradeStatus,
)
from yiqiao.integrations.payment.local import engine, keys
from yiqiao.integrations.payment.wire import Wire


def _wire_class(name: ProviderName) -> type[Any]:
    if name == "wechat":
        from yiqiao.integrations.payment.wechat import WeChatWire

        return WeChatWire
    if name == "alipay":
        from yiqiao.integrations.payment.alipay import AlipayWire

        return AlipayWire
    if name == "unionpay":
        from yiqiao.integrations.payment.unionpay import UnionPayWire

        return UnionPayWire
    if name == "ecny":
        from yiqiao.integrations.payment.ecny import EcnyWire

        return EcnyWire
    from yiqiao.integrations.payment.credit import CreditWire

    return CreditWire


def trade_status(trade: dict[str, Any]) -> TradeStatus:
    return TradeStatus(
        out_trade_no=trade["out_trade_no"],
        state=trade["state"],
        amount_fen=trade["amount_fen"],
        provider_txn_id=trade["txn_id"] or "",
        paid_at=trade["paid_at"],
        failure_reason=trade["failure_reason"],
    )


def refund_status(row: dict[str, Any]) -> RefundStatus:
    return RefundStatus(
        out_refund_no=row["out_refund_no"],
        state=row["state"],
        amount_fen=row["amount_fen"],
        provider_refund_id=row["refund_id"] if row["state"] != "processing" else "",
        finished_at=row["finished_at"],
        failure_reason=row["failure_reason"] if row["state"] == "failed" else "",
    )


class LocalPaymentProvider:
    """One provider's sandbox behind the ``PaymentProvider`` Protocol."""

    def __init__(self, name: ProviderName) -> None:
        self.name: ProviderName = name
        self._wire_cls = _wire_class(name)
        self._wire: Wire | None = None
        # Alipay answers a refund at once; the others say PROCESSING and call back later.
        self.synchronous_refunds = name == "alipay"

    async def wire(self) -> Wire:
        if self._wire is None:
            wire: Wire = self._wire_cls(await keys.material(self.name))
            self._wire = wire
        return self._wire

    def wire_blocking(self) -> Wire:
        if self._wire is None:
            wire: Wire = self._wire_cls(keys.material_blocking(self.name))
            self._wire = wire
        return self._wire

    async def create(self, req: CreatePayment) -> PaymentPayload:
        wire = await self.wire()
        trade = await engine.create(wire, req)
        params = wire.client_params(
            req.channel, trade["prepay_id"], trade["amount_fen"], trade["description"]
        )
        if self.name == "credit":
            params["creditState"] = "AUTHORISED" if trade["state"] == "succeeded" else "DECLINED"
            if trade["failure_reason"]:
                params["reason"] = trade["failure_reason"]
        return PaymentPayload(
            provider=self.name,
            channel=req.channel,
            prepay_id=trade["prepay_id"],
            params=params,
            code_url=trade["code_url"] or "",
        )

    async def query(self, out_trade_no: str) -> TradeStatus:
        return trade_status(await engine.get_trade(self.name, out_trade_no))

    async def close(self, out_trade_no: str) -> TradeStatus:
        return trade_status(await engine.close(self.name, out_trade_no))

    async def refund(self, req: RefundRequest) -> RefundStatus:
        wire = await self.wire()
        row = await engine.refund(wire, req, synchronous=self.synchronous_refunds)
        return refund_status(row)

    async def query_refund(self, out_refund_no: str) -> RefundStatus:
        return refund_status(await engine.get_refund(await self.wire(), out_refund_no))

    def verify_notification(self, headers: Mapping[str, str], body: bytes) -> Notification:
        return self.wire_blocking().verify(headers, body)

    def ack(self, accepted: bool) -> Ack:
        return self.wire_blocking().ack(accepted)

    async def statement(self, day: dt.date) -> bytes:
        wire = await self.wire()
        return wire.format_statement(day, await engine.statement_rows(self.name, day))

    def parse_statement(self, data: bytes) -> list[StatementLine]:
        return self.wire_blocking().parse_statement(data)


@cache
def local_provider(name: ProviderName) -> LocalPaymentProvider:
    return LocalPaymentProvider(name)
