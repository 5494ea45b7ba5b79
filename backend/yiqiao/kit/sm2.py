"""SM2 signatures with SM3 (GB/T 32918): key generation, sign, verify.

gmssl (pure Python) does the curve arithmetic only. We never let it pick a nonce: its
``random_hex`` draws from ``random.choice`` (Mersenne Twister), and a predictable nonce gives away
the private key. Nonces and private keys come from ``secrets``; Z and e are hashed with SM3 from
``cryptography``. Keys are hex: private 64 digits, public ``04 || x || y`` (130 digits; 128 without
the ``04`` prefix are accepted). Signatures are raw ``r || s`` hex (128 digits).

Each sign or verify is 1-2 scalar multiplications in pure Python (milliseconds of CPU holding the
GIL): from async code call ``sign_async``/``verify_async``.
"""

from __future__ import annotations

import asyncio
import re
import secrets
from typing import Any

import msgspec
from gmssl.sm2 import CryptSM2, default_ecc_table

from yiqiao.kit.sm3 import sm3

DEFAULT_USER_ID = b"1234567812345678"

_N = int(default_ecc_table["n"], 16)
_P = int(default_ecc_table["p"], 16)
_A = int(default_ecc_table["a"], 16)
_B = int(default_ecc_table["b"], 16)
_G = default_ecc_table["g"].lower()
_CURVE_PARAMS = bytes.fromhex(default_ecc_table["a"] + default_ecc_table["b"] + _G)
_HEX = re.compile(r"[0-9a-f]+")


class Sm2KeyPair(msgspec.Struct, frozen=True):
    private_key: str
    public_key: str

    def __repr__(self) -> str:
        return f"Sm2KeyPair(public_key={self.public_key!r}, private_key=<redacted>)"


def _engine(private_key: str = "", public_xy: str = "") -> Any:
    engine = CryptSM2(private_key=private_key, public_key="")
    # Set after construction: CryptSM2 does public_key.lstrip("04"), which also eats leading 0/4
    # digits of x.
    engine.public_key = public_xy
    return engine


def _private_int(private_key: str) -> int:
    key = private_key.strip().lower()
    if len(key) != 64 or not _HEX.fullmatch(key):
        raise ValueError("SM2 private key must be 64 hex digits")
    d = int(key, 16)
    if not 1 <= d <= _N - 2:
        raise ValueError("SM2 private key is out of range")
    return d


def _public_xy(public_key: str) -> str:
    key = public_key.strip().lower()
    if len(key) == 130 and key.startswith("04"):
        key = key[2:]
    if len(key) != 128 or not _HEX.fullmatch(key):
        raise ValueError("SM2 public key must be 04 || x || y in hex")
    x, y = int(key[:64], 16), int(key[64:], 16)
    if x >= _P or y >= _P or (y * y - (x * x * x + _A * x + _B)) % _P != 0:
        raise ValueError("SM2 public key is not a point on the curve")
    return key


def _multiply_g(k: int) -> str:
    point = _engine()._kg(k, _G)
    if not isinstance(point, str):
        raise ValueError("scalar multiplication failed")
    return point


def public_key_from_private(private_key: str) -> str:
    return "04" + _multiply_g(_private_int(private_key))


def generate_keypair() -> Sm2KeyPair:
    d = secrets.randbelow(_N - 2) + 1
    return Sm2KeyPair(private_key=f"{d:064x}", public_key="04" + _multiply_g(d))


def _digest(public_xy: str, message: bytes, user_id: bytes) -> bytes:
    entl = (len(user_id) * 8).to_bytes(2, "big")
    z = sm3(entl + user_id + _CURVE_PARAMS + bytes.fromhex(public_xy))
    return sm3(z + message)


def _sign_with_k(private_key: str, e: bytes, k: int) -> str | None:
    signature = _engine(private_key=private_key).sign(e, f"{k:064x}")
    return signature if isinstance(signature, str) else None


def sign(
    private_key: str,
    message: bytes,
    *,
    public_key: str | None = None,
    user_id: bytes = DEFAULT_USER_ID,
) -> str:
    """Sign ``message``; pass ``public_key`` when you have it, or it is derived (one more multiply)."""
    d = _private_int(private_key)
    xy = _public_xy(public_key) if public_key else _multiply_g(d)
    e = _digest(xy, message, user_id)
    while True:
        signature = _sign_with_k(f"{d:064x}", e, secrets.randbelow(_N - 1) + 1)
        if signature is not None:  # r == 0 or r + k == n or s == 0: vanishingly rare, draw again
            return signature


def verify(public_key: str, message: bytes, signature: str, *, user_id: bytes = DEFAULT_USER_ID) -> bool:
    """True when ``signature`` is valid; False for any bad or malformed input, never raises."""
    try:
        xy = _public_xy(public_key)
        sig = signature.strip().lower()
        if len(sig) != 128 or not _HEX.fullmatch(sig):
            return False
        r, s = int(sig[:64], 16), int(sig[64:], 16)
        if not (1 <= r < _N and 1 <= s < _N):
            return False
        return bool(_engine(public_xy=xy).verify(sig, _digest(xy, message, user_id)))
    except (ValueError, TypeError):
        # gmssl hits TypeError when s*G + t*P is the point at infinity (forged signatures only).
        return False


async def sign_async(
    private_key: str,
    message: bytes,
    *,
    public_key: str | None = None,
    user_id: bytes = DEFAULT_USER_ID,
) -> str:
    return await asyncio.to_thread(sign, private_key, message, public_key=public_key, user_id=user_id)


async def verify_async(
    public_key: str, message: bytes, signature: str, *, user_id: bytes = DEFAULT_USER_ID
) -> bool:
    return await asyncio.to_thread(verify, public_key, message, signature, user_id=user_id)


async def generate_keypair_async() -> Sm2KeyPair:
    return await asyncio.to_thread(generate_keypair)
