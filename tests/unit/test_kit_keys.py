from __future__ import annotations

import json
import os
import secrets
import stat
import threading
from pathlib import Path

import pytest
from yiqiao.kit import sm2
from yiqiao.kit.keys import load_keys, rotate_jwt_key
from yiqiao.settings import Settings, get_settings


def _fresh() -> Settings:
    get_settings.cache_clear()
    load_keys.cache_clear()
    return get_settings()


def test_generates_file_with_0600(keys_file: Path) -> None:
    assert not keys_file.exists()
    keys = load_keys(get_settings())
    assert stat.S_IMODE(keys_file.stat().st_mode) == 0o600
    assert len(keys.pii_key) == 16 and len(keys.blind_index_key) == 32 and len(keys.qr_key) == 32
    assert keys.jwt_active_kid in keys.jwt_keys
    assert all(len(keys.jwt_secret(kid) or b"") >= 32 for kid in keys.jwt_keys)
    assert sm2.public_key_from_private(keys.sm2_private_key) == keys.sm2_public_key
    assert keys.sm2_private_key not in repr(keys) and keys.pii_key.hex() not in repr(keys)
    assert not [p for p in keys_file.parent.iterdir() if p.name.endswith(".tmp")]
    # Cached, and stable across a reload from the file.
    assert load_keys(get_settings()) is keys
    assert load_keys(_fresh()) == keys


def test_concurrent_first_start_agrees_on_one_file(keys_file: Path) -> None:
    from yiqiao.kit import keys as keys_module

    results: list[str] = []

    def start() -> None:
        results.append(keys_module._create(keys_file).pii_key)

    threads = [threading.Thread(target=start) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(results)) == 1


def test_env_overrides(keys_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pair = sm2.generate_keypair()
    secret_a, secret_b = secrets.token_urlsafe(32), secrets.token_urlsafe(40)
    monkeypatch.setenv("YQ_PII_KEY", "01" * 16)
    monkeypatch.setenv("YQ_BLIND_INDEX_KEY", "02" * 32)
    monkeypatch.setenv("YQ_JWT_KEYS", f"old:{secret_a}, new:{secret_b}")
    monkeypatch.setenv("YQ_JWT_ACTIVE_KID", "new")
    monkeypatch.setenv("YQ_QR_KEY", "03" * 32)
    monkeypatch.setenv("YQ_SM2_PRIVATE_KEY", pair.private_key)
    keys = load_keys(_fresh())
    assert keys.pii_key == bytes([1]) * 16 and keys.blind_index_key == bytes([2]) * 32
    assert keys.qr_key == bytes([3]) * 32
    assert keys.jwt_keys == {"old": secret_a, "new": secret_b} and keys.jwt_active_kid == "new"
    assert keys.sm2_public_key == pair.public_key
    assert not keys_file.exists()  # everything came from the environment


def test_partial_env_overlays_file(keys_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from_file = load_keys(get_settings())
    monkeypatch.setenv("YQ_PII_KEY", "aa" * 16)
    keys = load_keys(_fresh())
    assert keys.pii_key == bytes([0xAA]) * 16
    assert keys.blind_index_key == from_file.blind_index_key
    assert keys.jwt_keys == from_file.jwt_keys


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("YQ_PII_KEY", "abcd", "32 hex digits"),
        ("YQ_QR_KEY", "zz" * 32, "64 hex digits"),
        ("YQ_JWT_KEYS", "k1:short", ">=32 bytes"),
        ("YQ_JWT_KEYS", "no-colon", "kid1:secret1"),
        ("YQ_SM2_PRIVATE_KEY", "00" * 32, "out of range"),
    ],
)
def test_bad_env_values_exit_clearly(
    keys_file: Path, monkeypatch: pytest.MonkeyPatch, name: str, value: str, message: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(SystemExit, match=message):
        load_keys(_fresh())


def test_active_kid_must_exist(keys_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("YQ_JWT_KEYS", f"a:{secrets.token_urlsafe(32)},b:{secrets.token_urlsafe(32)}")
    with pytest.raises(SystemExit, match="jwt_active_kid"):
        load_keys(_fresh())
    monkeypatch.setenv("YQ_JWT_ACTIVE_KID", "c")
    with pytest.raises(SystemExit, match="jwt_active_kid"):
        load_keys(_fresh())


def test_production_refuses_to_generate(keys_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("YQ_ENV", "production")
    monkeypatch.setenv("YQ_MQTT_GATEWAY_PASSWORD", "a-production-secret")
    with pytest.raises(SystemExit, match="never generated") as caught:
        load_keys(_fresh())
    assert "YQ_PII_KEY" in str(caught.value)
    assert not keys_file.exists()


def test_production_uses_existing_file(keys_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    generated = load_keys(get_settings())
    monkeypatch.setenv("YQ_ENV", "production")
    monkeypatch.setenv("YQ_MQTT_GATEWAY_PASSWORD", "a-production-secret")
    assert load_keys(_fresh()) == generated


def test_mismatched_public_key_in_file_refused(keys_file: Path) -> None:
    load_keys(get_settings())
    data = json.loads(keys_file.read_text())
    data["sm2_public_key"] = sm2.generate_keypair().public_key
    keys_file.write_text(json.dumps(data))
    with pytest.raises(SystemExit, match="does not match"):
        load_keys(_fresh())


def test_corrupt_file_refused(keys_file: Path) -> None:
    keys_file.parent.mkdir(parents=True)
    keys_file.write_text("{not json")
    with pytest.raises(SystemExit, match="Cannot read keys file"):
        load_keys(_fresh())


def test_rotate_adds_kid_and_keeps_old(keys_file: Path) -> None:
    before = load_keys(get_settings())
    new_kid = rotate_jwt_key(keys_file)
    after = load_keys(_fresh())
    assert after.jwt_active_kid == new_kid != before.jwt_active_kid
    assert set(after.jwt_keys) == set(before.jwt_keys) | {new_kid}
    assert after.jwt_keys[before.jwt_active_kid] == before.jwt_keys[before.jwt_active_kid]
    assert after.pii_key == before.pii_key
    assert stat.S_IMODE(os.stat(keys_file).st_mode) == 0o600
