from __future__ import annotations

from bff_common.auth import CurrentActor
from litestar import get
from yiqiao.kit.errors import Forbidden
from yiqiao.monitoring import service as monitoring
from yiqiao.monitoring.types import LatestReading


@get("/ward/vitals", tags=["ward"], summary="The newest vital signs from every device on my ward")
async def ward_vitals(actor: CurrentActor) -> list[LatestReading]:
    if actor.department_id is None:
        raise Forbidden("Your account has no ward.", code="no_ward")
    return await monitoring.latest_readings(actor, actor.department_id)
