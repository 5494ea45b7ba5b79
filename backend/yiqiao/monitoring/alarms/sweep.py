"""The worker's alarm cron: what happens because time passed.

1. A silent alarm whose device sent data again is resolved (by the system).
2. A device that sent nothing for its rule's ``after_s`` gets a TECHNICAL alarm: silence is
   never read as "fine". A device is watched from its first message or from when it was put on
   a patient, whichever is later known.
3. An alarm nobody acknowledged for ``alarm_escalate_after_s`` (since it was raised or last
   escalated) goes one level up its ward's ladder: the next nurse, then the head nurse.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

import msgspec

from yiqiao import db
from yiqiao.kit import clock
from yiqiao.kit.actor import SYSTEM
from yiqiao.kit.errors import Conflict
from yiqiao.monitoring import service as devices
from yiqiao.monitoring.alarms import lifecycle
from yiqiao.monitoring.alarms.ladder import MAX_LEVEL
from yiqiao.monitoring.alarms.rules import RuleBook
from yiqiao.monitoring.alarms.types import Breach
from yiqiao.settings import get_settings

log = logging.getLogger(__name__)
BATCH = 200


class SweepReport(msgspec.Struct, kw_only=True):
    resumed: int = 0
    silent: int = 0
    escalated: int = 0


async def resolve_resumed() -> int:
    rows = await db.fetch(
        "SELECT a.id FROM alarm a JOIN alarm_device_seen s ON s.device_id = a.device_id"
        " WHERE a.rule_key = 'silent' AND a.state <> 'resolved' AND s.last_data_at > a.raised_at"
        " LIMIT {}",
        BATCH,
    )
    done = 0
    for r in rows:
        try:
            await lifecycle.resolve(SYSTEM, r["id"], "data resumed")
            done += 1
        except Conflict:
            pass  # resolved by a nurse meanwhile
    return done


async def raise_silent(now: datetime) -> int:
    book = RuleBook()
    await book.load()
    seen = {r["device_id"]: r["last_data_at"] for r in await db.fetch("SELECT * FROM alarm_device_seen")}
    assigned = {
        r["device_id"]: r["assigned_at"]
        for r in await db.fetch("SELECT device_id, assigned_at FROM device_assignment")
    }
    opened = 0
    for device in await devices.device_refs():
        rule = book.effective(device.kind, device.patient_id).silent
        if rule is None or rule.after_s is None:
            continue
        marks = [t for t in (seen.get(device.id), assigned.get(device.id)) if t is not None]
        if not marks:
            continue  # never started: nothing to miss yet
        quiet = (now - max(marks)).total_seconds()
        if quiet < rule.after_s:
            continue
        breach = Breach(
            rule=rule,
            message=f"No data from {device.code} for {quiet:.0f} s (expected within {rule.after_s} s)",
            at=now,
            value=round(quiet, 1),
            unit="s",
        )
        if await lifecycle.raise_alarm(device, breach) is not None:
            opened += 1
    return opened


async def escalate_due(now: datetime) -> int:
    due = now - timedelta(seconds=get_settings().alarm_escalate_after_s)
    rows = await db.fetch(
        "SELECT id FROM alarm WHERE state IN ('raised', 'escalated') AND level < {}"
        " AND coalesce(escalated_at, raised_at) <= {} ORDER BY coalesce(escalated_at, raised_at) LIMIT {}",
        MAX_LEVEL,
        due,
        BATCH,
    )
    done = 0
    for r in rows:
        try:
            await lifecycle.escalate(SYSTEM, r["id"])
            done += 1
        except Conflict as exc:  # acknowledged meanwhile, or nobody above on this ward
            log.debug("alarm %s not escalated: %s", r["id"], exc.detail)
    return done


async def sweep(now: datetime | None = None) -> SweepReport:
    now = now or clock.now()
    report = SweepReport()
    report.resumed = await resolve_resumed()
    report.silent = await raise_silent(now)
    report.escalated = await escalate_due(now)
    return report
