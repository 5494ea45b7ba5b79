"""Helpers for the medical-tech tests: a fresh department per test with its own rooms, bands and a
technician who can sign in (so tests never share counters), patients who can sign in to the app,
orders placed by a demo doctor, and a clock you can move by editing the rows that carry time."""

from __future__ import annotations

import datetime as dt
import itertools
import uuid
from typing import Any

_COUNTER = itertools.count()
# patient id -> (ID number, name), for opening a citizen session at a kiosk
IDENTITIES: dict[uuid.UUID, tuple[str, str]] = {}
SH = dt.timezone(dt.timedelta(hours=8))
TECH_PASSWORD = "Yiqiao@2026"


class Dept:
    def __init__(self, department_id: uuid.UUID, institution_id: uuid.UUID, technician: str) -> None:
        self.id = department_id
        self.institution_id = institution_id
        self.technician = technician


def today_local() -> dt.date:
    from yiqiao.kit import clock

    return clock.local(clock.now()).date()


def next_weekday(weekday: int, at_least_days: int = 1) -> dt.date:
    """The first date at least ``at_least_days`` from today that falls on ``weekday`` (0 = Monday)."""
    day = today_local() + dt.timedelta(days=at_least_days)
    while day.weekday() != weekday:
        day += dt.timedelta(days=1)
    return day


def local_at(day: dt.date, hhmm: str) -> dt.datetime:
    h, m = (int(x) for x in hhmm.split(":"))
    return dt.datetime.combine(day, dt.time(h, m), tzinfo=SH).astimezone(dt.UTC)


async def fresh_department(institution: str = "QX-RMYY") -> Dept:
    """A new medical-tech department of ``institution`` with a technician who can sign in."""
    from yiqiao import db
    from yiqiao.kit.ids import new_id
    from yiqiao.kit.passwords import hash_password
    from yiqiao.seed.demo import sid

    n = next(_COUNTER)
    dept_id = new_id()
    inst_id = sid("inst", institution)
    await db.execute(
        "INSERT INTO department (id, institution, code, name, kind) VALUES ({}, {}, {}, {}, 'medtech')",
        dept_id,
        inst_id,
        f"MT{n:04d}",
        f"测试医技科{n}",
    )
    username = f"tech.test{n:04d}"
    await db.execute(
        "INSERT INTO staff (id, institution, department, username, password_hash, name, role, title)"
        " VALUES ({}, {}, {}, {}, {}, {}, 'technician', '技师')",
        new_id(),
        inst_id,
        dept_id,
        username,
        await hash_password(TECH_PASSWORD),
        f"技师{n}",
    )
    return Dept(dept_id, inst_id, username)


async def room(dept: Dept, modality: str, code: str | None = None) -> uuid.UUID:
    from yiqiao.kit.actor import SYSTEM
    from yiqiao.scheduling.medtech.service import resources
    from yiqiao.scheduling.medtech.types import ResourceSpec

    n = next(_COUNTER)
    return await resources.create_resource(
        SYSTEM,
        ResourceSpec(
            department_id=dept.id,
            code=code or f"T{modality}-{n:04d}",
            name=f"{modality}测试室{n}",
            modality=modality,  # type: ignore[arg-type]
            location="测试楼一楼",
        ),
    )


async def open_day(
    resource_id: uuid.UUID, day: dt.date, start: str = "08:00", end: str = "12:00", capacity: int = 2
) -> None:
    from yiqiao.kit.actor import SYSTEM
    from yiqiao.scheduling.medtech.service import resources

    await resources.open_bands(SYSTEM, resource_id, day, start, end, 30, capacity)


async def band(resource_id: uuid.UUID, day: dt.date, hhmm: str) -> dict[str, Any]:
    from yiqiao import db

    rows = await db.fetch(
        "SELECT * FROM exam_band WHERE resource_id = {} AND band_start = {}", resource_id, local_at(day, hhmm)
    )
    assert rows, f"no band at {day} {hhmm}"
    return rows[0]


async def remaining(band_id: int) -> int:
    from yiqiao import db

    rows = await db.fetch("SELECT remaining FROM exam_band WHERE id = {}", band_id)
    return int(rows[0]["remaining"])


