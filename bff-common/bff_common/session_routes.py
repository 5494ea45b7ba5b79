"""Refresh and logout, the same on every BFF (only the audience differs)."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, post
from litestar.params import JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_204_NO_CONTENT
from yiqiao.auth import sessions
from yiqiao.auth.types import RefreshRequest, TokenPair
from yiqiao.kit.tokens import Audience

from bff_common.auth import bearer_token

PUBLIC: list[dict[str, list[str]]] = []  # handlers that need no bearer token


def session_controller(audience: Audience) -> type[Controller]:
    class SessionController(Controller):
        path = "/auth"
        tags = ["auth"]

        @post(
            "/refresh",
            status_code=HTTP_200_OK,
            security=PUBLIC,
            summary="Rotate the refresh token (a reused one ends the session)",
        )
        async def refresh(self, data: JSONBody[RefreshRequest]) -> TokenPair:
            return await sessions.refresh(data.refresh_token, audience)

        @post("/logout", status_code=HTTP_204_NO_CONTENT, summary="End this sign-in")
        async def logout(self, request: Request[Any, Any, Any]) -> None:
            await sessions.logout(bearer_token(request), audience)

    return SessionController
