from __future__ import annotations

import uuid

from yiqiao import db
from yiqiao.kit.ids import new_id


class LocalPushProvider:
    async def push(self, account_id: uuid.UUID, title: str, body: str, dedupe_key: str) -> str:
        rows = await db.fetch(
            "INSERT INTO local_push_message (id, account_id, title, body, dedupe_key) "
            "VALUES ({}, {}, {}, {}, {}) ON CONFLICT (dedupe_key) DO UPDATE SET dedupe_key = "
            "EXCLUDED.dedupe_key RETURNING id",
            new_id(),
            account_id,
            title,
            body,
            dedupe_key,
        )
        return str(rows[0]["id"])
