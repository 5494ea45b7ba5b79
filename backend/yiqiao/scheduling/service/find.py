"""Find: the department tree per institution and campus, doctor search (name, full pinyin or
initials), and availability per day and time band — each screen in one call."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from typing import Any

from yiqiao import db
from yiqiao.identity.service import directory
from yiqiao.kit import clock
from yiqiao.kit.actor import Actor
from yiqiao.kit.errors import Invalid, NotFound
from yiqiao.scheduling.catalogue import REG_TYPES, SESSIONS
from yiqiao.scheduling.service import slots
from yiqiao.scheduling.types import (
    BandView,
    DepartmentDay,
    DepartmentNode,
    DoctorAvailability,
    DoctorView,
    InstitutionNode,
    ScheduleView,
)
from yiqiao.scheduling.views import band_label, local_stamp

MAX_DAYS = 14

_DOCTOR_SQL = (
    "SELECT d.staff_id, d.name, d.title, d.department_id, d.institution_id, d.initials, d.intro,"
    " d.specialties, dep.name AS department_name, i.name AS institution_name FROM doctor_profile d"
    " JOIN department dep ON dep.id = d.department_id JOIN institution i ON i.id = d.institution_id"
)


def _doctor(r: dict[str, Any]) -> DoctorView:
    return DoctorView(
        id=r["staff_id"],
        name=r["name"],
        title=r["title"],
        department_id=r["department_id"],
        department_name=r["department_name"],
        institution_id=r["institution_id"],
        institution_name=r["institution_name"],
        pinyin_initials=r["initials"],
        intro=r["intro"],
        specialties=r["specialties"],
    )


async def department_tree() -> list[InstitutionNode]:
    """Lead hospitals with their campuses, each with the clinical departments that have doctors."""
    counts = {
        r["department_id"]: r["n"]
        for r in await db.fetch(
            "SELECT department_id, count(*) AS n FROM doctor_profile GROUP BY department_id"
        )
    }
    depts: dict[uuid.UUID, list[DepartmentNode]] = defaultdict(list)
    for d in await directory.departments("clinical"):
        depts[d.institution_id].append(
            DepartmentNode(id=d.id, code=d.code, name=d.name, doctors=counts.get(d.id, 0))
        )
    nodes = {
        i.id: (
            i,
            InstitutionNode(id=i.id, code=i.code, name=i.name, kind=i.kind, departments=depts.get(i.id, [])),
        )
        for i in await directory.institutions()
    }
    roots: list[InstitutionNode] = []
    for inst, node in nodes.values():
        parent = nodes.get(inst.parent_id) if inst.parent_id else None
        if parent is not None and inst.kind == "campus":
            parent[1].campuses.append(node)
        else:
            roots.append(node)
    return roots


async def search_doctors(
    query: str = "", department_id: uuid.UUID | None = None, limit: int = 30
) -> list[DoctorView]:
    q = query.strip().lower()
    if len(q) > 32:
        raise Invalid("Search with at most 32 characters.", code="query_too_long")
    like = q.replace("\\", "").replace("%", "").replace("_", "") + "%"
    rows = await db.fetch(
        _DOCTOR_SQL + " WHERE ({}::uuid IS NULL OR d.department_id = {})"
        " AND ({} = '' OR d.name LIKE {} OR d.initials LIKE {} OR d.pinyin LIKE {})"
        " ORDER BY d.initials, d.name LIMIT {}",
        department_id,
        department_id,
        q,
        "%" + like,
        like,
        like,
        min(max(limit, 1), 100),
    )
    return [_doctor(r) for r in rows]


async def _schedules(where: str, *args: Any, actor: Actor) -> list[ScheduleView]:
    # ``where`` is a fixed fragment from this module; values are always bound.
    rows = await db.fetch(
        "SELECT s.*, d.name AS doctor_name, d.title AS doctor_title FROM schedule s"  # noqa: S608
        " JOIN doctor_profile d ON d.staff_id = s.doctor_id WHERE " + where + " ORDER BY s.day, s.starts_at",
        *args,
    )
    if not rows:
        return []
    pools = await db.fetch(
        "SELECT schedule_id, band_start, band_end, pool, remaining FROM slot_pool WHERE schedule_id = ANY({})"
        " ORDER BY band_start",
        [r["id"] for r in rows],
    )
    by_schedule: dict[uuid.UUID, list[dict[str, Any]]] = defaultdict(list)
    for p in pools:
        by_schedule[p["schedule_id"]].append(p)
    now = clock.now()
    base = slots.base_pools(actor, None)
    views = []
    for r in rows:
        mine = set(slots.eligible_pools(base, now >= r["reserve_release_at"], False))
        bands: dict[dt.datetime, list[Any]] = {}
        for p in by_schedule[r["id"]]:
            entry = bands.setdefault(p["band_start"], [p["band_end"], 0])
            if p["pool"] in mine:
                entry[1] += p["remaining"]
        released = now >= r["release_at"] and r["status"] == "open"
        band_views = [
            BandView(
                band_start=b,
                band_end=e,
                label_local=band_label(b, e),
                remaining=n if released and e > now else 0,
            )
            for b, (e, n) in sorted(bands.items())
        ]
        views.append(
            ScheduleView(
                id=r["id"],
                doctor_id=r["doctor_id"],
                doctor_name=r["doctor_name"],
                doctor_title=r["doctor_title"],
                department_id=r["department_id"],
                institution_id=r["institution_id"],
                day=r["day"],
                session=r["session"],
                session_label=SESSIONS[r["session"]],
                reg_type=r["reg_type"],
                reg_type_label=REG_TYPES[r["reg_type"]][0],
                fee_fen=r["fee_fen"],
                starts_at=r["starts_at"],
                ends_at=r["ends_at"],
                release_at=r["release_at"],
                release_local=local_stamp(r["release_at"]),
                released=now >= r["release_at"],
                status=r["status"],
                stop_reason=r["stop_reason"],
                remaining=sum(b.remaining for b in band_views),
                bands=band_views,
            )
        )
    return views


def _window(from_day: dt.date | None, days: int) -> tuple[dt.date, dt.date]:
    today = clock.local(clock.now()).date()
    start = from_day or today
    if start < today:
        raise Invalid("Choose today or a later day.", code="date_past")
    if not 1 <= days <= MAX_DAYS:
        raise Invalid(f"Ask for 1 to {MAX_DAYS} days at a time.", code="days_out_of_range")
    return start, start + dt.timedelta(days=days - 1)


async def doctor_availability(
    actor: Actor, doctor_id: uuid.UUID, from_day: dt.date | None = None, days: int = 7
) -> DoctorAvailability:
    rows = await db.fetch(_DOCTOR_SQL + " WHERE d.staff_id = {}", doctor_id)
    if not rows:
        raise NotFound("No such doctor.", code="doctor_not_found")
    start, end = _window(from_day, days)
    schedules = await _schedules(
        "s.doctor_id = {} AND s.day BETWEEN {} AND {}", doctor_id, start, end, actor=actor
    )
    return DoctorAvailability(doctor=_doctor(rows[0]), schedules=schedules)


async def department_day(actor: Actor, department_id: uuid.UUID, day: dt.date | None = None) -> DepartmentDay:
    if await directory.department(department_id) is None:
        raise NotFound("No such department.", code="department_not_found")
    start, _ = _window(day, 1)
    schedules = await _schedules("s.department_id = {} AND s.day = {}", department_id, start, actor=actor)
    return DepartmentDay(department_id=department_id, day=start, schedules=schedules)


async def institution_today(actor: Actor, institution_id: uuid.UUID) -> list[ScheduleView]:
    """Today's open sessions at one institution (a kiosk's same-day booking screen)."""
    today = clock.local(clock.now()).date()
    return await _schedules(
        "s.institution_id = {} AND s.day = {} AND s.status = 'open' AND s.ends_at > {}",
        institution_id,
        today,
        clock.now(),
        actor=actor,
    )


async def my_schedules(actor: Actor, from_day: dt.date | None = None, days: int = 7) -> list[ScheduleView]:
    if actor.kind != "staff" or actor.id is None:
        raise Invalid("Only staff have schedules.", code="not_staff")
    start, end = _window(from_day, days)
    return await _schedules("s.doctor_id = {} AND s.day BETWEEN {} AND {}", actor.id, start, end, actor=actor)


async def schedules_by_id(actor: Actor, ids: list[uuid.UUID]) -> list[ScheduleView]:
    """These sessions as the caller sees them (bands and what the caller may take), in ``ids`` order."""
    if not ids:
        return []
    views = {v.id: v for v in await _schedules("s.id = ANY({})", ids, actor=actor)}
    return [views[i] for i in ids if i in views]
