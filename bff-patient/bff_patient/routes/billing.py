"""Money, for the patient: my orders (and my family's) with their lines, payments and refunds; pay
(for myself or a family member); pay a held booking's fee; ask for a refund and follow it; the
payment history. And the one public route here: the payment providers' callbacks."""

from __future__ import annotations

import uuid
from typing import Any

from bff_common.auth import CurrentActor
from bff_common.idempotency import IdempotencyHeader
from bff_common.session_routes import PUBLIC
from litestar import Controller, Request, Response, get, post
from litestar.params import FromPath, FromQuery, JSONBody
from litestar.status_codes import HTTP_201_CREATED
from yiqiao.billing.service import notifications, orders, payments, queries, refunds, registration
from yiqiao.billing.types import (
    OrderKind,
    OrderStatus,
    OrderView,
    PayCommand,
    PaymentStart,
    RefundCommand,
    RefundView,
)


class OrderController(Controller):
    path = "/orders"
    tags = ["billing"]

    @get("/", summary="Orders of every profile this account manages (or of one), newest first")
    async def list_billing_orders(
        self,
        actor: CurrentActor,
        patient_id: FromQuery[uuid.UUID | None] = None,
        status: FromQuery[OrderStatus | None] = None,
        kind: FromQuery[OrderKind | None] = None,
    ) -> list[OrderView]:
        return await orders.list_orders(actor, patient_id=patient_id, status=status, kind=kind)

    @get("/{order_id:uuid}", summary="One order: lines, amounts, payment attempts and refunds")
    async def get_billing_order(self, actor: CurrentActor, order_id: FromPath[uuid.UUID]) -> OrderView:
        return await orders.get_order(actor, order_id)

    @post(
        "/{order_id:uuid}/pay",
        status_code=HTTP_201_CREATED,
        summary="Pay an order (yours or a family member's): what the wallet or QR code needs",
    )
    async def pay_billing_order(
        self,
        actor: CurrentActor,
        order_id: FromPath[uuid.UUID],
        data: JSONBody[PayCommand],
        idempotency_key: IdempotencyHeader,
    ) -> PaymentStart:
        return await payments.start_payment(actor, order_id, data, idempotency_key)

    @post(
        "/{order_id:uuid}/refunds",
        status_code=HTTP_201_CREATED,
        summary="Ask for a refund of refundable lines (not yet done or dispensed), to the original account",
    )
    async def request_order_refund(
        self,
        actor: CurrentActor,
        order_id: FromPath[uuid.UUID],
        data: JSONBody[RefundCommand],
        idempotency_key: IdempotencyHeader,
    ) -> RefundView:
        return await refunds.request_refund(actor, order_id, data, idempotency_key)


@get("/refunds/{refund_id:uuid}", tags=["billing"], summary="A refund's progress")
async def refund_progress(actor: CurrentActor, refund_id: FromPath[uuid.UUID]) -> RefundView:
    return await queries.refund_progress(actor, refund_id)


@get(
    "/payments",
    tags=["billing"],
    summary="缴费记录: orders a payment was made or tried for, of every profile (or one), with attempts",
)
async def payment_history(
    actor: CurrentActor, patient_id: FromQuery[uuid.UUID | None] = None
) -> list[OrderView]:
    return await queries.payment_history(actor, patient_id=patient_id)


@post(
    "/bookings/{appointment_id:uuid}/payment",
    tags=["billing", "bookings"],
    status_code=HTTP_201_CREATED,
    summary="Pay a held booking's registration fee (挂号费); paid in time, the booking is confirmed",
)
async def pay_booking(
    actor: CurrentActor,
    appointment_id: FromPath[uuid.UUID],
    data: JSONBody[PayCommand],
    idempotency_key: IdempotencyHeader,
) -> PaymentStart:
    return await registration.pay_booking(actor, appointment_id, data, idempotency_key)


@post(
    "/bookings/{appointment_id:uuid}/order",
    tags=["billing", "bookings"],
    status_code=HTTP_201_CREATED,
    summary="A booking's registration-fee order (挂号费), to pay it another way, e.g. with medical"
    " insurance (POST /orders/{id}/insurance/pay)",
)
async def booking_fee_order(actor: CurrentActor, appointment_id: FromPath[uuid.UUID]) -> OrderView:
    return await registration.booking_order(actor, appointment_id)


@post(
    "/payments/notify/{provider:str}",
    tags=["billing"],
    security=PUBLIC,
    status_code=200,
    include_in_schema=True,
    summary="Payment providers' signed callbacks (支付/退款结果通知); answered in each provider's own format",
)
async def payment_notify(provider: FromPath[str], request: Request[Any, Any, Any]) -> Response[bytes]:
    body = await request.body()
    ack = await notifications.receive(provider, request.headers, body)  # case-insensitive
    return Response(content=ack.body, status_code=ack.status_code, media_type=ack.content_type)


BILLING_ROUTES = [
    OrderController,
    refund_progress,
    payment_history,
    pay_booking,
    booking_fee_order,
    payment_notify,
]
