"""Realtime fan-out of what the gateway stored: to the ward (department) and to the patient.

Messages go out through :func:`yiqiao.kit.realtime.publish_many`, one Redis pipeline per batch
(a 500-reading batch is one round trip, not 500), best effort: the data is already stored, and a
screen that missed a message reloads ``latest_readings`` when it reconnects.
"""

from __future__ import annotations

import uuid

from yiqiao.kit import realtime


def audience(department_id: uuid.UUID | None, patient_id: uuid.UUID | None) -> list[str]:
    chans = []
    if department_id is not None:
        chans.append(realtime.channel("department", department_id))
    if patient_id is not None:
        chans.append(realtime.channel("patient", patient_id))
    return chans
