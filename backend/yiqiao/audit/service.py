"""Write and verify the audit chain.

Each row's hash is SM3(prev_hash || canonical JSON of the row's content). Appends take a
transaction-scoped advisory lock so the chain has one order, and they run inside the caller's
transaction: the audit row commits or rolls back with the change it records.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import msgspec

from yiqiao import db
from yiqiao.audit.types import ChainReport
from yiqiao.kit import clock
from yiqiao.kit.actor import Actor
from yiqiao.kit.sm3 import sm3_hex

GENESIS = "0" * 64
_CHAIN_LOCK = 0x59510001  # advisory lock key for the chain ("YQ" + 1)
_encoder = msgspec.json.Encoder(order="sorted")


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
        await db.execute("SELECT pg_advisory_xact_lock({})", _CHAIN_LOCK)
        rows = await db.fetch("SELECT hash FROM audit_entry ORDER BY id DESC LIMIT 1")
        prev = rows[0]["hash"] if rows else GENESIS
        h = _content_hash(prev, at, actor.label, action, entity, str(entity_id), inst, detail)
        await db.execute(
            "INSERT INTO audit_entry (at, actor, action, entity, entity_id, institution_id, detail,"
            " prev_hash, hash) VALUES ({}, {}, {}, {}, {}, {}, {}, {}, {})",
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
    prev = GENESIS
    last_id = 0
    checked = 0
    while True:
        rows = await db.fetch(
            "SELECT id, at, actor, action, entity, entity_id, institution_id, detail::text AS detail,"
            " prev_hash, hash FROM audit_entry WHERE id > {} ORDER BY id LIMIT {}",
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
                    reason="prev_hash does not match the previous row's hash "
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
                    reason="row content does not match its hash (the row was altered)",
                )
            prev = r["hash"]
            last_id = r["id"]
