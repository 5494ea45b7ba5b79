"""What the worker runs for scheduling: lapsed payment holds (slot back to the pool, then to the
next waiter) and no-shows after sessions end (with the credit rule)."""

from __future__ import annotations

import logging
from typing import Any

from yiqiao.scheduling.service import credit, holds

log = logging.getLogger("yiqiao.scheduling")


async def sweep_bookings(ctx: dict[str, Any]) -> int:
    expired = await holds.expire_due_holds()
    no_shows = await credit.mark_no_shows()
    if expired or no_shows:
        log.info("bookings: %d holds expired, %d no-shows marked", expired, no_shows)
    return expired + no_shows
