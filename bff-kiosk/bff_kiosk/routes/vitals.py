from __future__ import annotations

from bff_common.auth import CurrentActor
from litestar import post
from litestar.params import JSONBody
from litestar.status_codes import HTTP_201_CREATED
from yiqiao.monitoring import kiosk_vitals
from yiqiao.monitoring.view_types import KioskMeasurement, KioskMeasurementResult

from bff_kiosk.citizen import CitizenHeader, as_citizen


@post(
    "/citizen/vitals",
    status_code=HTTP_201_CREATED,
    tags=["citizen"],
    summary="A measurement from this kiosk's vital-sign peripheral (BP cuff…), for the signed-in citizen",
)
async def record_vitals(
    actor: CurrentActor, session_token: CitizenHeader, data: JSONBody[KioskMeasurement]
) -> KioskMeasurementResult:
    return await kiosk_vitals.record(await as_citizen(actor, session_token), data)
