from __future__ import annotations

from typing import Any

from bff_common.auth import client_ip
from bff_common.session_routes import PUBLIC
from litestar import Controller, Request, post
from litestar.params import JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_202_ACCEPTED
from yiqiao.auth import otp
from yiqiao.auth import patient as patient_auth
from yiqiao.auth.types import OtpRequest, OtpSent, SmsLogin, TokenPair, WeChatLogin, WeChatLoginResult


class PatientAuthController(Controller):
    path = "/auth"
    tags = ["auth"]

    @post("/otp", status_code=HTTP_202_ACCEPTED, security=PUBLIC, summary="Send an SMS sign-in code")
    async def request_otp(self, data: JSONBody[OtpRequest], request: Request[Any, Any, Any]) -> OtpSent:
        resend, expires = await otp.request_code("patient_login", data.phone, client_ip(request))
        return OtpSent(sent=True, resend_after_s=resend, expires_in_s=expires)

    @post("/login/sms", status_code=HTTP_200_OK, security=PUBLIC, summary="Sign in with phone + SMS code")
    async def login_sms(self, data: JSONBody[SmsLogin]) -> TokenPair:
        return await patient_auth.login_sms(data.phone, data.code)

    @post(
        "/login/wechat",
        status_code=HTTP_200_OK,
        security=PUBLIC,
        summary="Sign in from the mini-program with a wx.login code",
    )
    async def login_wechat(self, data: JSONBody[WeChatLogin]) -> WeChatLoginResult:
        return await patient_auth.login_wechat(data)
