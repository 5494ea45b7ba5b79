"""Scoped reads that export monitoring data as FHIR: a ward's readings and its devices.

The scoping is the ward board's (``service.latest_readings``): staff see what belongs to their
own department, the system sees everything. A reading is visible through the department it was
stored under, a device through the department it sits in now.
"""

from __future__ import annotations

import uuid
from typing import Any

from yiqiao import db
from yiqiao.identity.service import devices
from yiqiao.kit.actor import Actor
from yiqiao.monitoring import fhir
from yiqiao.monitoring.service import _require_ward_staff

MAX_COUNT = 1_000


async def ward_observations(
    actor: Actor,
    department_id: uuid.UUID,
    *,
    patient_id: uuid.UUID | None = None,
    device_id: uuid.UUID | None = None,
    loinc: str | None = None,
    count: int = 100,
) -> tuple[list[dict[str, Any]], bool]:
    """The newest readings of a ward as Observations, newest first (optionally one patient's,
    one device's, one LOINC code's). Returns (observations, more): ``more`` when ``count``
    stored readings were not all there is. A BP panel counts its parts."""
    _require_ward_staff(actor, department_id)
    count = max(1, min(count, MAX_COUNT))
    codes = sorted(fhir.codes_for_loinc(loinc)) if loinc is not None else None
    if codes == []:
        return [], False
    rows = await db.fetch(
        "SELECT r.device_id, r.seq, r.code, r.value, r.unit, r.measured_at, r.patient_id"
        " FROM reading r WHERE r.department_id = {}"
        " AND ({}::uuid IS NULL OR r.patient_id = {})"
        " AND ({}::uuid IS NULL OR r.device_id = {})"
        " AND ({}::text[] IS NULL OR r.code = ANY({}::text[]))"
        " ORDER BY r.measured_at DESC, r.device_id, r.seq, r.code LIMIT {}",
        department_id,
        patient_id,
        patient_id,
        device_id,
        device_id,
        codes,
        codes,
        count + 1,
    )
    more = len(rows) > count
    if more:
        # Keep the message the cut fell into whole for the next page: no half BP panel.
        cut = rows[count]
        rows = [
            r
            for r in rows[:count]
            if (r["device_id"], r["seq"], r["measured_at"])
            != (cut["device_id"], cut["seq"], cut["measured_at"])
        ]
    if loinc is not None:
        rows = [r for r in rows if loinc in fhir.loinc_matches(r["code"], r["unit"])]
    known = await devices.devices_by_id(list({r["device_id"] for r in rows}))
    readings = [
        fhir.FhirReading(device_code=d.code, **r)
        for r in rows
        if (d := known.get(r["device_id"])) is not None
    ]
    return fhir.observations(readings), more


async def ward_device(actor: Actor, device_id: uuid.UUID) -> dict[str, Any]:
    """A device of the actor's ward as a FHIR Device. NotFound / Forbidden otherwise."""
    view = await devices.get_device(device_id)
    _require_ward_staff(actor, view.department_id)
    active = await devices.get_device_by_code(view.code) is not None
    return fhir.device(
        id=view.id,
        code=view.code,
        kind=view.kind,
        name=view.name,
        institution_id=view.institution_id,
        bed_label=view.bed_label,
        location=view.location,
        active=active,
    )
