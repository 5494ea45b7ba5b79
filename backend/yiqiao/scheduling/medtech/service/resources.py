"""The catalogue and the rooms: exam items and which interfere, resources (CT-1, MRI-1, US-1, the
endoscopy room, treatment rooms) with weekly templates, time bands generated from them, and what
a technician sees of a resource's day."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from yiqiao import db
from yiqiao.audit import service as audit
from yiqiao.identity.service.names import masked_names
from yiqiao.kit import clock
from yiqiao.kit.actor import Actor
from yiqiao.kit.errors import Forbidden, Invalid, NotFound
from yiqiao.kit.ids import new_id
from yiqiao.scheduling.medtech.catalogue import BOOKING_STATUS_LABELS, MODALITIES
from yiqiao.scheduling.medtech.lifecycle import ACTIVE
from yiqiao.scheduling.medtech.service.common import BOOKING_SELECT
from yiqiao.scheduling.medtech.types import (
    DayBand,
    DayEntry,
    ExamItemView,
    ResourceDayView,
    ResourceSpec,
    ResourceTemplateSpec,
    ResourceView,
)
from yiqiao.scheduling.medtech.views import item_view, modality_label
from yiqiao.scheduling.views import band_label
from yiqiao.settings import get_settings

_RESOURCE = (
    "SELECT r.*, d.name AS department_name, n.name AS institution_name,"
    " (SELECT max(o.ends_at) FROM exam_resource_outage o WHERE o.resource_id = r.id AND o.ended_at IS NULL"
    "   AND o.starts_at <= now() AND o.ends_at > now()) AS down_until"
    " FROM exam_resource r JOIN department d ON d.id = r.department_id"
    " JOIN institution n ON n.id = r.institution_id"
)


def require_admin(actor: Actor) -> None:
    if actor.kind == "system" or (actor.kind == "staff" and "admin" in actor.roles):
        return
    raise Forbidden("Only the hospital's administrators change exam resources.", code="not_medtech_admin")


def require_resource_staff(actor: Actor, resource: dict[str, Any]) -> None:
    """Who runs a resource: staff of its department, and the institution's administrators."""
    if actor.kind == "system":
        return
    if actor.kind == "staff" and (
        actor.department_id == resource["department_id"]
        or ("admin" in actor.roles and actor.institution_id == resource["institution_id"])
    ):
        return
    raise Forbidden(
        "Only the staff of the department that runs this room may do this.", code="not_resource_staff"
    )


def resource_view(r: dict[str, Any]) -> ResourceView:
    return ResourceView(
        id=r["id"],
        code=r["code"],
        name=r["name"],
        modality=r["modality"],
        modality_label=modality_label(r["modality"]),
        location=r["location"],
        institution_id=r["institution_id"],
        institution_name=r["institution_name"],
        department_id=r["department_id"],
        department_name=r["department_name"],
        down_now=r["down_until"] is not None,
        down_until=r["down_until"],
    )


async def resource_row(resource_id: uuid.UUID) -> dict[str, Any]:
    rows = await db.fetch(_RESOURCE + " WHERE r.id = {}", resource_id)
    if not rows:
        raise NotFound("No such exam room or device.", code="resource_not_found")
    return rows[0]


# --- catalogue ---


async def save_item(
    actor: Actor,
    *,
    code: str,
    name: str,
    modality: str,
    duration_minutes: int,
    prep_notes: str = "",
    fasting: bool = False,
    contrast: bool = False,
) -> None:
    """Add or update a catalogue item (exam or treatment, by its modality)."""
    require_admin(actor)
    if modality not in MODALITIES:
        raise Invalid(f"Unknown modality {modality!r}.", code="unknown_modality")
    kind = MODALITIES[modality][1]
    async with db.transaction():
        await db.execute(
            "INSERT INTO exam_item (code, kind, modality, name, duration_minutes, prep_notes, fasting,"
            " contrast) VALUES ({}, {}, {}, {}, {}, {}, {}, {}) ON CONFLICT (code) DO UPDATE SET"
            " kind = EXCLUDED.kind, modality = EXCLUDED.modality, name = EXCLUDED.name,"
            " duration_minutes = EXCLUDED.duration_minutes,"
            " prep_notes = EXCLUDED.prep_notes, fasting = EXCLUDED.fasting, contrast = EXCLUDED.contrast,"
            " active = true, updated_at = now()",
            code,
            kind,
            modality,
            name,
            duration_minutes,
            prep_notes,
            fasting,
            contrast,
        )
        await audit.record(
            actor,
            "exam_item.save",
            "exam_item",
            code,
            {"modality": modality, "fasting": fasting, "contrast": contrast, "duration": duration_minutes},
        )


