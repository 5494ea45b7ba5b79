"""Ambulances, emergency tasks and the emergency department's inbound board."""

from __future__ import annotations

import uuid

from bff_common.auth import CurrentActor
from litestar import Controller, get, post
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED
from yiqiao.monitoring import ed_board, emergency
from yiqiao.monitoring.binding_types import NewTask, NewVehicle, TaskTransition, TaskView, VehicleView
from yiqiao.monitoring.view_types import InboundAmbulance


class EmergencyController(Controller):
    path = "/emergency"
    tags = ["emergency"]

    @get(
        "/inbound", summary="Ambulances heading to my department: task, vitals, position (live on the socket)"
    )
    async def inbound(self, actor: CurrentActor) -> list[InboundAmbulance]:
        return await ed_board.inbound(actor)

    @get("/vehicles", summary="My institution's ambulances and the devices in each")
    async def list_vehicles(self, actor: CurrentActor) -> list[VehicleView]:
        return await emergency.vehicles(actor)

    @post("/vehicles", status_code=HTTP_201_CREATED, summary="Register an ambulance")
    async def add_vehicle(self, actor: CurrentActor, data: JSONBody[NewVehicle]) -> VehicleView:
        return await emergency.add_vehicle(actor, data)

    @post("/tasks", status_code=HTTP_201_CREATED, summary="Dispatch an ambulance to an emergency department")
    async def create_task(self, actor: CurrentActor, data: JSONBody[NewTask]) -> TaskView:
        return await emergency.create_task(actor, data)

    @get("/tasks/{task_id:uuid}", summary="One emergency task")
    async def get_task(self, actor: CurrentActor, task_id: FromPath[uuid.UUID]) -> TaskView:
        return await emergency.get_task(actor, task_id)

    @post(
        "/tasks/{task_id:uuid}/status",
        status_code=HTTP_200_OK,
        summary="Move a task on: onboard, transporting, arrived, handed_over or cancelled",
    )
    async def move_task(
        self, actor: CurrentActor, task_id: FromPath[uuid.UUID], data: JSONBody[TaskTransition]
    ) -> TaskView:
        return await emergency.transition(actor, task_id, data.to)
