"""Fixed vocabularies of scheduling: sessions, registration types, channels and reserves."""

from __future__ import annotations

from typing import Literal

Session = Literal["morning", "afternoon", "evening"]
RegType = Literal["general", "expert", "special", "convenience"]
Channel = Literal["app", "kiosk", "window", "phone"]
Reserve = Literal["referral", "primary_care", "priority"]
Pool = Literal["app", "kiosk", "window", "phone", "referral", "primary_care", "priority"]

SESSIONS: dict[str, str] = {"morning": "上午", "afternoon": "下午", "evening": "夜间"}
# registration type: (label, default fee in fen)
REG_TYPES: dict[str, tuple[str, int]] = {
    "general": ("普通号", 500),
    "expert": ("专家号", 2000),
    "special": ("特需号", 10000),
    "convenience": ("便民号", 0),
}
CHANNELS: tuple[Channel, ...] = ("app", "kiosk", "window", "phone")
RESERVES: tuple[Reserve, ...] = ("referral", "primary_care", "priority")
POOLS: tuple[Pool, ...] = (*CHANNELS, *RESERVES)
# Priority group (e.g. the elderly): patients of at least this age may take the "priority" reserve.
PRIORITY_AGE = 65
