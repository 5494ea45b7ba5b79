"""JWTs (HS256) for the three BFFs. The header ``kid`` picks the key, so keys can rotate: a token
signed with an old kid verifies while that kid is still in ``Keys.jwt_keys``.

Access and refresh tokens carry ``typ`` so one cannot stand in for the other. A refresh token has a
``jti`` (single use) and a ``family`` (every token rotated from one sign-in shares it, so a reused
refresh token can revoke the whole family).
"""

from __future__ import annotations

import base64
import binascii
import time
from collections.abc import Mapping
from typing import Any, Literal

import jwt
import msgspec

from yiqiao.kit.errors import Unauthorized
from yiqiao.kit.ids import new_id
from yiqiao.kit.keys import Keys, load_keys
from yiqiao.settings import get_settings

Audience = Literal["patient", "clinician", "kiosk"]
TokenType = Literal["access", "refresh"]
AUDIENCES: frozenset[str] = frozenset({"patient", "clinician", "kiosk"})
ISSUER = "yiqiao"
_ALGORITHM = "HS256"
_LEEWAY_S = 5  # clock skew between our own hosts
_RESERVED = frozenset({"iss", "sub", "aud", "exp", "iat", "nbf", "jti", "typ", "family"})
_REQUIRED = ["iss", "sub", "aud", "exp", "iat", "jti", "typ"]


class RefreshToken(msgspec.Struct, frozen=True, kw_only=True):
    token: str
    jti: str
    family: str
    expires_at: int


def _keys() -> Keys:
    return load_keys(get_settings())


def _issue(
    subject: str,
    audience: Audience,
    token_type: TokenType,
    claims: Mapping[str, Any] | None,
    ttl: int,
    now: int | None,
    extra: dict[str, Any],
) -> tuple[str, dict[str, Any]]:
    if audience not in AUDIENCES:
        raise ValueError(f"unknown audience {audience!r}")
    clash = _RESERVED.intersection(claims or {})
    if clash:
        raise ValueError(f"claims may not set reserved names: {sorted(clash)}")
    issued = int(time.time()) if now is None else now
    payload: dict[str, Any] = {
        **(claims or {}),
        **extra,
        "iss": ISSUER,
        "sub": str(subject),
        "aud": audience,
        "iat": issued,
        "exp": issued + ttl,
        "jti": extra.get("jti") or str(new_id()),
        "typ": token_type,
    }
    keys = _keys()
    secret = keys.jwt_secret(keys.jwt_active_kid)
    if secret is None:
        raise RuntimeError("active JWT kid has no key")  # load_keys() rules this out
    token = jwt.encode(payload, secret, algorithm=_ALGORITHM, headers={"kid": keys.jwt_active_kid})
    return token, payload


def issue_access(
    subject: str,
    audience: Audience,
    claims: Mapping[str, Any] | None = None,
    ttl: int | None = None,
    *,
    now: int | None = None,
) -> str:
    """``ttl`` in seconds, default ``Settings.access_token_ttl_s``; ``now`` (epoch s) for tests."""
    ttl = get_settings().access_token_ttl_s if ttl is None else ttl
    return _issue(subject, audience, "access", claims, ttl, now, {})[0]


def issue_refresh(
    subject: str,
    audience: Audience,
    claims: Mapping[str, Any] | None = None,
    ttl: int | None = None,
    *,
    family: str | None = None,
    now: int | None = None,
) -> RefreshToken:
    """Pass the old token's ``family`` when rotating; omit it at sign-in to start a new family."""
    ttl = get_settings().refresh_token_ttl_s if ttl is None else ttl
    jti = str(new_id())
    family = family or str(new_id())
    token, payload = _issue(subject, audience, "refresh", claims, ttl, now, {"jti": jti, "family": family})
    return RefreshToken(token=token, jti=jti, family=family, expires_at=payload["exp"])


def _refuse(message: str, code: str = "token_invalid") -> Unauthorized:
    return Unauthorized(message, code=code)


def _unverified_kid(token: str) -> object:
    """The header's ``kid``, read from the header segment alone (PyJWT's ``get_unverified_header``
    parses the whole token, which ``jwt.decode`` then does again). It only picks the key: the
    header is verified with the rest by ``jwt.decode``."""
    segment, dot, _ = token.partition(".")
    if not dot:
        raise ValueError("not a JWT")
    header = msgspec.json.decode(base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)))
    return header.get("kid") if isinstance(header, dict) else None


def decode(
    token: str,
    audience: Audience,
    *,
    token_type: TokenType = "access",  # noqa: S107 - a token kind, not a password
) -> dict[str, Any]:
    """Verify signature (by ``kid``), ``exp``, ``aud``, ``iss`` and ``typ``; return the claims.

    Raises ``Unauthorized`` with code ``token_invalid``, ``token_expired`` or ``token_wrong_audience``.
    """
    invalid = "登录凭证无效，请重新登录 / Your sign-in is not valid — please sign in again"
    try:
        kid = _unverified_kid(token)
    except (ValueError, binascii.Error, msgspec.DecodeError):
        raise _refuse(invalid) from None
    secret = _keys().jwt_secret(kid) if isinstance(kid, str) else None
    if secret is None:
        raise _refuse(invalid)
    try:
        claims: dict[str, Any] = jwt.decode(
            token,
            secret,
            algorithms=[_ALGORITHM],
            audience=audience,
            issuer=ISSUER,
            leeway=_LEEWAY_S,
            options={"require": _REQUIRED},
        )
    except jwt.ExpiredSignatureError:
        raise _refuse(
            "登录已过期，请重新登录 / Your sign-in has expired — please sign in again", "token_expired"
        ) from None
    except jwt.InvalidAudienceError:
        raise _refuse(
            "此登录凭证不能用于本应用 / This sign-in belongs to a different app — please sign in here",
            "token_wrong_audience",
        ) from None
    except jwt.PyJWTError:
        raise _refuse(invalid) from None
    if claims.get("typ") != token_type:
        raise _refuse(invalid)
    return claims
