"""Rows to views for medical-tech booking: the one place that shapes them for screens."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from yiqiao.kit import clock
from yiqiao.scheduling.medtech import rules
from yiqiao.scheduling.medtech.catalogue import BOOKING_STATUS_LABELS, MODALITIES, WEEKDAYS_ZH
from yiqiao.scheduling.medtech.types import ExamBandView, ExamBookingView, ExamItemView
from yiqiao.scheduling.service.queue_views import checkin_opens_at
from yiqiao.scheduling.views import band_label, cancel_until


def modality_label(modality: str) -> str:
    return MODALITIES.get(modality, (modality, "exam"))[0]


def item_view(r: dict[str, Any], prefix: str = "") -> ExamItemView:
    """From an ``exam_item`` row, or a join whose item columns carry ``prefix``."""
    return ExamItemView(
        code=r[f"{prefix}code"] if prefix else r["code"],
        kind=r[f"{prefix}kind"],
        modality=r[f"{prefix}modality"],
        modality_label=modality_label(r[f"{prefix}modality"]),
        name=r[f"{prefix}name"],
        duration_minutes=r[f"{prefix}duration_minutes"],
        prep_notes=r[f"{prefix}prep_notes"],
        fasting=r[f"{prefix}fasting"],
        contrast=r[f"{prefix}contrast"],
    )


def facts(r: dict[str, Any]) -> rules.Item:
    """The rule facts of a booking or order row joined with its item (``item_*`` columns)."""
    return rules.Item(
        code=r["item_code"],
        name=r["item_name"],
        fasting=r["item_fasting"],
        contrast=r["item_contrast"],
        duration_minutes=r["item_duration_minutes"],
    )


def placed(r: dict[str, Any]) -> rules.Placed:
    return rules.Placed(ref=str(r["id"]), item=facts(r), start=r["band_start"], end=r["band_end"])


def band_local(start: dt.datetime, end: dt.datetime) -> str:
    return f"{clock.local(start):%Y-%m-%d} {band_label(start, end)}"


def pattern_local(weekdays: list[int], time_local: dt.time) -> str:
    return "、".join(WEEKDAYS_ZH[d] for d in sorted(weekdays)) + f" {time_local:%H:%M}"


def booking_view(r: dict[str, Any], names: dict[uuid.UUID, str]) -> ExamBookingView:
    return ExamBookingView(
        id=r["id"],
        booking_no=r["booking_no"],
        status=r["status"],
        status_label=BOOKING_STATUS_LABELS.get(r["status"], r["status"]),
        patient_id=r["patient_id"],
        patient_name_masked=names.get(r["patient_id"], ""),
        order_id=r["order_id"],
        order_no=r["order_no"],
        item_code=r["item_code"],
        item_name=r["item_name"],
        modality=r["item_modality"],
        fasting=r["item_fasting"],
        contrast=r["item_contrast"],
        prep_notes=r["item_prep_notes"],
        resource_id=r["resource_id"],
        resource_name=r["resource_name"],
        location=r["resource_location"],
        institution_id=r["institution_id"],
        department_id=r["department_id"],
        day=r["day"],
        band_id=r["band_id"],
        band_start=r["band_start"],
        band_end=r["band_end"],
        band_local=band_local(r["band_start"], r["band_end"]),
        cancel_until=cancel_until(r["band_start"]),
        checkin_opens_at=checkin_opens_at(r["band_start"]),
        series_id=r["series_id"],
        session_no=r["session_no"],
        rescheduled_from=r["rescheduled_from"],
        rescheduled_to=r.get("rescheduled_to"),
        status_reason=r["status_reason"],
        checked_in_at=r["checked_in_at"],
        completed_at=r["completed_at"],
        created_at=r["created_at"],
    )


def band_view(r: dict[str, Any], violations: list[rules.Violation] | None = None) -> ExamBandView:
    v = violations[0] if violations else None
    return ExamBandView(
        band_id=r["band_id"],
        resource_id=r["resource_id"],
        resource_name=r["resource_name"],
        location=r["resource_location"],
        day=r["day"],
        band_start=r["band_start"],
        band_end=r["band_end"],
        label_local=band_label(r["band_start"], r["band_end"]),
        remaining=r["remaining"],
        available=v is None,
        conflict_code=v.code if v else None,
        conflict=v.message if v else None,
    )
