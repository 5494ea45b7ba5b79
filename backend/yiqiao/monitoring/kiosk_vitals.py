"""Vital signs measured on a kiosk's peripheral (003 §6-5, §7.5-5): the kiosk posts the
measurement and it is stored as readings of the citizen whose session is open at that kiosk."""

from __future__ import annotations

import time
from datetime import timedelta

from yiqiao import db
from yiqiao.audit import service as audit
from yiqiao.identity.service import devices
from yiqiao.identity.service.access import require_patient_access
from yiqiao.kit import clock
from yiqiao.kit.actor import Actor
from yiqiao.kit.errors import Forbidden, Invalid
from yiqiao.monitoring import service
from yiqiao.monitoring.types import DeviceRef, ReadingIn
from yiqiao.monitoring.view_types import KioskMeasurement, KioskMeasurementResult, PatientReading

MAX_AGE = timedelta(minutes=30)
MAX_AHEAD = timedelta(minutes=5)


async def record(actor: Actor, cmd: KioskMeasurement) -> KioskMeasurementResult:
    """``actor`` is the kiosk with the citizen's session resolved (``citizen_patient_id``)."""
    patient_id = actor.citizen_patient_id
    if actor.kind != "kiosk" or actor.id is None or patient_id is None:
        raise Forbidden("Only a kiosk with an open citizen session records a measurement.", code="no_citizen")
    await require_patient_access(actor, patient_id)
    kiosk = await devices.get_device(actor.id)
    now = clock.now()
    measured_at = cmd.measured_at or now
    if not now - MAX_AGE <= measured_at <= now + MAX_AHEAD:
        raise Invalid("measured_at must be within the last 30 minutes.", code="measurement_too_old")
    seq = cmd.seq if cmd.seq is not None else time.time_ns() // 1000
    ref = DeviceRef(
        id=kiosk.id,
        code=kiosk.code,
        kind=kiosk.kind,
        institution_id=kiosk.institution_id,
        department_id=kiosk.department_id,
        patient_id=patient_id,
        bed_label=kiosk.bed_label,
    )
    batch = [
        ReadingIn(
            device=ref,
            seq=seq,
            code=m.code,
            value=m.value,
            unit=m.unit,
            measured_at=measured_at,
            received_at=now,
            patient_id=patient_id,
        )
        for m in cmd.readings
    ]
    async with db.transaction():
        new = await service.insert_readings(batch)
        stored = len(new)
        await audit.record(
            actor,
            "reading.kiosk_measurement",
            "patient",
            patient_id,
            {"device_id": str(kiosk.id), "peripheral": cmd.peripheral, "seq": seq, "stored": stored},
            institution_id=kiosk.institution_id,
        )
    await service.publish_readings(new)  # only once committed: a screen never shows a rolled-back reading
    return KioskMeasurementResult(
        stored=stored,
        seq=seq,
        readings=[
            PatientReading(
                device_id=kiosk.id, code=m.code, value=m.value, unit=m.unit, measured_at=measured_at
            )
            for m in cmd.readings
        ],
    )
