"""The gateway's fast PUBLISH decoder gives what paho's own decoder gives."""

from __future__ import annotations

import struct

import paho.mqtt.client as mqtt
import pytest
from device_gateway import flow
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties


def _publish(topic: bytes, payload: bytes, qos: int, mid: int, props: bytes = b"\x00") -> bytes:
    return struct.pack("!H", len(topic)) + topic + (struct.pack("!H", mid) if qos else b"") + props + payload


def _props_with_content_type() -> bytes:
    p = Properties(PacketTypes.PUBLISH)
    p.ContentType = "application/json"
    return bytes(p.pack())


@pytest.mark.parametrize("qos", [0, 1])
@pytest.mark.parametrize("flags", [0x00, 0x08, 0x01])  # plain, dup, retain
@pytest.mark.parametrize("with_props", [False, True])
def test_fast_decode_matches_paho(qos: int, flags: int, with_props: bool) -> None:
    assert flow._PAHO_DECODE_PUBLISH is not None
    header = 0x30 | flags | (qos << 1)
    props = _props_with_content_type() if with_props else b"\x00"
    packet = _publish(b"devices/DEV-1/telemetry", b'{"seq":1}', qos, 4242, props)
    ours = flow._decode_publish(header, bytearray(packet), mqtt.MQTTv5)
    theirs = flow._PAHO_DECODE_PUBLISH(header, bytearray(packet), mqtt.MQTTv5)
    assert (ours.dup, ours.qos, ours.retain, ours.topic, ours.mid, ours.payload) == (
        theirs.dup,
        theirs.qos,
        theirs.retain,
        theirs.topic,
        theirs.mid,
        theirs.payload,
    )
    assert ours.properties.json() == theirs.properties.json()


def test_truncated_packets_still_fail_the_way_paho_fails() -> None:
    assert flow._PAHO_DECODE_PUBLISH is not None
    packet = bytearray(_publish(b"devices/DEV-1/telemetry", b"", 1, 7))[:10]
    with pytest.raises(Exception) as ours:
        flow._decode_publish(0x32, packet, mqtt.MQTTv5)
    with pytest.raises(Exception) as theirs:
        flow._PAHO_DECODE_PUBLISH(0x32, packet, mqtt.MQTTv5)
    assert type(ours.value) is type(theirs.value)
