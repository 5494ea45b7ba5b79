"""The database engine, its pool, and the one way to run a unit of work in a transaction."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import asyncpg
from piccolo.engine.postgres import PostgresEngine

from yiqiao.piccolo_conf import DB
from yiqiao.settings import get_settings


def engine() -> PostgresEngine:
    return DB


async def start_pool() -> bool:
    """Open the pool unless one is open; returns whether this call opened it (and should close it)."""
    if DB.pool is not None:
        return False
    s = get_settings()
    await DB.start_connection_pool(min_size=s.db_pool_min, max_size=s.db_pool_max, reset=_reset)
    return True


async def _reset(conn: asyncpg.Connection) -> None:
    """Nothing more to reset when a connection goes back to the pool.

    asyncpg's default runs ``pg_advisory_unlock_all(); CLOSE ALL; UNLISTEN *; RESET ALL`` on every
    release: one more round trip per query outside a transaction, which doubled the database work
    of a booking attempt. We keep no session state (advisory locks are transaction-scoped; no
    LISTEN, session SET or cursor outside a transaction). With a custom reset asyncpg still rolls
    back a transaction a cancelled request left open before it calls this."""


async def close_pool() -> None:
    if DB.pool is not None:
        await DB.close_connection_pool()


@asynccontextmanager
async def transaction() -> AsyncIterator[None]:
    """Run the block in one transaction; nested calls join the outer one (Piccolo's contextvar)."""
    async with DB.transaction(allow_nested=True):
        yield


async def fetch(sql: str, *args: Any) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = await DB.run_querystring(_qs(sql, args))
    return rows


async def execute(sql: str, *args: Any) -> None:
    await DB.run_querystring(_qs(sql, args))


# Raw SQL uses Piccolo's ``{}`` placeholders; values are always bound, never formatted in.
def _qs(sql: str, args: tuple[Any, ...]) -> Any:
    from piccolo.querystring import QueryString

    return QueryString(sql, *args)


async def ping() -> None:
    await DB.run_querystring(_qs("SELECT 1", ()))
