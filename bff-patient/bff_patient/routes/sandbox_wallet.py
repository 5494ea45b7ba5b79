"""DEV ONLY: the payer's side of the local payment sandboxes. After the app opens the wallet with a
prepay id (mini-program, app) or the patient scans the kiosk's QR code, these routes play the
WeChat / Alipay / UnionPay / e-CNY wallet: show what is being paid, then confirm it (the money
moves and the provider calls us back) or decline it (insufficient balance: a failure callback).
Credit care (信用就医) needs no wallet; its credit line can be looked at and repaid here.

Registered only outside production (like ``/dev``); in production these paths do not exist."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import msgspec
from bff_common.session_routes import PUBLIC
from litestar import Controller, get, post
from litestar.params import JSONBody, QueryParameter
from yiqiao.integrations.errors import ProviderError
from yiqiao.integrations.payment.local import engine, wallet
from yiqiao.kit.errors import Conflict, DomainError, Invalid, NotFound

Ref = Annotated[str, msgspec.Meta(min_length=1, max_length=256)]


class WalletPaymentView(msgspec.Struct, kw_only=True):
    provider: str
    prepay_id: str
    code_url: str
    description: str
    amount_fen: int
    state: str  # pending | succeeded | failed | closed
    expires_at: dt.datetime
    payable: bool
    failure_reason: str = ""


class WalletAction(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    ref: Ref  # the prepay id, or the QR code's content
    payer_ref: Annotated[str, msgspec.Meta(max_length=64)] = ""  # e.g. the payer's openid


class CreditLineView(msgspec.Struct, kw_only=True):
    payer_ref: str
    limit_fen: int
    used_fen: int
    available_fen: int


class CreditRepay(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    payer_ref: Annotated[str, msgspec.Meta(min_length=1, max_length=64)]
    amount_fen: Annotated[int, msgspec.Meta(gt=0)]


def _problem(exc: ProviderError) -> DomainError:
    if exc.code == "ORDER_NOT_EXIST":
        return NotFound("No payment with this prepay id or QR code.", code="wallet_payment_not_found")
    if exc.code == "PARAM_ERROR":
        return Invalid(exc.message, code="wallet_invalid")
    return Conflict(f"The wallet refused: {exc.message}.", code=f"wallet_{exc.code.lower()}")


def _view(p: wallet.WalletPayment) -> WalletPaymentView:
    return WalletPaymentView(
        provider=p.provider,
        prepay_id=p.prepay_id,
        code_url=p.code_url,
        description=p.description,
        amount_fen=p.amount_fen,
        state=p.state,
        expires_at=p.expires_at,
        payable=p.payable,
        failure_reason=p.failure_reason,
    )


def _credit(row: dict[str, object]) -> CreditLineView:
    limit, used = int(str(row["limit_fen"])), int(str(row["used_fen"]))
    return CreditLineView(
        payer_ref=str(row["payer_ref"]), limit_fen=limit, used_fen=used, available_fen=limit - used
    )


class SandboxWalletController(Controller):
    path = "/dev/wallet"
    tags = ["dev-only"]

    @get("/payments", security=PUBLIC, summary="DEV ONLY: the payment behind a prepay id or QR code")
    async def wallet_payment(
        self, ref: Annotated[str, QueryParameter(min_length=1, max_length=256)]
    ) -> WalletPaymentView:
        try:
            return _view(await wallet.show(ref))
        except ProviderError as exc:
            raise _problem(exc) from None

    @post("/payments/confirm", security=PUBLIC, status_code=200, summary="DEV ONLY: the payer pays")
    async def wallet_confirm(self, data: JSONBody[WalletAction]) -> WalletPaymentView:
        try:
            return _view(await wallet.pay(data.ref, outcome="success", payer_ref=data.payer_ref))
        except ProviderError as exc:
            raise _problem(exc) from None

    @post(
        "/payments/decline",
        security=PUBLIC,
        status_code=200,
        summary="DEV ONLY: the payer's balance is insufficient (the provider sends a failure callback)",
    )
    async def wallet_decline(self, data: JSONBody[WalletAction]) -> WalletPaymentView:
        try:
            return _view(await wallet.pay(data.ref, outcome="insufficient_balance", payer_ref=data.payer_ref))
        except ProviderError as exc:
            raise _problem(exc) from None

    @get("/credit", security=PUBLIC, summary="DEV ONLY: a patient's credit-care line (信用就医)")
    async def wallet_credit_line(
        self, payer_ref: Annotated[str, QueryParameter(min_length=1, max_length=64)]
    ) -> CreditLineView:
        return _credit(await engine.credit_line(payer_ref))

    @post("/credit/repay", security=PUBLIC, status_code=200, summary="DEV ONLY: the patient repays credit")
    async def wallet_credit_repay(self, data: JSONBody[CreditRepay]) -> CreditLineView:
        try:
            return _credit(await engine.repay_credit(data.payer_ref, data.amount_fen))
        except ProviderError as exc:
            raise Conflict(
                f"The credit platform refused: {exc.message}.", code="credit_repay_refused"
            ) from None
