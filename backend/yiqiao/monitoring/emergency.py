"""Ambulances and emergency tasks (004 §3.7.5; 000 §5.1.4): a vehicle runs one task at a time,
and the devices mounted in it (see ``bindings``) feed the receiving emergency department.

The task's state machine lives here and only here::

    dispatched → onboard → transporting → arrived → handed_over
         └──────────┴───────────┴────────────┴──→ cancelled

``handed_over`` and ``cancelled`` are final. Every transition is audited.
"""

from __future__ import annotations

import uuid
from typing import Any, Final

from asyncpg.exceptions import ForeignKeyViolationError, UniqueViolationError

from yiqiao import db
from yiqiao.audit import service as audit
from yiqiao.kit import clock
from yiqiao.kit.actor import Actor
from yiqiao.kit.errors import Conflict, Invalid, NotFound
from yiqiao.kit.ids import new_id
from yiqiao.monitoring import bindings, scope
from yiqiao.monitoring.binding_types import (
    ActiveTask,
    NewTask,
    NewVehicle,
    TaskStatus,
    TaskView,
    VehicleView,
)

TRANSITIONS: Final[dict[TaskStatus, frozenset[TaskStatus]]] = {
    "dispatched": frozenset({"onboard", "cancelled"}),
    "onboard": frozenset({"transporting", "cancelled"}),
    "transporting": frozenset({"arrived", "cancelled"}),
    "arrived": frozenset({"handed_over", "cancelled"}),
    "handed_over": frozenset(),
    "cancelled": frozenset(),
}
ACTIVE: Final[tuple[TaskStatus, ...]] = ("dispatched", "onboard", "transporting", "arrived")
INBOUND: Final[tuple[TaskStatus, ...]] = ("dispatched", "onboard", "transporting", "arrived")
_TASK_COLUMNS = (
    "id, institution AS institution_id, vehicle_id, status, destination_institution AS"
    " destination_institution_id, destination_department AS destination_department_id, patient_id,"
    " summary, created_at, updated_at, closed_at"
)


def can_transition(current: TaskStatus, to: TaskStatus) -> bool:
    return to in TRANSITIONS[current]


# ---- vehicles ----


async def add_vehicle(actor: Actor, cmd: NewVehicle) -> VehicleView:
    """Register an ambulance of the caller's institution."""
    scope.require_staff(actor)
    if actor.institution_id is None:
        raise Invalid("An ambulance belongs to an institution.", code="no_institution")
    vid = new_id()
    async with db.transaction():
        try:
            await db.execute(
                "INSERT INTO ambulance_vehicle (id, institution, plate, call_sign) VALUES ({}, {}, {}, {})",
                vid,
                actor.institution_id,
                cmd.plate.strip().upper(),
                cmd.call_sign,
            )
        except UniqueViolationError:
            raise Conflict("An ambulance with this plate exists.", code="vehicle_exists") from None
        await audit.record(actor, "vehicle.add", "ambulance_vehicle", vid, {"plate": cmd.plate})
    return await get_vehicle(actor, vid)


async def get_vehicle(actor: Actor, vehicle_id: uuid.UUID) -> VehicleView:
    scope.require_staff(actor)
    rows = await db.fetch(
        "SELECT id, institution AS institution_id, plate, call_sign FROM ambulance_vehicle WHERE id = {}",
        vehicle_id,
    )
    if not rows:
        raise NotFound("No such ambulance.", code="vehicle_not_found")
    scope.require_institution_staff(actor, rows[0]["institution_id"])
    mounted = await bindings.devices_in_vehicles([vehicle_id])
    return VehicleView(**rows[0], device_ids=mounted.get(vehicle_id, []))


async def vehicles(actor: Actor) -> list[VehicleView]:
    """The caller's institution's ambulances with the devices mounted in each."""
    scope.require_staff(actor)
    rows = await db.fetch(
        "SELECT id, institution AS institution_id, plate, call_sign FROM ambulance_vehicle"
        " WHERE institution = {} ORDER BY plate",
        actor.institution_id,
    )
    mounted = await bindings.devices_in_vehicles([r["id"] for r in rows])
    return [VehicleView(**r, device_ids=mounted.get(r["id"], [])) for r in rows]


# ---- tasks ----


def _task(r: dict[str, Any]) -> TaskView:
    return TaskView(**r)


