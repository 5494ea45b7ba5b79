from __future__ import annotations

from typing import Any

from bff_common.auth import client_ip
from bff_common.session_routes import PUBLIC
from litestar import Controller, Request, post
from litestar.params import JSONBody
from litestar.status_codes import HTTP_200_OK
from yiqiao.auth import staff as staff_auth
from yiqiao.auth.types import StaffLogin, TokenPair


class StaffAuthController(Controller):
    path = "/auth"
    tags = ["auth"]

    @post(
        "/login", status_code=HTTP_200_OK, security=PUBLIC, summary="Staff sign-in with username and password"
    )
    async def login(self, data: JSONBody[StaffLogin], request: Request[Any, Any, Any]) -> TokenPair:
        return await staff_auth.login(data.username, data.password, client_ip(request))
