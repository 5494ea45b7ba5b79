"""Every transition of an appointment and of a waitlist entry, each audited; hold expiry, cancel
cutoff, stop-clinic, no-shows with the credit rule, the cancel-pattern flag, and privacy."""

from __future__ import annotations

import pytest

from tests.integration.scheduling_world import (
    audit_actions,
    book,
    fresh_schedule,
    new_patient,
    patient_actor,
    remaining,
)


async def _status(appointment_id):
    from yiqiao import db

    return (await db.fetch("SELECT status FROM appointment WHERE id = {}", appointment_id))[0]["status"]


async def test_paid_path_held_confirmed_checked_in_called_completed(core):
    from yiqiao.kit.actor import SYSTEM
    from yiqiao.kit.errors import Conflict
    from yiqiao.scheduling import lifecycle
    from yiqiao.scheduling.service import holds

    s = await fresh_schedule()
    account, patient = await new_patient("路")
    a = await book(account, patient, s["id"])
    assert (await holds.confirm_payment(SYSTEM, a.id)).status == "confirmed"
    with pytest.raises(Conflict) as exc:
        await lifecycle.apply(SYSTEM, a.id, "confirm_payment")
    assert exc.value.code == "booking_wrong_state"
    for name, status in (("check_in", "checked_in"), ("call", "called"), ("complete", "completed")):
        await lifecycle.apply(SYSTEM, a.id, name)
        assert await _status(a.id) == status
    assert await audit_actions(a.id) == [
        "appointment.hold",
        "appointment.confirm_payment",
        "appointment.check_in",
        "appointment.call",
        "appointment.complete",
    ]


async def test_hold_expiry_returns_the_slot(core):
    from yiqiao import db
    from yiqiao.scheduling.service import holds

    s = await fresh_schedule(quotas={"app": 1})
    account, patient = await new_patient("期")
    a = await book(account, patient, s["id"])
    assert await remaining(s["id"]) == 0
    assert await holds.expire_due_holds() == 0 or await _status(a.id) == "held"
    await db.execute(
        "UPDATE appointment SET hold_expires_at = now() - interval '1 second' WHERE id = {}", a.id
    )
    assert await holds.expire_due_holds() >= 1
    assert await _status(a.id) == "expired" and await remaining(s["id"]) == 1
    assert "appointment.expire_hold" in await audit_actions(a.id)


async def test_cancel_returns_the_slot_at_once_and_respects_the_cutoff(core):
    from yiqiao import db
    from yiqiao.kit.errors import Conflict
    from yiqiao.scheduling.service import booking
    from yiqiao.scheduling.types import CancelCommand

    s = await fresh_schedule(quotas={"app": 1})
    account, patient = await new_patient("退")
    a = await book(account, patient, s["id"])
    out = await booking.cancel(patient_actor(account), a.id, CancelCommand(reason="改天再来"))
    assert out.status == "cancelled" and await remaining(s["id"]) == 1
    with pytest.raises(Conflict):
        await booking.cancel(patient_actor(account), a.id, CancelCommand())
    late = await book(account, patient, s["id"])
    await db.execute(
        "UPDATE appointment SET band_start = now() + interval '30 minutes' WHERE id = {}", late.id
    )
    with pytest.raises(Conflict) as exc:
        await booking.cancel(patient_actor(account), late.id, CancelCommand())
    assert exc.value.code == "cancel_too_late" and await _status(late.id) == "held"


async def test_two_patients_cannot_see_or_cancel_each_others_bookings(core):
    from yiqiao.kit.errors import NotFound
    from yiqiao.scheduling.service import booking
    from yiqiao.scheduling.types import CancelCommand

    s = await fresh_schedule()
    a1, p1 = await new_patient("私一")
    a2, _p2 = await new_patient("私二")
    mine = await book(a1, p1, s["id"])
    assert [b.id for b in await booking.list_bookings(patient_actor(a2))] == []
    for call in (
        booking.get_booking(patient_actor(a2), mine.id),
        booking.cancel(patient_actor(a2), mine.id, CancelCommand()),
        booking.list_bookings(patient_actor(a2), p1),
    ):
        with pytest.raises(NotFound):
            await call
    assert await _status(mine.id) == "held"


async def test_stop_clinic_cancels_bookings_notifies_and_closes_the_waitlist(core):
    from yiqiao import db
    from yiqiao.kit.actor import Actor
    from yiqiao.kit.errors import Forbidden
    from yiqiao.scheduling.service import schedules, waitlist
    from yiqiao.scheduling.types import JoinWaitlist, StopCommand

    s = await fresh_schedule(quotas={"app": 1}, days_ahead=3)
    account, patient = await new_patient("停")
    a = await book(account, patient, s["id"])
    wa, wp = await new_patient("候停")
    entry = await waitlist.join(patient_actor(wa), JoinWaitlist(schedule_id=s["id"], patient_id=wp))
    with pytest.raises(Forbidden):
        await schedules.stop_session(Actor(kind="staff", id=wa), s["id"], StopCommand(reason="不是我的"))
    doctor = Actor(kind="staff", id=s["doctor_id"], roles=("doctor",))
    out = await schedules.stop_session(doctor, s["id"], StopCommand(reason="外出会诊"))
    assert (out.cancelled_bookings, out.closed_waitlist) == (1, 1)
    assert await _status(a.id) == "cancelled" and "appointment.stop_clinic" in await audit_actions(a.id)
    assert "waitlist.close" in await audit_actions(entry.id)
    notice = await db.fetch(
        "SELECT body FROM notice WHERE account_id = {} AND title = '医生停诊通知'", account
    )
    assert notice and "外出会诊" in notice[0]["body"]


