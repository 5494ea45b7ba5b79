from __future__ import annotations

import base64
import time

import msgspec
import pytest
from yiqiao.kit.errors import Invalid
from yiqiao.kit.qr import make_health_qr, read_health_qr

pytestmark = pytest.mark.usefixtures("keys_file")


def _code(text: str, **kw: int) -> str:
    with pytest.raises(Invalid) as caught:
        read_health_qr(text, **kw)
    return caught.value.code


def test_round_trip_and_shape() -> None:
    qr = make_health_qr("0192b7c4-5f1e-7a00-8000-000000000001", "E330100000012345", 300)
    assert qr.startswith("YQHC1.") and qr.count(".") == 2 and len(qr) < 200
    payload = read_health_qr(qr)
    assert payload.patient_id == "0192b7c4-5f1e-7a00-8000-000000000001"
    assert payload.card_no == "E330100000012345"
    assert abs(payload.expires_at - (time.time() + 300)) < 5
    assert payload.nonce and make_health_qr("p", "c") != make_health_qr("p", "c")


def test_expired() -> None:
    qr = make_health_qr("p", "c", 60, now=int(time.time()) - 61)
    assert _code(qr) == "qr_expired"
    assert read_health_qr(qr, now=int(time.time()) - 100).card_no == "c"


def test_tampered_payload_refused() -> None:
    prefix, _, tag = make_health_qr("patient-1", "card-1", 300).split(".")
    forged = msgspec.json.encode({"p": "patient-2", "c": "card-1", "exp": int(time.time()) + 300, "n": "x"})
    forged_body = base64.urlsafe_b64encode(forged).rstrip(b"=").decode()
    assert _code(f"{prefix}.{forged_body}.{tag}") == "qr_invalid"


def test_tampered_tag_refused() -> None:
    prefix, body, tag = make_health_qr("patient-1", "card-1", 300).split(".")
    flipped = ("B" if tag[0] != "B" else "C") + tag[1:]
    assert _code(f"{prefix}.{body}.{flipped}") == "qr_invalid"
    assert _code(f"{prefix}.{body}.{tag[:10]}") == "qr_invalid"


@pytest.mark.parametrize(
    "text", ["", "hello", "YQHC1.", "YQHC1..", "YQHC2.abc.def", "YQHC1.a+b.c", "x" * 5000]
)
def test_garbage_refused(text: str) -> None:
    assert _code(text) == "qr_invalid"


def test_other_key_refused(keys_file: object, monkeypatch: pytest.MonkeyPatch) -> None:
    from yiqiao.kit.keys import load_keys
    from yiqiao.settings import get_settings

    qr = make_health_qr("p", "c", 300)
    monkeypatch.setenv("YQ_QR_KEY", "22" * 32)
    get_settings.cache_clear()
    load_keys.cache_clear()
    assert _code(qr) == "qr_invalid"
