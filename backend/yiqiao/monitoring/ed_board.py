"""The emergency department's inbound board (001 A.1 #1; 004 §3.7.5): every ambulance heading
to my department, linked to its task, with the newest vitals and position from its devices.
Live updates of the same arrive on the department's realtime channel as ``ambulance.vitals``
and ``ambulance.position`` (see ``fanout.ambulance``)."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from yiqiao import db
from yiqiao.kit import clock
from yiqiao.kit.actor import SYSTEM, Actor
from yiqiao.kit.errors import Forbidden
from yiqiao.monitoring import emergency, scope
from yiqiao.monitoring.fanout import GPS_CODES
from yiqiao.monitoring.view_types import InboundAmbulance, PatientReading, Position

WINDOW = timedelta(hours=6)


async def _latest_by_device(device_ids: list[uuid.UUID]) -> list[dict[str, Any]]:
    now = clock.now()
    return await db.fetch(
        "SELECT DISTINCT ON (device_id, code) device_id, seq, code, value, unit, measured_at FROM reading"
        " WHERE device_id = ANY({}) AND measured_at > {} AND measured_at <= {}"
        " ORDER BY device_id, code, measured_at DESC",
        device_ids,
        now - WINDOW,
        now + timedelta(minutes=5),
    )


def _position(rows: list[dict[str, Any]]) -> Position | None:
    """The newest fix that has both coordinates (from one message of one device)."""
    fixes: dict[tuple[uuid.UUID, int], dict[str, Any]] = {}
    for r in rows:
        field = GPS_CODES.get(r["code"])
        if field is not None:
            fix = fixes.setdefault((r["device_id"], r["seq"]), {"device_id": r["device_id"]})
            fix[field] = r["value"]
            fix["measured_at"] = r["measured_at"]
    complete = [f for f in fixes.values() if "lat" in f and "lon" in f]
    if not complete:
        return None
    return Position(**max(complete, key=lambda f: f["measured_at"]))


async def inbound(actor: Actor) -> list[InboundAmbulance]:
    scope.require_staff(actor)
    if actor.department_id is None:
        raise Forbidden("Your account has no department.", code="no_department")
    out = []
    for task in await emergency.inbound_tasks(actor.department_id):
        vehicle = await emergency.get_vehicle(SYSTEM, task.vehicle_id)
        rows = await _latest_by_device(vehicle.device_ids) if vehicle.device_ids else []
        vitals = [
            PatientReading(
                device_id=r["device_id"],
                code=r["code"],
                value=r["value"],
                unit=r["unit"],
                measured_at=r["measured_at"],
            )
            for r in rows
            if r["code"] not in GPS_CODES
        ]
        out.append(InboundAmbulance(task=task, vehicle=vehicle, vitals=vitals, position=_position(rows)))
    return out
