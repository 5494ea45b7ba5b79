"""Local WeChat: ``issue_login_code`` plays the part of ``wx.login`` on the phone; codes are single
use and expire after five minutes, like the real ``jscode2session``."""

from __future__ import annotations

import secrets

import msgspec

from yiqiao import db
from yiqiao.integrations.errors import ProviderError
from yiqiao.integrations.wechat.base import WeChatSession
from yiqiao.kit.ids import new_id
from yiqiao.kit.redis import redis

_CODE_KEY = "yq:local:wx:code:"


async def issue_login_code(openid: str) -> str:
    code = secrets.token_urlsafe(24)
    await redis().set(_CODE_KEY + code, openid, ex=300)
    return code


class LocalWeChatProvider:
    async def code_to_session(self, code: str) -> WeChatSession:
        openid = await redis().getdel(_CODE_KEY + code)
        if openid is None:
            raise ProviderError("40029", "invalid code", transient=False)
        return WeChatSession(openid=openid.decode())

    async def send_template(
        self, openid: str, template_id: str, data: dict[str, str], dedupe_key: str
    ) -> str:
        if not openid:
            raise ProviderError("40003", "invalid openid", transient=False)
        rows = await db.fetch(
            "INSERT INTO local_wechat_message (id, openid, template_id, data, dedupe_key) "
            "VALUES ({}, {}, {}, {}, {}) ON CONFLICT (dedupe_key) DO UPDATE SET dedupe_key = "
            "EXCLUDED.dedupe_key RETURNING id",
            new_id(),
            openid,
            template_id,
            msgspec.json.encode(data).decode(),
            dedupe_key,
        )
        return str(rows[0]["id"])
