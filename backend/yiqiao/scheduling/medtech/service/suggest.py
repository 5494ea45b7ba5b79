"""Suggest a schedule for a patient's pending exams (5.1.1-4 宜: auto-suggest from pending exams,
stagger interfering ones; 002 §2.1.1.1.7: the system recommends a time, the patient picks). The
proposal is the planner's (``rules.plan``) over the free bands of the next
``YQ_MEDTECH_SUGGEST_DAYS`` days, against everything the patient already has. Nothing is held: the
patient books it (``booking.book``) and the rules are checked again then."""

from __future__ import annotations

import datetime as dt
from typing import Any

from yiqiao.identity.service.access import require_patient_access
from yiqiao.kit import clock
from yiqiao.kit.actor import Actor
from yiqiao.kit.errors import Invalid
from yiqiao.scheduling.medtech import rules
from yiqiao.scheduling.medtech.service import common, orders
from yiqiao.scheduling.medtech.types import (
    BookExams,
    ExamPick,
    SuggestCommand,
    SuggestedExam,
    SuggestionView,
    UnplacedExam,
)
from yiqiao.scheduling.medtech.views import band_view, facts
from yiqiao.settings import get_settings

_UNPLACED = {
    "no_free_time": "No free time in the next {days} days (mornings only for an exam that needs fasting).",
    "no_fitting_time": "No free time in the next {days} days fits with your other exams and visits.",
}


def _notes(items: list[SuggestedExam], params: rules.Params) -> list[str]:
    notes: list[str] = []
    fasting = [i for i in items if i.fasting]
    days = sorted({clock.local(i.band.band_start).date() for i in fasting})
    if len(fasting) > 1 and len(days) == 1:
        names = "、".join(i.item_name for i in fasting)
        notes.append(
            f"{names} need fasting: they are in one morning ({days[0]:%m-%d}), so you fast only once."
        )
    contrast = [i for i in items if i.contrast]
    if len(contrast) > 1 and params.contrast_gap_days > 0:
        names = "、".join(i.item_name for i in contrast)
        notes.append(
            f"{names} use a contrast agent: they are at least {params.contrast_gap_days} days apart."
        )
    return notes


async def suggest(actor: Actor, cmd: SuggestCommand) -> SuggestionView:
    await require_patient_access(actor, cmd.patient_id)
    if cmd.order_ids is not None:
        for order_id in cmd.order_ids:
            o = await orders.visible_order(actor, order_id)
            if o["patient_id"] != cmd.patient_id:
                raise Invalid(f"Order {o['order_no']} is for another profile.", code="order_other_patient")
    pending = await orders.pending_rows(cmd.patient_id, cmd.order_ids)
    days = max(1, get_settings().medtech_suggest_days)
    first = first_day(cmd.from_date)
    params = await common.params()
    fixed, busy = await common.commitments(cmd.patient_id)
    bands: dict[int, dict[str, Any]] = {}
    wants: list[rules.Want] = []
    for o in pending:
        rows = await common.free_bands(o["performing_department_id"], o["item_modality"], first, days)
        bands.update({b["band_id"]: b for b in rows})
        wants.append(
            rules.Want(
                ref=str(o["id"]),
                item=facts(o),
                slots=tuple(
                    rules.Slot(band_id=b["band_id"], start=b["band_start"], end=b["band_end"]) for b in rows
                ),
            )
        )
    result = rules.plan(wants, fixed, busy, params)
    by_ref = {str(o["id"]): o for o in pending}
    items = sorted(
        (
            SuggestedExam(
                order_id=by_ref[ref]["id"],
                order_no=by_ref[ref]["order_no"],
                item_name=by_ref[ref]["item_name"],
                fasting=by_ref[ref]["item_fasting"],
                contrast=by_ref[ref]["item_contrast"],
                prep_notes=by_ref[ref]["item_prep_notes"],
                band=band_view(bands[slot.band_id]),
            )
            for ref, slot in result.chosen.items()
        ),
        key=lambda i: i.band.band_start,
    )
    unplaced = [
        UnplacedExam(
            order_id=by_ref[ref]["id"],
            item_name=by_ref[ref]["item_name"],
            reason_code=code,
            reason=_UNPLACED[code].format(days=days),
        )
        for ref, code in result.unplaced.items()
    ]
    return SuggestionView(
        patient_id=cmd.patient_id,
        items=items,
        unplaced=unplaced,
        notes=_notes(items, params),
        book=BookExams(picks=[ExamPick(order_id=i.order_id, band_id=i.band.band_id) for i in items])
        if items
        else None,
    )


def first_day(from_date: dt.date | None) -> dt.date:
    today = clock.local(clock.now()).date()
    return max(from_date or today, today)
