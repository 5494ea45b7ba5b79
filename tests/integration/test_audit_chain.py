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


async def test_appends_spread_over_chains_and_each_chain_verifies(core):
    """Concurrent appends from many transactions land on several chains, and every chain holds."""
    import asyncio
    import uuid

    from yiqiao import db
    from yiqiao.audit import service as audit
    from yiqiao.kit.actor import SYSTEM

    tag = uuid.uuid4().hex[:8]

    async def change(i: int) -> None:
        async with db.transaction():
            await audit.record(SYSTEM, "test.spread", "thing", f"{tag}-{i}", {"i": i})

    await asyncio.gather(*(change(i) for i in range(60)))
    rows = await db.fetch(
        "SELECT DISTINCT chain FROM audit_entry WHERE action = 'test.spread' AND entity_id LIKE {}",
        f"{tag}-%",
    )
    assert len(rows) > 1
    report = await audit.verify_chain()
    assert report.ok and report.chains > 1, report


async def test_one_transaction_appends_to_one_chain(core):
    """Every entry of a transaction follows its first entry's chain, so a transaction never waits
    for two chain locks (no deadlock between two transactions taking them in opposite orders)."""
    import uuid

    from yiqiao import db
    from yiqiao.audit import service as audit
    from yiqiao.kit.actor import SYSTEM

    tag = uuid.uuid4().hex[:8]
    async with db.transaction():
        for i in range(12):
            await audit.record(SYSTEM, "test.one_tx", "thing", f"{tag}-{i}")
    rows = await db.fetch(
        "SELECT chain FROM audit_entry WHERE action = 'test.one_tx' AND entity_id LIKE {}", f"{tag}-%"
    )
    assert len(rows) == 12
    assert {r["chain"] for r in rows} == {audit.chain_of("thing", f"{tag}-0")}
    # The next transaction picks its chain afresh from its own first entry.
    other = next(
        f"{tag}-x{i}" for i in range(100) if audit.chain_of("thing", f"{tag}-x{i}") != rows[0]["chain"]
    )
    async with db.transaction():
        await audit.record(SYSTEM, "test.one_tx", "thing", other)
    last = await db.fetch("SELECT chain FROM audit_entry WHERE entity_id = {}", other)
    assert last[0]["chain"] == audit.chain_of("thing", other)


def test_chain_choice_is_stable_across_processes():
    import zlib

    from yiqiao.audit.service import chain_of

    # crc32, not hash(): the same on every machine and after every restart.
    assert chain_of("thing", "42", 16) == zlib.crc32(b"thing:42") % 16
    assert chain_of("thing", "42", 1) == 0
    assert {chain_of("appointment", str(i), 16) for i in range(200)} == set(range(16))


async def test_tampering_in_any_chain_is_named(core, services):
    from yiqiao import db
    from yiqiao.audit import service as audit
    from yiqiao.kit.actor import SYSTEM

    entity_id = next(str(i) for i in range(1000) if audit.chain_of("probe", str(i)) != 0)
    chain = audit.chain_of("probe", entity_id)
    for n in range(2):
        async with db.transaction():
            await audit.record(SYSTEM, "test.probe", "probe", entity_id, {"n": n})
    target = (
        await db.fetch(
            "SELECT min(id) AS id FROM audit_entry WHERE entity = 'probe' AND entity_id = {}", entity_id
        )
    )[0]["id"]
    admin = superuser_url(services)
    await _as_superuser(admin, "UPDATE audit_entry SET actor = 'someone else' WHERE id = $1", target)
    try:
        report = await audit.verify_chain()
        assert not report.ok and report.first_broken_id == target and report.broken_chain == chain
        with pytest.raises(RuntimeError, match=f"BROKEN at row {target}"):
            run_cli("verify-audit")
    finally:
        await _as_superuser(admin, "UPDATE audit_entry SET actor = 'system' WHERE id = $1", target)
    assert (await audit.verify_chain()).ok
