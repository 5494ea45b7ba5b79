"""A device's real-time ECG: the recent sample blocks (live: ``ecg.block`` on the socket)."""

from __future__ import annotations

import uuid

from bff_common.auth import CurrentActor
from litestar import get
from litestar.params import FromPath, FromQuery
from yiqiao.monitoring import ecg
from yiqiao.monitoring.ecg_types import EcgStrip


@get(
    "/devices/{device_id:uuid}/ecg",
    tags=["devices"],
    summary="The device's ECG blocks of the last seconds (1–300; live: ecg.block on the socket)",
)
async def device_ecg(
    actor: CurrentActor, device_id: FromPath[uuid.UUID], seconds: FromQuery[int] = 30
) -> EcgStrip:
    return await ecg.recent_blocks(actor, device_id, seconds)
