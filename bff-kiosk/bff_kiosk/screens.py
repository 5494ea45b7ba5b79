from __future__ import annotations

import msgspec
from yiqiao.identity.types import ProfileView


class CitizenCardsScreen(msgspec.Struct, kw_only=True):
    """The signed-in citizen's cards, masked: a kiosk screen is seen by whoever stands behind."""

    profile: ProfileView