async def _load(task_id: uuid.UUID, *, lock: bool = False) -> TaskView:
    rows = await db.fetch(
        f"SELECT {_TASK_COLUMNS} FROM emergency_task WHERE id = {{}}{' FOR UPDATE' if lock else ''}",  # noqa: S608 (constant columns; values bound)
        task_id,
    )
    if not rows:
        raise NotFound("No such emergency task.", code="task_not_found")
    return _task(rows[0])


async def create_task(actor: Actor, cmd: NewTask) -> TaskView:
    """Dispatch a vehicle of the caller's institution to an emergency department."""
    scope.require_staff(actor)
    vehicle = await get_vehicle(actor, cmd.vehicle_id)
    dest = await db.fetch("SELECT institution FROM department WHERE id = {}", cmd.destination_department_id)
    if not dest:
        raise NotFound("No such destination department.", code="department_not_found")
    task_id, now = new_id(), clock.now()
    async with db.transaction():
        try:
            await db.execute(
                "INSERT INTO emergency_task (id, institution, vehicle_id, status, destination_institution,"
                " destination_department, patient_id, summary, created_at, updated_at)"
                " VALUES ({}, {}, {}, 'dispatched', {}, {}, {}, {}, {}, {})",
                task_id,
                vehicle.institution_id,
                vehicle.id,
                dest[0]["institution"],
                cmd.destination_department_id,
                cmd.patient_id,
                cmd.summary,
                now,
                now,
            )
        except UniqueViolationError:
            raise Conflict("This ambulance is already on a task.", code="vehicle_busy") from None
        except ForeignKeyViolationError:
            raise NotFound("No such patient.", code="patient_not_found") from None
        await audit.record(
            actor,
            "emergency_task.dispatch",
            "emergency_task",
            task_id,
            {"vehicle_id": str(vehicle.id), "destination": str(cmd.destination_department_id)},
            institution_id=vehicle.institution_id,
        )
    return await _load(task_id)


async def transition(actor: Actor, task_id: uuid.UUID, to: TaskStatus) -> TaskView:
    """Move a task along its state machine. Staff of the dispatching institution or of the
    receiving department."""
    scope.require_staff(actor)
    async with db.transaction():
        task = await _load(task_id, lock=True)
        if actor.kind != "system" and actor.department_id != task.destination_department_id:
            scope.require_institution_staff(actor, task.institution_id)
        if not can_transition(task.status, to):
            raise Conflict(
                f"An emergency task cannot go from {task.status} to {to}.",
                code="task_bad_transition",
                current_status=task.status,
            )
        now = clock.now()
        await db.execute(
            "UPDATE emergency_task SET status = {}, updated_at = {}, closed_at = {} WHERE id = {}",
            to,
            now,
            now if not TRANSITIONS[to] else None,
            task_id,
        )
        await audit.record(
            actor,
            f"emergency_task.{to}",
            "emergency_task",
            task_id,
            {"from": task.status, "to": to},
            institution_id=task.institution_id,
        )
    return await _load(task_id)


async def get_task(actor: Actor, task_id: uuid.UUID) -> TaskView:
    scope.require_staff(actor)
    task = await _load(task_id)
    if actor.kind != "system" and actor.department_id != task.destination_department_id:
        scope.require_institution_staff(actor, task.institution_id)
    return task


async def inbound_tasks(department_id: uuid.UUID) -> list[TaskView]:
    """Tasks heading to (or just arrived at) this department, oldest first. No actor: callers
    check the department is the caller's."""
    rows = await db.fetch(
        f"SELECT {_TASK_COLUMNS} FROM emergency_task WHERE destination_department = {{}}"  # noqa: S608 (constant columns; values bound)
        " AND status = ANY({}) ORDER BY created_at",
        department_id,
        list(INBOUND),
    )
    return [_task(r) for r in rows]


async def active_tasks_of(vehicle_ids: list[uuid.UUID]) -> dict[uuid.UUID, ActiveTask]:
    """vehicle → its running task (the gateway's registry routes ambulance data with this)."""
    rows = await db.fetch(
        "SELECT id, vehicle_id, destination_department, patient_id FROM emergency_task"
        " WHERE vehicle_id = ANY({}) AND status = ANY({})",
        vehicle_ids,
        list(ACTIVE),
    )
    return {
        r["vehicle_id"]: ActiveTask(
            task_id=r["id"], destination_department_id=r["destination_department"], patient_id=r["patient_id"]
        )
        for r in rows
    }
