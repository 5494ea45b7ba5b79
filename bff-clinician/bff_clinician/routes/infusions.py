from __future__ import annotations

import uuid

from bff_common.auth import CurrentActor
from litestar import Controller, post
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED
from yiqiao.monitoring import infusion
from yiqiao.monitoring.binding_types import InfusionView, StartInfusion


class InfusionController(Controller):
    path = "/infusions"
    tags = ["infusions"]

    @post("/", status_code=HTTP_201_CREATED, summary="Start an infusion on a pump: bag volume and rate")
    async def start_infusion(self, actor: CurrentActor, data: JSONBody[StartInfusion]) -> InfusionView:
        return await infusion.start(actor, data)

    @post("/{infusion_id:uuid}/end", status_code=HTTP_200_OK, summary="End the infusion (the pump is free)")
    async def end_infusion(self, actor: CurrentActor, infusion_id: FromPath[uuid.UUID]) -> InfusionView:
        return await infusion.end(actor, infusion_id)
