"""The embedded HIS: our own table acts as the hospital's patient master index."""

from __future__ import annotations

import datetime as dt
from typing import Any

from yiqiao import db
from yiqiao.integrations.his.base import HisCard
from yiqiao.integrations.his.local_inpatient import LocalInpatientHis
from yiqiao.integrations.his.local_outpatient import LocalOutpatientBilling
from yiqiao.kit.ids import new_id
from yiqiao.kit.pii import blind_index, decrypt_pii, encrypt_pii


def _card(row: dict[str, Any]) -> HisCard:
    return HisCard(
        card_no=row["card_no"],
        kind=row["kind"],
        name=decrypt_pii(row["name_enc"]),
        id_number=decrypt_pii(row["id_number_enc"]),
        institution_code=row["institution_code"],
    )


async def add_card(*, card_no: str, kind: str, name: str, id_number: str, institution_code: str) -> None:
    """Put a card into the HIS as a registration window would (demo data, tests)."""
    await db.execute(
        "INSERT INTO local_his_card (id, card_no, kind, name_enc, id_number_enc, id_number_bidx,"
        " institution_code) VALUES ({}, {}, {}, {}, {}, {}, {}) ON CONFLICT (card_no) DO NOTHING",
        new_id(),
        card_no,
        kind,
        encrypt_pii(name),
        encrypt_pii(id_number),
        blind_index("id_number", id_number),
        institution_code,
    )


class LocalHisProvider(LocalOutpatientBilling, LocalInpatientHis):
    async def get_card(self, card_no: str) -> HisCard | None:
        rows = await db.fetch("SELECT * FROM local_his_card WHERE card_no = {}", card_no)
        return _card(rows[0]) if rows else None

    async def cards_for_person(self, id_number: str) -> list[HisCard]:
        rows = await db.fetch(
            "SELECT * FROM local_his_card WHERE id_number_bidx = {} ORDER BY created_at",
            blind_index("id_number", id_number),
        )
        return [_card(r) for r in rows]

    async def register(
        self, *, name: str, id_number: str, sex: str, birth_date: dt.date, institution_code: str
    ) -> HisCard:
        seq = await db.fetch("SELECT nextval('local_his_ecard_seq') AS n")
        card_no = f"E{institution_code[-4:]}{seq[0]['n']:08d}"
        await add_card(
            card_no=card_no,
            kind="electronic",
            name=name,
            id_number=id_number,
            institution_code=institution_code,
        )
        return HisCard(
            card_no=card_no,
            kind="electronic",
            name=name,
            id_number=id_number,
            institution_code=institution_code,
        )
