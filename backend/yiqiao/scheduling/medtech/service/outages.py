"""Equipment failure (5.1.1-5: proactive change notice on exam-equipment failure). Staff of the room
mark it down for a period: its bands in that period close, every booking in them is cancelled, and
each patient is told at once (through the outbox, in the same transaction) with the nearest other
times the conflict rules let them take. Ending the outage early reopens the bands still to come."""

from __future__ import annotations

import datetime as dt
import uuid

from yiqiao import db
from yiqiao.audit import service as audit
from yiqiao.kit import clock
from yiqiao.kit.actor import Actor
from yiqiao.kit.errors import Conflict, Invalid, NotFound
from yiqiao.kit.ids import new_id
from yiqiao.scheduling.medtech import lifecycle
from yiqiao.scheduling.medtech.service import booking, common, resources, series
from yiqiao.scheduling.medtech.service.notices import exam_notice
from yiqiao.scheduling.medtech.types import ExamBandView, OutageCommand, OutageEnded, OutageResult

MAX_OUTAGE = dt.timedelta(days=31)


def describe(offers: list[ExamBandView]) -> str:
    """One line for a notice: "可改约：11月25日 08:00-08:30 CT-2；…"."""
    if not offers:
        return ""
    parts = [f"{b.day:%m月%d日} {b.label_local} {b.resource_name}" for b in offers]
    return "可改约：" + "；".join(parts) + "。"


async def mark_down(actor: Actor, resource_id: uuid.UUID, cmd: OutageCommand) -> OutageResult:
    r = await resources.resource_row(resource_id)
    resources.require_resource_staff(actor, r)
    now = clock.now()
    starts = cmd.starts_at or now
    if cmd.ends_at <= max(starts, now):
        raise Invalid("An outage ends after it starts, and in the future.", code="outage_times")
    if cmd.ends_at - starts > MAX_OUTAGE:
        raise Invalid(
            "Mark a room down for at most 31 days at a time; retire it if it is gone for good.",
            code="outage_too_long",
        )
    outage_id = new_id()
    cancelled = notified = 0
    async with db.transaction():
        await db.execute(
            "INSERT INTO exam_resource_outage (id, resource_id, starts_at, ends_at, reason, created_by)"
            " VALUES ({}, {}, {}, {}, {}, {})",
            outage_id,
            resource_id,
            starts,
            cmd.ends_at,
            cmd.reason,
            actor.label,
        )
        closed = await db.fetch(
            "UPDATE exam_band SET status = 'down' WHERE resource_id = {} AND band_start < {}"
            " AND band_end > {} AND band_end > {} RETURNING id",
            resource_id,
            cmd.ends_at,
            starts,
            now,
        )
        band_ids = [b["id"] for b in closed]
        affected = await db.fetch(
            "SELECT id FROM exam_booking WHERE band_id = ANY({}) AND status = ANY({}) ORDER BY band_start",
            band_ids,
            list(lifecycle.TRANSITIONS["resource_down"].sources),
        )
        for a in affected:
            await lifecycle.apply(actor, a["id"], "resource_down", reason=f"equipment failure: {cmd.reason}")
            row = (await common.booking_rows("b.id = {}", a["id"]))[0]
            offers = await booking.nearest_alternatives(row)
            if await exam_notice(
                row,
                "resource_down",
                f"原因：{cmd.reason}。{describe(offers)}",
                data={"alternative_band_ids": [b.band_id for b in offers]},
            ):
                notified += 1
            if row["series_id"] is not None:
                await series.settle(actor, row["series_id"])
            cancelled += 1
        await audit.record(
            actor,
            "exam_resource.down",
            "exam_resource",
            resource_id,
            {
                "outage_id": str(outage_id),
                "starts_at": starts.isoformat(),
                "ends_at": cmd.ends_at.isoformat(),
                "reason": cmd.reason,
                "bands": len(band_ids),
                "cancelled": cancelled,
            },
            r["institution_id"],
        )
    return OutageResult(
        outage_id=outage_id,
        resource_id=resource_id,
        starts_at=starts,
        ends_at=cmd.ends_at,
        bands_closed=len(band_ids),
        cancelled_bookings=cancelled,
        notified_patients=notified,
    )


async def end_outage(actor: Actor, resource_id: uuid.UUID, outage_id: uuid.UUID) -> OutageEnded:
    """The room works again before the outage was due to end: reopen its bands still to come
    (those no other outage covers)."""
    r = await resources.resource_row(resource_id)
    resources.require_resource_staff(actor, r)
    now = clock.now()
    async with db.transaction():
        rows = await db.fetch(
            "UPDATE exam_resource_outage SET ended_at = {} WHERE id = {} AND resource_id = {}"
            " AND ended_at IS NULL AND ends_at > {} RETURNING starts_at, ends_at",
            now,
            outage_id,
            resource_id,
            now,
        )
        if not rows:
            known = await db.fetch(
                "SELECT 1 FROM exam_resource_outage WHERE id = {} AND resource_id = {}",
                outage_id,
                resource_id,
            )
            if not known:
                raise NotFound("No such outage of this room.", code="outage_not_found")
            raise Conflict("This outage is already over.", code="outage_over")
        o = rows[0]
        reopened = await db.fetch(
            "UPDATE exam_band x SET status = 'open' WHERE x.resource_id = {} AND x.status = 'down'"
            " AND x.band_start < {} AND x.band_end > {} AND x.band_start > {}"
            " AND NOT EXISTS (SELECT 1 FROM exam_resource_outage o WHERE o.resource_id = x.resource_id"
            "   AND o.ended_at IS NULL AND o.starts_at < x.band_end AND o.ends_at > x.band_start)"
            " RETURNING x.id",
            resource_id,
            o["ends_at"],
            o["starts_at"],
            now,
        )
        await audit.record(
            actor,
            "exam_resource.up",
            "exam_resource",
            resource_id,
            {"outage_id": str(outage_id), "bands": len(reopened)},
            r["institution_id"],
        )
    return OutageEnded(outage_id=outage_id, bands_reopened=len(reopened))
