"""The shared Redis client (cache, rate limits, revocation, pub/sub)."""

from __future__ import annotations

from redis.asyncio import Redis

from yiqiao.settings import get_settings

_client: Redis | None = None


def redis() -> Redis:
    global _client
    if _client is None:
        _client = Redis.from_url(get_settings().redis_url, decode_responses=False)
    return _client


async def close_redis() -> None:
    global _client
    if _client is not None:
        await _client.aclose()
        _client = None
