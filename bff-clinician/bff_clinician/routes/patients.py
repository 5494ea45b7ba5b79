from __future__ import annotations

import uuid

from bff_common.auth import CurrentActor
from litestar import get
from litestar.params import FromPath, FromQuery
from yiqiao.monitoring import vitals
from yiqiao.monitoring.view_types import PatientVitals


@get(
    "/patients/{patient_id:uuid}/vitals",
    tags=["patients"],
    summary="A patient's newest vital signs and their trend over the last hours (live: patient channel)",
)
async def patient_vitals(
    actor: CurrentActor, patient_id: FromPath[uuid.UUID], hours: FromQuery[int] = 24
) -> PatientVitals:
    return await vitals.patient_vitals(actor, patient_id, hours)