async def save_interference(
    actor: Actor, first_code: str, then_code: str, gap_hours: int, reason: str
) -> None:
    """``then_code`` may not start within ``gap_hours`` after ``first_code``."""
    require_admin(actor)
    async with db.transaction():
        await db.execute(
            "INSERT INTO exam_interference (first_code, then_code, min_gap_hours, reason)"
            " VALUES ({}, {}, {}, {}) ON CONFLICT (first_code, then_code) DO UPDATE SET"
            " min_gap_hours = EXCLUDED.min_gap_hours, reason = EXCLUDED.reason",
            first_code,
            then_code,
            gap_hours,
            reason,
        )
        await audit.record(
            actor,
            "exam_interference.save",
            "exam_item",
            first_code,
            {"then": then_code, "gap_hours": gap_hours},
        )


async def items() -> list[ExamItemView]:
    rows = await db.fetch("SELECT * FROM exam_item WHERE active ORDER BY kind, modality, code")
    return [item_view(r) for r in rows]


# --- resources, templates, bands ---


async def create_resource(actor: Actor, spec: ResourceSpec) -> uuid.UUID:
    """A room or device of a department; an existing one (same institution and code) is kept."""
    require_admin(actor)
    dept = await db.fetch("SELECT id, institution FROM department WHERE id = {}", spec.department_id)
    if not dept:
        raise NotFound("No such department.", code="department_not_found")
    async with db.transaction():
        rows = await db.fetch(
            "INSERT INTO exam_resource (id, institution_id, department_id, code, name, modality, location)"
            " VALUES ({}, {}, {}, {}, {}, {}, {}) ON CONFLICT (institution_id, code) DO NOTHING RETURNING id",
            new_id(),
            dept[0]["institution"],
            spec.department_id,
            spec.code,
            spec.name,
            spec.modality,
            spec.location,
        )
        if not rows:
            kept = await db.fetch(
                "SELECT id FROM exam_resource WHERE institution_id = {} AND code = {}",
                dept[0]["institution"],
                spec.code,
            )
            existing: uuid.UUID = kept[0]["id"]
            return existing
        resource_id: uuid.UUID = rows[0]["id"]
        await audit.record(
            actor,
            "exam_resource.create",
            "exam_resource",
            resource_id,
            {"code": spec.code, "modality": spec.modality},
            dept[0]["institution"],
        )
    return resource_id


def _hm(hhmm: str) -> dt.time:
    h, m = (int(x) for x in hhmm.split(":"))
    return dt.time(h, m)


def _check_hours(start_local: str, end_local: str, band_minutes: int) -> None:
    if band_minutes > get_settings().booking_max_band_minutes:
        raise Invalid(
            f"Time bands may be at most {get_settings().booking_max_band_minutes} minutes.",
            code="band_too_long",
        )
    if end_local <= start_local:
        raise Invalid("Opening hours end after they start.", code="hours_times")


async def save_template(actor: Actor, spec: ResourceTemplateSpec) -> uuid.UUID:
    require_admin(actor)
    _check_hours(spec.start_local, spec.end_local, spec.band_minutes)
    await resource_row(spec.resource_id)
    async with db.transaction():
        rows = await db.fetch(
            "INSERT INTO exam_resource_template (id, resource_id, weekday, start_local, end_local,"
            " band_minutes, capacity) VALUES ({}, {}, {}, {}, {}, {}, {})"
            " ON CONFLICT (resource_id, weekday, start_local) DO UPDATE SET end_local = EXCLUDED.end_local,"
            " band_minutes = EXCLUDED.band_minutes, capacity = EXCLUDED.capacity, active = true RETURNING id",
            new_id(),
            spec.resource_id,
            spec.weekday,
            _hm(spec.start_local),
            _hm(spec.end_local),
            spec.band_minutes,
            spec.capacity,
        )
        template_id: uuid.UUID = rows[0]["id"]
        await audit.record(
            actor,
            "exam_resource_template.save",
            "exam_resource",
            spec.resource_id,
            {"weekday": spec.weekday, "start": spec.start_local, "end": spec.end_local},
        )
    return template_id


def _at(day: dt.date, t: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, t, tzinfo=clock.SHANGHAI).astimezone(dt.UTC)


async def open_bands(
    actor: Actor,
    resource_id: uuid.UUID,
    day: dt.date,
    start_local: str,
    end_local: str,
    band_minutes: int,
    capacity: int,
) -> int:
    """Open one stretch of a day (Asia/Shanghai hours) in bands; bands that exist are kept. A band
    inside an outage opens down. Returns how many bands were created."""
    require_admin(actor)
    _check_hours(start_local, end_local, band_minutes)
    return await _open(resource_id, day, _hm(start_local), _hm(end_local), band_minutes, capacity)


