"""Bearer-token auth: each BFF accepts only tokens of its own audience, and turns them into the
core's ``Actor``."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from litestar import Request
from litestar.connection import ASGIConnection
from litestar.di import NamedDependency
from yiqiao.auth.principal import actor_from_claims
from yiqiao.auth.sessions import verify_access
from yiqiao.kit.actor import Actor
from yiqiao.kit.errors import Unauthorized
from yiqiao.kit.tokens import Audience


def bearer_token(connection: ASGIConnection[Any, Any, Any, Any]) -> str:
    header = connection.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise Unauthorized(
            "Sign in first: send 'Authorization: Bearer <access token>'.", code="token_missing"
        )
    return token.strip()


def client_ip(connection: ASGIConnection[Any, Any, Any, Any]) -> str | None:
    return connection.client.host if connection.client else None


def actor_dependency(audience: Audience) -> Callable[[Request[Any, Any, Any]], Awaitable[Actor]]:
    async def provide_actor(request: Request[Any, Any, Any]) -> Actor:
        claims = await verify_access(bearer_token(request), audience)
        return actor_from_claims(claims, ip=client_ip(request))

    return provide_actor


async def websocket_actor(token: str | None, audience: Audience) -> Actor:
    if not token:
        raise Unauthorized("Pass the access token as ?token=…", code="token_missing")
    return actor_from_claims(await verify_access(token, audience))


# The signed-in actor, provided by each BFF's audience-specific dependency (see app.py).
CurrentActor = NamedDependency[Actor]
