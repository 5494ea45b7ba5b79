"""Release alerts (放号提醒): a patient account subscribes to a doctor's releases; when one of the
doctor's sessions is released (its ``release_at`` passes), the worker sends every subscriber one
notice (category "visit"), deduped per subscription and schedule, so a run after the first is a
no-op. Subscribing and unsubscribing are audited."""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from typing import Any

from yiqiao import db
from yiqiao.audit import service as audit
from yiqiao.kit import clock
from yiqiao.kit.actor import Actor
from yiqiao.kit.errors import Conflict, Forbidden, NotFound
from yiqiao.kit.ids import new_id
from yiqiao.notify.service import notify
from yiqiao.scheduling.catalogue import SESSIONS
from yiqiao.scheduling.types import ReleaseSubscriptionView, SubscribeRelease
from yiqiao.settings import get_settings

log = logging.getLogger("yiqiao.scheduling")

_SELECT = (
    "SELECT r.id, r.doctor_id, r.status, r.created_at, r.account_id, d.name AS doctor_name"
    " FROM release_subscription r JOIN doctor_profile d ON d.staff_id = r.doctor_id"
)


def _account(actor: Actor) -> uuid.UUID:
    if actor.kind != "patient" or actor.id is None:
        raise Forbidden(
            "Only a signed-in patient account subscribes to releases.", code="not_a_patient_account"
        )
    return actor.id


def _view(r: dict[str, Any]) -> ReleaseSubscriptionView:
    return ReleaseSubscriptionView(
        id=r["id"],
        doctor_id=r["doctor_id"],
        doctor_name=r["doctor_name"],
        status=r["status"],
        created_at=r["created_at"],
    )


async def subscribe(actor: Actor, cmd: SubscribeRelease) -> ReleaseSubscriptionView:
    """Subscribe this account to the doctor's releases; subscribing again returns the same one."""
    account = _account(actor)
    if not await db.fetch("SELECT 1 FROM doctor_profile WHERE staff_id = {}", cmd.doctor_id):
        raise NotFound("No such doctor.", code="doctor_not_found")
    async with db.transaction():
        inserted = await db.fetch(
            "INSERT INTO release_subscription (id, account_id, doctor_id) VALUES ({}, {}, {})"
            " ON CONFLICT DO NOTHING RETURNING id",
            new_id(),
            account,
            cmd.doctor_id,
        )
        if inserted:
            await audit.record(
                actor,
                "release_subscription.subscribe",
                "release_subscription",
                inserted[0]["id"],
                {"to": "active", "doctor_id": str(cmd.doctor_id)},
            )
        rows = await db.fetch(
            _SELECT + " WHERE r.account_id = {} AND r.doctor_id = {} AND r.status = 'active'",
            account,
            cmd.doctor_id,
        )
    return _view(rows[0])


async def list_mine(actor: Actor) -> list[ReleaseSubscriptionView]:
    account = _account(actor)
    rows = await db.fetch(
        _SELECT + " WHERE r.account_id = {} AND r.status = 'active' ORDER BY r.created_at DESC LIMIT 200",
        account,
    )
    return [_view(r) for r in rows]


async def unsubscribe(actor: Actor, subscription_id: uuid.UUID) -> ReleaseSubscriptionView:
    """active ──cancel──▶ cancelled (one conditional UPDATE, audited). Another account's
    subscription looks like a missing one."""
    account = _account(actor)
    async with db.transaction():
        rows = await db.fetch(
            "UPDATE release_subscription SET status = 'cancelled', updated_at = {}"
            " WHERE id = {} AND account_id = {} AND status = 'active' RETURNING id",
            clock.now(),
            subscription_id,
            account,
        )
        if not rows:
            existing = await db.fetch(
                "SELECT status FROM release_subscription WHERE id = {} AND account_id = {}",
                subscription_id,
                account,
            )
            if not existing:
                raise NotFound("No such release alert.", code="subscription_not_found")
            raise Conflict("This release alert is already cancelled.", code="subscription_cancelled")
        await audit.record(
            actor,
            "release_subscription.cancel",
            "release_subscription",
            subscription_id,
            {"from": "active", "to": "cancelled"},
        )
        out = await db.fetch(_SELECT + " WHERE r.id = {}", subscription_id)
    return _view(out[0])


async def send_due(now: dt.datetime | None = None, limit: int = 5000) -> int:
    """One notice per active subscription (made before the release) and schedule released within
    ``YQ_BOOKING_RELEASE_ALERT_HOURS``; returns how many new notices were made."""
    now = now or clock.now()
    since = now - dt.timedelta(hours=get_settings().booking_release_alert_hours)
    rows = await db.fetch(
        "SELECT r.id AS subscription_id, r.account_id, s.id AS schedule_id, s.day, s.session,"
        " s.doctor_id, d.name AS doctor_name FROM schedule s"
        " JOIN release_subscription r ON r.doctor_id = s.doctor_id AND r.status = 'active'"
        " JOIN doctor_profile d ON d.staff_id = s.doctor_id"
        " WHERE s.status = 'open' AND s.release_at <= {} AND s.release_at > {} AND s.ends_at > {}"
        " AND r.created_at < s.release_at"
        " AND NOT EXISTS (SELECT 1 FROM notice n"
        "   WHERE n.dedupe_key = 'release:' || r.id::text || ':' || s.id::text)"
        " ORDER BY s.release_at LIMIT {}",
        now,
        since,
        now,
        limit,
    )
    sent = 0
    for r in rows:
        day = r["day"].strftime("%m月%d日")
        if await notify(
            r["account_id"],
            "visit",
            "放号提醒",
            f"{r['doctor_name']}医生{day}{SESSIONS[r['session']]}的号源已开放预约。",
            dedupe_key=f"release:{r['subscription_id']}:{r['schedule_id']}",
            data={
                "event": "released",
                "schedule_id": str(r["schedule_id"]),
                "doctor_id": str(r["doctor_id"]),
                "subscription_id": str(r["subscription_id"]),
            },
        ):
            sent += 1
    return sent


async def alert_releases(ctx: dict[str, Any]) -> int:
    """The worker's cron entry."""
    sent = await send_due()
    if sent:
        log.info("release alerts: %d sent", sent)
    return sent
