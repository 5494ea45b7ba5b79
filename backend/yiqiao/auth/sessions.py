"""Token sessions: issue an access + refresh pair, rotate the refresh token on every use, detect
reuse (a stolen refresh token used after its owner rotated it revokes the whole family), and
revoke on logout. State lives in Redis so every BFF process agrees at once."""

from __future__ import annotations

import uuid
from typing import Any

from yiqiao.auth import revocations
from yiqiao.auth.types import TokenPair
from yiqiao.kit import tokens
from yiqiao.kit.errors import Unauthorized
from yiqiao.kit.redis import redis
from yiqiao.kit.tokens import Audience
from yiqiao.settings import get_settings

_LIVE = "yq:auth:refresh:"  # jti -> family, while the refresh token is unused
_REVOKED = revocations.PREFIX  # family -> 1


async def issue_pair(
    subject: uuid.UUID, audience: Audience, claims: dict[str, Any], *, family: str | None = None
) -> TokenPair:
    s = get_settings()
    refresh = tokens.issue_refresh(str(subject), audience, claims, family=family)
    await redis().set(_LIVE + refresh.jti, refresh.family, ex=s.refresh_token_ttl_s)
    access = tokens.issue_access(str(subject), audience, {**claims, "fam": refresh.family})
    return TokenPair(access_token=access, refresh_token=refresh.token, expires_in=s.access_token_ttl_s)


async def refresh(token: str, audience: Audience) -> TokenPair:
    claims = tokens.decode(token, audience, token_type="refresh")  # noqa: S106
    family = claims["family"]
    if await redis().exists(_REVOKED + family):
        raise Unauthorized("This sign-in was ended; please sign in again.", code="session_revoked")
    if await redis().getdel(_LIVE + claims["jti"]) is None:
        await revoke_family(family)
        raise Unauthorized(
            "This refresh token was already used, so the session has been ended "
            "for safety; please sign in again.",
            code="refresh_token_reused",
        )
    kept = {
        k: v
        for k, v in claims.items()
        if k not in {"iss", "sub", "aud", "exp", "iat", "nbf", "jti", "typ", "family"}
    }
    return await issue_pair(uuid.UUID(claims["sub"]), audience, kept, family=family)


async def revoke_family(family: str) -> None:
    await revocations.revoke(family)


async def verify_access(token: str, audience: Audience) -> dict[str, Any]:
    """Decode an access token and check its session was not revoked: from this process's set of
    revoked families while its subscription is live (see ``revocations``), else from Redis."""
    claims = tokens.decode(token, audience)
    family = claims.get("fam")
    if not family:
        raise Unauthorized("This sign-in was ended; please sign in again.", code="session_revoked")
    revoked = revocations.known_revoked(family)
    if revoked is None:
        revoked = bool(await redis().exists(_REVOKED + family))
    if revoked:
        raise Unauthorized("This sign-in was ended; please sign in again.", code="session_revoked")
    return claims


async def logout(access_token: str, audience: Audience) -> None:
    claims = await verify_access(access_token, audience)
    await revoke_family(claims["fam"])
