"""Monitoring types: the MQTT payloads devices send (the published contract, see
``schemas/asyncapi``), and the rows and views the service works with."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal, TypeAlias

import msgspec
from msgspec import Meta

MAX_READINGS = 64
MAX_PAYLOAD_BYTES = 64 * 1024

Seq = Annotated[
    int,
    Meta(
        ge=0,
        le=2**63 - 1,
        description=(
            "Per-device message number: never repeats and never goes back, also across reboots. A "
            "message sent again keeps its seq, so it is stored once."
        ),
    ),
]
DeviceTime = Annotated[datetime, Meta(tz=True, description="Device clock, RFC 3339 with an offset.")]
EventKind = Literal["fall", "sos", "infusion_complete", "occlusion", "bed_exit", "call_button"]


# ---- MQTT payloads (devices → gateway). Changing these changes the published contract. ----


class Measurement(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """One observation: a code, a value and its UCUM unit."""

    code: Annotated[
        str,
        Meta(
            min_length=1,
            max_length=64,
            pattern=r"^[A-Za-z0-9_.:-]+$",
            description='MDC (e.g. "MDC_PULS_RATE") or LOINC (e.g. "8867-4") code.',
        ),
    ]
    value: float
    unit: Annotated[
        str, Meta(min_length=1, max_length=32, description='UCUM unit, e.g. "/min", "%", "mm[Hg]", "Cel".')
    ]


class Telemetry(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """Topic ``devices/{code}/telemetry``: readings measured at one moment."""

    seq: Seq
    ts: DeviceTime
    readings: Annotated[list[Measurement], Meta(min_length=1, max_length=MAX_READINGS)]


class DeviceEvent(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """Topic ``devices/{code}/events``: something happened that a person may need to act on."""

    seq: Seq
    ts: DeviceTime
    event: EventKind
    detail: dict[str, Any] = msgspec.field(default_factory=dict)


class DeviceStatus(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """Topic ``devices/{code}/status`` (retained; also the Last Will with ``online: false``)."""

    ts: DeviceTime
    online: bool
    battery: Annotated[int, Meta(ge=0, le=100, description="Battery charge, percent.")] | None = None
    firmware: Annotated[str, Meta(max_length=64)] | None = None
    rssi: Annotated[int, Meta(ge=-150, le=0, description="Signal strength, dBm.")] | None = None


EcgLead = Literal["I", "II", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3", "V4", "V5", "V6"]
ECG_MAX_BLOCK_S = 10


class EcgBlock(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """Topic ``devices/{code}/ecg``: a block of ECG samples (e.g. one second), all leads at once.

    ``samples`` is base64 of little-endian signed 16-bit integers, interleaved by lead: the
    first sample of every lead in ``leads`` order, then the second of every lead, and so on. Its
    decoded length is therefore a multiple of 2 × the number of leads, and the block covers at
    most 10 s (samples per lead ÷ ``sample_rate_hz``). A sample times ``scale_uv`` is microvolts.
    The whole message must also fit in the payload limit (a 1 s block of 12 leads at 500 Hz is
    about 16 kB)."""

    seq: Seq
    ts: Annotated[
        datetime,
        Meta(tz=True, description="Device clock at the block's first sample, RFC 3339 with an offset."),
    ]
    sample_rate_hz: Annotated[int, Meta(ge=125, le=1000, description="Samples per second per lead.")]
    leads: Annotated[
        list[EcgLead], Meta(min_length=1, max_length=12, description="The leads in the block, each once.")
    ]
    scale_uv: Annotated[
        float, Meta(gt=0, le=1000, description="Microvolts per count (e.g. 2.5: 1 mV is 400 counts).")
    ]
    samples: Annotated[
        bytes,
        Meta(
            min_length=2,
            description="Base64 of little-endian int16 samples, interleaved by lead (see above).",
        ),
    ]

    def __post_init__(self) -> None:
        # Raised here, msgspec reports it as a ValidationError: the gateway dead-letters the
        # message as ``malformed`` like any other bad payload.
        if len(set(self.leads)) != len(self.leads):
            raise ValueError("leads must be distinct")
        frame = 2 * len(self.leads)
        if len(self.samples) % frame:
            raise ValueError(
                f"samples is {len(self.samples)} bytes, not a multiple of 2 x {len(self.leads)} leads"
            )
        if len(self.samples) // frame > ECG_MAX_BLOCK_S * self.sample_rate_hz:
            raise ValueError(f"a block covers at most {ECG_MAX_BLOCK_S} s")

    @property
    def samples_per_lead(self) -> int:
        return len(self.samples) // (2 * len(self.leads))


Payload: TypeAlias = Telemetry | DeviceEvent | DeviceStatus | EcgBlock
PAYLOAD_TYPES: dict[str, type[Telemetry] | type[DeviceEvent] | type[DeviceStatus] | type[EcgBlock]] = {
    "telemetry": Telemetry,
    "events": DeviceEvent,
    "status": DeviceStatus,
    "ecg": EcgBlock,
}


# ---- What the gateway hands the service, and what the service returns. ----


class DeviceRef(msgspec.Struct, frozen=True, kw_only=True):
    """What the gateway needs to know about a device code (cached)."""

    id: uuid.UUID
    code: str
    kind: str
    institution_id: uuid.UUID
    department_id: uuid.UUID | None
    patient_id: uuid.UUID | None
    bed_label: str
    # Set for a device mounted in an ambulance (see monitoring.bindings / monitoring.emergency).
    vehicle_id: uuid.UUID | None = None
    task_id: uuid.UUID | None = None
    # The emergency department the vehicle's running task heads to (gets ambulance.* messages).
    task_department_id: uuid.UUID | None = None


class ReadingIn(msgspec.Struct, frozen=True, kw_only=True):
    device: DeviceRef
    seq: int
    code: str
    value: float
    unit: str
    measured_at: datetime
    received_at: datetime
    # Set only when the source knows the patient itself (a kiosk's citizen session); otherwise
    # the reading gets the patient whose binding was open when it was measured.
    patient_id: uuid.UUID | None = None


class EventIn(msgspec.Struct, frozen=True, kw_only=True):
    device: DeviceRef
    seq: int
    event: str
    detail: dict[str, Any]
    occurred_at: datetime
    received_at: datetime


class EcgIn(msgspec.Struct, frozen=True, kw_only=True):
    """One ECG block to store; ``samples`` are the raw int16 bytes (decoded from base64)."""

    device: DeviceRef
    seq: int
    started_at: datetime
    sample_rate_hz: int
    leads: list[str]
    scale_uv: float
    samples: bytes
    received_at: datetime


class StatusIn(msgspec.Struct, frozen=True, kw_only=True):
    device: DeviceRef
    status: DeviceStatus
    received_at: datetime


RejectReason = Literal["oversized", "malformed", "unknown_device", "wrong_topic", "bad_topic"]


class DeadLetterIn(msgspec.Struct, frozen=True, kw_only=True):
    topic: str
    device_code: str | None
    reason: RejectReason
    detail: str
    payload: bytes
    received_at: datetime


class LatestReading(msgspec.Struct, frozen=True, kw_only=True):
    """The newest value of one code from one device, for a ward's vitals board."""

    device_id: uuid.UUID
    device_code: str
    bed_label: str
    patient_id: uuid.UUID | None
    code: str
    value: float
    unit: str
    measured_at: datetime
