"""Outpatient bills for the patient: what is waiting to be paid (待缴费) for each profile the account
manages, one order for the bills chosen (then paid through ``POST /orders/{id}/pay``), which lines
of a paid order can still be refunded (the HIS decides: not executed, not dispensed), and the fees
of every visit (门诊费用查询) by time, with a downloadable fee list."""

from __future__ import annotations

import datetime as dt
import uuid

from bff_common.auth import CurrentActor
from bff_common.idempotency import IdempotencyHeader
from litestar import Controller, Response, get, post
from litestar.params import FromPath, FromQuery, JSONBody
from litestar.status_codes import HTTP_201_CREATED
from yiqiao.billing.receipt import fee_list
from yiqiao.billing.service import bills
from yiqiao.billing.types import OrderView


class BillController(Controller):
    path = "/bills"
    tags = ["bills"]

    @get("/pending", summary="Bills waiting to be paid, per profile (all profiles of the account, or one)")
    async def pending_bills(
        self, actor: CurrentActor, patient_id: FromQuery[uuid.UUID | None] = None
    ) -> list[bills.PendingBills]:
        if patient_id is not None:
            return [await bills.pending_bills(actor, patient_id)]
        return await bills.pending_for_account(actor)

    @post(
        "/orders",
        status_code=HTTP_201_CREATED,
        summary="One order for these pending bills of a profile (priced by the hospital); pay it next",
    )
    async def create_bill_order(
        self, actor: CurrentActor, data: JSONBody[bills.PayBills], idempotency_key: IdempotencyHeader
    ) -> OrderView:
        return await bills.create_bill_order(actor, data, idempotency_key)

    @get(
        "/orders/{order_id:uuid}/refundable",
        summary="A paid bill order with what can still be refunded (not executed, not dispensed)",
    )
    async def refundable_bill_order(self, actor: CurrentActor, order_id: FromPath[uuid.UUID]) -> OrderView:
        return await bills.refundable_order(actor, order_id)

    @get("/fees", summary="Fees of every outpatient visit of a profile between two days, newest first")
    async def visit_fees_list(
        self,
        actor: CurrentActor,
        patient_id: FromQuery[uuid.UUID],
        since: FromQuery[dt.date | None] = None,
        until: FromQuery[dt.date | None] = None,
    ) -> list[bills.VisitFees]:
        return await bills.fee_details(actor, patient_id, since=since, until=until)

    @get("/fees/{visit_no:str}", summary="The fees of one visit: by category, bill and item")
    async def visit_fees(
        self, actor: CurrentActor, visit_no: FromPath[str], patient_id: FromQuery[uuid.UUID]
    ) -> bills.VisitFees:
        return await bills.visit_fees(actor, patient_id, visit_no)

    @get(
        "/fees/{visit_no:str}/list",
        summary="Download one visit's fee list (PDF, Chinese font embedded)",
        media_type="application/pdf",
    )
    async def visit_fee_list_pdf(
        self, actor: CurrentActor, visit_no: FromPath[str], patient_id: FromQuery[uuid.UUID]
    ) -> Response[bytes]:
        pdf = await fee_list(actor, patient_id, visit_no)
        return Response(
            pdf,
            media_type="application/pdf",
            headers={
                "Content-Disposition": f'attachment; filename="fees-{visit_no}.pdf"',
                "Cache-Control": "no-store",
            },
        )