async def new_patient(label: str) -> tuple[str, uuid.UUID, uuid.UUID]:
    """A new account with its own 'self' profile: (phone, account_id, patient_id)."""
    from yiqiao.identity.service import patients
    from yiqiao.identity.types import AddProfile
    from yiqiao.kit.actor import Actor
    from yiqiao.kit.idcard import make_id_number

    # Unique within the session by construction. Phones 1396… and region 3101xx are used by no
    # other test helper.
    n = next(_COUNTER)
    phone = f"1396{n:07d}"
    account = await patients.account_for_phone(phone)
    birth = dt.date(1970, 1, 1) + dt.timedelta(days=n % 15000)
    number = make_id_number(f"3101{1 + n // 15000:02d}", birth, f"{n % 1000:03d}")
    profile = await patients.add_profile(
        Actor(kind="patient", id=account),
        AddProfile(name=f"检查{label}", id_number=number, relationship="self"),
    )
    IDENTITIES[profile.id] = (number, f"检查{label}")
    return phone, account, profile.id


def doctor_actor(username: str = "dr.yangfan") -> Any:
    from yiqiao.kit.actor import Actor
    from yiqiao.seed.demo import sid

    return Actor(
        kind="staff",
        id=sid("staff", username),
        institution_id=sid("inst", "QX-RMYY"),
        department_id=sid("dept", "QX-RMYY/GAST"),
        roles=("doctor",),
    )


async def order(patient_id: uuid.UUID, item_code: str, dept: Dept, sessions: int = 1) -> uuid.UUID:
    from yiqiao.scheduling.medtech.service import orders
    from yiqiao.scheduling.medtech.types import PlaceOrder

    view = await orders.place(
        doctor_actor(),
        PlaceOrder(
            patient_id=patient_id, item_code=item_code, sessions=sessions, performing_department_id=dept.id
        ),
        f"t-order-{uuid.uuid4().hex}",
    )
    return view.id


def patient_actor(account: uuid.UUID) -> Any:
    from yiqiao.kit.actor import Actor

    return Actor(kind="patient", id=account)


async def book(account: uuid.UUID, *picks: tuple[uuid.UUID, int], key: str | None = None) -> Any:
    from yiqiao.scheduling.medtech.service import booking
    from yiqiao.scheduling.medtech.types import BookExams, ExamPick

    return await booking.book(
        patient_actor(account),
        BookExams(picks=[ExamPick(order_id=o, band_id=b) for o, b in picks]),
        key or f"k-{uuid.uuid4().hex}",
    )


async def move_booking(booking_id: uuid.UUID, start: dt.datetime, minutes: int = 30) -> None:
    """Move a booking (and its band) in time, as if the clock had moved the other way."""
    from yiqiao import db
    from yiqiao.kit import clock

    end = start + dt.timedelta(minutes=minutes)
    rows = await db.fetch("SELECT band_id FROM exam_booking WHERE id = {}", booking_id)
    await db.execute(
        "UPDATE exam_booking SET band_start = {}, band_end = {}, day = {} WHERE id = {}",
        start,
        end,
        clock.local(start).date(),
        booking_id,
    )
    await db.execute(
        "UPDATE exam_band SET band_start = {}, band_end = {}, day = {} WHERE id = {}",
        start,
        end,
        clock.local(start).date(),
        rows[0]["band_id"],
    )


async def notices(account: uuid.UUID, event: str) -> list[dict[str, Any]]:
    from yiqiao import db

    return await db.fetch(
        "SELECT id, title, body, data::text AS data, dedupe_key FROM notice WHERE account_id = {}"
        " AND data->>'event' = {} ORDER BY created_at",
        account,
        event,
    )


async def outbox_for(dedupe_prefix: str) -> list[dict[str, Any]]:
    from yiqiao import db

    return await db.fetch(
        "SELECT channel, topic, dedupe_key FROM outbox_message WHERE dedupe_key LIKE {} ORDER BY dedupe_key",
        dedupe_prefix + "%",
    )


async def audit_actions(entity_id: uuid.UUID) -> list[str]:
    from yiqiao import db

    rows = await db.fetch("SELECT action FROM audit_entry WHERE entity_id = {} ORDER BY id", str(entity_id))
    return [r["action"] for r in rows]


async def booking_count(patient_id: uuid.UUID) -> int:
    from yiqiao import db

    rows = await db.fetch("SELECT count(*) AS n FROM exam_booking WHERE patient_id = {}", patient_id)
    return int(rows[0]["n"])
