"""The published MQTT contract, generated from the msgspec Structs devices are validated against.

    write(dir)  -> dir/yiqiao-devices.json (AsyncAPI 3.0) and dir/schemas/<payload>.json
    check(dir)  -> the files under dir that differ from what write() would produce

``devtools/contracts.py`` calls both (``make schemas`` and the CI drift check). Output is
deterministic: sorted keys, two-space indent, UTF-8, one trailing newline.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import msgspec
from yiqiao.monitoring import topics
from yiqiao.monitoring.command_types import Command, CommandAck
from yiqiao.monitoring.types import MAX_PAYLOAD_BYTES, DeviceEvent, DeviceStatus, EcgBlock, Telemetry

DOCUMENT = "yiqiao-devices.json"
VERSION = "1.0.0"
JSON_SCHEMA = "https://json-schema.org/draft/2020-12/schema"

# payload file stem → (Struct, channel id, retained)
PAYLOADS: dict[str, tuple[type[msgspec.Struct], str, bool]] = {
    "telemetry": (Telemetry, "telemetry", False),
    "device-event": (DeviceEvent, "events", False),
    "device-status": (DeviceStatus, "status", True),
    "ecg-block": (EcgBlock, "ecg", False),
}

# payload file stem → Struct, for the command channels (platform → device and the answer)
COMMAND_PAYLOADS: dict[str, type[msgspec.Struct]] = {"command": Command, "command-ack": CommandAck}

_CODE_PARAM = {"code": {"description": "The device code, which is also its MQTT username."}}


def render(doc: Any) -> str:
    return json.dumps(doc, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def payload_schema(struct: type[msgspec.Struct], stem: str) -> dict[str, Any]:
    schema: dict[str, Any] = msgspec.json.schema(struct)
    return {"$schema": JSON_SCHEMA, "$id": f"schemas/{stem}.json", **schema}


def _channel(address: str, messages: dict[str, Any], description: str) -> dict[str, Any]:
    return {"address": address, "description": description, "parameters": _CODE_PARAM, "messages": messages}


def asyncapi() -> dict[str, Any]:
    _, components = msgspec.json.schema_components(
        [*(struct for struct, _, _ in PAYLOADS.values()), *COMMAND_PAYLOADS.values()],
        ref_template="#/components/schemas/{name}",
    )
    channels: dict[str, Any] = {}
    messages: dict[str, Any] = {}
    operations: dict[str, Any] = {}
    for stem, (struct, channel, retained) in PAYLOADS.items():
        name = struct.__name__
        messages[name] = {
            "name": name,
            "title": name,
            "contentType": "application/json",
            "summary": (struct.__doc__ or "").strip().splitlines()[0],
            "payload": {"$ref": f"#/components/schemas/{name}"},
            "externalDocs": {"url": f"schemas/{stem}.json", "description": "JSON Schema of the payload"},
        }
        channels[channel] = _channel(
            f"{topics.PREFIX}/{{code}}/{channel}",
            {name: {"$ref": f"#/components/messages/{name}"}},
            f"Device to platform. QoS 1{', retained' if retained else ''}; at most "
            f"{MAX_PAYLOAD_BYTES} bytes. Stored once per (device, seq); rejected messages are "
            "kept as dead letters with a reason.",
        )
        operations[f"receive{name}"] = {
            "action": "receive",
            "channel": {"$ref": f"#/channels/{channel}"},
            "messages": [{"$ref": f"#/channels/{channel}/messages/{name}"}],
            "bindings": {"mqtt": {"qos": 1, "retain": retained}},
        }
    for stem, struct in COMMAND_PAYLOADS.items():
        name = struct.__name__
        messages[name] = {
            "name": name,
            "title": name,
            "contentType": "application/json",
            "summary": (struct.__doc__ or "").strip().splitlines()[0],
            "description": " ".join((struct.__doc__ or "").split()),
            "payload": {"$ref": f"#/components/schemas/{name}"},
            "externalDocs": {"url": f"schemas/{stem}.json", "description": "JSON Schema of the payload"},
        }
    channels["commands"] = _channel(
        f"{topics.PREFIX}/{{code}}/commands",
        {"Command": {"$ref": "#/components/messages/Command"}},
        "Platform to device. QoS 1, at least once: a device may get a command twice and does "
        "the work once per id. Unanswered commands expire (YQ_DEVICE_COMMAND_TTL_S, 30 s by default).",
    )
    channels["commandsAck"] = _channel(
        f"{topics.PREFIX}/{{code}}/commands/ack",
        {"CommandAck": {"$ref": "#/components/messages/CommandAck"}},
        "Device to platform, QoS 1: the answer to a command (received, then done or failed). The "
        "gateway reads it on its own connection; an answer it cannot use (malformed, not an open "
        "command of this device) is kept as a dead letter with a reason.",
    )
    operations["sendCommand"] = {
        "action": "send",
        "channel": {"$ref": "#/channels/commands"},
        "messages": [{"$ref": "#/channels/commands/messages/Command"}],
        "bindings": {"mqtt": {"qos": 1}},
    }
    operations["receiveCommandAck"] = {
        "action": "receive",
        "channel": {"$ref": "#/channels/commandsAck"},
        "messages": [{"$ref": "#/channels/commandsAck/messages/CommandAck"}],
        "bindings": {"mqtt": {"qos": 1}},
    }
    return {
        "asyncapi": "3.0.0",
        "info": {
            "title": "Yiqiao devices (MQTT)",
            "version": VERSION,
            "description": (
                "What bedside, wearable and ward devices publish to the Yiqiao broker, seen from "
                "the platform (its device gateway). A device logs in with its code as username "
                "and its own password, and may publish only under devices/<its code>/; anything "
                "else is dropped by the broker. Times are RFC 3339 with an offset; units are UCUM; "
                "codes are MDC or LOINC. seq increases by one per message and never goes back, "
                "so a resent message is stored once. A position (ambulances, GPS wearables) is "
                "sent as telemetry readings with the local codes GPS_LAT and GPS_LON (unit "
                '"deg", WGS-84) and optionally GPS_SPEED ("km/h") and GPS_HEADING ("deg"). '
                "Generated from yiqiao.monitoring.types and yiqiao.monitoring.command_types; "
                "do not edit."
            ),
        },
        "defaultContentType": "application/json",
        "servers": {
            "broker": {
                "host": "{host}:{port}",
                "protocol": "mqtt",
                "protocolVersion": "5.0",
                "description": "The hospital's MQTT broker (MQTT 3.1.1 clients are accepted too).",
                "variables": {"host": {"default": "127.0.0.1"}, "port": {"default": "1883"}},
                "security": [{"$ref": "#/components/securitySchemes/devicePassword"}],
            },
        },
        "channels": channels,
        "operations": operations,
        "components": {
            "schemas": components,
            "messages": messages,
            "securitySchemes": {
                "devicePassword": {
                    "type": "userPassword",
                    "description": "Username: the device code. Password: issued per device.",
                }
            },
        },
    }


def files() -> dict[str, str]:
    """Relative path → content of every generated file."""
    out = {DOCUMENT: render(asyncapi())}
    for stem, (struct, _, _) in PAYLOADS.items():
        out[f"schemas/{stem}.json"] = render(payload_schema(struct, stem))
    for stem, struct in COMMAND_PAYLOADS.items():
        out[f"schemas/{stem}.json"] = render(payload_schema(struct, stem))
    return out


def write(dir: Path) -> None:
    """Write the AsyncAPI document and the payload JSON Schemas under ``dir`` (created if need be)."""
    for rel, text in files().items():
        path = dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def check(dir: Path) -> list[str]:
    """Paths (relative to ``dir``) that are missing, changed, or no longer generated."""
    want = files()
    have = {p.relative_to(dir).as_posix() for p in dir.rglob("*.json")} if dir.exists() else set()
    drifted = [
        rel
        for rel, text in want.items()
        if not (dir / rel).exists() or (dir / rel).read_text(encoding="utf-8") != text
    ]
    return sorted(drifted + sorted(have - set(want)))
