"""A patient's readings as screens show them: the newest value of each code, a bucketed trend,
and (for the patient's own app) the raw points. Readings carry the patient they were measured on
(see ``bindings``), so this never needs to know which device was on whom."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Final

from yiqiao import db
from yiqiao.audit import service as audit
from yiqiao.identity.service.access import require_patient_access
from yiqiao.kit import clock
from yiqiao.kit.actor import Actor
from yiqiao.kit.errors import Invalid
from yiqiao.monitoring import scope
from yiqiao.monitoring.view_types import PatientReading, PatientReadings, PatientVitals, TrendPoint

BUCKETS_S: Final = (60, 300, 900, 3600, 6 * 3600, 86400)
MAX_BUCKETS: Final = 200
MAX_WINDOW: Final = timedelta(days=90)
_SKEW: Final = timedelta(minutes=5)  # readings a few minutes "ahead" (device clocks) still count


def bucket_for(window: timedelta) -> int:
    seconds = window.total_seconds()
    return next((b for b in BUCKETS_S if seconds / b <= MAX_BUCKETS), BUCKETS_S[-1])


def _window(since: datetime | None, default: timedelta) -> tuple[datetime, datetime]:
    now = clock.now()
    start = since if since is not None else now - default
    if start.tzinfo is None:
        raise Invalid("since needs a time zone offset, e.g. 2026-11-22T08:00:00+08:00", code="bad_since")
    if start > now:
        raise Invalid("since is in the future.", code="bad_since")
    return max(start, now - MAX_WINDOW), now + _SKEW


async def _latest(
    patient_id: uuid.UUID, start: datetime, end: datetime, code: str | None
) -> list[PatientReading]:
    rows = await db.fetch(
        "SELECT DISTINCT ON (code) device_id, code, value, unit, measured_at FROM reading"
        " WHERE patient_id = {} AND measured_at > {} AND measured_at <= {}"
        " AND ({}::text IS NULL OR code = {})"
        " ORDER BY code, measured_at DESC",
        patient_id,
        start,
        end,
        code,
        code,
    )
    return [PatientReading(**r) for r in rows]


async def _trend(
    patient_id: uuid.UUID, start: datetime, end: datetime, code: str | None, bucket_s: int
) -> list[TrendPoint]:
    rows = await db.fetch(
        "SELECT code, min(unit) AS unit,"
        " date_bin(make_interval(secs => {}), measured_at, TIMESTAMPTZ '2000-01-01 00:00:00+00')"
        " AS bucket_start,"
        " avg(value) AS mean, min(value) AS low, max(value) AS high, count(*) AS count FROM reading"
        " WHERE patient_id = {} AND measured_at > {} AND measured_at <= {}"
        " AND ({}::text IS NULL OR code = {})"
        " GROUP BY code, bucket_start ORDER BY code, bucket_start",
        bucket_s,
        patient_id,
        start,
        end,
        code,
        code,
    )
    return [TrendPoint(**r) for r in rows]


async def patient_vitals(actor: Actor, patient_id: uuid.UUID, hours: int = 24) -> PatientVitals:
    """For clinicians: newest values and trend over the last ``hours``. The read is audited."""
    scope.require_staff(actor)
    if not 1 <= hours <= 24 * 90:
        raise Invalid("hours must be between 1 and 2160.", code="bad_hours")
    await require_patient_access(actor, patient_id)
    window = timedelta(hours=hours)
    start, end = _window(None, window)
    bucket = bucket_for(window)
    async with db.transaction():
        await audit.record(actor, "vitals.read", "patient", patient_id, {"hours": hours})
    return PatientVitals(
        patient_id=patient_id,
        since=start,
        bucket_s=bucket,
        latest=await _latest(patient_id, start, end, None),
        trend=await _trend(patient_id, start, end, None, bucket),
    )


async def own_readings(
    actor: Actor, patient_id: uuid.UUID, code: str | None, since: datetime | None, limit: int = 500
) -> PatientReadings:
    """For the patient app: readings of a profile the account manages (one code or all)."""
    await require_patient_access(actor, patient_id)
    if not 1 <= limit <= 2000:
        raise Invalid("limit must be between 1 and 2000.", code="bad_limit")
    start, end = _window(since, timedelta(days=7))
    bucket = bucket_for(end - start)
    rows = await db.fetch(
        "SELECT device_id, code, value, unit, measured_at FROM reading"
        " WHERE patient_id = {} AND measured_at > {} AND measured_at <= {}"
        " AND ({}::text IS NULL OR code = {})"
        " ORDER BY measured_at DESC, code LIMIT {}",
        patient_id,
        start,
        end,
        code,
        code,
        limit,
    )
    return PatientReadings(
        patient_id=patient_id,
        since=start,
        bucket_s=bucket,
        latest=await _latest(patient_id, start, end, code),
        trend=await _trend(patient_id, start, end, code, bucket),
        points=[PatientReading(**r) for r in rows],
    )
