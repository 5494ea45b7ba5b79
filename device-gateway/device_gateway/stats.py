"""Gateway counters: logged every few seconds and added to the Redis hash ``yq:gateway:stats``
(cumulative over every gateway process and restart; ``HGETALL yq:gateway:stats``)."""

from __future__ import annotations

import asyncio
import logging
import time
from collections import Counter

from redis.exceptions import RedisError
from yiqiao.kit.redis import redis

log = logging.getLogger("device_gateway.stats")

REDIS_KEY = "yq:gateway:stats"


class Stats:
    """Names: received, stored (new readings), duplicate, events, statuses, acked,
    rejected.<reason>, backpressure_pauses (times the socket was left unread)."""

    def __init__(self) -> None:
        self.total: Counter[str] = Counter()
        self._unsaved: Counter[str] = Counter()

    def incr(self, name: str, n: int = 1) -> None:
        if n:
            self.total[name] += n
            self._unsaved[name] += n

    def rejected(self, reason: str) -> None:
        self.incr(f"rejected.{reason}")

    async def save(self) -> None:
        """Add the counts since the last save to the Redis hash (kept for the next try on error)."""
        delta, self._unsaved = self._unsaved, Counter()
        if not delta:
            return
        try:
            pipe = redis().pipeline(transaction=False)
            for name, n in delta.items():
                pipe.hincrby(REDIS_KEY, name, n)
            pipe.hset(REDIS_KEY, "updated_at", str(int(time.time())))
            await pipe.execute()
        except (RedisError, OSError) as exc:
            self._unsaved.update(delta)
            log.warning("could not save gateway stats to Redis: %s", exc)

    def line(self, since: Counter[str]) -> str:
        parts = [f"{k}={v} (+{v - since[k]})" for k, v in sorted(self.total.items())]
        return ", ".join(parts) or "nothing yet"

    async def report_forever(self, interval_s: float) -> None:
        last: Counter[str] = Counter()
        while True:
            await asyncio.sleep(interval_s)
            log.info("gateway stats: %s", self.line(last))
            last = Counter(self.total)
            await self.save()
