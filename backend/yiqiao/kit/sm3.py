"""SM3 digests and HMAC-SM3 (GB/T 32905), computed by OpenSSL through ``cryptography``."""

from __future__ import annotations

import hmac as std_hmac

from cryptography.hazmat.primitives import hashes, hmac


def sm3(data: bytes) -> bytes:
    digest = hashes.Hash(hashes.SM3())
    digest.update(data)
    return digest.finalize()


def sm3_hex(data: bytes) -> str:
    return sm3(data).hex()


def hmac_sm3(key: bytes, data: bytes) -> bytes:
    mac = hmac.HMAC(key, hashes.SM3())
    mac.update(data)
    return mac.finalize()


def hmac_sm3_verify(key: bytes, data: bytes, tag: bytes) -> bool:
    """Constant-time check of a (possibly truncated, at least 16-byte) HMAC-SM3 tag."""
    if len(tag) < 16:
        return False
    return std_hmac.compare_digest(hmac_sm3(key, data)[: len(tag)], tag)
