"""Devices of my ward: bindings (patient, bed, ambulance) with history, commands, and the
status board for operations."""

from __future__ import annotations

import uuid

from bff_common.auth import CurrentActor
from litestar import Controller, delete, get, post
from litestar.params import FromPath, FromQuery, JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED
from yiqiao.monitoring import bindings, commands, device_status
from yiqiao.monitoring.binding_types import Bind, BindingKind, BindingView
from yiqiao.monitoring.command_types import CommandView, IssueCommand
from yiqiao.monitoring.view_types import DeviceStatusView


class DeviceController(Controller):
    path = "/devices"
    tags = ["devices"]

    @get("/status", summary="Online, last seen and battery of every device of my institution")
    async def device_statuses(self, actor: CurrentActor) -> list[DeviceStatusView]:
        return await device_status.institution_devices(actor)

    @get("/{device_id:uuid}/bindings", summary="Who and where this device was bound to, newest first")
    async def binding_history(
        self, actor: CurrentActor, device_id: FromPath[uuid.UUID], kind: FromQuery[BindingKind | None] = None
    ) -> list[BindingView]:
        return await bindings.history(actor, device_id, kind)

    @post(
        "/{device_id:uuid}/bindings",
        status_code=HTTP_201_CREATED,
        summary="Bind the device to a patient, a bed or an ambulance (one of each at a time)",
    )
    async def bind_device(
        self, actor: CurrentActor, device_id: FromPath[uuid.UUID], data: JSONBody[Bind]
    ) -> BindingView:
        return await bindings.bind(actor, device_id, data)

    @delete(
        "/{device_id:uuid}/bindings/{kind:str}",
        status_code=HTTP_200_OK,
        summary="End the device's current binding of this kind (patient, bed or vehicle)",
    )
    async def unbind_device(
        self, actor: CurrentActor, device_id: FromPath[uuid.UUID], kind: FromPath[BindingKind]
    ) -> BindingView:
        return await bindings.unbind(actor, device_id, kind)

    @post(
        "/{device_id:uuid}/commands",
        status_code=HTTP_201_CREATED,
        summary="Send the device a command (measure_now, set_interval); answer arrives on the socket",
    )
    async def issue_command(
        self, actor: CurrentActor, device_id: FromPath[uuid.UUID], data: JSONBody[IssueCommand]
    ) -> CommandView:
        return await commands.issue(actor, device_id, data)

    @get("/{device_id:uuid}/commands", summary="The device's latest commands and their status")
    async def list_commands(
        self, actor: CurrentActor, device_id: FromPath[uuid.UUID], limit: FromQuery[int] = 20
    ) -> list[CommandView]:
        return await commands.recent(actor, device_id, limit)

    @get("/{device_id:uuid}/commands/{command_id:uuid}", summary="One command and its status")
    async def get_command(
        self, actor: CurrentActor, device_id: FromPath[uuid.UUID], command_id: FromPath[uuid.UUID]
    ) -> CommandView:
        return await commands.get(actor, device_id, command_id)
