"""Kiosk and IPTV sign-in with the device's own secret."""

from __future__ import annotations

from yiqiao.auth import sessions
from yiqiao.auth.types import TokenPair
from yiqiao.identity.service import devices
from yiqiao.kit.tokens import Audience

AUDIENCE: Audience = "kiosk"


async def login(code: str, secret: str, ip: str | None) -> TokenPair:
    device = await devices.authenticate(code, secret, ip)
    return await sessions.issue_pair(
        device.id,
        AUDIENCE,
        {
            "kind": "kiosk",
            "inst": str(device.institution_id),
            "dept": str(device.department_id) if device.department_id else "",
            "roles": [device.kind],
        },
    )
