from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from bff_common.auth import CurrentActor
from litestar import get
from litestar.params import FromPath, QueryParameter
from yiqiao.monitoring import vitals
from yiqiao.monitoring.view_types import PatientReadings

Code = Annotated[str | None, QueryParameter(max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")]


@get(
    "/profiles/{profile_id:uuid}/readings",
    tags=["profiles"],
    summary="Readings from this profile's wearables and home devices, with trends (default: 7 days)",
)
async def profile_readings(
    actor: CurrentActor,
    profile_id: FromPath[uuid.UUID],
    code: Code = None,
    since: Annotated[datetime | None, QueryParameter(description="RFC 3339 with an offset")] = None,
    limit: Annotated[int, QueryParameter(ge=1, le=2000)] = 500,
) -> PatientReadings:
    return await vitals.own_readings(actor, profile_id, code, since, limit)
