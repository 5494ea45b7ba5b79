from __future__ import annotations

import os

import pytest
from yiqiao.kit import pii
from yiqiao.kit.keys import load_keys
from yiqiao.kit.sm3 import hmac_sm3, hmac_sm3_verify, sm3, sm3_hex
from yiqiao.kit.sm4 import DecryptionError, sm4_gcm_decrypt, sm4_gcm_encrypt
from yiqiao.settings import get_settings

pytestmark = pytest.mark.usefixtures("keys_file")


def test_sm3_standard_vectors() -> None:
    # GB/T 32905 appendix A.
    assert sm3_hex(b"abc") == "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
    assert sm3(b"abcd" * 16).hex() == "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732"


def test_hmac_sm3_verifies_full_and_truncated_tags() -> None:
    tag = hmac_sm3(b"k" * 32, b"data")
    assert len(tag) == 32
    assert hmac_sm3_verify(b"k" * 32, b"data", tag)
    assert hmac_sm3_verify(b"k" * 32, b"data", tag[:16])
    assert not hmac_sm3_verify(b"k" * 32, b"datA", tag)
    assert not hmac_sm3_verify(b"k" * 32, b"data", tag[:8])


def test_sm4_gcm_round_trip_and_layout() -> None:
    key = os.urandom(16)
    blob = sm4_gcm_encrypt(key, b"13812345678")
    assert blob[0] == 1 and len(blob) == 1 + 12 + 11 + 16
    assert sm4_gcm_decrypt(key, blob) == b"13812345678"
    assert sm4_gcm_encrypt(key, b"13812345678") != blob  # fresh nonce each time


@pytest.mark.parametrize("position", [0, 1, 13, -1])
def test_sm4_gcm_refuses_tampering(position: int) -> None:
    key = os.urandom(16)
    blob = bytearray(sm4_gcm_encrypt(key, b"110101199003071234"))
    blob[position] ^= 0x01
    with pytest.raises(DecryptionError):
        sm4_gcm_decrypt(key, bytes(blob))


def test_sm4_gcm_refuses_wrong_key_aad_and_short_blob() -> None:
    key = os.urandom(16)
    blob = sm4_gcm_encrypt(key, b"x", aad=b"a")
    for bad_key, aad in ((os.urandom(16), b"a"), (key, b"b")):
        with pytest.raises(DecryptionError):
            sm4_gcm_decrypt(bad_key, blob, aad)
    with pytest.raises(DecryptionError):
        sm4_gcm_decrypt(key, blob[:20])


def test_pii_round_trip_unicode() -> None:
    for value in ("", "13812345678", "浙江省杭州市西湖区文三路 1 号", "欧阳娜娜"):
        blob = pii.encrypt_pii(value)
        assert value.encode() not in blob or value == ""
        assert pii.decrypt_pii(blob) == value


def test_pii_tampered_refused() -> None:
    blob = bytearray(pii.encrypt_pii("13812345678"))
    blob[-1] ^= 0x80
    with pytest.raises(DecryptionError):
        pii.decrypt_pii(bytes(blob))


def test_blind_index_deterministic_and_normalised() -> None:
    a = pii.blind_index("phone", "13812345678")
    assert a == pii.blind_index("phone", " 138-1234 5678 ")
    assert a == pii.blind_index("phone", "+86 138 1234 5678")
    assert a == pii.blind_index("phone", "１３８１２３４５６７８")  # full-width input
    assert len(a) == 64 and int(a, 16) >= 0
    x = pii.blind_index("id_number", "11010119900307123x")
    assert x == pii.blind_index("id_number", " 11010119900307123X ")
    assert pii.blind_index("phone", "13812345679") != a


def test_blind_index_differs_across_kinds() -> None:
    assert pii.blind_index("phone", "13812345678") != pii.blind_index("medical_card", "13812345678")
    assert pii.blind_index("a", "bc") != pii.blind_index("ab", "c")


def test_blind_index_depends_on_key(monkeypatch: pytest.MonkeyPatch) -> None:
    before = pii.blind_index("phone", "13812345678")
    monkeypatch.setenv("YQ_BLIND_INDEX_KEY", "11" * 32)
    get_settings.cache_clear()
    load_keys.cache_clear()
    assert pii.blind_index("phone", "13812345678") != before
