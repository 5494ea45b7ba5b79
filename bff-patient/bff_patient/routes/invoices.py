"""E-invoices (电子票据) in the app: the bills of my profiles (issued after payment, reversed and
reissued after a refund), one bill, its PDF; and the public verification a bill's QR code opens
(code + number + check code, and the issuer's signature when it came from the QR)."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from bff_common.auth import CurrentActor, client_ip
from bff_common.session_routes import PUBLIC
from litestar import Controller, Request, Response, get
from litestar.params import FromPath, FromQuery, QueryParameter
from yiqiao.billing.service import invoices
from yiqiao.billing.service.invoices import InvoiceView, VerifyResult


class InvoiceController(Controller):
    path = "/invoices"
    tags = ["invoices"]

    @get("/", summary="E-invoices of every profile this account manages (or one profile, or one order)")
    async def list_invoices(
        self,
        actor: CurrentActor,
        patient_id: FromQuery[uuid.UUID | None] = None,
        order_id: FromQuery[uuid.UUID | None] = None,
    ) -> list[InvoiceView]:
        return await invoices.list_invoices(actor, patient_id=patient_id, order_id=order_id)

    @get(
        "/verify",
        security=PUBLIC,
        summary="票据查验: is this bill genuine and still valid? (what the bill's QR code opens)",
    )
    async def verify_invoice(
        self,
        request: Request[Any, Any, Any],
        code: Annotated[str, QueryParameter(description="票据代码, 8 digits", max_length=16)],
        number: Annotated[str, QueryParameter(description="票据号码, 10 digits", max_length=16)],
        check: Annotated[str, QueryParameter(description="校验码, 6 characters", max_length=16)],
        sig: Annotated[
            str, QueryParameter(description="the issuer's signature, from the QR", max_length=128)
        ] = "",
    ) -> VerifyResult:
        return await invoices.verify(code, number, check, sig, client_ip=client_ip(request))

    @get("/{invoice_id:uuid}", summary="One e-invoice")
    async def get_invoice(self, actor: CurrentActor, invoice_id: FromPath[uuid.UUID]) -> InvoiceView:
        return await invoices.get_invoice(actor, invoice_id)

    @get(
        "/{invoice_id:uuid}/pdf",
        summary="The e-invoice as PDF (Chinese font embedded, verification QR)",
        media_type="application/pdf",
    )
    async def invoice_pdf(self, actor: CurrentActor, invoice_id: FromPath[uuid.UUID]) -> Response[bytes]:
        filename, pdf = await invoices.invoice_pdf(actor, invoice_id)
        return Response(
            pdf,
            media_type="application/pdf",
            headers={
                "Content-Disposition": f'attachment; filename="{filename}"',
                "Cache-Control": "private, no-store",
            },
        )
