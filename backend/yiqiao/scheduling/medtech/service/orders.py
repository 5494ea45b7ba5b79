"""Exam and treatment orders (检查/治疗申请): what a doctor ordered for a patient, which is what the
patient books against. In a hospital these come from the HIS doctor workstation; the embedded
default is this table, written by ``place`` (the clinician app's 诊间开单). A patient sees the
orders of the profiles they may act for, with the preparation notes of each item."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import asyncpg
import msgspec

from yiqiao import db
from yiqiao.audit import service as audit
from yiqiao.identity.service.access import patients_spoken_for, require_patient_access
from yiqiao.identity.service.names import masked_names
from yiqiao.kit import clock
from yiqiao.kit.actor import Actor
from yiqiao.kit.errors import Conflict, Forbidden, Invalid, NotFound
from yiqiao.kit.ids import new_id
from yiqiao.kit.sm3 import sm3_hex
from yiqiao.scheduling.medtech import lifecycle
from yiqiao.scheduling.medtech.catalogue import ORDER_STATUS_LABELS
from yiqiao.scheduling.medtech.service.common import ITEM_COLUMNS
from yiqiao.scheduling.medtech.service.notices import order_notice
from yiqiao.scheduling.medtech.types import ExamOrderView, PlaceOrder
from yiqiao.scheduling.medtech.views import item_view
from yiqiao.settings import get_settings

ORDER_SELECT = (
    "SELECT o.*, "  # noqa: S608
    + ITEM_COLUMNS
    + ", s.name AS ordered_by_name, d.name AS ordering_department_name,"
    " p.name AS performing_department_name,"
    " (SELECT count(*) FROM exam_booking b WHERE b.order_id = o.id AND b.status IN ('booked', 'checked_in'))"
    "   AS sessions_booked,"
    " (SELECT count(*) FROM exam_booking b WHERE b.order_id = o.id AND b.status = 'completed')"
    "   AS sessions_done,"
    " (SELECT coalesce(array_agg(b.id ORDER BY b.band_start), ARRAY[]::uuid[]) FROM exam_booking b"
    "   WHERE b.order_id = o.id AND b.status IN ('booked', 'checked_in')) AS active_booking_ids"
    " FROM exam_order o JOIN exam_item i ON i.code = o.item_code JOIN staff s ON s.id = o.ordered_by"
    " JOIN department d ON d.id = o.department_id JOIN department p ON p.id = o.performing_department_id"
)


def order_view(r: dict[str, Any], names: dict[uuid.UUID, str]) -> ExamOrderView:
    left = (
        max(0, r["sessions_total"] - r["sessions_booked"] - r["sessions_done"])
        if r["status"] == "open"
        else 0
    )
    return ExamOrderView(
        id=r["id"],
        order_no=r["order_no"],
        status=r["status"],
        status_label=ORDER_STATUS_LABELS[r["status"]],
        patient_id=r["patient_id"],
        patient_name_masked=names.get(r["patient_id"], ""),
        item=item_view(r, prefix="item_"),
        ordered_by_name=r["ordered_by_name"],
        ordering_department_name=r["ordering_department_name"],
        performing_department_id=r["performing_department_id"],
        performing_department_name=r["performing_department_name"],
        sessions_total=r["sessions_total"],
        sessions_booked=r["sessions_booked"],
        sessions_done=r["sessions_done"],
        sessions_left=left,
        clinical_note=r["clinical_note"],
        ordered_at=r["created_at"],
        expires_at=r["expires_at"],
        active_booking_ids=list(r["active_booking_ids"]),
    )


async def order_row(order_id: uuid.UUID) -> dict[str, Any] | None:
    rows = await db.fetch(ORDER_SELECT + " WHERE o.id = {}", order_id)
    return rows[0] if rows else None


async def visible_order(actor: Actor, order_id: uuid.UUID) -> dict[str, Any]:
    """The order, if ``actor`` may act for its patient; someone else's looks missing."""
    r = await order_row(order_id)
    if r is None:
        raise NotFound("No such exam order.", code="exam_order_not_found")
    try:
        await require_patient_access(actor, r["patient_id"])
    except NotFound:
        raise NotFound("No such exam order.", code="exam_order_not_found") from None
    return r


