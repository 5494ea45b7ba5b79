"""Which session families were revoked, known in this process without a Redis round trip.

The durable record stays the Redis key ``yq:auth:revoked:<family>`` (refresh and every process
that is not listening read it). Revoking also publishes the family on ``yq:auth:revocations``; each
process keeps a set of recently revoked families current from that subscription. The set answers
only while the subscription is live: it is (re)loaded from the keys *after* the subscription is
confirmed (so a revocation is either in the load or arrives as a message), and a heartbeat ping
proves the connection still delivers. Until then, and whenever it drops or goes quiet, the
answer is "don't know" and the caller asks Redis as before; after a reconnect the set is reloaded.

An entry is kept for an access token's lifetime (plus a margin) after it was seen: no access token
of a revoked family is issued later (refresh checks the Redis key), so none can outlive it."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import weakref

from yiqiao.kit.redis import on_close, redis
from yiqiao.settings import get_settings

PREFIX = "yq:auth:revoked:"
CHANNEL = "yq:auth:revocations"
PING_EVERY_S = 0.25  # a quiet subscription is pinged this often ...
STALE_AFTER_S = 1.0  # ... and not trusted once nothing (not even a pong) was heard for this long
_MARGIN_S = 120.0

log = logging.getLogger(__name__)


class _Watch:
    def __init__(self) -> None:
        self.families: dict[str, float] = {}  # family -> monotonic time it was learnt
        self.live = False
        self.heard = 0.0
        self.task: asyncio.Task[None] | None = None

    def revoked(self, family: str) -> bool | None:
        if not self.live or time.monotonic() - self.heard > STALE_AFTER_S:
            return None
        return family in self.families

    def _prune(self, now: float) -> None:
        keep_s = get_settings().access_token_ttl_s + _MARGIN_S
        old = [f for f, at in self.families.items() if now - at > keep_s]
        for f in old:
            del self.families[f]

    async def _load(self) -> dict[str, float]:
        """Families revoked within an access token's lifetime, from their keys' remaining TTL."""
        s = get_settings()
        now = time.monotonic()
        keep_s = s.access_token_ttl_s + _MARGIN_S
        found: dict[str, float] = {}
        r = redis()
        batch: list[bytes] = []

        async def flush() -> None:
            async with r.pipeline(transaction=False) as p:
                for k in batch:
                    p.ttl(k)
                ttls = await p.execute()
            for k, ttl in zip(batch, ttls, strict=True):
                age = s.refresh_token_ttl_s - ttl if ttl >= 0 else 0
                if ttl != -2 and age <= keep_s:
                    found[k[len(PREFIX) :].decode()] = now - max(age, 0)
            batch.clear()

        async for key in r.scan_iter(match=PREFIX + "*", count=1000):
            batch.append(key)
            if len(batch) >= 1000:
                await flush()
        if batch:
            await flush()
        return found

    async def run(self) -> None:
        pause = 0.05
        while True:
            pubsub = redis().pubsub()
            try:
                await pubsub.subscribe(CHANNEL)
                while True:  # the confirmation: from here on every revocation reaches us
                    msg = await pubsub.get_message(timeout=1.0)
                    if msg is not None and msg["type"] == "subscribe":
                        break
                self.families = await self._load()
                self.heard = time.monotonic()
                self.live = True
                pause = 0.05
                pinged = 0.0
                while True:
                    msg = await pubsub.get_message(timeout=PING_EVERY_S)
                    now = time.monotonic()
                    if msg is not None:
                        self.heard = now
                        if msg["type"] == "message":
                            self.families[msg["data"].decode()] = now
                    if now - self.heard >= PING_EVERY_S and now - pinged >= PING_EVERY_S:
                        await pubsub.ping()
                        pinged = now
                        self._prune(now)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # Redis went away: callers ask Redis until we are back
                log.warning("revocation subscription lost (%s); reconnecting", type(exc).__name__)
            finally:
                self.live = False
                with contextlib.suppress(Exception):
                    await pubsub.aclose()  # type: ignore[no-untyped-call]
            await asyncio.sleep(pause)
            pause = min(pause * 2, 2.0)


_watches: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _Watch] = weakref.WeakKeyDictionary()


def _watch() -> _Watch:
    loop = asyncio.get_running_loop()
    w = _watches.get(loop)
    if w is None:
        w = _watches[loop] = _Watch()
    if w.task is None or w.task.done():
        w.task = loop.create_task(w.run(), name="yq-revocation-watch")
    return w


def start() -> None:
    """Subscribe now (a BFF's startup), so the first requests need not ask Redis."""
    _watch()


def known_revoked(family: str) -> bool | None:
    """True or False from the in-process set; None when it can't be trusted (ask Redis)."""
    return _watch().revoked(family)


def learnt(family: str) -> None:
    """This process revoked ``family`` itself: know it at once, not after the round trip."""
    w = _watches.get(asyncio.get_running_loop())
    if w is not None:
        w.families[family] = time.monotonic()


async def revoke(family: str) -> None:
    """The durable record first, then the news to every listening process."""
    r = redis()
    await r.set(PREFIX + family, 1, ex=get_settings().refresh_token_ttl_s)
    learnt(family)
    await r.publish(CHANNEL, family)


async def stop() -> None:
    """Stop this loop's subscription (before the Redis client closes)."""
    w = _watches.pop(asyncio.get_running_loop(), None)
    if w is not None and w.task is not None:
        w.task.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await w.task


on_close(stop)
