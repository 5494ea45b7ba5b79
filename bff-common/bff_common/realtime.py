"""The token-authenticated WebSocket each BFF serves at ``/ws``.

Each socket subscribes, through Redis pub/sub, to the channels its actor may read (the BFF says
which), so a message published by any process reaches every socket in every process. The socket
closes when the token expires or its session is revoked (code 4401)."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Awaitable, Callable
from typing import Any

from litestar import WebSocket, websocket
from litestar.exceptions import WebSocketDisconnect
from litestar.params import FromQuery
from redis.asyncio.client import PubSub
from yiqiao.auth.principal import actor_from_claims
from yiqiao.auth.sessions import verify_access
from yiqiao.kit.actor import Actor
from yiqiao.kit.errors import DomainError
from yiqiao.kit.redis import redis
from yiqiao.kit.tokens import Audience

ChannelsFor = Callable[[Actor], Awaitable[list[str]]]
CLOSE_UNAUTHORIZED = 4401
SUBSCRIBE_TIMEOUT_S = 5.0


async def _subscribe(channels: list[str]) -> tuple[PubSub, list[str]]:
    """Subscribe and wait until Redis has confirmed every channel, so nothing published after the
    client hears "ready" can be missed. Messages that arrive meanwhile are returned to send first."""
    pubsub = redis().pubsub()
    early: list[str] = []
    if not channels:
        return pubsub, early
    await pubsub.subscribe(*channels)
    waiting = set(channels)
    deadline = time.monotonic() + SUBSCRIBE_TIMEOUT_S
    while waiting:
        if time.monotonic() > deadline:
            await pubsub.aclose()  # type: ignore[no-untyped-call]
            raise TimeoutError("Redis did not confirm the subscriptions")
        msg = await pubsub.get_message(timeout=0.5)
        if msg is None:
            continue
        if msg["type"] == "subscribe":
            waiting.discard(msg["channel"].decode())
        elif msg["type"] == "message":
            early.append(msg["data"].decode())
    return pubsub, early


async def _pump(socket: WebSocket[Any, Any, Any], pubsub: PubSub, early: list[str], deadline: float) -> None:
    try:
        for text in early:
            await socket.send_text(text)
        while time.time() < deadline:
            msg = await pubsub.get_message(ignore_subscribe_messages=True, timeout=1.0)
            if msg is not None and msg["type"] == "message":
                await socket.send_text(msg["data"].decode())
    finally:
        await pubsub.unsubscribe()
        await pubsub.aclose()  # type: ignore[no-untyped-call]


async def _drain(socket: WebSocket[Any, Any, Any]) -> None:
    """Read (and ignore) client frames so a disconnect is noticed at once."""
    with contextlib.suppress(WebSocketDisconnect):
        while True:
            await socket.receive_data(mode="text")


def realtime_handler(audience: Audience, channels_for: ChannelsFor) -> Any:
    @websocket("/ws", summary="Live updates (pass ?token=<access token>)")
    async def realtime(socket: WebSocket[Any, Any, Any], token: FromQuery[str | None] = None) -> None:
        await socket.accept()
        try:
            if not token:
                raise DomainError("Pass the access token as ?token=…", code="token_missing")
            claims = await verify_access(token, audience)
            actor = actor_from_claims(claims)
            channels = await channels_for(actor)
        except DomainError as exc:
            await socket.send_json({"type": "error", "code": exc.code, "detail": exc.detail})
            await socket.close(code=CLOSE_UNAUTHORIZED, reason=exc.code)
            return
        pubsub, early = await _subscribe(channels)
        await socket.send_json({"type": "ready", "channels": len(channels)})
        pump = asyncio.create_task(_pump(socket, pubsub, early, float(claims["exp"])))
        drain = asyncio.create_task(_drain(socket))
        done, pending = await asyncio.wait({pump, drain}, return_when=asyncio.FIRST_COMPLETED)
        for task in pending:
            task.cancel()
        for task in pending:
            with contextlib.suppress(asyncio.CancelledError, WebSocketDisconnect):
                await task
        if pump in done:
            with contextlib.suppress(Exception):
                await socket.close(code=CLOSE_UNAUTHORIZED, reason="token_expired")

    return realtime
