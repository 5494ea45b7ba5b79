"""Realtime fan-out of what the gateway stored: to the ward (department) and to the patient.

Messages go out through :func:`yiqiao.kit.realtime.publish_many`, one Redis pipeline per batch
(a 500-reading batch is one round trip, not 500), best effort: the data is already stored, and a
screen that missed a message reloads ``latest_readings`` when it reconnects.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any, Final

from yiqiao.kit import realtime
from yiqiao.monitoring.types import ReadingIn


def audience(department_id: uuid.UUID | None, patient_id: uuid.UUID | None) -> list[str]:
    chans = []
    if department_id is not None:
        chans.append(realtime.channel("department", department_id))
    if patient_id is not None:
        chans.append(realtime.channel("patient", patient_id))
    return chans


# Positions travel as telemetry readings with these codes (local codes: neither MDC nor LOINC
# has one for a position). Units: "deg" (WGS-84 latitude/longitude, GCJ-02 not used), "km/h", "deg".
GPS_CODES: Final[dict[str, str]] = {
    "GPS_LAT": "lat",
    "GPS_LON": "lon",
    "GPS_SPEED": "speed_kmh",
    "GPS_HEADING": "heading_deg",
}


def ambulance(stored: Iterable[tuple[ReadingIn, uuid.UUID | None]]) -> list[tuple[str, str, dict[str, Any]]]:
    """Readings of devices in an ambulance on a task, for the receiving emergency department:
    one ``ambulance.position`` per telemetry message that carries a position, and one
    ``ambulance.vitals`` per other reading."""
    out: list[tuple[str, str, dict[str, Any]]] = []
    positions: dict[tuple[uuid.UUID, int], tuple[str, dict[str, Any]]] = {}
    for r, patient in stored:
        dev = r.device
        if dev.task_department_id is None:
            continue
        ch = realtime.channel("department", dev.task_department_id)
        base: dict[str, Any] = {
            "task_id": str(dev.task_id),
            "vehicle_id": str(dev.vehicle_id),
            "device_id": str(dev.id),
            "device_code": dev.code,
            "patient_id": str(patient) if patient else None,
            "measured_at": r.measured_at.isoformat(),
        }
        field = GPS_CODES.get(r.code)
        if field is None:
            out.append((ch, "ambulance.vitals", {**base, "code": r.code, "value": r.value, "unit": r.unit}))
        else:
            positions.setdefault((dev.id, r.seq), (ch, base))[1][field] = r.value
    out.extend(
        (ch, "ambulance.position", pos) for ch, pos in positions.values() if "lat" in pos and "lon" in pos
    )
    return out
