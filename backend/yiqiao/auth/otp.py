"""SMS one-time codes: rate-limited per phone and per IP, five tries per code, single use.

With a 6-digit code, five tries a code and five codes an hour, guessing has a 1-in-40,000 chance
per hour for one phone. Only a hash of the code is kept."""

from __future__ import annotations

import hmac
from typing import Literal

from yiqiao.integrations.errors import ProviderError
from yiqiao.integrations.sms import get_sms_provider
from yiqiao.kit.errors import Invalid, RateLimited, Unavailable
from yiqiao.kit.ids import new_id, numeric_code
from yiqiao.kit.pii import blind_index
from yiqiao.kit.ratelimit import hit
from yiqiao.kit.redis import redis
from yiqiao.kit.sm3 import sm3_hex
from yiqiao.settings import get_settings

Purpose = Literal["patient_login", "kiosk_citizen"]


def _key(purpose: Purpose, phone: str) -> str:
    return f"yq:otp:{purpose}:{blind_index('phone', phone)}"


def _digest(phone: str, code: str) -> str:
    return sm3_hex(f"{phone}:{code}".encode())


async def request_code(purpose: Purpose, phone: str, ip: str | None) -> tuple[int, int]:
    """Send a code; returns (resend_after_s, expires_in_s)."""
    s = get_settings()
    r = redis()
    pb = blind_index("phone", phone)
    if not await r.set(f"yq:otp:resend:{pb}", 1, ex=s.otp_resend_interval_s, nx=True):
        ttl = await r.ttl(f"yq:otp:resend:{pb}")
        raise RateLimited(
            f"A code was just sent; you can ask for another in {max(ttl, 1)} seconds.",
            code="otp_resend_too_soon",
            retry_after_s=max(ttl, 1),
        )
    await hit(
        f"otp:phone:{pb}",
        s.otp_per_phone_per_hour,
        3600,
        "Too many codes for this phone number; try again in an hour.",
        "otp_phone_limit",
    )
    if ip:
        await hit(
            f"otp:ip:{ip}",
            s.otp_per_ip_per_hour,
            3600,
            "Too many codes requested from this network; try again later.",
            "otp_ip_limit",
        )
    code = numeric_code(6)
    key = _key(purpose, phone)
    async with r.pipeline(transaction=True) as p:
        p.delete(key)
        p.hset(key, mapping={"h": _digest(phone, code), "tries": 0})
        p.expire(key, s.otp_ttl_s)
        await p.execute()
    try:
        await get_sms_provider().send(
            phone, "otp", {"code": code, "minutes": str(s.otp_ttl_s // 60)}, dedupe_key=f"otp:{new_id()}"
        )
    except ProviderError as exc:
        await r.delete(key, f"yq:otp:resend:{pb}")
        if exc.transient:
            raise Unavailable(
                "The SMS service is busy; please try again in a minute.", code="sms_unavailable"
            ) from None
        raise Invalid("This phone number cannot receive SMS.", code="phone_unreachable") from None
    return s.otp_resend_interval_s, s.otp_ttl_s


async def verify_code(purpose: Purpose, phone: str, code: str) -> None:
    """Consume the code or raise ``Invalid``. A wrong guess uses up one of the code's tries."""
    s = get_settings()
    r = redis()
    key = _key(purpose, phone)
    stored: bytes | None = await r.hget(key, "h")  # type: ignore[misc]
    if stored is None:
        raise Invalid("No valid code for this phone: ask for a new one.", code="otp_expired")
    tries: int = await r.hincrby(key, "tries", 1)  # type: ignore[misc]
    if tries > s.otp_max_attempts:
        await r.delete(key)
        raise Invalid("Too many wrong codes: ask for a new one.", code="otp_too_many_attempts")
    if not hmac.compare_digest(stored.decode(), _digest(phone, code)):
        left = s.otp_max_attempts - tries
        if left <= 0:
            await r.delete(key)
            raise Invalid(
                "Wrong code, and no tries are left: ask for a new one.", code="otp_too_many_attempts"
            )
        raise Invalid(f"Wrong code; {left} tries left.", code="otp_wrong", tries_left=left)
    # Single use: only the caller whose delete succeeds may sign in with it.
    if not await r.delete(key):
        raise Invalid("This code was already used: ask for a new one.", code="otp_expired")