async def _open(
    resource_id: uuid.UUID, day: dt.date, start: dt.time, end: dt.time, band_minutes: int, capacity: int
) -> int:
    starts, ends = _at(day, start), _at(day, end)
    band = dt.timedelta(minutes=band_minutes)
    values, t = [], starts
    while t < ends:
        values.append((t, min(t + band, ends)))
        t += band
    rows = await db.fetch(
        "INSERT INTO exam_band (resource_id, day, band_start, band_end, capacity, remaining, status)"
        " SELECT {}, {}, s, e, {}, {}, CASE WHEN EXISTS (SELECT 1 FROM exam_resource_outage o"
        "   WHERE o.resource_id = {} AND o.ended_at IS NULL AND o.starts_at < e AND o.ends_at > s)"
        "   THEN 'down' ELSE 'open' END"
        " FROM unnest({}::timestamptz[], {}::timestamptz[]) AS v(s, e)"
        " ON CONFLICT (resource_id, band_start) DO NOTHING RETURNING id",
        resource_id,
        day,
        capacity,
        capacity,
        resource_id,
        [v[0] for v in values],
        [v[1] for v in values],
    )
    return len(rows)


async def generate_bands(actor: Actor, first_day: dt.date, days: int) -> int:
    """Create the bands every active template implies for ``days`` days from ``first_day``."""
    require_admin(actor)
    templates = await db.fetch(
        "SELECT t.* FROM exam_resource_template t JOIN exam_resource r ON r.id = t.resource_id"
        " WHERE t.active AND r.active"
    )
    created = 0
    for i in range(days):
        day = first_day + dt.timedelta(days=i)
        for t in templates:
            if t["weekday"] == day.weekday():
                created += await _open(
                    t["resource_id"], day, t["start_local"], t["end_local"], t["band_minutes"], t["capacity"]
                )
    return created


async def my_resources(actor: Actor) -> list[ResourceView]:
    """The rooms a member of staff runs: their department's (an administrator: the institution's)."""
    if actor.kind != "staff":
        raise Forbidden("Exam rooms are run by hospital staff.", code="not_resource_staff")
    rows = await db.fetch(
        _RESOURCE + " WHERE r.active AND (r.department_id = {} OR ({} AND r.institution_id = {}))"
        " ORDER BY r.modality, r.code",
        actor.department_id,
        "admin" in actor.roles,
        actor.institution_id,
    )
    return [resource_view(r) for r in rows]


async def day_view(actor: Actor, resource_id: uuid.UUID, day: dt.date | None = None) -> ResourceDayView:
    """A technician's day list for one room: every band with its patients (names masked)."""
    r = await resource_row(resource_id)
    require_resource_staff(actor, r)
    day = day or clock.local(clock.now()).date()
    bands = await db.fetch(
        "SELECT * FROM exam_band WHERE resource_id = {} AND day = {} ORDER BY band_start", resource_id, day
    )
    bookings = await db.fetch(
        BOOKING_SELECT + " WHERE b.resource_id = {} AND b.day = {} AND b.status = ANY({})"
        " ORDER BY b.band_start, b.created_at",
        resource_id,
        day,
        [*ACTIVE, "completed", "no_show"],
    )
    names = await masked_names(b["patient_id"] for b in bookings)
    by_band: dict[int, list[DayEntry]] = {}
    for b in bookings:
        by_band.setdefault(b["band_id"], []).append(
            DayEntry(
                booking_id=b["id"],
                booking_no=b["booking_no"],
                status=b["status"],
                status_label=BOOKING_STATUS_LABELS[b["status"]],
                patient_name_masked=names.get(b["patient_id"], ""),
                item_name=b["item_name"],
                fasting=b["item_fasting"],
                contrast=b["item_contrast"],
                session_no=b["session_no"],
                checked_in_at=b["checked_in_at"],
            )
        )
    count = {s: sum(1 for b in bookings if b["status"] == s) for s in ("booked", "checked_in", "completed")}
    return ResourceDayView(
        resource=resource_view(r),
        day=day,
        bands=[
            DayBand(
                band_id=x["id"],
                label_local=band_label(x["band_start"], x["band_end"]),
                band_start=x["band_start"],
                band_end=x["band_end"],
                status=x["status"],
                capacity=x["capacity"],
                remaining=x["remaining"],
                entries=by_band.get(x["id"], []),
            )
            for x in bands
        ],
        booked=count["booked"],
        checked_in=count["checked_in"],
        completed=count["completed"],
    )


async def ensure_day(resource_id: uuid.UUID, day: dt.date) -> int:
    """Open a resource's bands for one day from its weekly templates (a course of treatment reaches
    past the days generated ahead). Existing bands are kept."""
    templates = await db.fetch(
        "SELECT * FROM exam_resource_template WHERE resource_id = {} AND weekday = {} AND active",
        resource_id,
        day.weekday(),
    )
    created = 0
    for t in templates:
        created += await _open(
            resource_id, day, t["start_local"], t["end_local"], t["band_minutes"], t["capacity"]
        )
    return created
