"""The audit log is append-only, hash-chained, and written in the same transaction as the change."""

from __future__ import annotations

import pytest

from tests.integration.flows import superuser_url
from tests.support import run_cli


async def test_audit_rows_cannot_be_updated_or_deleted(core):
    from yiqiao import db

    with pytest.raises(Exception, match="append-only"):
        await db.execute("UPDATE audit_entry SET actor = 'x' WHERE id = (SELECT min(id) FROM audit_entry)")
    with pytest.raises(Exception, match="append-only"):
        await db.execute("DELETE FROM audit_entry")


async def test_audit_follows_its_transaction(core):
    from yiqiao import db
    from yiqiao.audit import service as audit
    from yiqiao.kit.actor import SYSTEM

    before = (await db.fetch("SELECT count(*) AS n FROM audit_entry"))[0]["n"]
    with pytest.raises(RuntimeError):
        async with db.transaction():
            await audit.record(SYSTEM, "test.rolled_back", "thing", "1")
            raise RuntimeError("the change failed")
    assert (await db.fetch("SELECT count(*) AS n FROM audit_entry"))[0]["n"] == before


async def _as_superuser(url: str, sql: str, *args: object) -> None:
    import asyncpg

    conn = await asyncpg.connect(url)
    try:
        async with conn.transaction():
            await conn.execute("SET LOCAL session_replication_role = replica")
            await conn.execute(sql, *args)
    finally:
        await conn.close()


async def test_tampered_audit_row_is_detected_and_named(core, services):
    from yiqiao import db
    from yiqiao.audit import service as audit
    from yiqiao.kit.actor import SYSTEM

    for i in range(3):
        async with db.transaction():
            await audit.record(SYSTEM, "test.event", "thing", str(i), {"n": i})
    assert (await audit.verify_chain()).ok
    assert "intact" in run_cli("verify-audit")

    target = (await db.fetch("SELECT max(id) - 1 AS id FROM audit_entry"))[0]["id"]
    # An insider with superuser rights bypasses the trigger and edits one row.
    admin = superuser_url(services)
    await _as_superuser(admin, "UPDATE audit_entry SET detail = '{\"n\": 99}' WHERE id = $1", target)
    report = await audit.verify_chain()
    assert not report.ok and report.first_broken_id == target
    with pytest.raises(RuntimeError, match=f"BROKEN at row {target}"):
        run_cli("verify-audit")
    # Put it back so the rest of the session keeps an intact chain.
    await _as_superuser(admin, "UPDATE audit_entry SET detail = '{\"n\": 1}' WHERE id = $1", target)
    assert (await audit.verify_chain()).ok
