"""Paying at the kiosk (门诊缴费, 便捷支付): the citizen's pending bills, one order for the bills
they choose with a QR code their phone scans, the order's status (the kiosk hears it live over /ws
as ``payment.status``, and may also ask here, which asks the provider), and the printed receipt
(PDF, Chinese font embedded, name masked)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated

import msgspec
from bff_common.auth import CurrentActor
from bff_common.idempotency import IdempotencyHeader
from litestar import Controller, Response, get, post
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_201_CREATED
from yiqiao.billing.receipt import payment_receipt
from yiqiao.billing.service import bills, orders, payments
from yiqiao.billing.types import OrderView, PayCommand
from yiqiao.integrations.payment.base import ProviderName
from yiqiao.kit.errors import Forbidden

from bff_kiosk.citizen import CitizenHeader, as_citizen


class KioskPay(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """Which of the citizen's pending bills to pay, and with what (the phone scans the QR)."""

    bill_nos: Annotated[
        list[Annotated[str, msgspec.Meta(pattern=r"^[A-Za-z0-9_-]{1,40}$")]],
        msgspec.Meta(min_length=1, max_length=bills.MAX_BILLS),
    ]
    provider: ProviderName = "wechat"


class KioskPayment(msgspec.Struct, kw_only=True):
    """What the payment screen shows: the order, and the QR code to scan until ``expires_at``."""

    order: OrderView
    payment_id: uuid.UUID
    out_trade_no: str
    amount_fen: int
    code_url: str
    expires_at: dt.datetime


class KioskPaymentController(Controller):
    path = "/payment"
    tags = ["payment"]

    @get("/bills", summary="The citizen's bills waiting to be paid (待缴费), with their items")
    async def kiosk_pending_bills(
        self, actor: CurrentActor, session_token: CitizenHeader
    ) -> bills.PendingBills:
        citizen = await as_citizen(actor, session_token)
        assert citizen.citizen_patient_id is not None
        return await bills.pending_bills(citizen, citizen.citizen_patient_id)

    @post(
        "/orders",
        status_code=HTTP_201_CREATED,
        summary="Pay these bills: one order and a QR code (code_url) the patient scans with their phone",
    )
    async def kiosk_pay_bills(
        self,
        actor: CurrentActor,
        session_token: CitizenHeader,
        data: JSONBody[KioskPay],
        idempotency_key: IdempotencyHeader,
    ) -> KioskPayment:
        citizen = await as_citizen(actor, session_token)
        if citizen.citizen_patient_id is None:  # pragma: no cover (as_citizen resolves one)
            raise Forbidden("Open a citizen session first.", code="citizen_session_required")
        order = await bills.create_bill_order(
            citizen,
            bills.PayBills(patient_id=citizen.citizen_patient_id, bill_nos=data.bill_nos),
            idempotency_key,
        )
        start = await payments.start_payment(
            citizen, order.id, PayCommand(provider=data.provider, channel="qr"), idempotency_key
        )
        return KioskPayment(
            order=await orders.get_order(citizen, order.id),
            payment_id=start.payment_id,
            out_trade_no=start.out_trade_no,
            amount_fen=start.amount_fen,
            code_url=start.payload.code_url,
            expires_at=start.expires_at,
        )

    @get(
        "/orders/{order_id:uuid}",
        summary="Where the citizen's order stands (asks the provider about a payment still pending)",
    )
    async def kiosk_order_status(
        self, actor: CurrentActor, session_token: CitizenHeader, order_id: FromPath[uuid.UUID]
    ) -> OrderView:
        return await bills.refresh_order(await as_citizen(actor, session_token), order_id)

    @get(
        "/orders/{order_id:uuid}/receipt",
        summary="The printed receipt of a paid order (PDF, Chinese font embedded, name masked)",
        media_type="application/pdf",
    )
    async def kiosk_payment_receipt(
        self, actor: CurrentActor, session_token: CitizenHeader, order_id: FromPath[uuid.UUID]
    ) -> Response[bytes]:
        pdf = await payment_receipt(await as_citizen(actor, session_token), order_id)
        return Response(
            pdf,
            media_type="application/pdf",
            headers={"Content-Disposition": 'inline; filename="receipt.pdf"', "Cache-Control": "no-store"},
        )