def require_bookable(o: dict[str, Any], now: dt.datetime) -> None:
    """An order may be booked while it is open and has not lapsed."""
    if o["status"] == "completed":
        raise Conflict(f"{o['item_name']} has already been done.", code="order_completed")
    if o["status"] == "expired" or o["expires_at"] <= now:
        raise Conflict(
            f"The order for {o['item_name']} has expired; please ask your doctor to order it again.",
            code="order_expired",
        )


async def _views(rows: list[dict[str, Any]]) -> list[ExamOrderView]:
    names = await masked_names(r["patient_id"] for r in rows)
    return [order_view(r, names) for r in rows]


async def get_order(actor: Actor, order_id: uuid.UUID) -> ExamOrderView:
    return (await _views([await visible_order(actor, order_id)]))[0]


async def list_orders(
    actor: Actor, patient_id: uuid.UUID | None = None, *, include_closed: bool = False
) -> list[ExamOrderView]:
    """Orders of one profile, or of every profile the account manages: open ones first."""
    if patient_id is not None:
        await require_patient_access(actor, patient_id)
        ids: list[uuid.UUID] | None = [patient_id]
    else:
        ids = await patients_spoken_for(actor)
    if ids is None:
        raise Invalid("Say whose exam orders to list.", code="patient_required")
    rows = await db.fetch(
        ORDER_SELECT + " WHERE o.patient_id = ANY({}) AND ({} OR o.status = 'open')"
        " ORDER BY (o.status = 'open') DESC, o.created_at DESC LIMIT 100",
        ids,
        include_closed,
    )
    return await _views(rows)


async def pending_rows(patient_id: uuid.UUID, order_ids: list[uuid.UUID] | None) -> list[dict[str, Any]]:
    """Open exam orders of the patient with nothing booked for them yet (or the ones named)."""
    return await db.fetch(
        ORDER_SELECT  # noqa: S608 (fixed fragments only)
        + " WHERE o.patient_id = {} AND o.status = 'open' AND o.expires_at > {}"
        " AND i.kind = 'exam' AND ({}::uuid[] IS NULL OR o.id = ANY({}))"
        " AND NOT EXISTS (SELECT 1 FROM exam_booking b WHERE b.order_id = o.id"
        "   AND b.status IN ('booked', 'checked_in'))"
        " ORDER BY o.created_at",
        patient_id,
        clock.now(),
        order_ids,
        order_ids,
    )


async def _performing_department(actor: Actor, modality: str, requested: uuid.UUID | None) -> uuid.UUID:
    """Where the item is done (执行科室): the one asked for, or the first department with a room for
    it, the doctor's own institution first."""
    rows = await db.fetch(
        "SELECT r.department_id FROM exam_resource r WHERE r.active AND r.modality = {}"
        " AND ({}::uuid IS NULL OR r.department_id = {})"
        " ORDER BY (r.institution_id = {}) DESC, r.code LIMIT 1",
        modality,
        requested,
        requested,
        actor.institution_id,
    )
    if not rows:
        raise Invalid(
            "No department has a room for this item" + (" in the department given." if requested else "."),
            code="no_resource_for_item",
        )
    department: uuid.UUID = rows[0]["department_id"]
    return department


