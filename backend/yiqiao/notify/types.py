from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import msgspec

from yiqiao.notify.catalogue import Category, DeliveryChannel


class NoticeView(msgspec.Struct, kw_only=True):
    id: uuid.UUID
    category: str
    title: str
    body: str
    created_at: datetime
    read: bool
    patient_id: uuid.UUID | None = None
    data: dict[str, Any] = {}


class NoticePage(msgspec.Struct, kw_only=True):
    items: list[NoticeView]
    unread: int


class Preference(msgspec.Struct, kw_only=True):
    category: Category
    label: str = ""
    critical: bool = False
    enabled: bool = True
    channels: list[DeliveryChannel] = []


class PreferenceUpdate(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    category: Category
    enabled: bool
    channels: list[DeliveryChannel] = msgspec.field(default_factory=list)
