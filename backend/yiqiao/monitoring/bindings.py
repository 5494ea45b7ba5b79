"""Device bindings with history: device ↔ patient, device ↔ bed of a ward, device ↔ ambulance.

The state machine of one binding is ``open → closed`` and nothing else (``bind`` opens, ``unbind``
closes; a closed binding is history and never reopens). A device has at most one open binding
per kind — one patient, one bed, one vehicle (004 §3.7.5.4) — enforced here with a clear answer
and by a partial unique index in the database for races. Binding to what the device is already
bound to returns the open binding unchanged; binding to something else while bound is refused
(unbind first), so nobody moves a device off a patient by accident.

Readings are stamped with the patient whose binding was open at the moment they were measured
(see ``service.store_readings``), so history stays right when a device changes hands.
Only staff of the device's ward change bindings; every transition is audited.
"""

from __future__ import annotations

import uuid
from typing import Any, Final

from asyncpg.exceptions import ForeignKeyViolationError, UniqueViolationError

from yiqiao import db
from yiqiao.audit import service as audit
from yiqiao.identity.service import devices
from yiqiao.kit import clock
from yiqiao.kit.actor import Actor
from yiqiao.kit.errors import Conflict, Forbidden, Invalid, NotFound
from yiqiao.monitoring import scope
from yiqiao.monitoring.binding_types import (
    Bind,
    BindBed,
    BindingKind,
    BindingView,
    BindPatient,
    BindVehicle,
    CurrentBindings,
)

# The one state machine of a binding: transition name → (from, to). None is "no binding yet".
TRANSITIONS: Final[dict[str, tuple[str | None, str]]] = {"bind": (None, "open"), "unbind": ("open", "closed")}
# Which device kinds may go where. A kiosk or IPTV box is placed by IT, not bound here.
BINDABLE: Final[dict[BindingKind, frozenset[str]]] = {
    "patient": frozenset(
        {
            "wearable",
            "bp_monitor",
            "glucometer",
            "ecg",
            "ambulance_monitor",
            "infusion_pump",
            "bed_sensor",
            "mattress",
        }
    ),
    "bed": frozenset(
        {
            "wearable",
            "bp_monitor",
            "glucometer",
            "ecg",
            "infusion_pump",
            "bed_sensor",
            "mattress",
            "call_button",
            "env_sensor",
        }
    ),
    "vehicle": frozenset({"ambulance_monitor", "ecg", "infusion_pump"}),
}
_COLUMNS = (
    "id, device_id, kind, patient_id, department_id, bed_label, vehicle_id, valid_from, valid_to,"
    " bound_by, unbound_by"
)


def _view(r: dict[str, Any]) -> BindingView:
    return BindingView(**r)


def _kind_of(cmd: Bind) -> BindingKind:
    if isinstance(cmd, BindPatient):
        return "patient"
    if isinstance(cmd, BindBed):
        return "bed"
    return "vehicle"


def _same_target(row: dict[str, Any], cmd: Bind) -> bool:
    if isinstance(cmd, BindPatient):
        return bool(row["patient_id"] == cmd.patient_id)
    if isinstance(cmd, BindBed):
        return bool(row["department_id"] == cmd.department_id and row["bed_label"] == cmd.bed_label)
    return bool(row["vehicle_id"] == cmd.vehicle_id)


async def _open_binding(device_id: uuid.UUID, kind: BindingKind) -> dict[str, Any] | None:
    rows = await db.fetch(
        f"SELECT {_COLUMNS} FROM device_binding WHERE device_id = {{}} AND kind = {{}} AND valid_to IS NULL",  # noqa: S608 (constant columns; values bound)
        device_id,
        kind,
    )
    return rows[0] if rows else None


async def _check_target(actor: Actor, institution_id: uuid.UUID, cmd: Bind) -> None:
    if isinstance(cmd, BindBed):
        scope.require_ward_staff(actor, cmd.department_id)
    elif isinstance(cmd, BindVehicle):
        rows = await db.fetch("SELECT institution FROM ambulance_vehicle WHERE id = {}", cmd.vehicle_id)
        if not rows:
            raise NotFound("No such ambulance.", code="vehicle_not_found")
        if rows[0]["institution"] != institution_id:
            raise Forbidden("This ambulance belongs to another institution.", code="vehicle_elsewhere")


