"""Unit-test fixtures: key material in a tmp keys file, no database or Redis needed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from yiqiao.kit.keys import load_keys
from yiqiao.settings import Settings, get_settings

KEY_ENV = (
    "YQ_PII_KEY",
    "YQ_BLIND_INDEX_KEY",
    "YQ_JWT_KEYS",
    "YQ_JWT_ACTIVE_KID",
    "YQ_QR_KEY",
    "YQ_SM2_PRIVATE_KEY",
)


def clear_caches() -> None:
    get_settings.cache_clear()
    load_keys.cache_clear()


@pytest.fixture
def keys_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point YQ_KEYS_FILE at a fresh tmp file (generated on first use) with no key env overrides."""
    path = tmp_path / "keys" / "keys.json"
    for name in KEY_ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("YQ_KEYS_FILE", str(path))
    monkeypatch.setenv("YQ_ENV", "test")
    clear_caches()
    yield path
    clear_caches()


@pytest.fixture
def settings(keys_file: Path) -> Settings:
    return get_settings()
