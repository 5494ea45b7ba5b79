"""Check-in (online with window and geofence, kiosk, desk), the queue's order (check-in time,
priority lanes for the elderly and 回检 patients), calling next / recall / skip / pass and the
rejoin after N others, each an audited transition; and who may do what (two patients, two doctors)."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from tests.integration.clinic_world import (
    other_doctor,
    patient_born,
    session_soon,
    shift,
    staff_actor,
    username_of,
    young,
)
from tests.integration.scheduling_world import audit_actions, book, patient_actor


async def _checked_in(s, name, birth=None):
    from yiqiao.scheduling.service import checkin

    account, patient = await patient_born(name, birth or young())
    a = await book(account, patient, s["id"])
    view = await checkin.check_in(patient_actor(account), a.id, "online")
    return account, patient, a, view


async def _order(actor, schedule_id):
    from yiqiao.scheduling.service import calling

    q = await calling.get_queue(actor, schedule_id)
    return [e.name_masked for e in q.waiting]


async def test_online_check_in_joins_the_queue_and_is_audited(core):
    from yiqiao.scheduling.service import checkin

    s = await session_soon()
    account, patient = await patient_born("钱学森", young())
    a = await book(account, patient, s["id"])
    view = await checkin.check_in(patient_actor(account), a.id, "online")
    assert view.status == "checked_in" and view.ticket_no == 1 and view.position == 1 and view.ahead == 0
    assert view.estimated_wait_minutes == 0
    again = await checkin.check_in(patient_actor(account), a.id, "online")  # a retry changes nothing
    assert again.ticket_no == 1 and again.status == "checked_in"
    assert await audit_actions(a.id) == ["appointment.confirm_free", "appointment.check_in_online"]


async def test_check_in_window_opens_before_the_band_and_online_closes_after_it(core):
    from yiqiao.kit.errors import Conflict
    from yiqiao.scheduling.service import checkin

    s = await session_soon(minutes=10)
    account, patient = await patient_born("孙窗口", young())
    a = await book(account, patient, s["id"])
    await shift(s["id"], dt.timedelta(hours=3))  # the band is now 3 h away: too early
    with pytest.raises(Conflict) as exc:
        await checkin.check_in(patient_actor(account), a.id, "online")
    assert exc.value.code == "checkin_not_open" and "Check-in opens at" in exc.value.detail
    await shift(s["id"], dt.timedelta(hours=-3, minutes=-55))  # the band ended 15 min ago
    with pytest.raises(Conflict) as exc:
        await checkin.check_in(patient_actor(account), a.id, "online")
    assert exc.value.code == "checkin_closed"
    assert await audit_actions(a.id) == ["appointment.confirm_free"]  # nothing changed


async def test_geofence_refuses_online_check_in_from_afar(core):
    from yiqiao import db
    from yiqiao.kit.actor import SYSTEM
    from yiqiao.kit.errors import Conflict, Forbidden, Invalid
    from yiqiao.scheduling import geofence
    from yiqiao.scheduling.queue_types import GeofenceSpec, Position
    from yiqiao.scheduling.service import checkin

    s = await session_soon()
    account, patient = await patient_born("周围栏", young())
    a = await book(account, patient, s["id"])
    with pytest.raises(Forbidden):
        await geofence.set_geofence(await staff_actor(username_of(s["doctor_id"])), s["institution_id"],
                                    GeofenceSpec(lat=30.0, lon=120.0, radius_m=500))  # fmt: skip
    await geofence.set_geofence(SYSTEM, s["institution_id"], GeofenceSpec(lat=30.0, lon=120.0, radius_m=500))
    try:
        with pytest.raises(Invalid) as missing:
            await checkin.check_in(patient_actor(account), a.id, "online")
        assert missing.value.code == "position_required"
        with pytest.raises(Conflict) as far:
            await checkin.check_in(patient_actor(account), a.id, "online", Position(lat=30.05, lon=120.0))
        assert far.value.code == "too_far_from_campus" and far.value.extra["distance_m"] > 5000
        near = await checkin.check_in(
            patient_actor(account), a.id, "online", Position(lat=30.002, lon=120.001)
        )
        assert near.status == "checked_in"
    finally:
        await db.execute("DELETE FROM campus_geofence WHERE institution_id = {}", s["institution_id"])


async def test_kiosk_check_in_is_for_the_citizen_at_a_kiosk_of_that_campus(core):
    from yiqiao import db
    from yiqiao.kit.actor import Actor
    from yiqiao.kit.errors import Forbidden, NotFound
    from yiqiao.scheduling.service import checkin

    s = await session_soon()
    account, patient = await patient_born("吴自助", young())
    a = await book(account, patient, s["id"])
    kiosk = (await db.fetch("SELECT id FROM device WHERE code = 'KIOSK-01'"))[0]["id"]
    here = Actor(kind="kiosk", id=kiosk, institution_id=s["institution_id"], roles=("kiosk",))
    with pytest.raises(NotFound):  # nobody signed in at the kiosk
        await checkin.check_in(here, a.id, "kiosk")
    elsewhere = Actor(kind="kiosk", id=kiosk, institution_id=None, citizen_patient_id=patient)
    with pytest.raises(Forbidden):
        await checkin.check_in(elsewhere, a.id, "kiosk")
    with pytest.raises(Forbidden):  # the app cannot claim a kiosk check-in
        await checkin.check_in(patient_actor(account), a.id, "kiosk")
    citizen = Actor(kind="kiosk", id=kiosk, institution_id=s["institution_id"], citizen_patient_id=patient)
    view = await checkin.check_in(citizen, a.id, "kiosk")
    assert view.status == "checked_in"
    assert await audit_actions(a.id) == ["appointment.confirm_free", "appointment.check_in_kiosk"]


async def test_unpaid_and_cancelled_bookings_cannot_check_in(core):
    from yiqiao import db
    from yiqiao.kit.errors import Conflict
    from yiqiao.scheduling.service import checkin

    s = await session_soon()
    account, patient = await patient_born("郑未付", young())
    a = await book(account, patient, s["id"])
    for status in ("held", "cancelled"):
        await db.execute("UPDATE appointment SET status = {} WHERE id = {}", status, a.id)
        with pytest.raises(Conflict) as exc:
            await checkin.check_in(patient_actor(account), a.id, "online")
        assert exc.value.code == "booking_wrong_state" and exc.value.extra["current_status"] == status


async def test_order_is_check_in_time_with_priority_lanes_for_elderly_and_return_visits(core):
    from yiqiao import db
    from yiqiao.scheduling.service import checkin

    s = await session_soon(capacity=8)
    doctor = await staff_actor(username_of(s["doctor_id"]))
    await _checked_in(s, "甲一号")
    await _checked_in(s, "乙二号")
    await _checked_in(s, "丙老人", dt.date(1940, 5, 1))  # 86: priority lane
    # 回检: seen by this department earlier today, back with results.
    account, patient = await patient_born("丁回检", young())
    earlier = await session_soon(capacity=1)
    first = await book(account, patient, earlier["id"])
    await db.execute(
        "UPDATE schedule SET department_id = {}, day = {} WHERE id = {}",
        s["department_id"],
        s["day"],
        earlier["id"],
    )
    await db.execute(
        "UPDATE appointment SET status = 'completed', department_id = {}, day = {} WHERE id = {}",
        s["department_id"],
        s["day"],
        first.id,
    )
    back = await book(account, patient, s["id"])
    view = await checkin.check_in(patient_actor(account), back.id, "online")
    await _checked_in(s, "戊最后")
    assert await _order(doctor, s["id"]) == ["丙*人", "丁*检", "甲*号", "乙*号", "戊*后"]
    assert view.position == 2
    rows = await db.fetch("SELECT priority_reason FROM queue_entry WHERE appointment_id = {}", back.id)
    assert rows[0]["priority_reason"] == "return_visit"


async def test_call_next_recall_skip_pass_rejoin_and_complete(core):
    from yiqiao import db
    from yiqiao.kit.errors import Conflict
    from yiqiao.scheduling.service import calling, checkin

    s = await session_soon(capacity=8)
    doctor = await staff_actor(username_of(s["doctor_id"]))
    people = [await _checked_in(s, n) for n in ("赵一一", "钱二二", "孙三三", "李四四", "周五五", "吴六六")]
    q = await calling.call_next(doctor, s["id"])
    assert [e.name_masked for e in q.calling] == ["赵*一"] and len(q.waiting) == 5
    a1 = people[0][2].id
    q = await calling.recall(doctor, a1)
    assert q.calling[0].call_count == 2
    # 顺延: the called patient is not ready; back in after 3 others.
    q = await calling.skip(doctor, a1)
    assert [e.name_masked for e in q.waiting] == ["钱*二", "孙*三", "李*四", "赵*一", "周*五", "吴*六"]
    q = await calling.call_next(doctor, s["id"])  # calls 钱二二
    a2 = people[1][2].id
    q = await calling.pass_(doctor, a2)  # 过号: not there
    assert [e.name_masked for e in q.passed] == ["钱*二"] and not q.calling
    with pytest.raises(Conflict):
        await calling.recall(doctor, a2)
    # The passed patient checks in again: back after 3 others, not at the end nor the front.
    view = await checkin.check_in(patient_actor(people[1][0]), a2, "online")
    assert view.status == "checked_in" and view.position == 4
    q = await calling.get_queue(doctor, s["id"])
    assert [e.name_masked for e in q.waiting] == ["孙*三", "李*四", "赵*一", "钱*二", "周*五", "吴*六"]
    q = await calling.call_next(doctor, s["id"])  # 孙三三 called
    await db.execute(
        "UPDATE queue_entry SET called_at = called_at - interval '6 minutes' WHERE appointment_id = {}",
        people[2][2].id,
    )
    q = await calling.call_next(doctor, s["id"])  # 孙三三 done (6 min), 李四四 called
    assert q.completed == 1 and q.average_consult_minutes == pytest.approx(6.0, abs=0.1)
    status = await checkin.queue_status(patient_actor(people[5][0]), people[5][2].id)
    assert status.ahead == 3 and status.estimated_wait_minutes in (24, 25)  # (3 + 1 in the room) × 6
    q = await calling.complete(doctor, people[3][2].id)
    assert not q.calling and q.completed == 2
    assert await audit_actions(a1) == [
        "appointment.confirm_free",
        "appointment.check_in_online",
        "appointment.call",
        "appointment.recall",
        "appointment.skip",
    ]
    assert await audit_actions(a2) == [
        "appointment.confirm_free",
        "appointment.check_in_online",
        "appointment.call",
        "appointment.pass",
        "appointment.rejoin",
    ]
    assert (await audit_actions(people[2][2].id))[-1] == "appointment.complete"


async def test_only_the_sessions_doctor_or_its_nurses_run_the_queue(core):
    from yiqiao.kit.actor import Actor
    from yiqiao.kit.errors import Forbidden
    from yiqiao.scheduling.service import calling

    s = await session_soon()
    _, _, a, _ = await _checked_in(s, "冯排队")
    other = await other_doctor(s["doctor_id"])
    for step in (
        lambda: calling.call_next(other, s["id"]),
        lambda: calling.get_queue(other, s["id"]),
        lambda: calling.skip(other, a.id),
        lambda: calling.pass_(other, a.id),
    ):
        with pytest.raises(Forbidden):
            await step()
    nurse = Actor(kind="staff", id=uuid.UUID(int=1), department_id=s["department_id"], roles=("nurse",))
    q = await calling.call_next(nurse, s["id"])
    assert q.calling[0].appointment_id == a.id


async def test_two_patients_cannot_check_in_or_watch_each_others_bookings(core):
    from yiqiao.kit.errors import NotFound
    from yiqiao.scheduling.service import checkin

    s = await session_soon()
    a_account, a_patient = await patient_born("陈甲方", young())
    b_account, _ = await patient_born("林乙方", young())
    a = await book(a_account, a_patient, s["id"])
    with pytest.raises(NotFound):
        await checkin.check_in(patient_actor(b_account), a.id, "online")
    with pytest.raises(NotFound):
        await checkin.queue_status(patient_actor(b_account), a.id)
    assert await checkin.my_queue(patient_actor(b_account)) == []
