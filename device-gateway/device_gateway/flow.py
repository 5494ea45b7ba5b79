"""An aiomqtt client that stops reading its socket while too many messages wait: TCP backpressure.

MQTT 5's Receive Maximum should cap how many unacknowledged QoS 1 messages the broker sends us,
but Mosquitto 2.0 lets up to ``max_queued_messages`` more through once acknowledgements flow
(measured: Receive Maximum 100, 1,096 messages waiting), and aiomqtt's own bounded queue
*discards* on overflow — a discarded QoS 1 message is never acknowledged, uses up the broker's
in-flight quota, and stalls the session. So the inbox here is unbounded in type but kept small
in fact: at ``high`` waiting messages the socket reader is removed from the event loop (the
kernel buffer fills, then TCP pushes back on the broker, which holds the rest); at ``low`` it is
put back. A pause longer than the keepalive drops the connection; the gateway reconnects and
the broker redelivers what was not acknowledged.

This leans on two aiomqtt 2.x internals (the ``_queue`` the message iterator reads, and the
socket-reader callback it registers), which is why aiomqtt is pinned below 3.

Two costs of paho's per-message path are cut here too (measured with ``bench/ingest.py``):

- PUBACKs are coalesced: acknowledging a stored batch queues one write of all its PUBACKs (still
  in arrival order) instead of one packet, one wake-up byte and one ``send()`` per message.
- A PUBLISH without MQTT 5 properties (what devices send) shares one empty ``Properties``:
  paho builds a fresh ``Properties`` object per message (two dicts of ~27 entries, then
  ``clear()`` probes every name), which cost more than decoding and validating the payload.
  Anything else (properties present, or a malformed packet) goes through paho's own decoder.
"""

from __future__ import annotations

import asyncio
import struct
from collections.abc import Callable
from typing import Any

import aiomqtt
import paho.mqtt.client as mqtt
from paho.mqtt.enums import MQTTErrorCode
from paho.mqtt.packettypes import PacketTypes
from paho.mqtt.properties import Properties

try:  # paho 2.2 decodes PUBLISH in its own module; older versions keep the slow path
    from paho.mqtt import _packet as _paho_packet
except ImportError:  # pragma: no cover
    _paho_packet = None  # type: ignore[assignment]

_PAHO_DECODE_PUBLISH: Callable[..., Any] | None = (
    _paho_packet.decode_publish if _paho_packet is not None else None
)
_PUBACK = 0x40
_EMPTY_PUBLISH_PROPERTIES = Properties(PacketTypes.PUBLISH)  # type: ignore[no-untyped-call]


class _Inbox(asyncio.Queue[aiomqtt.Message]):
    def __init__(self, high: int, low: int, on_high: Callable[[], None], on_low: Callable[[], None]):
        super().__init__()
        self._high, self._low = high, low
        self._on_high, self._on_low = on_high, on_low

    def _put(self, item: aiomqtt.Message) -> None:
        super()._put(item)
        if self.qsize() >= self._high:
            self._on_high()

    def _get(self) -> aiomqtt.Message:
        item: aiomqtt.Message = super()._get()
        if self.qsize() <= self._low:
            self._on_low()
        return item


def _decode_publish(header: int, packet: bytes | bytearray, protocol: Any) -> Any:
    """paho's ``decode_publish``, without building a Properties object when there are none."""
    slow = _PAHO_DECODE_PUBLISH
    assert _paho_packet is not None and slow is not None
    qos = (header & 0x06) >> 1
    if protocol != mqtt.MQTTv5 or len(packet) < 2:
        return slow(header, packet, protocol)
    topic_end = 2 + ((packet[0] << 8) | packet[1])
    props_at = topic_end + (2 if qos > 0 else 0)
    if len(packet) <= props_at or packet[props_at] != 0:  # properties present, or malformed
        return slow(header, packet, protocol)
    return _paho_packet.PublishPacket(
        dup=bool(header & 0x08),
        qos=qos,
        retain=bool(header & 0x01),
        topic=bytes(packet[2:topic_end]),
        mid=(packet[topic_end] << 8) | packet[topic_end + 1] if qos > 0 else 0,
        properties=_EMPTY_PUBLISH_PROPERTIES,
        payload=bytes(packet[props_at + 1 :]),
    )


def _install_fast_decode() -> None:
    if _paho_packet is not None and _PAHO_DECODE_PUBLISH is not None:
        _paho_packet.decode_publish = _decode_publish


class PausingClient(aiomqtt.Client):
    def __init__(
        self,
        *args: Any,
        high_water: int,
        low_water: int,
        on_pause: Callable[[], None] = lambda: None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._queue = _Inbox(high_water, low_water, self.pause_reading, self.resume_reading)
        self._on_pause = on_pause
        self.paused = False
        self._acks: list[int] = []
        self._client.ack = self._ack  # type: ignore[method-assign]
        _install_fast_decode()

    def _ack(self, mid: int, qos: int) -> MQTTErrorCode:
        """paho's ``ack`` (manual-ack mode), coalesced: QoS 1 acks given in one pass of the
        event loop leave as one write, in the order given."""
        if qos != 1:
            return mqtt.Client.ack(self._client, mid, qos)
        if not self._acks:
            self._loop.call_soon(self._flush_acks)
        self._acks.append(mid)
        return MQTTErrorCode.MQTT_ERR_SUCCESS

    def _flush_acks(self) -> None:
        mids, self._acks = self._acks, []
        if mids:
            packet = b"".join(struct.pack("!BBH", _PUBACK, 2, mid) for mid in mids)
            self._client._packet_queue(_PUBACK, packet, 0, 1)

    def _fd(self) -> int | None:
        sock = self._client.socket()
        fd = sock.fileno() if sock is not None else -1
        return fd if fd >= 0 else None

    def pause_reading(self) -> None:
        fd = self._fd()
        if not self.paused and fd is not None:
            self._loop.remove_reader(fd)
            self.paused = True
            self._on_pause()

    def resume_reading(self) -> None:
        if not self.paused:
            return
        self.paused = False
        fd = self._fd()
        if fd is not None and not self._disconnected.done():
            self._loop.add_reader(fd, self._read_socket)

    def _read_socket(self) -> None:
        # The same as the reader aiomqtt registers when the socket opens.
        client: mqtt.Client = self._client
        try:
            while True:
                client.loop_read()
                sock: Any = client._sock
                if hasattr(sock, "pending") and sock.pending() > 0:
                    continue
                break
        except Exception as exc:
            if not self._disconnected.done():
                self._disconnected.set_exception(exc)
