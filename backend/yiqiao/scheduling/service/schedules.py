"""Schedules (排班): create one session with its slot counters, weekly templates that generate
weeks of schedules, a doctor's own schedules, and stopping a session (停诊)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import msgspec

from yiqiao import db
from yiqiao.audit import service as audit
from yiqiao.identity.service import staff as staff_service
from yiqiao.kit import clock
from yiqiao.kit.actor import Actor
from yiqiao.kit.errors import Forbidden, Invalid, NotFound
from yiqiao.kit.ids import new_id
from yiqiao.scheduling import lifecycle, waitlist_lifecycle
from yiqiao.scheduling.catalogue import REG_TYPES
from yiqiao.scheduling.lifecycle import ACTIVE
from yiqiao.scheduling.pinyin import pinyin_keys
from yiqiao.scheduling.service import alternatives, availability_cache
from yiqiao.scheduling.service.notices import booking_notice
from yiqiao.scheduling.types import ScheduleSpec, StopCommand, StopResult, TemplateSpec
from yiqiao.settings import get_settings


def _require_admin(actor: Actor) -> None:
    if actor.kind == "system" or (actor.kind == "staff" and "admin" in actor.roles):
        return
    raise Forbidden("Only the scheduling office may change schedules.", code="not_schedule_admin")


def _hm(hhmm: str) -> dt.time:
    h, m = (int(x) for x in hhmm.split(":"))
    return dt.time(h, m)


def _at(day: dt.date, hhmm: str) -> dt.datetime:
    return dt.datetime.combine(day, _hm(hhmm), tzinfo=clock.SHANGHAI).astimezone(dt.UTC)


def release_times(day: dt.date, starts_at: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """When the slots open (N days ahead at the release time, Beijing) and when reserves open."""
    s = get_settings()
    release = _at(day - dt.timedelta(days=s.booking_release_days_ahead), s.booking_release_time)
    return release, starts_at - dt.timedelta(hours=s.booking_reserve_release_hours)


async def ensure_doctor_profile(doctor_id: uuid.UUID) -> dict[str, Any]:
    """The doctor's searchable card, refreshed from identity."""
    st = await staff_service.get_staff(doctor_id)
    if st.role != "doctor":
        raise Invalid("Only doctors have schedules.", code="not_a_doctor")
    full, initials = pinyin_keys(st.name)
    await db.execute(
        "INSERT INTO doctor_profile (staff_id, institution_id, department_id, name, title, pinyin, initials)"
        " VALUES ({}, {}, {}, {}, {}, {}, {}) ON CONFLICT (staff_id) DO UPDATE SET"
        " institution_id = EXCLUDED.institution_id, department_id = EXCLUDED.department_id,"
        " name = EXCLUDED.name, title = EXCLUDED.title, pinyin = EXCLUDED.pinyin,"
        " initials = EXCLUDED.initials, updated_at = now()",
        st.id,
        st.institution_id,
        st.department_id,
        st.name,
        st.title,
        full,
        initials,
    )
    return {"id": st.id, "institution_id": st.institution_id, "department_id": st.department_id}


def _check_spec(start_local: str, end_local: str, band_minutes: int, quotas: dict[str, int]) -> None:
    if band_minutes > get_settings().booking_max_band_minutes:
        raise Invalid(
            f"Time bands may be at most {get_settings().booking_max_band_minutes} minutes.",
            code="band_too_long",
        )
    if end_local <= start_local:
        raise Invalid("A session ends after it starts.", code="session_times")
    if sum(quotas.values()) == 0:
        raise Invalid("Give at least one slot per band.", code="quota_empty")