async def place(actor: Actor, cmd: PlaceOrder, idempotency_key: str) -> ExamOrderView:
    """A doctor orders an exam (or a course of ``sessions`` treatments) for a patient."""
    if actor.kind != "staff" or "doctor" not in actor.roles or actor.id is None:
        raise Forbidden("Only doctors order exams and treatments.", code="not_a_doctor")
    request_hash = sm3_hex(msgspec.json.encode(cmd))[:32]
    replay = await db.fetch(
        "SELECT id, request_hash FROM exam_order WHERE created_by = {} AND idempotency_key = {}",
        actor.label,
        idempotency_key,
    )
    if replay:
        return await _replayed(actor, replay[0], request_hash)
    await require_patient_access(actor, cmd.patient_id)
    patient = await db.fetch("SELECT id FROM patient WHERE id = {}", cmd.patient_id)
    if not patient:
        raise NotFound("No such patient profile.", code="profile_not_found")
    item = await db.fetch("SELECT * FROM exam_item WHERE code = {} AND active", cmd.item_code)
    if not item:
        raise NotFound(f"No exam or treatment with code {cmd.item_code!r}.", code="exam_item_not_found")
    if item[0]["kind"] == "exam" and cmd.sessions != 1:
        raise Invalid(
            "An exam is ordered once; only treatments have several sessions.", code="sessions_for_exam"
        )
    performing = await _performing_department(actor, item[0]["modality"], cmd.performing_department_id)
    order_id = new_id()
    now = clock.now()
    try:
        async with db.transaction():
            await db.execute(
                "INSERT INTO exam_order (id, order_no, patient_id, item_code, institution_id, department_id,"
                " performing_department_id, ordered_by, sessions_total, clinical_note, created_by,"
                " idempotency_key, request_hash, expires_at) VALUES ({},"
                " 'S' || to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYMMDD')"
                "   || lpad(nextval('exam_order_no_seq')::text, 6, '0'),"
                " {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {})",
                order_id,
                cmd.patient_id,
                cmd.item_code,
                actor.institution_id,
                actor.department_id,
                performing,
                actor.id,
                cmd.sessions,
                cmd.clinical_note,
                actor.label,
                idempotency_key,
                request_hash,
                now + dt.timedelta(days=get_settings().medtech_order_valid_days),
            )
            await audit.record(
                actor,
                "exam_order.place",
                "exam_order",
                order_id,
                {
                    "to": "open",
                    "patient_id": str(cmd.patient_id),
                    "item_code": cmd.item_code,
                    "sessions": cmd.sessions,
                },
            )
            placed = await order_row(order_id)
            assert placed is not None
            await order_notice(placed)
    except asyncpg.UniqueViolationError:
        again = await db.fetch(
            "SELECT id, request_hash FROM exam_order WHERE created_by = {} AND idempotency_key = {}",
            actor.label,
            idempotency_key,
        )
        if not again:
            raise
        return await _replayed(actor, again[0], request_hash)
    return await get_order(actor, order_id)


async def _replayed(actor: Actor, row: dict[str, Any], request_hash: str) -> ExamOrderView:
    if row["request_hash"] != request_hash:
        raise Conflict(
            "This idempotency key was already used for a different order; use a new key.",
            code="idempotency_key_reused",
        )
    return await get_order(actor, row["id"])


async def settle(actor: Actor, order_id: uuid.UUID) -> None:
    """Complete the order once every session it asked for is done (in the caller's transaction)."""
    rows = await db.fetch(
        "SELECT o.status, o.sessions_total, (SELECT count(*) FROM exam_booking b WHERE b.order_id = o.id"
        " AND b.status = 'completed') AS done FROM exam_order o WHERE o.id = {}",
        order_id,
    )
    if rows and rows[0]["status"] == "open" and rows[0]["done"] >= rows[0]["sessions_total"]:
        await lifecycle.apply_order(actor, order_id, "complete", reason="all sessions done")


async def expire_due(now: dt.datetime | None = None, limit: int = 500) -> int:
    """Open orders past their date with nothing booked or done expire."""
    from yiqiao.kit.actor import SYSTEM

    now = now or clock.now()
    rows = await db.fetch(
        "SELECT o.id FROM exam_order o WHERE o.status = 'open' AND o.expires_at <= {}"
        " AND NOT EXISTS (SELECT 1 FROM exam_booking b WHERE b.order_id = o.id"
        "   AND b.status IN ('booked', 'checked_in'))"
        " ORDER BY o.expires_at LIMIT {}",
        now,
        limit,
    )
    expired = 0
    for r in rows:
        try:
            await lifecycle.apply_order(SYSTEM, r["id"], "expire", reason="not booked in time")
            expired += 1
        except Conflict:
            continue  # completed meanwhile
    return expired
