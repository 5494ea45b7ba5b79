"""What the medical-tech services share: the booking query with its item and room, who may see a
booking, the per-patient lock, the rule parameters, a patient's other commitments, bands free for
an order, and taking a place in a band."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from typing import Any

from yiqiao import db
from yiqiao.identity.service.access import require_patient_access
from yiqiao.identity.service.names import masked_names
from yiqiao.kit import clock
from yiqiao.kit.actor import Actor
from yiqiao.kit.errors import Conflict, NotFound
from yiqiao.scheduling.lifecycle import ACTIVE as APPOINTMENT_ACTIVE
from yiqiao.scheduling.medtech import rules
from yiqiao.scheduling.medtech.lifecycle import ACTIVE
from yiqiao.scheduling.medtech.types import ExamBookingView
from yiqiao.scheduling.medtech.views import booking_view, facts
from yiqiao.scheduling.views import band_label
from yiqiao.settings import get_settings

ITEM_COLUMNS = (
    "i.name AS item_name, i.kind AS item_kind, i.modality AS item_modality, i.fasting AS item_fasting,"
    " i.contrast AS item_contrast, i.prep_notes AS item_prep_notes,"
    " i.duration_minutes AS item_duration_minutes"
)
BOOKING_SELECT = (
    "SELECT b.*, o.order_no, r.name AS resource_name, r.location AS resource_location, "  # noqa: S608
    + ITEM_COLUMNS
    + ", (SELECT n.id FROM exam_booking n WHERE n.rescheduled_from = b.id LIMIT 1) AS rescheduled_to"
    " FROM exam_booking b JOIN exam_item i ON i.code = b.item_code"
    " JOIN exam_resource r ON r.id = b.resource_id JOIN exam_order o ON o.id = b.order_id"
)
BAND_SELECT = (
    "SELECT x.id AS band_id, x.resource_id, x.day, x.band_start, x.band_end, x.capacity, x.remaining,"
    " x.status, r.name AS resource_name, r.location AS resource_location, r.modality,"
    " r.department_id, r.institution_id FROM exam_band x JOIN exam_resource r ON r.id = x.resource_id"
)
# Statuses that still count for the rules: what is to come, and what was done (a contrast agent
# given yesterday still counts).
COUNTED = (*ACTIVE, "completed")


async def booking_rows(where: str, *args: Any) -> list[dict[str, Any]]:
    return await db.fetch(BOOKING_SELECT + " WHERE " + where, *args)


async def views(rows: Sequence[dict[str, Any]]) -> list[ExamBookingView]:
    names = await masked_names(r["patient_id"] for r in rows)
    return [booking_view(r, names) for r in rows]


async def visible_booking(actor: Actor, booking_id: uuid.UUID) -> dict[str, Any]:
    """The booking, if ``actor`` may act for its patient; someone else's looks missing."""
    rows = await booking_rows("b.id = {}", booking_id)
    if not rows:
        raise NotFound("No such exam booking.", code="exam_booking_not_found")
    try:
        await require_patient_access(actor, rows[0]["patient_id"])
    except NotFound:
        raise NotFound("No such exam booking.", code="exam_booking_not_found") from None
    return rows[0]


async def lock_patient(patient_id: uuid.UUID) -> None:
    """Serialise one patient's medical-tech bookings within the transaction, so two requests at once
    cannot each pass the conflict rules against the other."""
    await db.execute("SELECT pg_advisory_xact_lock(hashtextextended({}, 13))", f"medtech:{patient_id}")


def _hm(hhmm: str) -> dt.time:
    h, m = (int(x) for x in hhmm.split(":"))
    return dt.time(h, m)


async def params() -> rules.Params:
    s = get_settings()
    rows = await db.fetch(
        "SELECT f.first_code, f.then_code, f.min_gap_hours, f.reason FROM exam_interference f"
        " ORDER BY f.first_code, f.then_code"
    )
    return rules.Params(
        contrast_gap_days=max(0, s.medtech_contrast_gap_days),
        fasting_before=_hm(s.medtech_fasting_before),
        interferences=tuple(
            rules.Interference(
                first_code=r["first_code"],
                then_code=r["then_code"],
                gap_hours=r["min_gap_hours"],
                reason=r["reason"],
            )
            for r in rows
        ),
    )


