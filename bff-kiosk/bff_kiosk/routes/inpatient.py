"""Deposit top-up at the kiosk (住院预交金, 002 §2.1.1.2.3 "suggest: kiosk"): the citizen's stays
with their balance, and a top-up paid by a QR code their phone scans. Its status and printed
receipt are the kiosk's payment routes (``/payment/orders/{order_id}`` and ``.../receipt``)."""

from __future__ import annotations

import datetime as dt
import uuid

import msgspec
from bff_common.auth import CurrentActor
from bff_common.idempotency import IdempotencyHeader
from litestar import Controller, get, post
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_201_CREATED
from yiqiao.billing.inpatient_types import AdmissionView, DepositFen, DepositIn, DepositView
from yiqiao.billing.service import deposits, inpatient
from yiqiao.billing.types import PayCommand
from yiqiao.integrations.payment.base import ProviderName

from bff_kiosk.citizen import CitizenHeader, as_citizen


class KioskTopUp(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    amount_fen: DepositFen
    provider: ProviderName = "wechat"


class KioskDeposit(msgspec.Struct, kw_only=True):
    """The top-up and the QR code to scan until ``expires_at``."""

    deposit: DepositView
    payment_id: uuid.UUID
    out_trade_no: str
    amount_fen: int
    code_url: str
    expires_at: dt.datetime


class KioskInpatientController(Controller):
    path = "/inpatient"
    tags = ["inpatient"]

    @get("/admissions", summary="The citizen's stays in hospital with their deposit balance")
    async def kiosk_inpatient_admissions(
        self, actor: CurrentActor, session_token: CitizenHeader
    ) -> list[AdmissionView]:
        return await inpatient.list_admissions(await as_citizen(actor, session_token))

    @post(
        "/admissions/{admission_id:uuid}/deposits",
        status_code=HTTP_201_CREATED,
        summary="Top up a stay's deposit: the QR code (code_url) the patient scans with their phone",
    )
    async def kiosk_top_up_deposit(
        self,
        actor: CurrentActor,
        session_token: CitizenHeader,
        admission_id: FromPath[uuid.UUID],
        data: JSONBody[KioskTopUp],
        idempotency_key: IdempotencyHeader,
    ) -> KioskDeposit:
        citizen = await as_citizen(actor, session_token)
        made = await deposits.top_up(
            citizen, admission_id, DepositIn(amount_fen=data.amount_fen), idempotency_key
        )
        start = await deposits.pay_deposit(
            citizen, made.id, PayCommand(provider=data.provider, channel="qr"), idempotency_key
        )
        return KioskDeposit(
            deposit=made,
            payment_id=start.payment_id,
            out_trade_no=start.out_trade_no,
            amount_fen=start.amount_fen,
            code_url=start.payload.code_url,
            expires_at=start.expires_at,
        )
