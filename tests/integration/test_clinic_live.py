"""Live clinic updates: each patient hears their own place and wait; call boards hear masked names
and ticket numbers only (never a whole name, an id number or a patient id); kiosks and TVs
subscribe to their board channel; visit reminders go out once each through the outbox."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import uuid

from tests.integration.clinic_world import PEOPLE, patient_born, session_soon, staff_actor, username_of, young
from tests.integration.scheduling_world import book, fresh_schedule, patient_actor


async def _listen(channels):
    from yiqiao.kit.redis import redis

    pubsub = redis().pubsub()
    await pubsub.subscribe(*channels)
    return pubsub


async def _drain(pubsub, quiet: float = 0.6) -> list[dict]:
    """Every message until none has come for ``quiet`` seconds (subscribe confirmations read as None)."""
    loop = asyncio.get_running_loop()
    out: list[dict] = []
    last = loop.time()
    while loop.time() - last < quiet:
        msg = await pubsub.get_message(ignore_subscribe_messages=True, timeout=0.1)
        if msg is not None and msg["type"] == "message":
            out.append({"channel": msg["channel"].decode(), "raw": msg["data"].decode()})
            last = loop.time()
    return out


async def test_boards_get_masked_names_and_patients_their_place(core):
    from yiqiao.kit import realtime
    from yiqiao.kit.mask import mask_name
    from yiqiao.scheduling.service import calling, checkin

    s = await session_soon(capacity=8)
    doctor = await staff_actor(username_of(s["doctor_id"]))
    boards = [realtime.channel("board", s["institution_id"]), realtime.channel("board", s["department_id"])]
    made = []
    for name, birth in (("欧阳娜娜", young()), ("司马相如", dt.date(1945, 3, 3)), ("张三丰", young())):
        account, patient = await patient_born(name, birth)
        made.append((account, patient, await book(account, patient, s["id"])))
    board_sub = await _listen(boards)
    patient_sub = await _listen([realtime.channel("patient", made[0][1])])
    try:
        await asyncio.sleep(0.05)
        for account, _, a in made:
            await checkin.check_in(patient_actor(account), a.id, "online")
        await calling.call_next(doctor, s["id"])
        await calling.skip(doctor, made[1][2].id)
        await calling.call_next(doctor, s["id"])
        await calling.pass_(doctor, made[0][2].id)
        board_msgs = await _drain(board_sub)
        own = await _drain(patient_sub)
    finally:
        for sub in (board_sub, patient_sub):
            await sub.unsubscribe()
            await sub.aclose()
    assert len(board_msgs) >= 2 * 6, "every change reaches both board channels"
    for m in board_msgs:
        body = json.loads(m["raw"])
        assert body["type"] == "queue.board"
        for _, patient, a in made:
            whole = PEOPLE[patient]
            for secret in (whole["name"], whole["id_number"], whole["phone"], str(patient), str(a.id)):
                assert secret not in m["raw"], f"{secret!r} reached a call board"
        assert set(body["data"]) == {
            "schedule_id", "department_id", "department_name", "doctor_name", "room", "calling", "next",
            "waiting_count",
        }  # fmt: skip
    seen = {
        line["name_masked"]
        for m in board_msgs
        for k in ("calling", "next")
        for line in json.loads(m["raw"])["data"][k]
    }
    assert {mask_name(PEOPLE[p]["name"]) for _, p, _ in made} <= seen
    assert "欧**娜" in seen and "司**如" in seen and "张*丰" in seen
    positions = [json.loads(m["raw"]) for m in own]
    assert positions and all(p["type"] == "queue.position" for p in positions)
    assert positions[0]["data"]["appointment_id"] == str(made[0][2].id)
    assert {"position", "ahead", "estimated_wait_minutes", "ticket_label"} <= set(positions[0]["data"])


async def test_kiosks_and_tvs_listen_to_their_board_channel(core):
    from bff_kiosk.app import channels_for
    from yiqiao.kit import realtime
    from yiqiao.kit.actor import Actor

    inst, dept, kiosk = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    hall = await channels_for(Actor(kind="kiosk", id=kiosk, institution_id=inst, roles=("kiosk",)))
    assert hall == [realtime.channel("kiosk", kiosk), realtime.channel("board", inst)]
    tv = await channels_for(
        Actor(kind="kiosk", id=kiosk, institution_id=inst, department_id=dept, roles=("iptv",))
    )
    assert tv == [realtime.channel("kiosk", kiosk), realtime.channel("board", dept)]


async def test_visit_reminders_two_days_before_the_day_before_and_the_morning_once_each(core):
    from yiqiao import db
    from yiqiao.scheduling.service import reminders

    s = await fresh_schedule(fee_fen=0, quotas={"app": 1}, days_ahead=2)
    account, patient = await patient_born("马提醒", young())
    a = await book(account, patient, s["id"])
    await db.execute("UPDATE appointment SET created_at = created_at - interval '3 days' WHERE id = {}", a.id)
    due = reminders.due_times(s["day"])
    minute = dt.timedelta(minutes=1)

    async def sent() -> list[str]:
        rows = await db.fetch(
            "SELECT dedupe_key FROM notice WHERE dedupe_key LIKE {} ORDER BY created_at",
            f"appt:{a.id}:remind:%",
        )
        return [r["dedupe_key"].rsplit(":", 1)[1] for r in rows]

    assert await reminders.send_due(due["d2"] - minute) >= 0 and await sent() == []
    for kind, expect in (("d2", ["d2"]), ("d1", ["d2", "d1"]), ("morning", ["d2", "d1", "morning"])):
        await reminders.send_due(due[kind] + minute)
        await reminders.send_due(due[kind] + 2 * minute)  # the next run sends nothing twice
        assert await sent() == expect
    await reminders.send_due(s["starts_at"] + minute)
    assert await sent() == ["d2", "d1", "morning"]
    outbox = await db.fetch(
        "SELECT channel FROM outbox_message WHERE dedupe_key LIKE {}", f"appt:{a.id}:remind:morning:%"
    )
    assert {r["channel"] for r in outbox} == {"sms", "wechat", "push", "pubsub"}
    body = (await db.fetch("SELECT body FROM notice WHERE dedupe_key = {}", f"appt:{a.id}:remind:d1"))[0][
        "body"
    ]
    assert a.booking_no in body and "明天" in body


async def test_a_cancelled_booking_gets_no_reminder(core):
    from yiqiao import db
    from yiqiao.scheduling.service import reminders

    s = await fresh_schedule(fee_fen=0, quotas={"app": 1}, days_ahead=1)
    account, patient = await patient_born("牛取消", young())
    a = await book(account, patient, s["id"])
    await db.execute(
        "UPDATE appointment SET status = 'cancelled', created_at = created_at - interval '3 days' WHERE id = {}",
        a.id,
    )
    await reminders.send_due(reminders.due_times(s["day"])["d1"] + dt.timedelta(minutes=1))
    assert not await db.fetch("SELECT 1 FROM notice WHERE dedupe_key LIKE {}", f"appt:{a.id}:remind:%")
