"""Notices: create (with outbox delivery per the patient's choices), list, mark read, preferences."""

from __future__ import annotations

import uuid
from typing import Any, cast

import msgspec

from yiqiao import db
from yiqiao.audit import service as audit
from yiqiao.kit import clock, realtime
from yiqiao.kit.actor import Actor
from yiqiao.kit.errors import Forbidden, Invalid, NotFound
from yiqiao.kit.ids import new_id
from yiqiao.notify.catalogue import CATEGORIES, Category, DeliveryChannel
from yiqiao.notify.types import NoticePage, NoticeView, Preference, PreferenceUpdate
from yiqiao.outbox import service as outbox


def _account_of(actor: Actor) -> uuid.UUID:
    if actor.kind != "patient" or actor.id is None:
        raise Forbidden("Only a signed-in patient account has notices.", code="not_a_patient_account")
    return actor.id


async def _stored_preferences(account_id: uuid.UUID) -> dict[str, tuple[bool, list[DeliveryChannel]]]:
    rows = await db.fetch(
        "SELECT category, enabled, channels FROM notice_preference WHERE account_id = {}", account_id
    )
    return {r["category"]: (r["enabled"], list(r["channels"])) for r in rows}


def _effective(category: str, stored: dict[str, tuple[bool, list[DeliveryChannel]]]) -> Preference:
    label, critical, default_channels = CATEGORIES[category]
    enabled, channels = stored.get(category, (True, list(default_channels)))
    return Preference(
        category=cast(Category, category),
        label=label,
        critical=critical,
        enabled=enabled or critical,
        channels=channels,
    )


async def notify(
    account_id: uuid.UUID,
    category: str,
    title: str,
    body: str,
    *,
    dedupe_key: str,
    patient_id: uuid.UUID | None = None,
    data: dict[str, Any] | None = None,
) -> bool:
    """Create a notice and queue its delivery, in the caller's transaction. Returns False if this
    dedupe key was already notified (no second notice, no second SMS)."""
    if category not in CATEGORIES:
        raise Invalid(f"Unknown notice category {category!r}.", code="unknown_notice_category")
    async with db.transaction():
        notice_id = new_id()
        rows = await db.fetch(
            "INSERT INTO notice (id, account_id, patient_id, category, title, body, data, dedupe_key)"
            " VALUES ({}, {}, {}, {}, {}, {}, {}, {}) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id",
            notice_id,
            account_id,
            patient_id,
            category,
            title,
            body,
            msgspec.json.encode(data or {}).decode(),
            dedupe_key,
        )
        if not rows:
            return False
        pref = _effective(category, await _stored_preferences(account_id))
        payload = {
            "notice_id": str(notice_id),
            "account_id": str(account_id),
            "category": category,
            "title": title,
            "body": body,
        }
        if pref.enabled:
            for ch in pref.channels:
                await outbox.enqueue(ch, "notice", payload, f"{dedupe_key}:{ch}")
        await outbox.enqueue(
            "pubsub",
            "notice.new",
            {
                "channel": realtime.channel("account", account_id),
                "type": "notice.new",
                "data": {"id": str(notice_id), "category": category, "title": title},
            },
            f"{dedupe_key}:rt",
        )
        return True


async def list_notices(actor: Actor, *, limit: int = 20, unread_only: bool = False) -> NoticePage:
    account_id = _account_of(actor)
    rows = await db.fetch(
        "SELECT id, category, title, body, created_at, read_at, patient_id, data::text AS data"
        " FROM notice WHERE account_id = {} AND ({} = false OR read_at IS NULL)"
        " ORDER BY created_at DESC LIMIT {}",
        account_id,
        unread_only,
        min(max(limit, 1), 100),
    )
    unread = await db.fetch(
        "SELECT count(*) AS n FROM notice WHERE account_id = {} AND read_at IS NULL", account_id
    )
    return NoticePage(
        unread=unread[0]["n"],
        items=[
            NoticeView(
                id=r["id"],
                category=r["category"],
                title=r["title"],
                body=r["body"],
                created_at=r["created_at"],
                read=r["read_at"] is not None,
                patient_id=r["patient_id"],
                data=msgspec.json.decode(r["data"]),
            )
            for r in rows
        ],
    )


async def mark_read(actor: Actor, notice_id: uuid.UUID) -> None:
    account_id = _account_of(actor)
    rows = await db.fetch(
        "UPDATE notice SET read_at = coalesce(read_at, {}) WHERE id = {} AND account_id = {} RETURNING id",
        clock.now(),
        notice_id,
        account_id,
    )
    if not rows:
        # Someone else's notice and a missing one look the same: nothing leaks.
        raise NotFound("No such notice.", code="notice_not_found")


async def preferences(actor: Actor) -> list[Preference]:
    stored = await _stored_preferences(_account_of(actor))
    return [_effective(c, stored) for c in CATEGORIES]


async def update_preference(actor: Actor, update: PreferenceUpdate) -> Preference:
    account_id = _account_of(actor)
    _, critical, _ = CATEGORIES[update.category]
    if critical and not update.enabled:
        raise Invalid(
            "This notice concerns your care or payments and cannot be switched off; "
            "you may choose how it reaches you.",
            code="critical_notice_required",
        )
    if update.enabled and not update.channels:
        raise Invalid(
            "Choose at least one way to receive these notices, or switch them off.",
            code="notice_channel_required",
        )
    channels = sorted(set(update.channels))
    async with db.transaction():
        await db.execute(
            "INSERT INTO notice_preference (id, account_id, category, enabled, channels, updated_at)"
            " VALUES ({}, {}, {}, {}, {}, {}) ON CONFLICT (account_id, category) DO UPDATE SET"
            " enabled = EXCLUDED.enabled, channels = EXCLUDED.channels, updated_at = EXCLUDED.updated_at",
            new_id(),
            account_id,
            update.category,
            update.enabled,
            channels,
            clock.now(),
        )
        await audit.record(
            actor,
            "notice_preference.update",
            "account",
            account_id,
            {"category": update.category, "enabled": update.enabled, "channels": channels},
        )
    return _effective(update.category, await _stored_preferences(account_id))