async def bind(actor: Actor, device_id: uuid.UUID, cmd: Bind) -> BindingView:
    """Open a binding (transition ``bind``). Staff of the device's ward, or the system."""
    device = await devices.get_device(device_id)
    scope.require_ward_staff(actor, device.department_id)
    kind = _kind_of(cmd)
    if device.kind not in BINDABLE[kind]:
        raise Invalid(f"A {device.kind} cannot be bound to a {kind}.", code="binding_not_allowed")
    await _check_target(actor, device.institution_id, cmd)
    async with db.transaction():
        current = await _open_binding(device_id, kind)
        if current is not None:
            if _same_target(current, cmd):
                return _view(current)
            raise Conflict(
                f"This device is already bound to a {kind}; unbind it first.",
                code="device_already_bound",
                binding_id=current["id"],
            )
        try:
            rows = await db.fetch(
                "INSERT INTO device_binding (device_id, kind, patient_id, department_id, bed_label,"  # noqa: S608 (constant columns; values bound)
                " vehicle_id, valid_from, bound_by) VALUES ({}, {}, {}, {}, {}, {}, {}, {})"
                f" RETURNING {_COLUMNS}",
                device_id,
                kind,
                cmd.patient_id if isinstance(cmd, BindPatient) else None,
                cmd.department_id if isinstance(cmd, BindBed) else None,
                cmd.bed_label if isinstance(cmd, BindBed) else "",
                cmd.vehicle_id if isinstance(cmd, BindVehicle) else None,
                clock.now(),
                actor.label,
            )
        except UniqueViolationError:
            raise Conflict(
                f"This device was just bound to a {kind} by someone else.", code="device_already_bound"
            ) from None
        except ForeignKeyViolationError:
            raise NotFound(f"No such {kind} to bind the device to.", code=f"{kind}_not_found") from None
        view = _view(rows[0])
        await audit.record(
            actor,
            "device_binding.bind",
            "device",
            device_id,
            {"binding_id": view.id, "kind": kind, "target": _target(view)},
            institution_id=device.institution_id,
        )
    return view


async def unbind(actor: Actor, device_id: uuid.UUID, kind: BindingKind) -> BindingView:
    """Close the open binding of this kind (transition ``unbind``)."""
    device = await devices.get_device(device_id)
    scope.require_ward_staff(actor, device.department_id)
    async with db.transaction():
        rows = await db.fetch(
            "UPDATE device_binding SET valid_to = {}, unbound_by = {}"  # noqa: S608 (constant columns; values bound)
            " WHERE device_id = {} AND kind = {} AND valid_to IS NULL"
            f" RETURNING {_COLUMNS}",
            clock.now(),
            actor.label,
            device_id,
            kind,
        )
        if not rows:
            raise NotFound(f"This device is not bound to a {kind}.", code="binding_not_found")
        view = _view(rows[0])
        await audit.record(
            actor,
            "device_binding.unbind",
            "device",
            device_id,
            {"binding_id": view.id, "kind": kind, "target": _target(view)},
            institution_id=device.institution_id,
        )
    return view


def _target(v: BindingView) -> str:
    if v.kind == "patient":
        return str(v.patient_id)
    if v.kind == "bed":
        return f"{v.department_id}/{v.bed_label}"
    return str(v.vehicle_id)


async def history(actor: Actor, device_id: uuid.UUID, kind: BindingKind | None = None) -> list[BindingView]:
    """Every binding of a device, newest first. Staff of the device's ward."""
    device = await devices.get_device(device_id)
    scope.require_ward_staff(actor, device.department_id)
    rows = await db.fetch(
        f"SELECT {_COLUMNS} FROM device_binding WHERE device_id = {{}}"  # noqa: S608 (constant columns; values bound)
        " AND ({}::text IS NULL OR kind = {})"
        " ORDER BY valid_from DESC, id DESC LIMIT 500",
        device_id,
        kind,
        kind,
    )
    return [_view(r) for r in rows]


async def current_of(device_ids: list[uuid.UUID]) -> dict[uuid.UUID, CurrentBindings]:
    """Open bindings of these devices (no actor: the gateway's registry and the core's views)."""
    rows = await db.fetch(
        "SELECT device_id, kind, patient_id, department_id, bed_label, vehicle_id FROM device_binding"
        " WHERE device_id = ANY({}) AND valid_to IS NULL",
        device_ids,
    )
    out: dict[uuid.UUID, CurrentBindings] = {}
    for r in rows:
        cur = out.setdefault(r["device_id"], CurrentBindings())
        if r["kind"] == "patient":
            cur.patient_id = r["patient_id"]
        elif r["kind"] == "bed":
            cur.department_id, cur.bed_label = r["department_id"], r["bed_label"]
        else:
            cur.vehicle_id = r["vehicle_id"]
    return out


async def devices_in_vehicles(vehicle_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[uuid.UUID]]:
    """vehicle → the devices mounted in it now."""
    rows = await db.fetch(
        "SELECT vehicle_id, device_id FROM device_binding WHERE kind = 'vehicle' AND valid_to IS NULL"
        " AND vehicle_id = ANY({}) ORDER BY device_id",
        vehicle_ids,
    )
    out: dict[uuid.UUID, list[uuid.UUID]] = {}
    for r in rows:
        out.setdefault(r["vehicle_id"], []).append(r["device_id"])
    return out


async def devices_of_patient(patient_id: uuid.UUID) -> list[uuid.UUID]:
    """Every device ever bound to this patient (their readings carry the patient id anyway)."""
    rows = await db.fetch(
        "SELECT DISTINCT device_id FROM device_binding WHERE kind = 'patient' AND patient_id = {}", patient_id
    )
    return [r["device_id"] for r in rows]
