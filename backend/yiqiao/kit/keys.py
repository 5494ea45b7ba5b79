"""Key material: from ``YQ_*`` environment variables, else the keys file, else (dev/test) generated.

Environment formats: ``YQ_PII_KEY`` 32 hex digits (SM4), ``YQ_BLIND_INDEX_KEY`` and ``YQ_QR_KEY``
64 hex digits, ``YQ_JWT_KEYS`` ``kid1:secret1,kid2:secret2`` (secrets urlsafe base64 of at least
32 bytes), ``YQ_JWT_ACTIVE_KID`` (optional with a single kid), ``YQ_SM2_PRIVATE_KEY`` 64 hex digits.
Each variable given wins over the file; the keys file (JSON, same formats) supplies the rest.
"""

from __future__ import annotations

import base64
import binascii
import os
import re
import secrets
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

import msgspec

from yiqiao.kit import sm2
from yiqiao.settings import Settings

_ENV_NAMES = {
    "pii_key": "YQ_PII_KEY",
    "blind_index_key": "YQ_BLIND_INDEX_KEY",
    "jwt_keys": "YQ_JWT_KEYS",
    "qr_key": "YQ_QR_KEY",
    "sm2_private_key": "YQ_SM2_PRIVATE_KEY",
}
_KID = re.compile(r"[A-Za-z0-9._-]{1,64}")


class Keys(msgspec.Struct, frozen=True, kw_only=True):
    pii_key: bytes
    blind_index_key: bytes
    jwt_keys: dict[str, str]
    jwt_active_kid: str
    qr_key: bytes
    sm2_private_key: str
    sm2_public_key: str

    def jwt_secret(self, kid: str) -> bytes | None:
        secret = self.jwt_keys.get(kid)
        return None if secret is None else _b64url_decode(secret)

    def __repr__(self) -> str:
        return f"Keys(jwt_kids={sorted(self.jwt_keys)}, jwt_active_kid={self.jwt_active_kid!r}, <redacted>)"


class _Material(msgspec.Struct, kw_only=True, omit_defaults=True):
    """Keys as written in the file and the environment (text), before validation."""

    pii_key: str = ""
    blind_index_key: str = ""
    jwt_keys: dict[str, str] = msgspec.field(default_factory=dict)
    jwt_active_kid: str = ""
    qr_key: str = ""
    sm2_private_key: str = ""
    sm2_public_key: str = ""


def _b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _new_kid() -> str:
    return f"{datetime.now(UTC):%Y%m%d}-{secrets.token_hex(3)}"


def _generate() -> _Material:
    kid = _new_kid()
    pair = sm2.generate_keypair()
    return _Material(
        pii_key=secrets.token_hex(16),
        blind_index_key=secrets.token_hex(32),
        jwt_keys={kid: secrets.token_urlsafe(32)},
        jwt_active_kid=kid,
        qr_key=secrets.token_hex(32),
        sm2_private_key=pair.private_key,
        sm2_public_key=pair.public_key,
    )


def _from_settings(settings: Settings) -> _Material:
    jwt_keys: dict[str, str] = {}
    for item in filter(None, (part.strip() for part in settings.jwt_keys.split(","))):
        kid, sep, secret = item.partition(":")
        if not sep:
            raise SystemExit("YQ_JWT_KEYS must look like 'kid1:secret1,kid2:secret2'")
        jwt_keys[kid.strip()] = secret.strip()
    return _Material(
        pii_key=settings.pii_key,
        blind_index_key=settings.blind_index_key,
        jwt_keys=jwt_keys,
        jwt_active_kid=settings.jwt_active_kid,
        qr_key=settings.qr_key,
        sm2_private_key=settings.sm2_private_key,
    )


def _missing(material: _Material) -> list[str]:
    return [env for field, env in _ENV_NAMES.items() if not getattr(material, field)]


def _overlay(base: _Material, env: _Material) -> _Material:
    merged = msgspec.structs.replace(base)
    for field in _Material.__struct_fields__:
        if getattr(env, field):
            setattr(merged, field, getattr(env, field))
    if env.sm2_private_key and env.sm2_private_key != base.sm2_private_key:
        merged.sm2_public_key = ""  # the file's public key belongs to the file's private key
    return merged


