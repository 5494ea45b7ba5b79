"""Write and verify the audit chains.

Each row's hash is SM3(prev_hash || canonical JSON of the row's content), where prev_hash is the
hash of the previous row *of the same chain*. The log is split into ``YQ_AUDIT_CHAINS`` independent
chains, so appends for different changes do not queue behind one lock (a single chain made every
booking in the 08:00 storm wait for every other booking's commit). A transaction's chain is
``crc32(entity:entity_id) mod N`` of the first entry it records, and every later entry of that
transaction goes to the same chain: a transaction holds at most one chain lock, so two
transactions can never deadlock on chain locks taken in opposite orders. An append takes a
transaction-scoped advisory lock on its chain only, and runs inside the caller's transaction: the
audit row commits or rolls back with the change it records.

Rows store their chain number, so changing N later is safe: new rows follow the new split, old
chains stay verifiable. Rows written before chains existed are chain 0. ``verify_chain`` walks every
chain and names the first broken row (the lowest id among the chains' first breaks).
"""

from __future__ import annotations

import uuid
import zlib
from contextvars import ContextVar
from datetime import datetime
from typing import Any

import msgspec

from yiqiao import db
from yiqiao.audit.types import ChainReport
from yiqiao.kit import clock
from yiqiao.kit.actor import Actor
from yiqiao.kit.sm3 import sm3_hex
from yiqiao.settings import get_settings

GENESIS = "0" * 64
_CHAIN_LOCK = 0x59510001  # advisory lock class for the chains ("YQ" + 1); the chain is the second key
_encoder = msgspec.json.Encoder(order="sorted")
# (id of the open transaction, its chain). A stale pair after that transaction ended only means a
# later transaction with a recycled id starts on the same chain, which is as valid as any other.
_tx_chain: ContextVar[tuple[int, int] | None] = ContextVar("yq_audit_tx_chain", default=None)


def chain_of(entity: str, entity_id: str, chains: int | None = None) -> int:
    """The chain a record's entries go to: stable across processes and restarts (not ``hash()``)."""
    n = chains if chains is not None else get_settings().audit_chains
    return zlib.crc32(f"{entity}:{entity_id}".encode()) % max(1, n)


def _content_hash(
    prev_hash: str,
    at: datetime,
    actor: str,
    action: str,
    entity: str,
    entity_id: str,
    institution_id: str,
    detail: Any,
) -> str:
    body = _encoder.encode(
        {
            "at": at.isoformat(),
            "actor": actor,
            "action": action,
            "entity": entity,
            "entity_id": entity_id,
            "institution_id": institution_id,
            "detail": detail,
        }
    )
    return sm3_hex(prev_hash.encode() + body)


async def record(
    actor: Actor,
    action: str,
    entity: str,
    entity_id: uuid.UUID | str,
    detail: dict[str, Any] | None = None,
    institution_id: uuid.UUID | str | None = None,
) -> None:
    """Append one entry. Call inside the transaction of the change being recorded."""
    detail = detail or {}
    inst = str(institution_id or actor.institution_id or "")
    # Microsecond precision survives the round trip through timestamptz, so verify recomputes exactly.
    at = clock.now()
    async with db.transaction():
        txn = id(db.engine().current_transaction.get())
        held = _tx_chain.get()
        if held is not None and held[0] == txn:
            chain = held[1]
        else:
            chain = chain_of(entity, str(entity_id))
            _tx_chain.set((txn, chain))
        # Two statements on purpose: under READ COMMITTED a statement's snapshot is taken when it
        # starts, so a read fused with the lock could miss the head committed while we waited.
        await db.execute("SELECT pg_advisory_xact_lock({}, {})", _CHAIN_LOCK, chain)
        rows = await db.fetch("SELECT hash FROM audit_entry WHERE chain = {} ORDER BY id DESC LIMIT 1", chain)
        prev = rows[0]["hash"] if rows else GENESIS
        h = _content_hash(prev, at, actor.label, action, entity, str(entity_id), inst, detail)
        await db.execute(
            "INSERT INTO audit_entry (chain, at, actor, action, entity, entity_id, institution_id, detail,"
            " prev_hash, hash) VALUES ({}, {}, {}, {}, {}, {}, {}, {}, {}, {})",
            chain,
            at,
            actor.label,
            action,
            entity,
            str(entity_id),
            inst,
            msgspec.json.encode(detail).decode(),
            prev,
            h,
        )


async def verify_chain(batch: int = 5000) -> ChainReport:
    """Verify every chain; on a break, name the lowest broken row id of all chains."""
    chains = await db.fetch("SELECT DISTINCT chain FROM audit_entry ORDER BY chain")
    checked = 0
    broken: list[ChainReport] = []
    for c in chains:
        report = await _verify_one(c["chain"], batch)
        checked += report.rows_checked
        if not report.ok:
            broken.append(report)
    if not broken:
        return ChainReport(ok=True, rows_checked=checked, chains=len(chains))
    first = min(broken, key=lambda r: r.first_broken_id or 0)
    return ChainReport(
        ok=False,
        rows_checked=checked,
        chains=len(chains),
        first_broken_id=first.first_broken_id,
        broken_chain=first.broken_chain,
        reason=first.reason,
    )


async def _verify_one(chain: int, batch: int) -> ChainReport:
    prev = GENESIS
    last_id = 0
    checked = 0
    while True:
        rows = await db.fetch(
            "SELECT id, at, actor, action, entity, entity_id, institution_id, detail::text AS detail,"
            " prev_hash, hash FROM audit_entry WHERE chain = {} AND id > {} ORDER BY id LIMIT {}",
            chain,
            last_id,
            batch,
        )
        if not rows:
            return ChainReport(ok=True, rows_checked=checked)
        for r in rows:
            checked += 1
            if r["prev_hash"] != prev:
                return ChainReport(
                    ok=False,
                    rows_checked=checked,
                    first_broken_id=r["id"],
                    broken_chain=chain,
                    reason=f"prev_hash does not match the previous row's hash in chain {chain} "
                    "(a row was removed, inserted or reordered)",
                )
            detail = msgspec.json.decode(r["detail"])
            expected = _content_hash(
                prev,
                r["at"],
                r["actor"],
                r["action"],
                r["entity"],
                r["entity_id"],
                r["institution_id"],
                detail,
            )
            if expected != r["hash"]:
                return ChainReport(
                    ok=False,
                    rows_checked=checked,
                    first_broken_id=r["id"],
                    broken_chain=chain,
                    reason="row content does not match its hash (the row was altered)",
                )
            prev = r["hash"]
            last_id = r["id"]
