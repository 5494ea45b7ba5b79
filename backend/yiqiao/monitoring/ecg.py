"""Real-time ECG (004 §3.4.2.3 remote ECG monitoring, §3.7.5.2 ambulance ECG): store the sample
blocks devices send on ``devices/<code>/ecg``, fan them out as ``ecg.block``, and show a device's
recent blocks to the staff who may watch it.

A block is stored once per (device, seq), with the patient whose binding was open when it
started (as readings are, see ``service.store_readings``) and the ward the device was on.
``ecg.block`` goes to that ward, to the patient, and, for a device in an ambulance on a task, to
the receiving emergency department.
"""

from __future__ import annotations

import base64
import uuid
from collections.abc import Sequence
from datetime import timedelta
from typing import Any, Final

from yiqiao import db
from yiqiao.identity.service import devices
from yiqiao.kit import clock, realtime
from yiqiao.kit.actor import Actor
from yiqiao.kit.errors import Forbidden, Invalid
from yiqiao.monitoring import fanout, scope, service
from yiqiao.monitoring.ecg_types import EcgBlockView, EcgStrip
from yiqiao.monitoring.types import EcgIn

MAX_SECONDS: Final = 300
_SKEW: Final = timedelta(minutes=5)  # blocks a few minutes "ahead" (device clocks) still count


async def store_ecg(batch: Sequence[EcgIn]) -> int:
    """Insert ECG blocks in one statement; a (device, seq) already stored is skipped. Publishes
    each newly stored block after the commit. Returns how many were new."""
    if not batch:
        return 0
    rows = await db.fetch(
        "INSERT INTO ecg_block (device_id, seq, started_at, received_at, sample_rate_hz, leads,"
        " scale_uv, samples, patient_id, department_id)"
        " SELECT t.d, t.s, t.m, t.r, t.hz, string_to_array(t.l, ','), t.sc, t.x,"
        " patient_bound_at(t.d, LEAST(t.m, t.r)), t.dep"
        " FROM unnest({}::uuid[], {}::bigint[], {}::timestamptz[], {}::timestamptz[], {}::int[],"
        " {}::text[], {}::float8[], {}::bytea[], {}::uuid[]) AS t(d, s, m, r, hz, l, sc, x, dep)"
        " ON CONFLICT (device_id, seq) DO NOTHING RETURNING device_id, seq, patient_id",
        [b.device.id for b in batch],
        [b.seq for b in batch],
        [b.started_at for b in batch],
        [b.received_at for b in batch],
        [b.sample_rate_hz for b in batch],
        [",".join(b.leads) for b in batch],  # lead names never hold a comma (a closed list)
        [b.scale_uv for b in batch],
        [b.samples for b in batch],
        [b.device.department_id for b in batch],
    )
    if rows:
        # A block sent twice can sit twice in one batch: only the first copy was stored, and
        # only it goes out (pop).
        new = {(r["device_id"], r["seq"]): r["patient_id"] for r in rows}
        await realtime.publish_many(
            (ch, "ecg.block", data)
            for b in batch
            if (key := (b.device.id, b.seq)) in new
            for ch, data in _audience(b, new.pop(key))
        )
    return len(rows)


def _audience(b: EcgIn, patient_id: uuid.UUID | None) -> list[tuple[str, dict[str, Any]]]:
    dev = b.device
    data: dict[str, Any] = {
        "device_id": str(dev.id),
        "device_code": dev.code,
        "bed_label": dev.bed_label,
        "patient_id": str(patient_id) if patient_id else None,
        "seq": b.seq,
        "started_at": b.started_at.isoformat(),
        "sample_rate_hz": b.sample_rate_hz,
        "leads": b.leads,
        "scale_uv": b.scale_uv,
        "samples": base64.b64encode(b.samples).decode(),
    }
    out = [(ch, data) for ch in fanout.audience(dev.department_id, patient_id)]
    if dev.task_department_id is not None and dev.task_department_id != dev.department_id:
        ed = realtime.channel("department", dev.task_department_id)
        out.append((ed, {**data, "task_id": str(dev.task_id), "vehicle_id": str(dev.vehicle_id)}))
    return out


async def recent_blocks(actor: Actor, device_id: uuid.UUID, seconds: int = 30) -> EcgStrip:
    """A device's blocks that started within the last ``seconds`` (1–300), oldest first.

    Staff of the device's ward (its home ward or the ward of the bed it is on) see the blocks
    recorded on their ward; staff of the emergency department an ambulance with this device is
    heading to see the device's blocks."""
    scope.require_staff(actor)
    if not 1 <= seconds <= MAX_SECONDS:
        raise Invalid(f"seconds must be between 1 and {MAX_SECONDS}.", code="bad_seconds")
    device = await devices.get_device(device_id)
    ref = await service.device_ref(device.code)
    wards = {device.department_id, ref.department_id if ref is not None else None} - {None}
    ed = ref.task_department_id if ref is not None else None
    if actor.kind == "system":
        only_ward = None
    elif actor.department_id is not None and actor.department_id == ed:
        only_ward = None
    elif actor.department_id is not None and actor.department_id in wards:
        only_ward = actor.department_id
    else:
        raise Forbidden("Only staff of this device's ward may watch its ECG.", code="not_ward_staff")
    now = clock.now()
    rows = await db.fetch(
        "SELECT seq, started_at, sample_rate_hz, leads, scale_uv, samples, patient_id FROM ecg_block"
        " WHERE device_id = {} AND started_at > {} AND started_at <= {}"
        " AND ({}::uuid IS NULL OR department_id = {})"
        " ORDER BY started_at, seq LIMIT 2000",
        device_id,
        now - timedelta(seconds=seconds),
        now + _SKEW,
        only_ward,
        only_ward,
    )
    return EcgStrip(
        device_id=device_id,
        device_code=device.code,
        seconds=seconds,
        blocks=[EcgBlockView(**r) for r in rows],
    )
