"""Signed, expiring e-health QR payloads: ``YQHC1.<payload>.<tag>``.

``payload`` is base64url of msgspec JSON ``{p, c, exp, n}``, ``tag`` base64url of HMAC-SM3 over
``YQHC1.<payload>`` truncated to 16 bytes. The payload is signed, not encrypted: anyone who scans
the code can read the patient id and card number. ``n`` is a random nonce so a reader can refuse
a second scan of the same code.
"""

from __future__ import annotations

import base64
import binascii
import re
import secrets
import time
import uuid

import msgspec

from yiqiao.kit.errors import Invalid
from yiqiao.kit.keys import load_keys
from yiqiao.kit.sm3 import hmac_sm3, hmac_sm3_verify
from yiqiao.settings import get_settings

PREFIX = "YQHC1."
_TAG_BYTES = 16
_MAX_LEN = 1024
_SHAPE = re.compile(r"YQHC1\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)")


class HealthQrPayload(msgspec.Struct, frozen=True, kw_only=True):
    patient_id: str = msgspec.field(name="p")
    card_no: str = msgspec.field(name="c")
    expires_at: int = msgspec.field(name="exp")
    nonce: str = msgspec.field(name="n")


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def make_health_qr(
    patient_id: str | uuid.UUID, card_no: str, ttl_s: int | None = None, *, now: int | None = None
) -> str:
    """``ttl_s`` defaults to ``Settings.health_qr_ttl_s``; ``now`` (epoch s) for tests."""
    settings = get_settings()
    ttl_s = settings.health_qr_ttl_s if ttl_s is None else ttl_s
    if ttl_s <= 0:
        raise ValueError("ttl_s must be positive")
    payload = HealthQrPayload(
        patient_id=str(patient_id),
        card_no=card_no,
        expires_at=(int(time.time()) if now is None else now) + ttl_s,
        nonce=secrets.token_urlsafe(6),
    )
    signed = PREFIX + _b64(msgspec.json.encode(payload))
    tag = hmac_sm3(load_keys(settings).qr_key, signed.encode())[:_TAG_BYTES]
    return f"{signed}.{_b64(tag)}"


def read_health_qr(text: str, *, now: int | None = None) -> HealthQrPayload:
    """Raises ``Invalid`` with code ``qr_invalid`` (not ours, altered, damaged) or ``qr_expired``."""
    invalid = Invalid(
        "无法识别此健康码 / This health QR code cannot be read — please refresh it in the app and scan again",
        code="qr_invalid",
    )
    text = text.strip()
    match = _SHAPE.fullmatch(text) if len(text) <= _MAX_LEN else None
    if match is None:
        raise invalid
    try:
        tag = _unb64(match.group(2))
    except (binascii.Error, ValueError):
        raise invalid from None
    signed = text[: match.end(1)]
    qr_key = load_keys(get_settings()).qr_key
    if len(tag) != _TAG_BYTES or not hmac_sm3_verify(qr_key, signed.encode(), tag):
        raise invalid
    try:
        payload = msgspec.json.decode(_unb64(match.group(1)), type=HealthQrPayload)
    except (binascii.Error, ValueError, msgspec.DecodeError):
        raise invalid from None
    if payload.expires_at <= (int(time.time()) if now is None else now):
        raise Invalid(
            "健康码已过期，请在应用中刷新 / This health QR code has expired — please refresh it in the app",
            code="qr_expired",
        )
    return payload
