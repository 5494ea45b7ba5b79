"""Helpers for the scheduling tests: a fresh session per test (its own doctor/day/evening slot, so
tests never share counters), patients made through the core, and a clock you can move by editing
the rows that carry time."""

from __future__ import annotations

import datetime as dt
import itertools
import uuid
from typing import Any

_COUNTER = itertools.count()
_USED: set[tuple[str, dt.date]] = set()
DOCTORS = [
    "dr.wang", "dr.li", "dr.zhangw", "dr.liuyang", "dr.chenjing", "dr.yangfan", "dr.zhaolei", "dr.shan",
    "dr.huangli", "dr.zhoumin", "dr.wutao", "dr.xufang", "dr.sunhao", "dr.ouyang", "dr.machao", "dr.zhulin",
]  # fmt: skip


def staff_id(username: str) -> uuid.UUID:
    from yiqiao.seed.demo import sid

    return sid("staff", username)


async def fresh_schedule(
    *,
    fee_fen: int = 500,
    quotas: dict[str, int] | None = None,
    bands: int = 1,
    days_ahead: int | None = None,
) -> dict[str, Any]:
    """An evening session (18:00 + 30 min × bands) nobody else uses, released, not started."""
    from yiqiao import db
    from yiqiao.kit import clock
    from yiqiao.kit.actor import SYSTEM
    from yiqiao.scheduling.service import schedules
    from yiqiao.scheduling.types import ScheduleSpec

    while True:
        n = next(_COUNTER)
        doctor = DOCTORS[n % len(DOCTORS)]
        ahead = days_ahead if days_ahead is not None else 1 + (n // len(DOCTORS)) % 6
        day = clock.local(clock.now()).date() + dt.timedelta(days=ahead)
        if (doctor, day) not in _USED:
            _USED.add((doctor, day))
            break
    end_h, end_m = divmod(18 * 60 + 30 * bands, 60)
    schedule_id = await schedules.create_schedule(
        SYSTEM,
        ScheduleSpec(
            doctor_id=staff_id(doctor),
            day=day,
            session="evening",
            reg_type="general",
            start_local="18:00",
            end_local=f"{end_h:02d}:{end_m:02d}",
            band_minutes=30,
            quotas=quotas or {"app": 2},  # type: ignore[arg-type]
            fee_fen=fee_fen,
        ),
    )
    rows = await db.fetch("SELECT * FROM schedule WHERE id = {}", schedule_id)
    assert rows[0]["template_id"] is None and rows[0]["fee_fen"] == fee_fen, "schedule reused across tests"
    return rows[0]


async def new_patient(label: str) -> tuple[uuid.UUID, uuid.UUID]:
    """A new account with its own 'self' profile: (account_id, patient_id)."""
    from yiqiao.identity.service import patients
    from yiqiao.identity.types import AddProfile
    from yiqiao.kit.actor import Actor
    from yiqiao.kit.idcard import make_id_number

    # Unique within the session by construction (random picks collided now and then). Region
    # 110108 and phones 1398… are used by no other test helper.
    n = next(_COUNTER)
    phone = f"1398{n:07d}"
    account = await patients.account_for_phone(phone)
    birth = dt.date(1960, 1, 1) + dt.timedelta(days=n % 15000)
    number = make_id_number(f"1101{8 + n // 15000:02d}", birth, f"{n % 1000:03d}")
    profile = await patients.add_profile(
        Actor(kind="patient", id=account),
        AddProfile(name=f"测试{label}", id_number=number, relationship="self"),
    )
    return account, profile.id


def patient_actor(account: uuid.UUID) -> Any:
    from yiqiao.kit.actor import Actor

    return Actor(kind="patient", id=account)


async def book(account: uuid.UUID, patient: uuid.UUID, schedule_id: uuid.UUID, key: str | None = None) -> Any:
    from yiqiao.scheduling.service import booking
    from yiqiao.scheduling.types import BookCommand

    return await booking.book(
        patient_actor(account),
        BookCommand(schedule_id=schedule_id, patient_id=patient),
        key or f"k-{uuid.uuid4().hex}",
    )


async def remaining(schedule_id: uuid.UUID) -> int:
    from yiqiao import db

    rows = await db.fetch(
        "SELECT coalesce(sum(remaining), 0) AS n FROM slot_pool WHERE schedule_id = {}", schedule_id
    )
    return int(rows[0]["n"])


async def audit_actions(entity_id: uuid.UUID) -> list[str]:
    from yiqiao import db

    rows = await db.fetch("SELECT action FROM audit_entry WHERE entity_id = {} ORDER BY id", str(entity_id))
    return [r["action"] for r in rows]
