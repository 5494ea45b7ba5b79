"""Pump ↔ infusion order (001 §7.4.3 b): which bag runs on which pump, its volume and the
prescribed rate, from when. A pump runs one infusion at a time. The state machine is
``running → ended`` (``start`` opens, ``end`` closes); both are audited. Alarm rules (time to
empty, remaining volume) read the running infusion of a pump from here."""

from __future__ import annotations

import uuid
from typing import Any, Final

from asyncpg.exceptions import ForeignKeyViolationError, UniqueViolationError

from yiqiao import db
from yiqiao.audit import service as audit
from yiqiao.identity.service import devices
from yiqiao.kit import clock
from yiqiao.kit.actor import Actor
from yiqiao.kit.errors import Conflict, Invalid, NotFound
from yiqiao.kit.ids import new_id
from yiqiao.monitoring import scope
from yiqiao.monitoring.binding_types import InfusionView, StartInfusion

TRANSITIONS: Final = {"start": (None, "running"), "end": ("running", "ended")}
_COLUMNS = (
    "id, device_id, patient_id, department_id, order_ref, bag_volume_ml, rate_ml_h, started_at, ended_at"
)


def _view(r: dict[str, Any]) -> InfusionView:
    return InfusionView(**r)


async def start(actor: Actor, cmd: StartInfusion) -> InfusionView:
    device = await devices.get_device(cmd.device_id)
    scope.require_ward_staff(actor, device.department_id)
    if device.kind != "infusion_pump" or device.department_id is None:
        raise Invalid("Only a ward's infusion pump runs an infusion.", code="not_an_infusion_pump")
    now = clock.now()
    started_at = cmd.started_at or now
    if started_at > now:
        raise Invalid("started_at is in the future.", code="bad_started_at")
    infusion_id = new_id()
    async with db.transaction():
        try:
            rows = await db.fetch(
                "INSERT INTO infusion (id, device_id, patient_id, department_id, order_ref, bag_volume_ml,"  # noqa: S608 (constant columns; values bound)
                " rate_ml_h, started_at, started_by) VALUES ({}, {}, {}, {}, {}, {}, {}, {}, {})"
                f" RETURNING {_COLUMNS}",
                infusion_id,
                device.id,
                cmd.patient_id,
                device.department_id,
                cmd.order_ref,
                cmd.bag_volume_ml,
                cmd.rate_ml_h,
                started_at,
                actor.label,
            )
        except UniqueViolationError:
            raise Conflict("This pump is already running an infusion.", code="pump_busy") from None
        except ForeignKeyViolationError:
            raise NotFound("No such patient.", code="patient_not_found") from None
        await audit.record(
            actor,
            "infusion.start",
            "infusion",
            infusion_id,
            {"device_id": str(device.id), "patient_id": str(cmd.patient_id), "rate_ml_h": cmd.rate_ml_h},
            institution_id=device.institution_id,
        )
    return _view(rows[0])


async def end(actor: Actor, infusion_id: uuid.UUID) -> InfusionView:
    rows = await db.fetch("SELECT device_id FROM infusion WHERE id = {}", infusion_id)
    if not rows:
        raise NotFound("No such infusion.", code="infusion_not_found")
    device = await devices.get_device(rows[0]["device_id"])
    scope.require_ward_staff(actor, device.department_id)
    async with db.transaction():
        rows = await db.fetch(
            f"UPDATE infusion SET ended_at = {{}}, ended_by = {{}} WHERE id = {{}} AND ended_at IS NULL"  # noqa: S608 (constant columns; values bound)
            f" RETURNING {_COLUMNS}",
            clock.now(),
            actor.label,
            infusion_id,
        )
        if not rows:
            raise Conflict("This infusion has already ended.", code="infusion_ended")
        await audit.record(
            actor, "infusion.end", "infusion", infusion_id, institution_id=device.institution_id
        )
    return _view(rows[0])


async def running_on(device_ids: list[uuid.UUID]) -> dict[uuid.UUID, InfusionView]:
    """pump → its running infusion (no actor: for alarm rules and ward screens)."""
    rows = await db.fetch(
        f"SELECT {_COLUMNS} FROM infusion WHERE device_id = ANY({{}}) AND ended_at IS NULL",  # noqa: S608 (constant columns; values bound)
        device_ids,
    )
    return {r["device_id"]: _view(r) for r in rows}
