"""Device commands: staff ask a device to do something, the gateway publishes it, the device
answers. The command's state machine lives here and only here::

    pending ──send──→ sent ──received──→ delivered ──done──→ acked
       │               │                    └───────failed──→ failed
       │               └──done / failed (no "received" first)──→ acked / failed
       └──(pending, sent, delivered) past expires_at ──expire──→ expired

``acked``, ``failed`` and ``expired`` are final: an answer that comes after expiry is kept out
(the command stays ``expired``). Every transition is audited. Delivery is at least once: a
gateway that dies between publishing and recording ``sent`` publishes again, and devices key
their work by the command id.
"""

from __future__ import annotations

import logging
import uuid
from datetime import timedelta
from typing import Any, Final

import msgspec
from redis.exceptions import RedisError

from yiqiao import db
from yiqiao.audit import service as audit
from yiqiao.identity.service import devices
from yiqiao.kit import clock, realtime
from yiqiao.kit.actor import SYSTEM, Actor
from yiqiao.kit.errors import Invalid
from yiqiao.kit.errors import NotFound as NotFoundError
from yiqiao.kit.ids import new_id
from yiqiao.kit.redis import redis
from yiqiao.monitoring import scope, topics
from yiqiao.monitoring.command_types import (
    ARGS,
    Command,
    CommandAck,
    CommandStatus,
    CommandView,
    IssueCommand,
    Outgoing,
)
from yiqiao.settings import get_settings

log = logging.getLogger(__name__)

# transition → (the states it may leave, the state it enters)
TRANSITIONS: Final[dict[str, tuple[frozenset[CommandStatus], CommandStatus]]] = {
    "send": (frozenset({"pending"}), "sent"),
    "received": (frozenset({"pending", "sent"}), "delivered"),
    "done": (frozenset({"pending", "sent", "delivered"}), "acked"),
    "failed": (frozenset({"pending", "sent", "delivered"}), "failed"),
    "expire": (frozenset({"pending", "sent", "delivered"}), "expired"),
}
OPEN: Final[frozenset[CommandStatus]] = frozenset({"pending", "sent", "delivered"})
WAKE_CHANNEL: Final = "yq:gw:commands"  # the gateway listens here to publish at once
_TIME_COLUMN: Final[dict[CommandStatus, str]] = {
    "sent": "sent_at",
    "delivered": "delivered_at",
    "acked": "finished_at",
    "failed": "finished_at",
    "expired": "finished_at",
}
_COLUMNS = (
    "id, device_id, name, args, status, issued_by, issued_at, expires_at, sent_at, delivered_at,"
    " finished_at, result, error"
)


def _view(r: dict[str, Any]) -> CommandView:
    row = dict(r)
    row["args"] = msgspec.json.decode(row["args"]) if isinstance(row["args"], str) else row["args"]
    if isinstance(row["result"], str):
        row["result"] = msgspec.json.decode(row["result"])
    return msgspec.convert(row, CommandView)


def check_args(name: str, args: dict[str, Any]) -> dict[str, Any]:
    try:
        checked = msgspec.convert(args, ARGS[name])
    except msgspec.ValidationError as exc:
        raise Invalid(f"Wrong arguments for {name}: {exc}", code="bad_command_args") from None
    out: dict[str, Any] = msgspec.to_builtins(checked)
    return out


async def issue(actor: Actor, device_id: uuid.UUID, cmd: IssueCommand) -> CommandView:
    """Record a command (``pending``) for the gateway to publish. Staff of the device's ward."""
    device = await devices.get_device(device_id)
    scope.require_ward_staff(actor, device.department_id)
    if not await devices.mqtt_devices(device.code) or not topics.kind_sends(device.kind, "telemetry"):
        raise Invalid(f"A {device.kind} does not take commands.", code="device_takes_no_commands")
    args = check_args(cmd.name, cmd.args)
    command_id, now = new_id(), clock.now()
    async with db.transaction():
        rows = await db.fetch(
            "INSERT INTO device_command (id, device_id, name, args, status, issued_by, issued_at, expires_at)"  # noqa: S608 (constant columns; values bound)
            f" VALUES ({{}}, {{}}, {{}}, {{}}::jsonb, 'pending', {{}}, {{}}, {{}}) RETURNING {_COLUMNS}",
            command_id,
            device_id,
            cmd.name,
            msgspec.json.encode(args).decode(),
            actor.label,
            now,
            now + timedelta(seconds=get_settings().device_command_ttl_s),
        )
        await audit.record(
            actor,
            "device_command.issue",
            "device_command",
            command_id,
            {"device_id": str(device_id), "name": cmd.name, "args": args},
            institution_id=device.institution_id,
        )
    await _wake_gateway()
    return _view(rows[0])


async def _wake_gateway() -> None:
    try:
        await redis().publish(WAKE_CHANNEL, b"1")
    except (RedisError, OSError) as exc:  # the gateway also polls; the command is stored
        log.warning("could not wake the gateway for a command: %s", exc)


