"""Medical insurance (医保 mobile payment) for an order: see what the insurance pays (医保统筹 /
个人账户 / 自付), pay with insurance (pre-settle, then pay the cash share), or go back to paying
it all yourself. And the public route the 医保 centre sends its signed 结算通知 to."""

from __future__ import annotations

import uuid
from typing import Any

from bff_common.auth import CurrentActor
from bff_common.idempotency import IdempotencyHeader
from bff_common.session_routes import PUBLIC
from litestar import Controller, Request, Response, delete, get, post
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED
from yiqiao.billing.service import insurance
from yiqiao.billing.service.insurance import (
    InsurancePay,
    InsurancePayStart,
    InsurancePreSettle,
    InsuranceSplitView,
)


class InsuranceController(Controller):
    path = "/orders/{order_id:uuid}/insurance"
    tags = ["billing", "insurance"]

    @get("/", summary="What medical insurance pays of this order (the latest pre-settlement or settlement)")
    async def insurance_split(self, actor: CurrentActor, order_id: FromPath[uuid.UUID]) -> InsuranceSplitView:
        return await insurance.get_split(actor, order_id)

    @post(
        "/pre-settle",
        status_code=HTTP_200_OK,
        summary="医保预结算: upload the fee details and see 医保统筹支付 / 个人账户 / 自付 before paying",
    )
    async def insurance_pre_settle(
        self, actor: CurrentActor, order_id: FromPath[uuid.UUID], data: JSONBody[InsurancePreSettle]
    ) -> InsuranceSplitView:
        return await insurance.pre_settle(actor, order_id, data)

    @post(
        "/pay",
        status_code=HTTP_201_CREATED,
        summary="Pay with medical insurance: pre-settle, then pay the self-pay share (none: paid at once)",
    )
    async def pay_with_insurance(
        self,
        actor: CurrentActor,
        order_id: FromPath[uuid.UUID],
        data: JSONBody[InsurancePay],
        idempotency_key: IdempotencyHeader,
    ) -> InsurancePayStart:
        return await insurance.pay_with_insurance(actor, order_id, data, idempotency_key)

    @delete(
        "/",
        status_code=HTTP_200_OK,
        summary="Pay without insurance after all (before paying): the whole order is self-pay again",
    )
    async def cancel_insurance(
        self, actor: CurrentActor, order_id: FromPath[uuid.UUID]
    ) -> InsuranceSplitView:
        return await insurance.cancel_pre_settlement(actor, order_id)


@post(
    "/insurance/notify",
    tags=["insurance"],
    security=PUBLIC,
    status_code=200,
    summary="The 医保 centre's SM2-signed settlement notices (结算通知); answered in its own format",
)
async def insurance_notify(request: Request[Any, Any, Any]) -> Response[bytes]:
    body = await request.body()
    ack = await insurance.receive_notice(request.headers, body)
    return Response(content=ack.body, status_code=ack.status_code, media_type=ack.content_type)


INSURANCE_ROUTES = [InsuranceController, insurance_notify]
