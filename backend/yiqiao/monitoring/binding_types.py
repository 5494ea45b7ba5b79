"""Commands and views of device bindings, ambulance vehicles, emergency tasks and infusions."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

import msgspec
from msgspec import Meta

BindingKind = Literal["patient", "bed", "vehicle"]
BedLabel = Annotated[str, Meta(min_length=1, max_length=16, pattern=r"^[A-Za-z0-9_-]+$")]


class BindPatient(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, tag="patient", tag_field="kind"):
    """Put the device on a patient (a wearable, a home device, a bedside monitor)."""

    patient_id: uuid.UUID


class BindBed(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, tag="bed", tag_field="kind"):
    """Put the device on a bed of a ward (the ward must be the caller's)."""

    department_id: uuid.UUID
    bed_label: BedLabel


class BindVehicle(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, tag="vehicle", tag_field="kind"):
    """Mount the device in an ambulance. A device is in one vehicle at a time."""

    vehicle_id: uuid.UUID


Bind = BindPatient | BindBed | BindVehicle


class BindingView(msgspec.Struct, kw_only=True):
    id: int
    device_id: uuid.UUID
    kind: BindingKind
    patient_id: uuid.UUID | None
    department_id: uuid.UUID | None
    bed_label: str
    vehicle_id: uuid.UUID | None
    valid_from: datetime
    valid_to: datetime | None
    bound_by: str
    unbound_by: str | None


class CurrentBindings(msgspec.Struct, kw_only=True):
    """What one device is bound to right now (the gateway's registry reads this)."""

    patient_id: uuid.UUID | None = None
    department_id: uuid.UUID | None = None
    bed_label: str | None = None
    vehicle_id: uuid.UUID | None = None


# ---- ambulances and emergency tasks ----

TaskStatus = Literal["dispatched", "onboard", "transporting", "arrived", "handed_over", "cancelled"]
Plate = Annotated[str, Meta(min_length=2, max_length=16)]


class NewVehicle(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    plate: Plate
    call_sign: Annotated[str, Meta(max_length=32)] = ""


class VehicleView(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    institution_id: uuid.UUID
    plate: str
    call_sign: str
    device_ids: list[uuid.UUID] = []


class NewTask(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    vehicle_id: uuid.UUID
    destination_department_id: uuid.UUID
    summary: Annotated[str, Meta(max_length=200)] = ""
    patient_id: uuid.UUID | None = None


class TaskTransition(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    to: TaskStatus


class TaskView(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    institution_id: uuid.UUID
    vehicle_id: uuid.UUID
    status: TaskStatus
    destination_institution_id: uuid.UUID
    destination_department_id: uuid.UUID
    patient_id: uuid.UUID | None
    summary: str
    created_at: datetime
    updated_at: datetime
    closed_at: datetime | None


class ActiveTask(msgspec.Struct, frozen=True, kw_only=True):
    """A vehicle's running task, as the gateway's registry needs it."""

    task_id: uuid.UUID
    destination_department_id: uuid.UUID
    patient_id: uuid.UUID | None


# ---- infusions ----

Millilitres = Annotated[float, Meta(gt=0, le=5000, description="Bag volume, ml")]
MlPerHour = Annotated[float, Meta(gt=0, le=2000, description="Prescribed rate, ml/h")]


class StartInfusion(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    device_id: uuid.UUID
    patient_id: uuid.UUID
    bag_volume_ml: Millilitres
    rate_ml_h: MlPerHour
    order_ref: Annotated[str, Meta(max_length=64)] = ""
    started_at: Annotated[datetime, Meta(tz=True)] | None = None


class InfusionView(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    device_id: uuid.UUID
    patient_id: uuid.UUID
    department_id: uuid.UUID
    order_ref: str
    bag_volume_ml: float
    rate_ml_h: float
    started_at: datetime
    ended_at: datetime | None
