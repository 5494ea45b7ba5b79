"""SM4-GCM authenticated encryption (GB/T 32907) for database fields.

Blob layout: ``version (1 byte) || nonce (12 bytes) || ciphertext || tag (16 bytes)``. The version
byte is authenticated too, so a future format cannot be confused with this one.
"""

from __future__ import annotations

import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

VERSION = 1
_NONCE = 12
_TAG = 16
_HEADER = bytes([VERSION])


class DecryptionError(ValueError):
    """The blob is malformed, was tampered with, or was made with another key."""


def sm4_gcm_encrypt(key: bytes, plaintext: bytes, aad: bytes = b"") -> bytes:
    # Random 96-bit nonces: safe for well under 2**32 encryptions per key (NIST SP 800-38D).
    nonce = os.urandom(_NONCE)
    enc = Cipher(algorithms.SM4(key), modes.GCM(nonce)).encryptor()
    enc.authenticate_additional_data(_HEADER + aad)
    body = enc.update(plaintext) + enc.finalize()
    return _HEADER + nonce + body + enc.tag


def sm4_gcm_decrypt(key: bytes, blob: bytes, aad: bytes = b"") -> bytes:
    if len(blob) < 1 + _NONCE + _TAG or blob[0] != VERSION:
        raise DecryptionError("not an SM4-GCM blob of a known version")
    nonce, body, tag = blob[1 : 1 + _NONCE], blob[1 + _NONCE : -_TAG], blob[-_TAG:]
    dec = Cipher(algorithms.SM4(key), modes.GCM(nonce, tag)).decryptor()
    dec.authenticate_additional_data(_HEADER + aad)
    try:
        return dec.update(body) + dec.finalize()
    except InvalidTag:
        raise DecryptionError("SM4-GCM authentication failed") from None
