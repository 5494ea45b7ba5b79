"""Registration fees and bookings on real services: paying a held booking confirms it; a payment
after the hold lapsed goes back whole; cancelling a paid booking refunds its fee, an unpaid one
closes its order; a stop-clinic (停诊) refunds every paid booking of the session; family members
may pay, strangers get 404."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from tests.integration.billing_world import (
    add_family_member,
    key,
    ledger,
    new_patient,
    patient_actor,
    refund_status,
    trade,
)
from tests.integration.scheduling_world import book, fresh_schedule


async def _pay_booking(account: uuid.UUID, appointment_id: uuid.UUID, k: str | None = None) -> Any:
    from yiqiao.billing.service import registration
    from yiqiao.billing.types import PayCommand

    return await registration.pay_booking(
        patient_actor(account), appointment_id, PayCommand(provider="wechat"), k or key("reg")
    )


async def _paid(start: Any, fee: int) -> str:
    from yiqiao.billing.service import payments
    from yiqiao.kit.actor import SYSTEM

    return await payments.apply_trade(SYSTEM, "wechat", trade(start.out_trade_no, "succeeded", fee))


async def _appointment(appointment_id: uuid.UUID) -> dict[str, Any]:
    from yiqiao import db

    return (await db.fetch("SELECT * FROM appointment WHERE id = {}", appointment_id))[0]


async def _order(order_id: uuid.UUID) -> dict[str, Any]:
    from yiqiao import db

    return (await db.fetch("SELECT * FROM billing_order WHERE id = {}", order_id))[0]


async def _refunds(order_id: uuid.UUID) -> list[dict[str, Any]]:
    from yiqiao import db

    return await db.fetch("SELECT * FROM billing_refund WHERE order_id = {} ORDER BY created_at", order_id)


async def _send_and_settle(order_id: uuid.UUID) -> None:
    """What the worker does with the billing.refund_submit event, then the provider's answer."""
    from yiqiao.billing.service import payments, refunds
    from yiqiao.kit.actor import SYSTEM

    for r in await _refunds(order_id):
        if r["status"] == "processing":
            await refunds.submit_from_event(order_id, {"refund_id": str(r["id"])})
            done = refund_status(r["refund_no"], "succeeded", r["amount_fen"])
            assert await payments.apply_refund_status(SYSTEM, "wechat", done) == "applied"


async def test_paying_a_held_booking_confirms_it(core, providers):
    from yiqiao import db
    from yiqiao.billing.service import orders

    s = await fresh_schedule(fee_fen=1500)
    account, patient = await new_patient("挂甲")
    appt = await book(account, patient, s["id"])
    assert appt.status == "held"
    k = key("reg")
    start = await _pay_booking(account, appt.id, k)
    again = await _pay_booking(account, appt.id, k)
    assert again.payment_id == start.payment_id and start.amount_fen == 1500
    order = await orders.get_order(patient_actor(account), start.order_id)
    assert order.kind == "registration" and order.subject_type == "appointment"
    assert order.subject_id == str(appt.id) and order.expires_at == appt.hold_expires_at
    assert order.items[0].category == "registration" and order.items[0].his_ref == appt.booking_no
    assert await _paid(start, 1500) == "applied"
    assert (await _appointment(appt.id))["status"] == "confirmed"
    titles = [
        r["title"]
        for r in await db.fetch("SELECT title FROM notice WHERE account_id = {} ORDER BY created_at", account)
    ]
    assert titles[-1] == "预约成功"
    from yiqiao.kit.errors import Conflict

    with pytest.raises(Conflict) as exc:
        await _pay_booking(account, appt.id)
    assert exc.value.code == "order_already_paid"


async def test_a_parent_pays_a_childs_booking_and_a_stranger_cannot(core, providers):
    from yiqiao.kit.errors import NotFound

    s = await fresh_schedule(fee_fen=800)
    account, _patient = await new_patient("挂乙")
    child = await add_family_member(account, "乙")
    stranger, _ = await new_patient("挂丙")
    appt = await book(account, child, s["id"])
    with pytest.raises(NotFound):
        await _pay_booking(stranger, appt.id)
    start = await _pay_booking(account, appt.id)
    assert await _paid(start, 800) == "applied"
    assert (await _appointment(appt.id))["status"] == "confirmed"


