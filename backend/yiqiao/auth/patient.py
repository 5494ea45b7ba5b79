"""Patient sign-in: phone + SMS code, or a WeChat mini-program code (linked to a phone once)."""

from __future__ import annotations

import uuid

from yiqiao.auth import otp, sessions
from yiqiao.auth.types import TokenPair, WeChatLogin, WeChatLoginResult
from yiqiao.identity.service import patients
from yiqiao.integrations.errors import ProviderError
from yiqiao.integrations.wechat import get_wechat_provider
from yiqiao.kit.errors import Invalid, Unauthorized
from yiqiao.kit.tokens import Audience

AUDIENCE: Audience = "patient"


async def _tokens(account_id: uuid.UUID) -> TokenPair:
    await patients.touch_login(account_id)
    return await sessions.issue_pair(account_id, AUDIENCE, {"kind": "patient"})


async def login_sms(phone: str, code: str) -> TokenPair:
    await otp.verify_code("patient_login", phone, code)
    return await _tokens(await patients.account_for_phone(phone))


async def login_wechat(cmd: WeChatLogin) -> WeChatLoginResult:
    try:
        session = await get_wechat_provider().code_to_session(cmd.code)
    except ProviderError:
        raise Unauthorized(
            "WeChat sign-in failed: the code is invalid or was already used. Please try again.",
            code="wechat_code_invalid",
        ) from None
    account_id = await patients.account_for_openid(session.openid)
    if account_id is not None:
        return WeChatLoginResult(tokens=await _tokens(account_id))
    if cmd.phone is None or cmd.sms_code is None:
        # The code was consumed; the mini-program calls wx.login again with the phone and SMS code.
        return WeChatLoginResult(needs_phone=True)
    await otp.verify_code("patient_login", cmd.phone, cmd.sms_code)
    account_id = await patients.account_for_phone(cmd.phone)
    await patients.link_openid(account_id, session.openid)
    return WeChatLoginResult(tokens=await _tokens(account_id))


def require_phone_and_code(phone: str | None, code: str | None) -> tuple[str, str]:
    if not phone or not code:
        raise Invalid("Phone and SMS code are both needed.", code="phone_and_code_required")
    return phone, code
