"""Device code → DeviceRef (id, kind, ward, patient, bed), cached in memory.

The whole registry is reloaded every ``refresh_s`` (new devices, retired devices, patient
assignments); a code not in the cache is looked up once, and an unknown code is remembered as
unknown for ``unknown_retry_s`` so a flood from a rogue code does not become a flood of queries.
"""

from __future__ import annotations

import asyncio
import logging
import time

from asyncpg.exceptions import InterfaceError, PostgresError
from yiqiao.monitoring import service
from yiqiao.monitoring.types import DeviceRef

log = logging.getLogger(__name__)


class Registry:
    def __init__(self, refresh_s: float = 15.0, unknown_retry_s: float = 5.0) -> None:
        self.refresh_s = refresh_s
        self.unknown_retry_s = unknown_retry_s
        self._by_code: dict[str, DeviceRef] = {}
        self._unknown: dict[str, float] = {}

    def __len__(self) -> int:
        return len(self._by_code)

    async def load(self) -> None:
        self._by_code = {d.code: d for d in await service.device_refs()}
        self._unknown.clear()

    async def get(self, code: str) -> DeviceRef | None:
        ref = self._by_code.get(code)
        if ref is not None:
            return ref
        now = time.monotonic()
        if self._unknown.get(code, 0.0) > now:
            return None
        ref = await self._lookup(code)
        if ref is None:
            if len(self._unknown) > 10_000:
                self._unknown.clear()
            self._unknown[code] = now + self.unknown_retry_s
        else:
            self._by_code[code] = ref
        return ref

    async def _lookup(self, code: str) -> DeviceRef | None:
        # The reader waits here while the database is away: that is backpressure, not loss.
        delay = 0.2
        while True:
            try:
                return await service.device_ref(code)
            except (PostgresError, InterfaceError, OSError, TimeoutError) as exc:
                log.warning("device lookup for %r failed, retrying in %.1fs: %s", code, delay, exc)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 30.0)

    async def refresh_forever(self) -> None:
        while True:
            await asyncio.sleep(self.refresh_s)
            try:
                await self.load()
            except Exception as exc:  # the DB may be restarting; keep serving from the cache
                log.warning("device registry refresh failed, keeping %d cached: %s", len(self), exc)
