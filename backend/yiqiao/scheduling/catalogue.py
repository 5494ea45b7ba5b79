"""Fixed vocabularies of scheduling: sessions, registration types, channels and reserves."""

from __future__ import annotations

from typing import Literal

Session = Literal["morning", "afternoon", "evening"]
RegType = Literal["general", "expert", "special", "convenience"]
Channel = Literal["app", "kiosk", "window", "phone"]
Reserve = Literal["referral", "primary_care", "priority"]
OutsideQuota = Literal["recheck"]
Pool = Literal["app", "kiosk", "window", "phone", "referral", "primary_care", "priority", "recheck"]

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
# Pools outside the normal quota, never opened to other bookings or to the waitlist: "recheck"
# (回检号源) is for patients back the same day, with results, to a department that saw them today.
RECHECK: OutsideQuota = "recheck"
OUTSIDE_QUOTA: tuple[OutsideQuota, ...] = (RECHECK,)
POOLS: tuple[Pool, ...] = (*CHANNELS, *RESERVES, *OUTSIDE_QUOTA)
# Priority group (e.g. the elderly): patients of at least this age may take the "priority" reserve.
PRIORITY_AGE = 65
