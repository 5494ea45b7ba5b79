"""Staff passwords with Argon2id (argon2-cffi defaults, RFC 9106 low-memory profile).

Hashing takes tens of milliseconds of CPU, so the async functions run it in a thread.
"""

from __future__ import annotations

import asyncio
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_HASHER = PasswordHasher()


# Verifying against this when the account does not exist keeps the response time the same, so
# timing does not reveal which usernames exist.
@cache
def _dummy_hash() -> str:
    return _HASHER.hash("yiqiao-dummy-password")


async def hash_password(password: str) -> str:
    return await asyncio.to_thread(_HASHER.hash, password)


def _verify(hashed: str | None, password: str) -> bool:
    try:
        return _HASHER.verify(hashed or _dummy_hash(), password) and hashed is not None
    except (VerificationError, InvalidHashError):
        return False


async def verify_password(hashed: str | None, password: str) -> bool:
    """True on a match; False on a mismatch or a malformed hash. ``hashed=None``: unknown user."""
    return await asyncio.to_thread(_verify, hashed, password)


def needs_rehash(hashed: str) -> bool:
    """True when ``hashed`` used weaker parameters than today's; re-hash after a good login."""
    try:
        return _HASHER.check_needs_rehash(hashed)
    except InvalidHashError:
        return True
