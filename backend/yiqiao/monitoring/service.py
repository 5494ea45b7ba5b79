"""Monitoring use-cases: store what devices send (in batches, idempotently), fan it out, and
show a ward its latest vitals.

Every store function is idempotent, so the gateway may replay a batch after a crash (the broker
redelivers whatever was not acknowledged) without storing anything twice.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

import msgspec
from asyncpg.exceptions import CheckViolationError

from yiqiao import db
from yiqiao.identity.service import devices
from yiqiao.kit import clock, realtime
from yiqiao.kit.actor import Actor
from yiqiao.kit.errors import Forbidden
from yiqiao.monitoring import bindings, emergency, fanout
from yiqiao.monitoring.binding_types import BindPatient
from yiqiao.monitoring.types import (
    DeadLetterIn,
    DeviceRef,
    EventIn,
    LatestReading,
    ReadingIn,
    StatusIn,
)

log = logging.getLogger(__name__)


async def _refs(code: str | None = None) -> list[DeviceRef]:
    """The registry (identity's) joined here with this context's open bindings: the patient,
    the bed (which overrides the device's home ward), and the ambulance with its running task."""
    found = await devices.mqtt_devices(code)
    current = await bindings.current_of([d.id for d in found])
    vehicles = [c.vehicle_id for c in current.values() if c.vehicle_id is not None]
    tasks = await emergency.active_tasks_of(vehicles) if vehicles else {}
    refs = []
    for d in found:
        cur = current.get(d.id)
        task = tasks.get(cur.vehicle_id) if cur is not None and cur.vehicle_id is not None else None
        on_bed = cur is not None and cur.department_id is not None
        refs.append(
            DeviceRef(
                id=d.id,
                code=d.code,
                kind=d.kind,
                institution_id=d.institution_id,
                department_id=cur.department_id if cur is not None and on_bed else d.department_id,
                patient_id=cur.patient_id if cur is not None else None,
                bed_label=(cur.bed_label or "") if cur is not None and on_bed else d.bed_label,
                vehicle_id=cur.vehicle_id if cur is not None else None,
                task_id=task.task_id if task is not None else None,
                task_department_id=task.destination_department_id if task is not None else None,
            )
        )
    return refs


# ---- device registry, as the gateway sees it ----


async def device_refs() -> list[DeviceRef]:
    """Every active MQTT device with its ward and assigned patient."""
    return await _refs()


async def device_ref(code: str) -> DeviceRef | None:
    refs = await _refs(code)
    return refs[0] if refs else None


async def assign_device(actor: Actor, device_id: uuid.UUID, patient_id: uuid.UUID | None) -> None:
    """Put a device on a patient (``patient_id``) or take it off (None): a patient binding (see
    ``monitoring.bindings``), replacing any other patient the device was on. Staff of the
    device's ward, or the system."""
    device = await devices.get_device(device_id)
    _require_ward_staff(actor, device.department_id)
    async with db.transaction():
        current = await bindings.current_of([device_id])
        on = current[device_id].patient_id if device_id in current else None
        if on is not None and on != patient_id:
            await bindings.unbind(actor, device_id, "patient")
        if patient_id is not None and on != patient_id:
            await bindings.bind(actor, device_id, BindPatient(patient_id=patient_id))


# ---- ingest ----


async def store_readings(batch: Sequence[ReadingIn]) -> int:
    """Insert readings and publish each newly stored one; returns how many were new. Call it
    outside any transaction (the gateway does): publishing inside one would announce readings
    that might still roll back — there, use :func:`insert_readings` and publish after commit."""
    stored = await insert_readings(batch)
    await publish_readings(stored)
    return len(stored)


StoredReading = tuple[ReadingIn, uuid.UUID | None]  # the reading and the patient it was stamped with


async def insert_readings(batch: Sequence[ReadingIn]) -> list[StoredReading]:
    """Insert readings in one statement; a (device, seq, code, measured_at) already stored is
    skipped. Returns the newly stored ones, in batch order."""
    if not batch:
        return []
    # The patient is the one whose binding was open when the reading was measured (by the
    # device's clock, or when it arrived if that clock runs ahead), unless the source named one.
    rows = await db.fetch(
        "INSERT INTO reading (device_id, seq, measured_at, received_at, code, value, unit,"
        " patient_id, department_id)"
        " SELECT t.d, t.s, t.m, t.r, t.c, t.v, t.u,"
        " COALESCE(t.p, patient_bound_at(t.d, LEAST(t.m, t.r))), t.dep"
        " FROM unnest({}::uuid[], {}::bigint[], {}::timestamptz[], {}::timestamptz[],"
        " {}::text[], {}::float8[], {}::text[], {}::uuid[], {}::uuid[]) AS t(d, s, m, r, c, v, u, p, dep)"
        " ON CONFLICT DO NOTHING RETURNING device_id, seq, code, measured_at, patient_id",
        [r.device.id for r in batch],
        [r.seq for r in batch],
        [r.measured_at for r in batch],
        [r.received_at for r in batch],
        [r.code for r in batch],
        [r.value for r in batch],
        [r.unit for r in batch],
        [r.patient_id for r in batch],
        [r.device.department_id for r in batch],
    )
    new = {(x["device_id"], x["seq"], x["code"], x["measured_at"]): x["patient_id"] for x in rows}
    return [(r, new[key]) for r in batch if (key := (r.device.id, r.seq, r.code, r.measured_at)) in new]


async def publish_readings(stored: Sequence[StoredReading]) -> None:
    if not stored:
        return
    await realtime.publish_many(
        [
            *(
                (ch, "vitals.reading", _reading_data(r, patient))
                for r, patient in stored
                for ch in fanout.audience(r.device.department_id, patient)
            ),
            *fanout.ambulance(stored),
        ]
    )


def _reading_data(r: ReadingIn, patient_id: uuid.UUID | None) -> dict[str, Any]:
    return {
        "device_id": str(r.device.id),
        "device_code": r.device.code,
        "bed_label": r.device.bed_label,
        "patient_id": str(patient_id) if patient_id else None,
        "code": r.code,
        "value": r.value,
        "unit": r.unit,
        "measured_at": r.measured_at.isoformat(),
    }


async def store_events(batch: Sequence[EventIn]) -> int:
    """Insert device events; a (device, seq) already stored is skipped. Returns how many were new."""
    if not batch:
        return 0
    rows = await db.fetch(
        "INSERT INTO device_event (device_id, seq, occurred_at, received_at, event, detail,"
        " patient_id, department_id)"
        " SELECT d, s, o, r, e, x::jsonb, p, dep FROM unnest({}::uuid[], {}::bigint[],"
        " {}::timestamptz[], {}::timestamptz[], {}::text[], {}::text[], {}::uuid[], {}::uuid[])"
        " AS t(d, s, o, r, e, x, p, dep)"
        " ON CONFLICT (device_id, seq) DO NOTHING RETURNING device_id, seq",
        [e.device.id for e in batch],
        [e.seq for e in batch],
        [e.occurred_at for e in batch],
        [e.received_at for e in batch],
        [e.event for e in batch],
        [msgspec.json.encode(e.detail).decode() for e in batch],
        [e.device.patient_id for e in batch],
        [e.device.department_id for e in batch],
    )
    new = {(x["device_id"], x["seq"]) for x in rows}
    await realtime.publish_many(
        (
            ch,
            "device.event",
            {
                "device_id": str(e.device.id),
                "device_code": e.device.code,
                "bed_label": e.device.bed_label,
                "patient_id": str(e.device.patient_id) if e.device.patient_id else None,
                "event": e.event,
                "detail": e.detail,
                "occurred_at": e.occurred_at.isoformat(),
            },
        )
        for e in batch
        if (e.device.id, e.seq) in new
        for ch in fanout.audience(e.device.department_id, e.device.patient_id)
    )
    return len(rows)


async def record_statuses(batch: Sequence[StatusIn]) -> None:
    """Upsert each device's last status (the last one received wins, e.g. a Last Will)."""
    latest = {s.device.id: s for s in batch}
    if not latest:
        return
    items = list(latest.values())
    await db.execute(
        "INSERT INTO device_status (device_id, online, battery, firmware, rssi, reported_at, received_at)"
        " SELECT * FROM unnest({}::uuid[], {}::bool[], {}::int[], {}::text[], {}::int[],"
        " {}::timestamptz[], {}::timestamptz[])"
        " ON CONFLICT (device_id) DO UPDATE SET online = EXCLUDED.online, battery = EXCLUDED.battery,"
        " firmware = EXCLUDED.firmware, rssi = EXCLUDED.rssi, reported_at = EXCLUDED.reported_at,"
        " received_at = EXCLUDED.received_at WHERE device_status.received_at <= EXCLUDED.received_at",
        [s.device.id for s in items],
        [s.status.online for s in items],
        [s.status.battery for s in items],
        [s.status.firmware for s in items],
        [s.status.rssi for s in items],
        [s.status.ts for s in items],
        [s.received_at for s in items],
    )
    await realtime.publish_many(
        (
            ch,
            "device.status",
            {
                "device_id": str(s.device.id),
                "device_code": s.device.code,
                "bed_label": s.device.bed_label,
                "online": s.status.online,
                "battery": s.status.battery,
                "reported_at": s.status.ts.isoformat(),
            },
        )
        for s in items
        for ch in fanout.audience(s.device.department_id, None)
    )


async def dead_letter(
    topic: str, device_code: str | None, reason: str, payload: bytes, detail: str = ""
) -> None:
    await db.execute(
        "INSERT INTO dead_letter (received_at, topic, device_code, reason, detail, payload)"
        " VALUES ({}, {}, {}, {}, {}, {})",
        clock.now(),
        topic,
        device_code,
        reason,
        detail,
        payload,
    )


async def dead_letters(batch: Sequence[DeadLetterIn]) -> None:
    if not batch:
        return
    await db.execute(
        "INSERT INTO dead_letter (received_at, topic, device_code, reason, detail, payload)"
        " SELECT * FROM unnest({}::timestamptz[], {}::text[], {}::text[], {}::text[], {}::text[],"
        " {}::bytea[])",
        [d.received_at for d in batch],
        [d.topic for d in batch],
        [d.device_code for d in batch],
        [d.reason for d in batch],
        [d.detail for d in batch],
        [d.payload for d in batch],
    )


async def ensure_partitions(months_ahead: int = 2) -> None:
    """Create ``reading`` partitions for this month and the next ``months_ahead`` (idempotent)."""
    first = clock.now().date().replace(day=1)
    for i in range(months_ahead + 1):
        month = date(first.year + (first.month - 1 + i) // 12, (first.month - 1 + i) % 12 + 1, 1)
        try:
            await db.fetch("SELECT reading_ensure_partition({}::date)", month)
        except CheckViolationError:
            # Rows for that month already sit in the DEFAULT partition (a device with a wrong
            # clock); they stay there and the month keeps using DEFAULT until someone moves them.
            log.warning("reading partition for %s not created: DEFAULT holds rows of that month", month)


# ---- reads ----


def _require_ward_staff(actor: Actor, department_id: uuid.UUID | None) -> None:
    if actor.kind == "system":
        return
    if actor.kind != "staff" or department_id is None or actor.department_id != department_id:
        raise Forbidden("Only staff of this ward may see or change its devices.", code="not_ward_staff")


async def latest_readings(
    actor: Actor, department_id: uuid.UUID, window: timedelta = timedelta(hours=24)
) -> list[LatestReading]:
    """The newest value of every code from every device of a ward within ``window``."""
    _require_ward_staff(actor, department_id)
    now = clock.now()
    rows = await db.fetch(
        "SELECT DISTINCT ON (r.device_id, r.code) r.device_id,"
        " r.patient_id, r.code, r.value, r.unit, r.measured_at"
        " FROM reading r"
        " WHERE r.department_id = {} AND r.measured_at > {} AND r.measured_at <= {}"
        " ORDER BY r.device_id, r.code, r.measured_at DESC",
        department_id,
        now - window,
        now + timedelta(minutes=5),
    )
    known = await devices.devices_by_id(list({r["device_id"] for r in rows}))
    readings = [
        LatestReading(device_code=d.code, bed_label=d.bed_label, **r)
        for r in rows
        if (d := known.get(r["device_id"])) is not None
    ]
    readings.sort(key=lambda x: (x.bed_label, x.device_code, x.code))
    return readings
