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
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import aiomqtt
import paho.mqtt.client as mqtt


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
