"""Screen-shaped responses of the patient app."""

from __future__ import annotations

import msgspec
from yiqiao.identity.types import HealthQr, ProfileView
from yiqiao.notify.types import NoticeView


class CardWithQr(msgspec.Struct, kw_only=True):
    profile_id: str
    card_id: str
    card_no_masked: str
    kind: str
    issuer_name: str
    qr: HealthQr


class HomeScreen(msgspec.Struct, kw_only=True):
    """Everything the home screen shows, in one round trip."""

    phone_masked: str
    profiles: list[ProfileView]
    cards: list[CardWithQr]
    unread_notices: int
    latest_notices: list[NoticeView]
