"""MQTT topic names, and which device kinds send what. Topic strings are built only here.

A device's MQTT username is its ``Device.code``; it publishes under ``devices/<code>/``:

- ``telemetry``      device → gateway, QoS 1, :class:`~yiqiao.monitoring.types.Telemetry`
- ``events``         device → gateway, QoS 1, :class:`~yiqiao.monitoring.types.DeviceEvent`
- ``status``         device → gateway, QoS 1, retained, :class:`~yiqiao.monitoring.types.DeviceStatus`
  (also the device's Last Will, with ``online: false``)
- ``ecg``            device → gateway, QoS 1, :class:`~yiqiao.monitoring.types.EcgBlock` (compact
  blocks of ECG samples, e.g. one per second)
- ``commands``       gateway → device, QoS 1, :class:`~yiqiao.monitoring.command_types.Command`
- ``commands/ack``   device → gateway, QoS 1, :class:`~yiqiao.monitoring.command_types.CommandAck`
  (the gateway reads acks on a connection of its own, see ``device_gateway.commands``)
"""

from __future__ import annotations

from typing import Final, Literal

PREFIX: Final = "devices"
Channel = Literal["telemetry", "events", "status", "ecg"]
INBOUND: Final[tuple[Channel, ...]] = ("telemetry", "events", "status", "ecg")

# What the gateway subscribes to (QoS 1).
SUBSCRIPTIONS: Final = tuple(f"{PREFIX}/+/{c}" for c in INBOUND)

# What the gateway's command link subscribes to (QoS 1).
COMMAND_ACKS: Final = f"{PREFIX}/+/commands/ack"

# Mosquitto ACL patterns every device gets (%u = its username = its code).
DEVICE_ACL: Final = (
    ("write", f"{PREFIX}/%u/telemetry"),
    ("write", f"{PREFIX}/%u/events"),
    ("write", f"{PREFIX}/%u/status"),
    ("write", f"{PREFIX}/%u/ecg"),
    ("read", f"{PREFIX}/%u/commands"),
    ("write", f"{PREFIX}/%u/commands/ack"),
)

_T: Final = frozenset({"telemetry", "status"})
_E: Final = frozenset({"events", "status"})
_TE: Final = frozenset({"telemetry", "events", "status"})
_TEC: Final = _TE | {"ecg"}
_TC: Final = _T | {"ecg"}

# Which inbound channels each MQTT device kind uses. Kiosks and IPTV boxes speak HTTP, not MQTT.
KIND_CHANNELS: Final[dict[str, frozenset[str]]] = {
    "wearable": _TE,  # vitals; fall and SOS
    "bp_monitor": _T,
    "glucometer": _T,
    "ambulance_monitor": _TEC,  # vitals en route; SOS; ECG (3 leads)
    "ecg": _TC,  # 12-lead ECG: heart rate etc. as telemetry, the waveform as ECG blocks
    "infusion_pump": _TE,  # rate/volume; infusion_complete, occlusion
    "bed_sensor": _TE,  # heart/breath rate; bed_exit
    "mattress": _TE,
    "env_sensor": _T,
    "call_button": _E,
}


def telemetry(code: str) -> str:
    return f"{PREFIX}/{code}/telemetry"


def events(code: str) -> str:
    return f"{PREFIX}/{code}/events"


def status(code: str) -> str:
    return f"{PREFIX}/{code}/status"


def ecg(code: str) -> str:
    return f"{PREFIX}/{code}/ecg"


def commands(code: str) -> str:
    return f"{PREFIX}/{code}/commands"


def commands_ack(code: str) -> str:
    return f"{PREFIX}/{code}/commands/ack"


def parse(topic: str) -> tuple[str, Channel] | None:
    """``devices/<code>/<channel>`` → (code, channel); None for anything else."""
    parts = topic.split("/")
    if len(parts) != 3 or parts[0] != PREFIX or not parts[1]:
        return None
    code, channel = parts[1], parts[2]
    if channel == "telemetry":
        return code, "telemetry"
    if channel == "events":
        return code, "events"
    if channel == "status":
        return code, "status"
    if channel == "ecg":
        return code, "ecg"
    return None


def kind_sends(kind: str, channel: str) -> bool:
    return channel in KIND_CHANNELS.get(kind, frozenset())


def parse_ack(topic: str) -> str | None:
    """``devices/<code>/commands/ack`` → code; None for anything else."""
    parts = topic.split("/")
    if len(parts) != 4 or parts[0] != PREFIX or not parts[1] or parts[2:] != ["commands", "ack"]:
        return None
    return parts[1]
