"""Rows to views: the one place that formats times for screens (Asia/Shanghai)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from yiqiao.kit import clock
from yiqiao.scheduling.types import AppointmentView
from yiqiao.settings import get_settings


def hm(t: dt.datetime) -> str:
    return clock.local(t).strftime("%H:%M")


def band_label(start: dt.datetime, end: dt.datetime) -> str:
    return f"{hm(start)}-{hm(end)}"


def local_stamp(t: dt.datetime) -> str:
    return clock.local(t).strftime("%Y-%m-%d %H:%M")


def cancel_until(band_start: dt.datetime) -> dt.datetime:
    return band_start - dt.timedelta(minutes=get_settings().booking_cancel_cutoff_minutes)


def appointment_view(r: dict[str, Any], doctor_name: str) -> AppointmentView:
    return AppointmentView(
        id=r["id"],
        booking_no=r["booking_no"],
        status=r["status"],
        patient_id=r["patient_id"],
        schedule_id=r["schedule_id"],
        doctor_id=r["doctor_id"],
        doctor_name=doctor_name,
        department_id=r["department_id"],
        institution_id=r["institution_id"],
        day=r["day"],
        session=r["session"],
        band_start=r["band_start"],
        band_end=r["band_end"],
        band_local=f"{clock.local(r['band_start']):%Y-%m-%d} {band_label(r['band_start'], r['band_end'])}",
        fee_fen=r["fee_fen"],
        channel=r["channel"],
        hold_expires_at=r["hold_expires_at"],
        cancel_until=cancel_until(r["band_start"]),
        status_reason=r.get("status_reason", "") or "",
        created_at=r["created_at"],
    )