async def get(actor: Actor, device_id: uuid.UUID, command_id: uuid.UUID) -> CommandView:
    device = await devices.get_device(device_id)
    scope.require_ward_staff(actor, device.department_id)
    rows = await db.fetch(
        f"SELECT {_COLUMNS} FROM device_command WHERE id = {{}} AND device_id = {{}}",  # noqa: S608 (constant columns; values bound)
        command_id,
        device_id,
    )
    if not rows:
        raise NotFoundError("No such command for this device.", code="command_not_found")
    return _view(rows[0])


async def recent(actor: Actor, device_id: uuid.UUID, limit: int = 20) -> list[CommandView]:
    device = await devices.get_device(device_id)
    scope.require_ward_staff(actor, device.department_id)
    rows = await db.fetch(
        f"SELECT {_COLUMNS} FROM device_command WHERE device_id = {{}} ORDER BY issued_at DESC LIMIT {{}}",  # noqa: S608 (constant columns; values bound)
        device_id,
        max(1, min(limit, 100)),
    )
    return [_view(r) for r in rows]


async def _move(
    command_id: uuid.UUID,
    transition: str,
    *,
    device_id: uuid.UUID | None = None,
    result: dict[str, Any] | None = None,
    error: str | None = None,
) -> CommandView | None:
    """Apply one transition if the command is in a state it may leave; None otherwise."""
    leaves, enters = TRANSITIONS[transition]
    now = clock.now()
    async with db.transaction():
        rows = await db.fetch(
            f"UPDATE device_command SET status = {{}}, {_TIME_COLUMN[enters]} = {{}},"  # noqa: S608 (constant columns; values bound)
            " result = COALESCE({}::jsonb, result), error = COALESCE({}, error)"
            " WHERE id = {} AND status = ANY({}) AND ({}::uuid IS NULL OR device_id = {})"
            f" RETURNING {_COLUMNS}",
            enters,
            now,
            None if result is None else msgspec.json.encode(result).decode(),
            error,
            command_id,
            list(leaves),
            device_id,
            device_id,
        )
        if not rows:
            return None
        view = _view(rows[0])
        await audit.record(
            SYSTEM,
            f"device_command.{enters}",
            "device_command",
            command_id,
            {"device_id": str(view.device_id), "transition": transition},
        )
    return view


async def pending(limit: int = 100) -> list[Outgoing]:
    """Commands waiting to be published (oldest first), with their MQTT payloads."""
    rows = await db.fetch(
        "SELECT id, device_id, name, args, issued_at, expires_at FROM device_command"
        " WHERE status = 'pending' AND expires_at > {} ORDER BY issued_at LIMIT {}",
        clock.now(),
        limit,
    )
    known = await devices.devices_by_id(list({r["device_id"] for r in rows}))
    out = []
    for r in rows:
        device = known.get(r["device_id"])
        if device is None:
            continue
        payload = Command(
            id=r["id"],
            name=r["name"],
            args=msgspec.json.decode(r["args"]) if isinstance(r["args"], str) else r["args"],
            issued_at=r["issued_at"],
            expires_at=r["expires_at"],
        )
        out.append(
            Outgoing(
                id=r["id"],
                device_id=r["device_id"],
                device_code=device.code,
                payload=msgspec.json.encode(payload),
            )
        )
    return out


async def mark_sent(command_id: uuid.UUID) -> CommandView | None:
    """The broker took the command (QoS 1 PUBACK)."""
    view = await _move(command_id, "send")
    if view is not None:
        await _announce(view)
    return view


async def record_ack(device_id: uuid.UUID, ack: CommandAck) -> CommandView | None:
    """A device's answer. None when no open command of this device has this id (unknown,
    another device's, already final, or expired)."""
    transition = {"received": "received", "done": "done", "failed": "failed"}[ack.state]
    view = await _move(
        ack.id,
        transition,
        device_id=device_id,
        result=ack.result if ack.state != "received" else None,
        error=ack.error if ack.state == "failed" else None,
    )
    if view is not None:
        await _announce(view)
    return view


async def expire_due() -> int:
    """Expire every open command past its ``expires_at``; returns how many."""
    due = await db.fetch(
        "SELECT id FROM device_command WHERE status = ANY({}) AND expires_at <= {} LIMIT 500",
        list(OPEN),
        clock.now(),
    )
    expired = 0
    for r in due:
        view = await _move(r["id"], "expire")
        if view is not None:
            expired += 1
            await _announce(view)
    return expired


async def _announce(view: CommandView) -> None:
    """Tell the device's ward screens the command moved (best effort; the row is the truth)."""
    known = await devices.devices_by_id([view.device_id])
    device = known.get(view.device_id)
    if device is None or device.department_id is None:
        return
    await realtime.publish_many(
        [
            (
                realtime.channel("department", device.department_id),
                "device.command",
                {
                    "id": str(view.id),
                    "device_id": str(view.device_id),
                    "device_code": device.code,
                    "name": view.name,
                    "status": view.status,
                },
            )
        ]
    )
