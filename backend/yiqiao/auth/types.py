from __future__ import annotations

import datetime as dt
from typing import Annotated

import msgspec

from yiqiao.identity.types import IdNumberStr, NameStr, PhoneStr

OtpCode = Annotated[str, msgspec.Meta(pattern=r"^\d{6}$", description="6-digit SMS code")]


class TokenPair(msgspec.Struct, kw_only=True):
    access_token: str
    refresh_token: str
    token_type: str = "Bearer"  # noqa: S105 (the OAuth token type, not a secret)
    expires_in: int = 0


class OtpRequest(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    phone: PhoneStr


class OtpSent(msgspec.Struct, kw_only=True):
    sent: bool
    resend_after_s: int
    expires_in_s: int


class SmsLogin(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    phone: PhoneStr
    code: OtpCode


class WeChatLogin(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    code: Annotated[str, msgspec.Meta(min_length=1, max_length=128)]
    # After a first WeChat sign-in the app asks for the phone once; both arrive together.
    phone: PhoneStr | None = None
    sms_code: OtpCode | None = None


class WeChatLoginResult(msgspec.Struct, kw_only=True):
    tokens: TokenPair | None = None
    needs_phone: bool = False


class RefreshRequest(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    refresh_token: Annotated[str, msgspec.Meta(min_length=10, max_length=4096)]


class StaffLogin(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    username: Annotated[str, msgspec.Meta(min_length=1, max_length=64)]
    password: Annotated[str, msgspec.Meta(min_length=1, max_length=256)]


class DeviceLogin(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    device_code: Annotated[str, msgspec.Meta(min_length=1, max_length=48)]
    secret: Annotated[str, msgspec.Meta(min_length=1, max_length=256)]


class IdCardRead(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """What the kiosk's second-generation ID card reader returns."""

    id_number: IdNumberStr
    name: NameStr
    valid_until: dt.date | None = None


class CitizenSms(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    phone: PhoneStr
    code: OtpCode


class CitizenSession(msgspec.Struct, kw_only=True):
    session_token: str
    name_masked: str
    idle_timeout_s: int
    method: str
