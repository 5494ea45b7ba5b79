"""What screens see of real-time ECG: the recent blocks of one device."""

from __future__ import annotations

import uuid
from datetime import datetime

import msgspec


class EcgBlockView(msgspec.Struct, frozen=True, kw_only=True):
    """One block as the device sent it. ``samples`` (base64 in JSON) are little-endian int16,
    interleaved by lead in ``leads`` order; a sample times ``scale_uv`` is microvolts."""

    seq: int
    started_at: datetime
    sample_rate_hz: int
    leads: list[str]
    scale_uv: float
    samples: bytes
    patient_id: uuid.UUID | None


class EcgStrip(msgspec.Struct, frozen=True, kw_only=True):
    """A device's ECG blocks that started within the last ``seconds``, oldest first."""

    device_id: uuid.UUID
    device_code: str
    seconds: int
    blocks: list[EcgBlockView]
