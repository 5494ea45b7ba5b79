"""The local SMS gateway: validates numbers like a carrier, stores what it sends, logs it in dev,
and can be told (through Redis) to fail the next N sends with a transient error, as a real
carrier's flow control does."""

from __future__ import annotations

import logging
import re

from yiqiao import db
from yiqiao.integrations.errors import ProviderError
from yiqiao.integrations.sms.templates import render
from yiqiao.kit.ids import new_id
from yiqiao.kit.pii import blind_index, decrypt_pii, encrypt_pii
from yiqiao.kit.redis import redis
from yiqiao.settings import get_settings

log = logging.getLogger("yiqiao.sms.local")
FAIL_NEXT_KEY = "yq:local:sms:fail_next"
_MAINLAND_MOBILE = re.compile(r"^1[3-9]\d{9}$")


class LocalSmsProvider:
    async def send(self, phone: str, template: str, params: dict[str, str], dedupe_key: str) -> str:
        if not _MAINLAND_MOBILE.match(phone):
            raise ProviderError("isv.MOBILE_NUMBER_ILLEGAL", "not a mainland mobile number", transient=False)
        if await redis().decr(FAIL_NEXT_KEY) >= 0:
            raise ProviderError("isv.BUSINESS_LIMIT_CONTROL", "flow control, retry later", transient=True)
        await redis().delete(FAIL_NEXT_KEY)
        text = render(template, params)
        msg_id = new_id()
        rows = await db.fetch(
            "INSERT INTO local_sms_message (id, phone_bidx, phone_enc, template, text_enc, dedupe_key)"
            " VALUES ({}, {}, {}, {}, {}, {}) ON CONFLICT (dedupe_key) DO UPDATE SET dedupe_key ="
            " EXCLUDED.dedupe_key RETURNING id",
            msg_id,
            blind_index("phone", phone),
            encrypt_pii(phone),
            template,
            encrypt_pii(text),
            dedupe_key,
        )
        if get_settings().env != "production":
            log.info("SMS to %s: %s", phone, text)
        return str(rows[0]["id"])


async def latest_text(phone: str) -> str | None:
    """What the carrier last delivered to this phone (dev-only endpoints and tests read it)."""
    rows = await db.fetch(
        "SELECT text_enc FROM local_sms_message WHERE phone_bidx = {} ORDER BY sent_at DESC LIMIT 1",
        blind_index("phone", phone),
    )
    return decrypt_pii(rows[0]["text_enc"]) if rows else None


async def fail_next(n: int) -> None:
    await redis().set(FAIL_NEXT_KEY, n)