async def create_schedule(
    actor: Actor, spec: ScheduleSpec, template_id: uuid.UUID | None = None
) -> uuid.UUID:
    """Create one session and its slot counters; an existing one (same doctor, day, session) is kept."""
    _require_admin(actor)
    _check_spec(
        spec.start_local, spec.end_local, spec.band_minutes, {str(k): v for k, v in spec.quotas.items()}
    )
    doc = await ensure_doctor_profile(spec.doctor_id)
    starts, ends = _at(spec.day, spec.start_local), _at(spec.day, spec.end_local)
    release, reserve_release = release_times(spec.day, starts)
    fee = spec.fee_fen if spec.fee_fen is not None else REG_TYPES[spec.reg_type][1]
    schedule_id = new_id()
    async with db.transaction():
        rows = await db.fetch(
            "INSERT INTO schedule (id, institution_id, department_id, doctor_id, template_id, day, session,"
            " reg_type, fee_fen, starts_at, ends_at, band_minutes, release_at, reserve_release_at)"
            " VALUES ({}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {})"
            " ON CONFLICT (doctor_id, day, session) DO NOTHING RETURNING id",
            schedule_id,
            doc["institution_id"],
            doc["department_id"],
            spec.doctor_id,
            template_id,
            spec.day,
            spec.session,
            spec.reg_type,
            fee,
            starts,
            ends,
            spec.band_minutes,
            release,
            reserve_release,
        )
        if not rows:
            existing = await db.fetch(
                "SELECT id FROM schedule WHERE doctor_id = {} AND day = {} AND session = {}",
                spec.doctor_id,
                spec.day,
                spec.session,
            )
            kept: uuid.UUID = existing[0]["id"]
            return kept
        band = dt.timedelta(minutes=spec.band_minutes)
        starts_list, t = [], starts
        while t < ends:
            starts_list.append(t)
            t += band
        values = [
            (schedule_id, b, min(b + band, ends), pool, n, n)
            for b in starts_list
            for pool, n in spec.quotas.items()
            if n > 0
        ]
        conn = db.engine().current_transaction.get()
        assert conn is not None
        await conn.connection.executemany(
            "INSERT INTO slot_pool (schedule_id, band_start, band_end, pool, capacity, remaining)"
            " VALUES ($1, $2, $3, $4, $5, $6)",
            values,
        )
        await audit.record(
            actor,
            "schedule.create",
            "schedule",
            schedule_id,
            {"doctor_id": str(spec.doctor_id), "day": spec.day.isoformat(), "session": spec.session},
            institution_id=doc["institution_id"],
        )
    return schedule_id


async def save_template(actor: Actor, spec: TemplateSpec) -> uuid.UUID:
    _require_admin(actor)
    _check_spec(
        spec.start_local, spec.end_local, spec.band_minutes, {str(k): v for k, v in spec.quotas.items()}
    )
    doc = await ensure_doctor_profile(spec.doctor_id)
    fee = spec.fee_fen if spec.fee_fen is not None else REG_TYPES[spec.reg_type][1]
    async with db.transaction():
        rows = await db.fetch(
            "INSERT INTO schedule_template (id, institution_id, department_id, doctor_id, weekday, session,"
            " reg_type, fee_fen, start_local, end_local, band_minutes, quotas)"
            " VALUES ({}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}::jsonb)"
            " ON CONFLICT (doctor_id, weekday, session) DO UPDATE SET reg_type = EXCLUDED.reg_type,"
            " fee_fen = EXCLUDED.fee_fen, start_local = EXCLUDED.start_local, end_local = EXCLUDED.end_local,"
            " band_minutes = EXCLUDED.band_minutes, quotas = EXCLUDED.quotas, active = true RETURNING id",
            new_id(),
            doc["institution_id"],
            doc["department_id"],
            spec.doctor_id,
            spec.weekday,
            spec.session,
            spec.reg_type,
            fee,
            _hm(spec.start_local),
            _hm(spec.end_local),
            spec.band_minutes,
            msgspec.json.encode(spec.quotas).decode(),
        )
        template_id: uuid.UUID = rows[0]["id"]
        await audit.record(actor, "schedule_template.save", "schedule_template", template_id, {})
    return template_id


