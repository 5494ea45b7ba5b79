"""Masked patient names for screens other people can see (call boards, queue lists, slips).
The whole name never leaves this module."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from yiqiao import db
from yiqiao.kit.mask import mask_name
from yiqiao.kit.pii import decrypt_pii


async def masked_names(patient_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, str]:
    """``{patient_id: "张*三"}`` for every id that exists."""
    ids = list(dict.fromkeys(patient_ids))
    if not ids:
        return {}
    rows = await db.fetch("SELECT id, name_enc FROM patient WHERE id = ANY({})", ids)
    return {r["id"]: mask_name(decrypt_pii(r["name_enc"])) for r in rows}


async def name_for_receipt(patient_id: uuid.UUID) -> str | None:
    """The whole name, for a document that must carry it and goes only to whoever may act for the
    patient (the payer, 交款人, on an e-invoice). Never for a screen or a response."""
    rows = await db.fetch("SELECT name_enc FROM patient WHERE id = {}", patient_id)
    return decrypt_pii(rows[0]["name_enc"]) if rows else None