def _hex_key(material: _Material, field: str, size: int, source: str) -> bytes:
    try:
        value = bytes.fromhex(getattr(material, field))
    except ValueError:
        value = b""
    if len(value) != size:
        raise SystemExit(f"{field} from {source} must be {size * 2} hex digits ({size} bytes)")
    return value


def _validate(material: _Material, source: str) -> Keys:
    if not material.jwt_keys:
        raise SystemExit(f"jwt_keys from {source} is empty")
    for kid, secret in material.jwt_keys.items():
        if not _KID.fullmatch(kid):
            raise SystemExit(f"JWT kid {kid!r} from {source} must be 1-64 of A-Z a-z 0-9 . _ -")
        try:
            size = len(_b64url_decode(secret))
        except (binascii.Error, ValueError):
            size = 0
        if size < 32:
            raise SystemExit(f"JWT secret for kid {kid!r} from {source}: need urlsafe base64 of >=32 bytes")
    active = material.jwt_active_kid or (next(iter(material.jwt_keys)) if len(material.jwt_keys) == 1 else "")
    if active not in material.jwt_keys:
        raise SystemExit(f"jwt_active_kid {active!r} from {source} is not one of the kids in jwt_keys")
    try:
        public_key = sm2.public_key_from_private(material.sm2_private_key)
    except ValueError as exc:
        raise SystemExit(f"sm2_private_key from {source}: {exc}") from None
    if material.sm2_public_key and material.sm2_public_key.lower().removeprefix("04") != public_key[2:]:
        raise SystemExit(f"sm2_public_key from {source} does not match sm2_private_key")
    return Keys(
        pii_key=_hex_key(material, "pii_key", 16, source),
        blind_index_key=_hex_key(material, "blind_index_key", 32, source),
        jwt_keys=dict(material.jwt_keys),
        jwt_active_kid=active,
        qr_key=_hex_key(material, "qr_key", 32, source),
        sm2_private_key=material.sm2_private_key.lower(),
        sm2_public_key=public_key,
    )


def _read(path: Path) -> _Material:
    try:
        return msgspec.json.decode(path.read_bytes(), type=_Material)
    except (OSError, msgspec.DecodeError) as exc:
        raise SystemExit(f"Cannot read keys file {path}: {exc}") from None


def _write_private(path: Path, material: _Material) -> Path:
    """Write ``material`` to a fresh 0600 temp file beside ``path``; return the temp path."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.fchmod(fd, 0o600)
        os.write(fd, msgspec.json.format(msgspec.json.encode(material)) + b"\n")
        os.fsync(fd)
    finally:
        os.close(fd)
    return tmp


def _create(path: Path) -> _Material:
    tmp = _write_private(path, _generate())
    try:
        # link() never overwrites: when several dev processes start at once, the first one wins
        # and everyone reads its keys, rather than each encrypting with keys of its own.
        os.link(tmp, path)
    except FileExistsError:
        pass
    finally:
        tmp.unlink()
    return _read(path)


@lru_cache(maxsize=8)
def load_keys(settings: Settings) -> Keys:
    env = _from_settings(settings)
    missing = _missing(env)
    if not missing:
        return _validate(env, "the environment")
    path = Path(settings.keys_file)
    if path.exists():
        base = _read(path)
    elif settings.is_production:
        raise SystemExit(
            f"No key material: keys file {path} does not exist and {', '.join(missing)} "
            "are not set. In production keys are never generated; provide the file or the variables."
        )
    else:
        base = _create(path)
    return _validate(_overlay(base, env), f"{path} and the environment")


def rotate_jwt_key(path: str | Path) -> str:
    """Add a new JWT signing key to the keys file and make it active; old kids still verify.

    Running processes pick it up on restart (or after ``load_keys.cache_clear()``).
    """
    path = Path(path)
    material = _read(path)
    kid = _new_kid()
    while kid in material.jwt_keys:
        kid = _new_kid()
    material.jwt_keys[kid] = secrets.token_urlsafe(32)
    material.jwt_active_kid = kid
    _validate(material, str(path))
    os.replace(_write_private(path, material), path)
    load_keys.cache_clear()
    return kid
