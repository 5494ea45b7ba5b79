from __future__ import annotations

from typing import Protocol

import msgspec


class WeChatSession(msgspec.Struct, frozen=True):
    openid: str
    unionid: str | None = None


class WeChatProvider(Protocol):
    async def code_to_session(self, code: str) -> WeChatSession:
        """Exchange a mini-program ``wx.login`` code (one use, 5 minutes) for the user's openid.
        Raises ``ProviderError`` (code 40029 for an invalid or used code, like the real API)."""
        ...

    async def send_template(
        self, openid: str, template_id: str, data: dict[str, str], dedupe_key: str
    ) -> str:
        """Send a subscription/template message; same dedupe key sends once."""
        ...
