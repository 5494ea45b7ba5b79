"""What screens see of readings, device status and inbound ambulances."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

import msgspec
from msgspec import Meta

from yiqiao.monitoring.binding_types import TaskView, VehicleView
from yiqiao.monitoring.types import MAX_READINGS, Measurement


class PatientReading(msgspec.Struct, frozen=True, kw_only=True):
    device_id: uuid.UUID
    code: str
    value: float
    unit: str
    measured_at: datetime


class TrendPoint(msgspec.Struct, frozen=True, kw_only=True):
    """One time bucket of one code: mean, low and high of the readings in it."""

    code: str
    unit: str
    bucket_start: datetime
    mean: float
    low: float
    high: float
    count: int


class PatientVitals(msgspec.Struct, kw_only=True):
    """The newest value of each code and a bucketed trend over the window."""

    patient_id: uuid.UUID
    since: datetime
    bucket_s: int
    latest: list[PatientReading]
    trend: list[TrendPoint]


class PatientReadings(PatientVitals, kw_only=True):
    """A patient's own readings: the raw points too (newest first, at most ``limit``)."""

    points: list[PatientReading] = []


class DeviceStatusView(msgspec.Struct, kw_only=True):
    device_id: uuid.UUID
    code: str
    kind: str
    name: str
    department_id: uuid.UUID | None
    location: str
    bed_label: str
    # unknown: the device never reported a status
    state: Literal["online", "offline", "unknown"]
    battery: int | None = None
    firmware: str | None = None
    rssi: int | None = None
    last_seen_at: datetime | None = None


class Position(msgspec.Struct, frozen=True, kw_only=True):
    lat: float
    lon: float
    speed_kmh: float | None = None
    heading_deg: float | None = None
    measured_at: datetime
    device_id: uuid.UUID


class InboundAmbulance(msgspec.Struct, kw_only=True):
    """An ambulance on its way to my emergency department: the task, the vehicle, the newest
    vitals from its devices and its newest position."""

    task: TaskView
    vehicle: VehicleView
    vitals: list[PatientReading]
    position: Position | None


Peripheral = Literal["bp_cuff", "thermometer", "pulse_oximeter", "scale", "glucometer", "other"]


class KioskMeasurement(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """A measurement from a vital-sign peripheral on a kiosk (BP cuff, thermometer…)."""

    peripheral: Peripheral
    readings: Annotated[list[Measurement], Meta(min_length=1, max_length=MAX_READINGS)]
    measured_at: Annotated[datetime, Meta(tz=True)] | None = None
    # The kiosk's own measurement number, so a resent measurement is stored once.
    seq: Annotated[int, Meta(ge=0, le=2**63 - 1)] | None = None


class KioskMeasurementResult(msgspec.Struct, kw_only=True):
    stored: int
    seq: int
    readings: list[PatientReading]
