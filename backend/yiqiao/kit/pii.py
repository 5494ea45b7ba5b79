"""Personal data at rest: SM4-GCM encryption plus an HMAC-SM3 blind index for exact lookups.

Store ``encrypt_pii(v)`` in the column and ``blind_index(kind, v)`` beside it; look records up by
the index, never by the ciphertext (it differs on every call).
"""

from __future__ import annotations

import re
import unicodedata

from yiqiao.kit.keys import Keys, load_keys
from yiqiao.kit.sm3 import hmac_sm3
from yiqiao.kit.sm4 import DecryptionError, sm4_gcm_decrypt, sm4_gcm_encrypt
from yiqiao.settings import get_settings

__all__ = ["DecryptionError", "blind_index", "decrypt_pii", "encrypt_pii", "normalise"]

ID_KINDS = frozenset({"id_number", "passport", "social_security_card", "medical_card"})
PHONE_KINDS = frozenset({"phone"})
_AAD = b"yiqiao-pii"
_PHONE_JUNK = re.compile(r"[\s\-()]")


def _keys() -> Keys:
    return load_keys(get_settings())


def encrypt_pii(value: str) -> bytes:
    return sm4_gcm_encrypt(_keys().pii_key, value.encode(), _AAD)


def decrypt_pii(blob: bytes) -> str:
    """Raises ``DecryptionError`` (a ValueError) on a tampered blob or a wrong key."""
    return sm4_gcm_decrypt(_keys().pii_key, bytes(blob), _AAD).decode()


def normalise(kind: str, value: str) -> str:
    if kind in ID_KINDS:
        # NFKC turns full-width digits and Ｘ from Chinese input methods into ASCII.
        return "".join(unicodedata.normalize("NFKC", value).split()).upper()
    if kind in PHONE_KINDS:
        phone = _PHONE_JUNK.sub("", unicodedata.normalize("NFKC", value))
        for prefix in ("+86", "0086"):
            if phone.startswith(prefix) and len(phone) == len(prefix) + 11:
                return phone[len(prefix) :]
        return phone
    return value.strip()


def blind_index(kind: str, value: str) -> str:
    """Deterministic per (kind, value); the same value under another kind gives another index."""
    if not kind or "\x00" in kind:
        raise ValueError("blind index kind must be a non-empty string without NUL")
    message = kind.encode() + b"\x00" + normalise(kind, value).encode()
    return hmac_sm3(_keys().blind_index_key, message).hex()
