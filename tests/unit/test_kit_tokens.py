from __future__ import annotations

import time
from pathlib import Path

import jwt
import pytest
from yiqiao.kit import tokens
from yiqiao.kit.errors import Unauthorized
from yiqiao.kit.keys import load_keys, rotate_jwt_key
from yiqiao.settings import get_settings

pytestmark = pytest.mark.usefixtures("keys_file")


def _code(token: str, audience: tokens.Audience, **kw: object) -> str:
    with pytest.raises(Unauthorized) as caught:
        tokens.decode(token, audience, **kw)  # type: ignore[arg-type]
    return caught.value.code


def test_access_round_trip() -> None:
    token = tokens.issue_access("user-1", "patient", {"inst": "i-1", "roles": ["patient"]}, ttl=60)
    claims = tokens.decode(token, "patient")
    assert claims["sub"] == "user-1" and claims["aud"] == "patient" and claims["iss"] == "yiqiao"
    assert claims["inst"] == "i-1" and claims["roles"] == ["patient"] and claims["typ"] == "access"
    assert claims["exp"] - claims["iat"] == 60
    assert jwt.get_unverified_header(token)["kid"] == load_keys(get_settings()).jwt_active_kid


def test_default_ttl_from_settings() -> None:
    claims = tokens.decode(tokens.issue_access("u", "kiosk"), "kiosk")
    assert claims["exp"] - claims["iat"] == get_settings().access_token_ttl_s


def test_wrong_audience_refused() -> None:
    token = tokens.issue_access("user-1", "patient")
    assert _code(token, "clinician") == "token_wrong_audience"


def test_expired_refused() -> None:
    token = tokens.issue_access("user-1", "patient", ttl=60, now=int(time.time()) - 120)
    assert _code(token, "patient") == "token_expired"


def test_refresh_token_and_type_separation() -> None:
    first = tokens.issue_refresh("user-1", "clinician")
    claims = tokens.decode(first.token, "clinician", token_type="refresh")
    assert claims["jti"] == first.jti and claims["family"] == first.family
    assert claims["exp"] == first.expires_at
    rotated = tokens.issue_refresh("user-1", "clinician", family=first.family)
    assert rotated.family == first.family and rotated.jti != first.jti
    assert _code(first.token, "clinician") == "token_invalid"  # refresh is not an access token
    access = tokens.issue_access("user-1", "clinician")
    assert _code(access, "clinician", token_type="refresh") == "token_invalid"


def test_reserved_claims_and_unknown_audience_rejected_at_issue() -> None:
    with pytest.raises(ValueError):
        tokens.issue_access("u", "patient", {"aud": "clinician"})
    with pytest.raises(ValueError):
        tokens.issue_access("u", "admin")  # type: ignore[arg-type]


def test_rotated_key_still_verifies(keys_file: Path) -> None:
    old_kid = load_keys(get_settings()).jwt_active_kid
    old = tokens.issue_access("user-1", "patient")
    new_kid = rotate_jwt_key(keys_file)
    assert new_kid != old_kid
    new = tokens.issue_access("user-1", "patient")
    assert jwt.get_unverified_header(new)["kid"] == new_kid
    assert tokens.decode(old, "patient")["sub"] == "user-1"
    assert tokens.decode(new, "patient")["sub"] == "user-1"


def _active_secret() -> bytes:
    keys = load_keys(get_settings())
    secret = keys.jwt_secret(keys.jwt_active_kid)
    assert secret is not None
    return secret


def test_unknown_kid_refused() -> None:
    secret = _active_secret()
    payload = {"iss": "yiqiao", "sub": "u", "aud": "patient", "iat": int(time.time()), "jti": "j"}
    payload |= {"exp": int(time.time()) + 60, "typ": "access"}
    forged = jwt.encode(payload, secret, algorithm="HS256", headers={"kid": "retired-kid"})
    assert _code(forged, "patient") == "token_invalid"
    no_kid = jwt.encode(payload, secret, algorithm="HS256")
    assert _code(no_kid, "patient") == "token_invalid"


def test_tampered_signature_refused() -> None:
    token = tokens.issue_access("user-1", "patient")
    head, body, sig = token.split(".")
    flipped = sig[:-2] + ("AA" if sig[-2:] != "AA" else "BA")
    assert _code(f"{head}.{body}.{flipped}", "patient") == "token_invalid"
    other_body = tokens.issue_access("user-2", "patient").split(".")[1]
    assert _code(f"{head}.{other_body}.{sig}", "patient") == "token_invalid"


def test_alg_none_and_garbage_refused() -> None:
    token = tokens.issue_access("user-1", "patient")
    kid = jwt.get_unverified_header(token)["kid"]
    claims = jwt.decode(token, options={"verify_signature": False})
    unsigned = jwt.encode(claims, "", algorithm="none", headers={"kid": kid})
    assert _code(unsigned, "patient") == "token_invalid"
    assert _code("not-a-token", "patient") == "token_invalid"
    assert _code("", "patient") == "token_invalid"


def test_wrong_issuer_refused() -> None:
    keys = load_keys(get_settings())
    payload = {"iss": "someone-else", "sub": "u", "aud": "patient", "iat": int(time.time()), "jti": "j"}
    payload |= {"exp": int(time.time()) + 60, "typ": "access"}
    token = jwt.encode(payload, _active_secret(), algorithm="HS256", headers={"kid": keys.jwt_active_kid})
    assert _code(token, "patient") == "token_invalid"