async def test_a_payment_after_the_hold_lapsed_goes_back_whole(core, providers):
    from yiqiao import db
    from yiqiao.scheduling.service import holds

    s = await fresh_schedule(fee_fen=1200)
    account, patient = await new_patient("挂丁")
    appt = await book(account, patient, s["id"])
    start = await _pay_booking(account, appt.id)
    # The hold lapses (the scheduling sweep ran) before the provider's success arrives.
    await db.execute(
        "UPDATE appointment SET hold_expires_at = now() - interval '1 second' WHERE id = {}", appt.id
    )
    assert await holds.expire_due_holds() >= 1
    assert (await _appointment(appt.id))["status"] == "expired"
    assert await _paid(start, 1200) == "late_refunded"
    o = await _order(start.order_id)
    assert o["status"] == "refunding" and o["paid_fen"] == 1200
    [refund] = await _refunds(start.order_id)
    assert refund["initiated_by"] == "system" and refund["amount_fen"] == 1200
    assert [r.out_refund_no for r in providers["wechat"].refunds] == [refund["refund_no"]]
    from yiqiao.billing.service import payments
    from yiqiao.kit.actor import SYSTEM

    done = refund_status(refund["refund_no"], "succeeded", 1200)
    assert await payments.apply_refund_status(SYSTEM, "wechat", done) == "applied"
    assert (await _order(start.order_id))["status"] == "refunded"
    assert [r["amount_fen"] for r in await ledger(start.order_id)] == [1200, -1200]
    assert (await _appointment(appt.id))["status"] == "expired"


async def test_the_order_closes_with_the_hold_and_a_late_payment_is_refunded(core, providers):
    from yiqiao import db
    from yiqiao.billing.service import sweeps

    s = await fresh_schedule(fee_fen=600)
    account, patient = await new_patient("挂戊")
    appt = await book(account, patient, s["id"])
    start = await _pay_booking(account, appt.id)
    await db.execute(
        "UPDATE billing_order SET expires_at = now() - interval '1 second' WHERE id = {}", start.order_id
    )
    await sweeps.close_expired_orders()
    assert (await _order(start.order_id))["status"] == "closed"
    assert start.out_trade_no in providers["wechat"].closed
    assert await _paid(start, 600) == "late_refunded"
    [refund] = await _refunds(start.order_id)
    assert refund["initiated_by"] == "late_payment"
    assert (await _order(start.order_id))["status"] == "closed"


async def test_cancelling_a_paid_booking_refunds_its_fee_and_an_unpaid_one_closes_its_order(core, providers):
    from yiqiao.billing.service import orders
    from yiqiao.scheduling.service import booking
    from yiqiao.scheduling.types import CancelCommand

    s = await fresh_schedule(fee_fen=2000, quotas={"app": 3})
    account, patient = await new_patient("挂己")
    appt = await book(account, patient, s["id"])
    start = await _pay_booking(account, appt.id)
    await _paid(start, 2000)
    await booking.cancel(patient_actor(account), appt.id, CancelCommand(reason="有事"))
    [refund] = await _refunds(start.order_id)
    assert (
        refund["initiated_by"] == "patient"
        and refund["amount_fen"] == 2000
        and refund["status"] == "processing"
    )
    await _send_and_settle(start.order_id)
    view = await orders.get_order(patient_actor(account), start.order_id)
    assert view.status == "refunded" and view.refunds[0].status == "succeeded"

    other = await fresh_schedule(fee_fen=2000)
    appt2 = await book(account, patient, other["id"])
    start2 = await _pay_booking(account, appt2.id)
    await booking.cancel(patient_actor(account), appt2.id, CancelCommand(reason="不去了"))
    assert (await _order(start2.order_id))["status"] == "closed"
    # The wallet still paid: the money goes back.
    assert await _paid(start2, 2000) == "late_refunded"


async def test_a_stop_clinic_refunds_every_paid_booking_of_the_session(core, providers):
    from yiqiao.kit.actor import SYSTEM
    from yiqiao.scheduling.service import schedules
    from yiqiao.scheduling.types import StopCommand

    s = await fresh_schedule(fee_fen=900, quotas={"app": 3})
    paid_ones = []
    for label in ("庚", "辛"):
        account, patient = await new_patient(f"挂{label}")
        appt = await book(account, patient, s["id"])
        start = await _pay_booking(account, appt.id)
        await _paid(start, 900)
        paid_ones.append(start)
    account, patient = await new_patient("挂壬")
    held = await book(account, patient, s["id"])
    open_order = await _pay_booking(account, held.id)
    result = await schedules.stop_session(SYSTEM, s["id"], StopCommand(reason="医生临时出诊"))
    assert result.cancelled_bookings == 3
    for start in paid_ones:
        [refund] = await _refunds(start.order_id)
        assert refund["initiated_by"] == "stop_clinic" and refund["amount_fen"] == 900
        assert "医生停诊" in refund["reason"]
        await _send_and_settle(start.order_id)
        assert (await _order(start.order_id))["status"] == "refunded"
    assert (await _order(open_order.order_id))["status"] == "closed"
    assert await _refunds(open_order.order_id) == []
