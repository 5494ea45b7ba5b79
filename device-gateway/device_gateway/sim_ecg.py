"""A synthetic ECG for the simulator: a PQRST complex per beat at the device's heart rate,
250 Hz, sent as one :class:`~yiqiao.monitoring.types.EcgBlock` per second.

Each beat is five Gaussian waves (P, Q, R, S, T) on a slow baseline wander with a little noise.
The limb leads follow Einthoven (III = II − I) and Goldberger (aVR, aVL, aVF); the chest leads
are the same complex scaled and with their R/S balance shifted from V1 (mostly negative) to
V6 (mostly positive), which is how a normal 12-lead tracing looks at a glance.
"""

from __future__ import annotations

import math
import random
import sys
from array import array
from datetime import datetime, timedelta
from typing import Final

from yiqiao.monitoring.types import EcgBlock, EcgLead

RATE_HZ: Final = 250
SCALE_UV: Final = 2.5  # 1 mV = 400 counts
THREE_LEADS: Final[list[EcgLead]] = ["I", "II", "III"]
TWELVE_LEADS: Final[list[EcgLead]] = [
    "I",
    "II",
    "III",
    "aVR",
    "aVL",
    "aVF",
    "V1",
    "V2",
    "V3",
    "V4",
    "V5",
    "V6",
]
# (phase in the beat, width, amplitude in mV) of P, Q, R, S, T.
_WAVES: Final = (
    (0.16, 0.022, 0.15),
    (0.29, 0.008, -0.12),
    (0.31, 0.010, 1.1),
    (0.335, 0.010, -0.28),
    (0.58, 0.045, 0.3),
)
# Chest leads: (gain of R, gain of S, gain of P and T).
_CHEST: Final = {
    "V1": (0.25, 2.8, 0.4),
    "V2": (0.5, 2.6, 0.9),
    "V3": (0.9, 1.6, 1.1),
    "V4": (1.4, 0.9, 1.2),
    "V5": (1.3, 0.5, 1.0),
    "V6": (1.0, 0.3, 0.8),
}


def _waves(phase: float) -> tuple[float, float, float]:
    """(P + T, Q + R, S) in mV at ``phase`` in [0, 1) of a beat."""
    parts = [a * math.exp(-(((phase - c) / w) ** 2) / 2) for c, w, a in _WAVES]
    return parts[0] + parts[4], parts[1] + parts[2], parts[3]


def lead_mv(lead: str, phase: float) -> float:
    pt, qr, s = _waves(phase)
    base = pt + qr + s
    if lead in _CHEST:
        r_gain, s_gain, pt_gain = _CHEST[lead]
        return pt * pt_gain + qr * r_gain + s * s_gain
    i, ii = 0.55 * base, base
    limb = {"I": i, "II": ii, "III": ii - i, "aVR": -(i + ii) / 2, "aVL": i - ii / 2, "aVF": ii - i / 2}
    return limb[lead]


class EcgSignal:
    """One device's running ECG: call :meth:`block` once per second with the current heart rate."""

    def __init__(self, leads: list[EcgLead], rng: random.Random) -> None:
        self.leads = leads
        self.rng = rng
        self.phase = rng.random()  # where in the beat we are
        self.t = 0.0  # seconds since start, for the baseline wander

    def block(self, seq: int, ts: datetime, heart_rate: float, seconds: float = 1.0) -> EcgBlock:
        n = round(RATE_HZ * seconds)
        step = max(20.0, min(250.0, heart_rate)) / 60 / RATE_HZ
        out = array("h")
        for _ in range(n):
            wander = 0.05 * math.sin(2 * math.pi * 0.25 * self.t)
            for lead in self.leads:
                mv = lead_mv(lead, self.phase) + wander + self.rng.gauss(0, 0.01)
                out.append(max(-32768, min(32767, round(mv * 1000 / SCALE_UV))))
            self.phase = (self.phase + step) % 1.0
            self.t += 1 / RATE_HZ
        if sys.byteorder != "little":
            out.byteswap()
        return EcgBlock(
            seq=seq,
            ts=ts - timedelta(seconds=seconds),  # the block just recorded ends now
            sample_rate_hz=RATE_HZ,
            leads=list(self.leads),
            scale_uv=SCALE_UV,
            samples=out.tobytes(),
        )
