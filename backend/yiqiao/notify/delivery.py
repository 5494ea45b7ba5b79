"""Deliver a queued notice through one channel (worker side). Contact details are looked up at
delivery time, so the outbox never holds a phone number."""

from __future__ import annotations

import logging
import uuid

from yiqiao.identity.service import patients
from yiqiao.integrations.push import get_push_provider
from yiqiao.integrations.sms import get_sms_provider
from yiqiao.integrations.wechat import get_wechat_provider
from yiqiao.outbox.types import OutboxItem

log = logging.getLogger("yiqiao.notify")
WECHAT_TEMPLATE = "yq_notice_v1"


async def deliver_sms(item: OutboxItem) -> None:
    phone, _ = await patients.account_contact(uuid.UUID(item.payload["account_id"]))
    await get_sms_provider().send(
        phone, "notice", {"title": item.payload["title"], "body": item.payload["body"]}, item.dedupe_key
    )


async def deliver_wechat(item: OutboxItem) -> None:
    _, openid = await patients.account_contact(uuid.UUID(item.payload["account_id"]))
    if openid is None:
        # The patient never signed in from WeChat: there is nobody to send to, and retrying
        # would not change that. The notice is still in the app's inbox.
        log.info("notice %s: account has no WeChat link, wechat channel skipped", item.payload["notice_id"])
        return
    await get_wechat_provider().send_template(
        openid,
        WECHAT_TEMPLATE,
        {"title": item.payload["title"], "body": item.payload["body"]},
        item.dedupe_key,
    )


async def deliver_push(item: OutboxItem) -> None:
    await get_push_provider().push(
        uuid.UUID(item.payload["account_id"]), item.payload["title"], item.payload["body"], item.dedupe_key
    )
