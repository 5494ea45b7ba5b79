from __future__ import annotations

from argon2 import PasswordHasher
from yiqiao.kit.passwords import hash_password, needs_rehash, verify_password


async def test_hash_and_verify() -> None:
    hashed = await hash_password("correct horse 电池 staple")
    assert hashed.startswith("$argon2id$")
    assert await verify_password(hashed, "correct horse 电池 staple")
    assert not await verify_password(hashed, "wrong")
    assert not needs_rehash(hashed)


async def test_never_raises() -> None:
    assert not await verify_password("not-a-hash", "x")
    assert not await verify_password("", "x")
    assert not await verify_password(None, "yiqiao-dummy-password")  # unknown user, same cost


async def test_needs_rehash_for_weaker_parameters() -> None:
    weak = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash("pw")
    assert await verify_password(weak, "pw")
    assert needs_rehash(weak)
    assert needs_rehash("garbage")