async def commitments(
    patient_id: uuid.UUID, exclude: Sequence[uuid.UUID] = ()
) -> tuple[list[rules.Placed], list[rules.Busy]]:
    """The patient's exams and sessions the rules weigh (to come, and done in the last days), and
    their clinic visits to come."""
    s = get_settings()
    since = clock.now() - dt.timedelta(days=max(7, s.medtech_contrast_gap_days + 1))
    rows = await db.fetch(
        "SELECT b.id, b.item_code, b.band_start, b.band_end, "  # noqa: S608 (fixed fragments only)
        + ITEM_COLUMNS
        + " FROM exam_booking b"
        " JOIN exam_item i ON i.code = b.item_code"
        " WHERE b.patient_id = {} AND b.status = ANY({}) AND b.band_end > {} AND NOT (b.id = ANY({}))",
        patient_id,
        list(COUNTED),
        since,
        list(exclude),
    )
    visits = await db.fetch(
        "SELECT a.band_start, a.band_end, d.name AS doctor_name FROM appointment a"
        " JOIN doctor_profile d ON d.staff_id = a.doctor_id"
        " WHERE a.patient_id = {} AND a.status = ANY({}) AND a.band_end > {}",
        patient_id,
        list(APPOINTMENT_ACTIVE),
        clock.now(),
    )
    placed = [
        rules.Placed(ref=str(r["id"]), item=facts(r), start=r["band_start"], end=r["band_end"]) for r in rows
    ]
    busy = [
        rules.Busy(
            label=f"{v['doctor_name']}医生 {clock.local(v['band_start']):%m-%d} "
            f"{band_label(v['band_start'], v['band_end'])}",
            start=v["band_start"],
            end=v["band_end"],
        )
        for v in visits
    ]
    return placed, busy


def rule_conflict(violations: list[rules.Violation], **extra: Any) -> Conflict:
    """One refusal naming the first rule broken, and listing all of them."""
    first = violations[0]
    return Conflict(
        first.message,
        code=first.code,
        rules=[{"code": v.code, "message": v.message} for v in violations],
        **extra,
    )


async def free_bands(
    department_id: uuid.UUID,
    modality: str,
    first_day: dt.date,
    days: int,
    *,
    resource_id: uuid.UUID | None = None,
) -> list[dict[str, Any]]:
    """Open bands with places left that have not begun, of the department's rooms for the modality."""
    return await db.fetch(
        BAND_SELECT + " WHERE r.department_id = {} AND r.modality = {} AND r.active"
        " AND ({}::uuid IS NULL OR r.id = {}) AND x.status = 'open' AND x.remaining > 0"
        " AND x.band_start > {} AND x.day BETWEEN {} AND {}"
        " ORDER BY x.band_start, x.remaining DESC, r.code",
        department_id,
        modality,
        resource_id,
        resource_id,
        clock.now(),
        first_day,
        first_day + dt.timedelta(days=max(days, 1) - 1),
    )


async def take_and_insert(
    *,
    booking_id: uuid.UUID,
    band_id: int,
    order: dict[str, Any],
    account_id: uuid.UUID | None,
    booked_by: str,
    idempotency_key: str | None,
    request_hash: str | None,
    series_id: uuid.UUID | None = None,
    session_no: int | None = None,
    rescheduled_from: uuid.UUID | None = None,
) -> dict[str, Any] | None:
    """Take one place in the band and insert the booking, in one statement. None when the band is
    full, down or has begun (nothing changed)."""
    rows = await db.fetch(
        "WITH taken AS (UPDATE exam_band SET remaining = remaining - 1 WHERE id = {} AND status = 'open'"
        "  AND remaining > 0 AND band_start > {} RETURNING id, resource_id, day, band_start, band_end)"
        " INSERT INTO exam_booking (id, booking_no, order_id, patient_id, account_id, booked_by,"
        "  idempotency_key, request_hash, item_code, resource_id, band_id, institution_id, department_id,"
        "  day, band_start, band_end, series_id, session_no, rescheduled_from, status)"
        " SELECT {}, 'J' || to_char(taken.day, 'YYMMDD')"
        "  || lpad(nextval('exam_booking_no_seq')::text, 6, '0'),"
        "  {}, {}, {}, {}, {}, {}, {}, taken.resource_id, taken.id, r.institution_id, r.department_id,"
        "  taken.day, taken.band_start, taken.band_end, {}, {}, {}, 'booked'"
        " FROM taken JOIN exam_resource r ON r.id = taken.resource_id RETURNING id",
        band_id,
        clock.now(),
        booking_id,
        order["id"],
        order["patient_id"],
        account_id,
        booked_by,
        idempotency_key,
        request_hash,
        order["item_code"],
        series_id,
        session_no,
        rescheduled_from,
    )
    if not rows:
        return None
    full = await booking_rows("b.id = {}", booking_id)
    return full[0]
