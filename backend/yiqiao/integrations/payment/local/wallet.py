"""The simulated payer: what happens in the patient's WeChat / Alipay / UnionPay / e-CNY wallet after
the client opens it with the prepay id (mini-program, app) or scans the QR code (kiosk).

``await wallet.pay(prepay_id)`` confirms (the money moves; the provider queues its success
callback), ``outcome="insufficient_balance"`` declines (a failure callback), ``outcome="cancel"``
closes the wallet without paying (nothing happens, as with the real services). The dev-only routes
in bff-patient (``/dev/wallet``) call the same functions. Credit care has no wallet step."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

import msgspec

from yiqiao.integrations.errors import ProviderError
from yiqiao.integrations.payment.local import engine
from yiqiao.integrations.payment.local.provider import local_provider

Outcome = Literal["success", "insufficient_balance", "cancel"]


class WalletPayment(msgspec.Struct, kw_only=True):
    """What the wallet shows the payer."""

    provider: str
    prepay_id: str
    code_url: str
    description: str
    amount_fen: int
    merchant_ref: str
    state: str  # pending | succeeded | failed | closed
    expires_at: dt.datetime
    failure_reason: str = ""
    payable: bool = False


def _view(trade: dict[str, Any]) -> WalletPayment:
    try:
        engine.check_payable(trade)
        payable = True
    except ProviderError:
        payable = False
    return WalletPayment(
        provider=trade["provider"],
        prepay_id=trade["prepay_id"],
        code_url=trade["code_url"] or "",
        description=trade["description"],
        amount_fen=trade["amount_fen"],
        merchant_ref=trade["merchant_ref"],
        state=trade["state"],
        expires_at=trade["expires_at"],
        failure_reason=trade["failure_reason"],
        payable=payable,
    )


async def show(ref: str) -> WalletPayment:
    """The payment behind a prepay id or QR code. Raises ``ProviderError`` ``ORDER_NOT_EXIST``."""
    return _view(await engine.find_trade(ref))


async def pay(ref: str, *, outcome: Outcome = "success", payer_ref: str = "") -> WalletPayment:
    """The payer acts on the payment behind ``ref`` (prepay id or QR code). Raises
    ``ProviderError`` when it cannot be paid (``ORDER_PAID``, ``ORDER_CLOSED``, ``ORDER_EXPIRED``,
    ``ORDER_FAILED``, ``NOT_A_WALLET_PAYMENT``, ``ORDER_NOT_EXIST``)."""
    trade = await engine.find_trade(ref)
    if outcome == "cancel":
        engine.check_payable(trade)
        return _view(trade)
    wire = await local_provider(trade["provider"]).wire()
    done = await engine.pay(
        wire, ref, insufficient_balance=outcome == "insufficient_balance", payer_ref=payer_ref
    )
    return _view(done)
