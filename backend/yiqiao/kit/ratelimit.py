"""Fixed-window rate limits in Redis, shared by every process."""

from __future__ import annotations

from yiqiao.kit.errors import RateLimited
from yiqiao.kit.redis import redis


async def hit(key: str, limit: int, window_s: int, message: str, code: str = "rate_limited") -> None:
    """Count one attempt against ``key``; raise ``RateLimited`` (with retry_after_s) past ``limit``."""
    r = redis()
    full = f"yq:rl:{key}"
    async with r.pipeline(transaction=True) as p:
        p.incr(full)
        p.expire(full, window_s, nx=True)
        p.ttl(full)
        count, _, ttl = await p.execute()
    if count > limit:
        raise RateLimited(message, code=code, retry_after_s=max(int(ttl), 1))
