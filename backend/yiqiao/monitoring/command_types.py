"""Device commands: the MQTT payloads (published contract, see ``schemas/asyncapi``), the
arguments each command takes, and what staff see of a command."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

import msgspec
from msgspec import Meta

CommandName = Literal["measure_now", "set_interval"]
CommandStatus = Literal["pending", "sent", "delivered", "acked", "failed", "expired"]
AckState = Literal["received", "done", "failed"]


# ---- MQTT payloads. Changing these changes the published contract. ----


class Command(msgspec.Struct, frozen=True, kw_only=True):
    """Topic ``devices/{code}/commands`` (platform → device, QoS 1): do something now.

    ``measure_now`` takes no args and sends one telemetry message at once; ``set_interval`` takes
    ``{"seconds": 1..3600}`` and changes how often the device sends telemetry. A device may get
    the same command twice (at-least-once delivery): it answers again and does the work once,
    keyed by ``id``. A command received after ``expires_at`` should be answered ``failed``."""

    id: uuid.UUID
    name: CommandName
    args: dict[str, Any] = msgspec.field(default_factory=dict)
    issued_at: Annotated[datetime, Meta(tz=True)]
    expires_at: Annotated[datetime, Meta(tz=True)]


class CommandAck(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """Topic ``devices/{code}/commands/ack`` (device → platform, QoS 1): the answer to a command.

    Send ``received`` as soon as the command arrives (optional), then ``done`` with a ``result``
    or ``failed`` with an ``error``. Only the device the command was sent to may answer it."""

    id: uuid.UUID
    state: AckState
    ts: Annotated[datetime, Meta(tz=True, description="Device clock, RFC 3339 with an offset.")]
    result: dict[str, Any] = msgspec.field(default_factory=dict)
    error: Annotated[str, Meta(max_length=500)] | None = None


# ---- arguments, checked when staff issue a command ----


class MeasureNowArgs(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    pass


class SetIntervalArgs(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    seconds: Annotated[int, Meta(ge=1, le=3600, description="Seconds between telemetry messages")]


ARGS: dict[str, type[msgspec.Struct]] = {"measure_now": MeasureNowArgs, "set_interval": SetIntervalArgs}


# ---- the API ----


class IssueCommand(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    name: CommandName
    args: dict[str, Any] = msgspec.field(default_factory=dict)


class CommandView(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    device_id: uuid.UUID
    name: CommandName
    args: dict[str, Any]
    status: CommandStatus
    issued_by: str
    issued_at: datetime
    expires_at: datetime
    sent_at: datetime | None
    delivered_at: datetime | None
    finished_at: datetime | None
    result: dict[str, Any] | None
    error: str | None


class Outgoing(msgspec.Struct, frozen=True, kw_only=True):
    """A pending command the gateway should publish."""

    id: uuid.UUID
    device_id: uuid.UUID
    device_code: str
    payload: bytes
