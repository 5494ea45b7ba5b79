"""Helpers for the clinic-day tests: a free session that starts in a few minutes (so check-in is
open and booking still allowed), patients with a chosen birth date, staff actors, and a clock
moved by shifting the rows that carry time."""

from __future__ import annotations

import datetime as dt
import itertools
import uuid
from typing import Any

from tests.integration.scheduling_world import DOCTORS, fresh_schedule, staff_id

_N = itertools.count()


async def shift(schedule_id: uuid.UUID, delta: dt.timedelta) -> None:
    """Move a session (its bands and bookings) in time: the test's way of moving the clock."""
    from yiqiao import db

    await db.execute(
        "UPDATE schedule SET starts_at = starts_at + {}, ends_at = ends_at + {} WHERE id = {}",
        delta,
        delta,
        schedule_id,
    )
    await db.execute(
        "UPDATE slot_pool SET band_start = band_start + {}, band_end = band_end + {} WHERE schedule_id = {}",
        delta,
        delta,
        schedule_id,
    )
    await db.execute(
        "UPDATE appointment SET band_start = band_start + {}, band_end = band_end + {} WHERE schedule_id = {}",
        delta,
        delta,
        schedule_id,
    )


async def session_soon(*, capacity: int = 6, today: bool = False, minutes: int = 10) -> dict[str, Any]:
    """A free session (bookings confirm at once) whose only band starts ``minutes`` from now."""
    from yiqiao import db
    from yiqiao.kit import clock

    s = await fresh_schedule(fee_fen=0, quotas={"app": capacity}, days_ahead=0 if today else None)
    await shift(s["id"], clock.now() + dt.timedelta(minutes=minutes) - s["starts_at"])
    return (await db.fetch("SELECT * FROM schedule WHERE id = {}", s["id"]))[0]


async def patient_born(name: str, birth: dt.date) -> tuple[uuid.UUID, uuid.UUID]:
    """A new account with its own profile of this name and birth date: (account_id, patient_id)."""
    from yiqiao.identity.service import patients
    from yiqiao.identity.types import AddProfile
    from yiqiao.kit.actor import Actor
    from yiqiao.kit.idcard import make_id_number

    # Unique within the session by construction (a random pick collided: 1,000 sequence numbers
    # per birth date). Region 110106 and phones 1379… are used by no other test.
    n = next(_N)
    phone = f"1379{n:07d}"
    number = make_id_number(f"1101{6 + n // 1000:02d}", birth, f"{n % 1000:03d}")
    account = await patients.account_for_phone(phone)
    profile = await patients.add_profile(
        Actor(kind="patient", id=account), AddProfile(name=name, id_number=number, relationship="self")
    )
    PEOPLE[profile.id] = {"name": name, "phone": phone, "id_number": number}
    return account, profile.id


# What the tests know about the patients they made (the core only ever shows them masked).
PEOPLE: dict[uuid.UUID, dict[str, str]] = {}


async def session_soon_at(code: str, *, today: bool = False, capacity: int = 6) -> dict[str, Any]:
    """``session_soon`` at the institution with this code (e.g. where KIOSK-01 stands)."""
    from yiqiao import db

    for _ in range(len(DOCTORS)):
        s = await session_soon(capacity=capacity, today=today)
        inst = await db.fetch("SELECT code FROM institution WHERE id = {}", s["institution_id"])
        if inst[0]["code"] == code:
            return s
    raise AssertionError(f"no fresh session at {code}")


def young(years: int = 30) -> dt.date:
    return dt.date.today().replace(year=dt.date.today().year - years, day=1)


def username_of(doctor_id: uuid.UUID) -> str:
    return next(u for u in DOCTORS if staff_id(u) == doctor_id)


async def staff_actor(username: str) -> Any:
    from yiqiao import db
    from yiqiao.kit.actor import Actor

    r = (await db.fetch("SELECT * FROM staff WHERE username = {}", username))[0]
    return Actor(
        kind="staff",
        id=r["id"],
        institution_id=r["institution"],
        department_id=r["department"],
        roles=(r["role"],),
    )


async def other_doctor(doctor_id: uuid.UUID) -> Any:
    """A doctor of the same department who does not run this session."""
    from yiqiao import db

    r = await db.fetch(
        "SELECT username FROM staff WHERE role = 'doctor' AND id <> {}"
        " AND department = (SELECT department FROM staff WHERE id = {}) LIMIT 1",
        doctor_id,
        doctor_id,
    )
    if not r:
        r = await db.fetch("SELECT username FROM staff WHERE role = 'doctor' AND id <> {} LIMIT 1", doctor_id)
    return await staff_actor(r[0]["username"])