async def generate_from_templates(actor: Actor, first_day: dt.date, days: int) -> int:
    """Create the schedules every active template implies for ``days`` days from ``first_day``."""
    _require_admin(actor)
    templates = await db.fetch(
        "SELECT id, doctor_id, weekday, session, reg_type, fee_fen, to_char(start_local, 'HH24:MI') AS s,"
        " to_char(end_local, 'HH24:MI') AS e, band_minutes, quotas::text AS quotas"
        " FROM schedule_template WHERE active"
    )
    created = 0
    for i in range(days):
        day = first_day + dt.timedelta(days=i)
        for t in templates:
            if t["weekday"] != day.weekday():
                continue
            spec = ScheduleSpec(
                doctor_id=t["doctor_id"],
                day=day,
                session=t["session"],
                reg_type=t["reg_type"],
                start_local=t["s"],
                end_local=t["e"],
                band_minutes=t["band_minutes"],
                quotas=msgspec.json.decode(t["quotas"]),
                fee_fen=t["fee_fen"],
            )
            await create_schedule(actor, spec, template_id=t["id"])
            created += 1
    return created


async def stop_session(actor: Actor, schedule_id: uuid.UUID, cmd: StopCommand) -> StopResult:
    """停诊: the doctor (or the scheduling office) stops a session; every booking on it is cancelled
    and its patient notified, the notice naming the nearest alternative sessions of the department
    (``alternatives.nearest``); the waitlist is closed; paid fees are refunded in full."""
    rows = await db.fetch(
        "SELECT s.*, d.name AS doctor_name FROM schedule s JOIN doctor_profile d ON d.staff_id = s.doctor_id"
        " WHERE s.id = {}",
        schedule_id,
    )
    if not rows:
        raise NotFound("No such schedule.", code="schedule_not_found")
    s = rows[0]
    is_doctor = actor.kind == "staff" and actor.id == s["doctor_id"]
    if not is_doctor:
        _require_admin(actor)
    if s["status"] == "stopped":
        return StopResult(schedule_id=schedule_id, cancelled_bookings=0, closed_waitlist=0)
    if clock.now() >= s["ends_at"]:
        raise Invalid("This session is already over.", code="session_past")
    cancelled = closed = 0
    async with db.transaction():
        await db.execute(
            "UPDATE schedule SET status = 'stopped', stop_reason = {}, stopped_at = {} WHERE id = {}",
            cmd.reason,
            clock.now(),
            schedule_id,
        )
        await availability_cache.invalidate(schedule_id)  # a stopped session is not 'sold out'
        await audit.record(
            actor, "schedule.stop", "schedule", schedule_id, {"reason": cmd.reason}, s["institution_id"]
        )
        bookings = await db.fetch(
            "SELECT id FROM appointment WHERE schedule_id = {} AND status = ANY({})",
            schedule_id,
            list(lifecycle.TRANSITIONS["stop_clinic"].sources),
        )
        offers = await alternatives.nearest(s) if bookings else []
        offer_text = alternatives.describe(offers)
        offer_ids = [str(v.id) for v in offers]
        for b in bookings:
            row = await lifecycle.apply(actor, b["id"], "stop_clinic", reason="clinic stopped")
            from yiqiao.billing.service import registration  # the booking's fee goes back in full

            await registration.session_stopped(actor, b["id"], cmd.reason)
            await booking_notice(
                row,
                s["doctor_name"],
                "stopped",
                f"原因：{cmd.reason}。{offer_text}",
                data={"alternative_schedule_ids": offer_ids},
            )
            cancelled += 1
        waiting = await db.fetch(
            "SELECT id FROM waitlist_entry WHERE schedule_id = {} AND status = 'waiting'", schedule_id
        )
        for w in waiting:
            await waitlist_lifecycle.apply(actor, w["id"], "close", reason="clinic stopped")
            closed += 1
    return StopResult(schedule_id=schedule_id, cancelled_bookings=cancelled, closed_waitlist=closed)


async def booked_count(schedule_id: uuid.UUID) -> int:
    rows = await db.fetch(
        "SELECT count(*) AS n FROM appointment WHERE schedule_id = {} AND status = ANY({})",
        schedule_id,
        list(ACTIVE),
    )
    n: int = rows[0]["n"]
    return n
