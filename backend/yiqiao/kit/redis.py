"""The shared Redis client (cache, rate limits, revocation, pub/sub)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from redis.asyncio import Redis

from yiqiao.settings import get_settings

_client: Redis | None = None
_before_close: list[Callable[[], Awaitable[None]]] = []


def redis() -> Redis:
    global _client
    if _client is None:
        _client = Redis.from_url(get_settings().redis_url, decode_responses=False)
    return _client


def on_close(hook: Callable[[], Awaitable[None]]) -> None:
    """Run ``hook`` before the client closes (a background subscriber stops first, so it does not
    reconnect through a fresh client)."""
    if hook not in _before_close:
        _before_close.append(hook)


async def close_redis() -> None:
    global _client
    for hook in _before_close:
        await hook()
    if _client is not None:
        await _client.aclose()
        _client = None