async def test_waitlist_allocates_to_the_first_waiter_then_the_next_when_the_hold_lapses(core):
    from yiqiao import db
    from yiqiao.kit.actor import SYSTEM
    from yiqiao.kit.errors import Conflict, Invalid
    from yiqiao.scheduling.service import booking, holds, waitlist
    from yiqiao.scheduling.types import CancelCommand, JoinWaitlist

    s = await fresh_schedule(quotas={"app": 1}, days_ahead=2)
    holder_a, holder_p = await new_patient("占")
    first_a, first_p = await new_patient("候一")
    second_a, second_p = await new_patient("候二")
    leaver_a, leaver_p = await new_patient("候三")
    with pytest.raises(Conflict) as exc:  # slots still free: book directly
        await waitlist.join(patient_actor(first_a), JoinWaitlist(schedule_id=s["id"], patient_id=first_p))
    assert exc.value.code == "slots_available"
    held = await book(holder_a, holder_p, s["id"])
    w1 = await waitlist.join(patient_actor(first_a), JoinWaitlist(schedule_id=s["id"], patient_id=first_p))
    w2 = await waitlist.join(patient_actor(second_a), JoinWaitlist(schedule_id=s["id"], patient_id=second_p))
    w3 = await waitlist.join(patient_actor(leaver_a), JoinWaitlist(schedule_id=s["id"], patient_id=leaver_p))
    assert (w1.position, w2.position, w3.position) == (1, 2, 3)
    assert (await waitlist.leave(patient_actor(leaver_a), w3.id)).status == "left"

    await booking.cancel(patient_actor(holder_a), held.id, CancelCommand())
    entry = (await db.fetch("SELECT * FROM waitlist_entry WHERE id = {}", w1.id))[0]
    assert entry["status"] == "allocated" and await remaining(s["id"]) == 0
    allocated = entry["appointment_id"]
    assert await _status(allocated) == "held"

    await db.execute(
        "UPDATE appointment SET hold_expires_at = now() - interval '1 s' WHERE id = {}", allocated
    )
    await holds.expire_due_holds()
    statuses = {
        r["id"]: r for r in await db.fetch("SELECT * FROM waitlist_entry WHERE schedule_id = {}", s["id"])
    }
    assert statuses[w1.id]["status"] == "lapsed" and statuses[w2.id]["status"] == "allocated"
    await holds.confirm_payment(SYSTEM, statuses[w2.id]["appointment_id"])
    assert (await db.fetch("SELECT status FROM waitlist_entry WHERE id = {}", w2.id))[0]["status"] == "booked"
    assert await audit_actions(w1.id) == ["waitlist.join", "waitlist.allocate", "waitlist.lapse"]
    assert await audit_actions(w2.id) == ["waitlist.join", "waitlist.allocate", "waitlist.confirm"]
    assert await audit_actions(w3.id) == ["waitlist.join", "waitlist.leave"]

    today = await fresh_schedule(quotas={"app": 1}, days_ahead=0)
    with pytest.raises(Invalid) as inv:
        await waitlist.join(patient_actor(first_a), JoinWaitlist(schedule_id=today["id"], patient_id=first_p))
    assert inv.value.code == "waitlist_same_day"


async def test_free_registration_waitlist_allocates_straight_to_booked(core):
    from yiqiao import db
    from yiqiao.scheduling.service import booking, waitlist
    from yiqiao.scheduling.types import CancelCommand, JoinWaitlist

    s = await fresh_schedule(fee_fen=0, quotas={"app": 1}, days_ahead=2)
    ha, hp = await new_patient("免占")
    wa, wp = await new_patient("免候")
    a = await book(ha, hp, s["id"])
    w = await waitlist.join(patient_actor(wa), JoinWaitlist(schedule_id=s["id"], patient_id=wp))
    await booking.cancel(patient_actor(ha), a.id, CancelCommand())
    row = (await db.fetch("SELECT * FROM waitlist_entry WHERE id = {}", w.id))[0]
    assert row["status"] == "booked" and await _status(row["appointment_id"]) == "confirmed"
    assert await audit_actions(w.id) == ["waitlist.join", "waitlist.allocate_free"]


async def test_no_shows_feed_the_credit_rule(core):
    from yiqiao import db
    from yiqiao.kit.actor import SYSTEM
    from yiqiao.kit.errors import Forbidden
    from yiqiao.scheduling.service import credit, holds

    account, patient = await new_patient("爽")
    for _ in range(3):
        s = await fresh_schedule()
        a = await book(account, patient, s["id"])
        await holds.confirm_payment(SYSTEM, a.id)
        await db.execute(
            "UPDATE schedule SET starts_at = now() - interval '3 hours', ends_at = now() - interval '1 hour'"
            " WHERE id = {}",
            s["id"],
        )
        await db.execute("UPDATE appointment SET band_start = now() - interval '3 hours' WHERE id = {}", a.id)
        await credit.mark_no_shows()
        assert await _status(a.id) == "no_show"
        assert "appointment.mark_no_show" in await audit_actions(a.id)
    ban = await credit.active_ban(patient)
    assert ban is not None and ban.reason == "no_show"
    with pytest.raises(Forbidden) as exc:
        await book(account, patient, (await fresh_schedule())["id"])
    assert exc.value.code == "booking_blacklisted"


async def test_frequent_cancellations_are_flagged_for_review(core, monkeypatch):
    from yiqiao import db
    from yiqiao.scheduling.service import booking
    from yiqiao.scheduling.types import CancelCommand

    account, patient = await new_patient("倒")
    for _ in range(5):
        a = await book(account, patient, (await fresh_schedule())["id"])
        await booking.cancel(patient_actor(account), a.id, CancelCommand())
    flags = await db.fetch("SELECT kind FROM booking_flag WHERE patient_id = {}", patient)
    assert [f["kind"] for f in flags] == ["frequent_cancel"]
