"""The clinician's only money question: has this patient paid (for this)? Staff of the order's
institution only; the amounts and payment details stay with the patient and the cashier."""

from __future__ import annotations

import uuid

from bff_common.auth import CurrentActor
from litestar import get
from litestar.params import FromPath, FromQuery
from yiqiao.billing.service import queries
from yiqiao.billing.types import OrderKind, PaidAnswer


@get(
    "/patients/{patient_id:uuid}/orders/paid",
    tags=["billing"],
    summary="Whether each of a patient's orders at your institution is paid (optionally one kind or subject)",
)
async def patient_orders_paid(
    actor: CurrentActor,
    patient_id: FromPath[uuid.UUID],
    kind: FromQuery[OrderKind | None] = None,
    subject_id: FromQuery[str | None] = None,
) -> list[PaidAnswer]:
    return await queries.paid_answers(actor, patient_id, kind=kind, subject_id=subject_id)


@get(
    "/orders/{order_id:uuid}/paid", tags=["billing"], summary="Whether one order of your institution is paid"
)
async def order_paid(actor: CurrentActor, order_id: FromPath[uuid.UUID]) -> PaidAnswer:
    return await queries.paid_answer(actor, order_id)


BILLING_ROUTES = [patient_orders_paid, order_paid]
