"""Dev-only helpers: read what the local SMS gateway 'sent', and stand in for wx.login.
Registered only outside production; in production these paths do not exist (404)."""

from __future__ import annotations

from typing import Annotated

import msgspec
from bff_common.session_routes import PUBLIC
from litestar import Controller, get, post
from litestar.params import JSONBody, QueryParameter
from yiqiao.integrations.sms.local import latest_text
from yiqiao.integrations.wechat.local import issue_login_code
from yiqiao.kit.errors import NotFound


class DevSms(msgspec.Struct, kw_only=True):
    phone: str
    text: str


class DevWeChatCodeRequest(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    openid: Annotated[str, msgspec.Meta(min_length=1, max_length=64)]


class DevWeChatCode(msgspec.Struct, kw_only=True):
    code: str


class DevController(Controller):
    path = "/dev"
    tags = ["dev-only"]

    @get("/sms/latest", security=PUBLIC, summary="DEV ONLY: the last SMS the local gateway sent to a phone")
    async def latest_sms(self, phone: Annotated[str, QueryParameter(pattern=r"^1[3-9]\d{9}$")]) -> DevSms:
        text = await latest_text(phone)
        if text is None:
            raise NotFound("No SMS was sent to this phone.", code="sms_not_found")
        return DevSms(phone=phone, text=text)

    @post("/wechat/code", security=PUBLIC, summary="DEV ONLY: what wx.login returns on a phone")
    async def wechat_code(self, data: JSONBody[DevWeChatCodeRequest]) -> DevWeChatCode:
        return DevWeChatCode(code=await issue_login_code(data.openid))
