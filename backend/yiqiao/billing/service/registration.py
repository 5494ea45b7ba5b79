"""Registration fees (挂号费): paying for a held booking.

A booking with a fee is held (``scheduling``) until ``hold_expires_at``. Paying creates (or reuses)
the one live 'registration' order for that appointment, closing when the hold does, and starts a
payment for it. When the provider says paid, ``billing.subjects`` confirms the booking in the same
transaction; a payment that arrives after the hold lapsed is refunded whole. Cancelling a paid
booking, or a stop-clinic (停诊), refunds it (``refunds.refund_subject``)."""

from __future__ import annotations

import uuid

from yiqiao.billing import lifecycle
from yiqiao.billing.service import orders, payments
from yiqiao.billing.types import NewOrder, OrderItemIn, OrderView, PayCommand, PaymentStart
from yiqiao.kit.actor import Actor
from yiqiao.kit.errors import Conflict
from yiqiao.scheduling.service import booking
from yiqiao.scheduling.types import AppointmentView

SUBJECT = "appointment"


async def booking_order(actor: Actor, appointment_id: uuid.UUID) -> OrderView:
    """The registration-fee order of a booking, for yourself or a family member you manage (404
    otherwise): the live one, or a new one while the booking is held for payment. Paying it another
    way than ``pay_booking`` (with medical insurance: ``insurance.pay_with_insurance``) starts here."""
    return await _order_of(actor, await booking.get_booking(actor, appointment_id))


async def _order_of(actor: Actor, appt: AppointmentView) -> OrderView:
    appointment_id = appt.id
    live = await orders.live_order_for(SUBJECT, str(appointment_id))
    if live is not None:
        return await orders.get_order(actor, live["id"])
    if appt.status != "held" or appt.hold_expires_at is None:
        raise Conflict(
            "This booking is not waiting for payment.",
            code="booking_not_awaiting_payment",
            status=appt.status,
        )
    if appt.fee_fen <= 0:
        raise Conflict("This booking has no fee to pay.", code="nothing_to_pay")
    try:
        return await orders.create_order(
            actor,
            NewOrder(
                patient_id=appt.patient_id,
                kind="registration",
                title=f"挂号费-{appt.doctor_name}-{appt.band_local}",
                items=[
                    OrderItemIn(
                        code="REG",
                        name="挂号费",
                        category="registration",
                        unit_fen=appt.fee_fen,
                        quantity=1,
                        his_ref=appt.booking_no,
                    )
                ],
                institution_id=appt.institution_id,
                subject_type=SUBJECT,
                subject_id=str(appointment_id),
                expires_at=appt.hold_expires_at,
            ),
            f"reg:{appointment_id}",
            access_checked=True,  # get_booking above checked the actor may act for the patient
        )
    except Conflict as exc:
        if exc.code != "subject_already_billed" or not exc.extra.get("order_id"):
            raise
        # Another family member's request won the race: theirs is the order.
        return await orders.get_order(actor, uuid.UUID(exc.extra["order_id"]))


async def pay_booking(
    actor: Actor, appointment_id: uuid.UUID, cmd: PayCommand, idempotency_key: str
) -> PaymentStart:
    """Pay a held booking's fee, for yourself or a family member you manage (404 otherwise)."""
    appt = await booking.get_booking(actor, appointment_id)
    order = await _order_of(actor, appt)
    if order.status not in lifecycle.PAYABLE:
        raise Conflict(
            "This booking's fee is already paid.", code="order_already_paid", order_id=str(order.id)
        )
    if appt.status != "held":
        raise Conflict(
            "This booking is not waiting for payment.",
            code="booking_not_awaiting_payment",
            status=appt.status,
        )
    return await payments.start_payment(actor, order.id, cmd, idempotency_key, access_checked=True)


async def booking_cancelled(actor: Actor, appointment_id: uuid.UUID) -> None:
    """In the cancellation's transaction: a paid fee goes back (the cancel cutoff is the rule), an
    unpaid order closes. The refund is sent once the cancellation commits."""
    from yiqiao.billing.service import refunds

    await refunds.refund_subject(
        actor,
        SUBJECT,
        str(appointment_id),
        initiated_by="staff" if actor.kind == "staff" else "patient" if actor.kind != "system" else "system",
        reason="预约取消，挂号费原路退回",
    )


async def session_stopped(actor: Actor, appointment_id: uuid.UUID, why: str) -> None:
    """In the stop-clinic's transaction: the booking's fee goes back in full."""
    from yiqiao.billing.service import refunds

    await refunds.refund_subject(
        actor,
        SUBJECT,
        str(appointment_id),
        initiated_by="stop_clinic",
        reason=f"医生停诊，挂号费原路退回（{why}）",
    )
