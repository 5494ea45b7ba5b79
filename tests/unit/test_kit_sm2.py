from __future__ import annotations

import random

import gmssl.func
import pytest
from gmssl.sm2 import CryptSM2
from yiqiao.kit import sm2

# GM/T 0003.5 (GB/T 32918.5) example on the recommended curve, user id 1234567812345678.
KAT_D = "3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8"
KAT_PUB = (
    "04"
    "09f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020"
    "ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13"
)
KAT_K = 0x59276E27D506861A16680F3AD9C02DCCEF3CC1FA3CDBE4CE6D54B80DEAC1BC21
KAT_SIG = (
    "f5a03b0648d2c4630eeac513e1bb81a15944da3827d5b74143ac7eaceee720b3"
    "b1b6aa29df212fd8763182bc0d421ca1bb9038fd1f7f42d4840b69c485bbc1aa"
)


@pytest.fixture(scope="module")
def pair() -> sm2.Sm2KeyPair:
    return sm2.generate_keypair()


def test_standard_vector() -> None:
    # x starts with 0x09: gmssl's public_key.lstrip("04") would corrupt "0409f9..." to "9f9...".
    assert sm2.public_key_from_private(KAT_D) == KAT_PUB
    e = sm2._digest(KAT_PUB[2:], b"message digest", sm2.DEFAULT_USER_ID)
    assert sm2._sign_with_k(KAT_D, e, KAT_K) == KAT_SIG
    assert sm2.verify(KAT_PUB, b"message digest", KAT_SIG)
    assert sm2.verify(KAT_PUB[2:], b"message digest", KAT_SIG.upper())


def test_sign_verify(pair: sm2.Sm2KeyPair) -> None:
    assert len(pair.private_key) == 64 and len(pair.public_key) == 130
    assert "private" not in repr(pair).replace("private_key=<redacted>", "")
    sig = sm2.sign(pair.private_key, b"prescription #1", public_key=pair.public_key)
    assert len(sig) == 128
    assert sm2.verify(pair.public_key, b"prescription #1", sig)
    assert sm2.verify(pair.public_key, b"prescription #1", sm2.sign(pair.private_key, b"prescription #1"))
    assert not sm2.verify(pair.public_key, b"prescription #2", sig)
    assert not sm2.verify(pair.public_key, b"prescription #1", sig, user_id=b"ALICE123@YAHOO.COM")
    other = sm2.generate_keypair()
    assert not sm2.verify(other.public_key, b"prescription #1", sig)


def test_interoperates_with_gmssl_sm3_path(pair: sm2.Sm2KeyPair) -> None:
    sig = sm2.sign(pair.private_key, b"hello", public_key=pair.public_key)
    engine = CryptSM2(private_key=pair.private_key, public_key="")
    engine.public_key = pair.public_key[2:]
    assert engine.verify_with_sm3(sig, b"hello")


@pytest.mark.parametrize(
    "bad", ["", "zz", "00" * 64, "ff" * 64, "01" * 63, KAT_SIG[:64] + "0" * 64, KAT_SIG + "00"]
)
def test_malformed_signature_is_false_not_error(bad: str) -> None:
    assert sm2.verify(KAT_PUB, b"message digest", bad) is False


def test_bad_public_key_is_false_not_error() -> None:
    assert sm2.verify("04" + "11" * 64, b"message digest", KAT_SIG) is False  # not on the curve
    assert sm2.verify("nonsense", b"message digest", KAT_SIG) is False


def test_bad_private_key_refused() -> None:
    for bad in ("", "00" * 32, "ff" * 32, "xyz"):
        with pytest.raises(ValueError):
            sm2.public_key_from_private(bad)


def test_two_signatures_of_same_message_differ(pair: sm2.Sm2KeyPair) -> None:
    a = sm2.sign(pair.private_key, b"same", public_key=pair.public_key)
    b = sm2.sign(pair.private_key, b"same", public_key=pair.public_key)
    assert a != b
    assert sm2.verify(pair.public_key, b"same", a) and sm2.verify(pair.public_key, b"same", b)


def test_nonce_does_not_come_from_random(pair: sm2.Sm2KeyPair, monkeypatch: pytest.MonkeyPatch) -> None:
    # With gmssl's default nonce, reseeding `random` identically would repeat the signature.
    random.seed(1234)
    a = sm2.sign(pair.private_key, b"same", public_key=pair.public_key)
    random.seed(1234)
    b = sm2.sign(pair.private_key, b"same", public_key=pair.public_key)
    assert a != b

    # Control: this is exactly what happens with gmssl's own nonce.
    engine = CryptSM2(private_key=pair.private_key, public_key="")
    engine.public_key = pair.public_key[2:]
    random.seed(1234)
    c = engine.sign_with_sm3(b"same")
    random.seed(1234)
    assert engine.sign_with_sm3(b"same") == c

    # And gmssl's random_hex is never reached, for signing or key generation.
    def forbidden(_: int) -> str:
        raise AssertionError("gmssl.func.random_hex used")

    monkeypatch.setattr(gmssl.func, "random_hex", forbidden)
    sm2.sign(pair.private_key, b"same")
    sm2.generate_keypair()


async def test_async_wrappers(pair: sm2.Sm2KeyPair) -> None:
    sig = await sm2.sign_async(pair.private_key, b"async", public_key=pair.public_key)
    assert await sm2.verify_async(pair.public_key, b"async", sig)
    assert not await sm2.verify_async(pair.public_key, b"other", sig)
    fresh = await sm2.generate_keypair_async()
    assert sm2.public_key_from_private(fresh.private_key) == fresh.public_key
