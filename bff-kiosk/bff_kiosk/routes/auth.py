from __future__ import annotations

from typing import Any

from bff_common.auth import client_ip
from bff_common.session_routes import PUBLIC
from litestar import Controller, Request, post
from litestar.params import JSONBody
from litestar.status_codes import HTTP_200_OK
from yiqiao.auth import device as device_auth
from yiqiao.auth.types import DeviceLogin, TokenPair


class DeviceAuthController(Controller):
    path = "/auth"
    tags = ["auth"]

    @post(
        "/device",
        status_code=HTTP_200_OK,
        security=PUBLIC,
        summary="A kiosk or IPTV box signs in with its device secret",
    )
    async def login(self, data: JSONBody[DeviceLogin], request: Request[Any, Any, Any]) -> TokenPair:
        return await device_auth.login(data.device_code, data.secret, client_ip(request))
