"""Booking notices to patients (category "visit"), written in the caller's transaction."""

from __future__ import annotations

import uuid
from typing import Any

from yiqiao.identity.service import directory
from yiqiao.kit import clock
from yiqiao.notify.service import notify
from yiqiao.scheduling.views import band_label


async def booking_notice(
    row: dict[str, Any], doctor_name: str, event: str, extra: str = "", data: dict[str, Any] | None = None
) -> None:
    """One notice per booking and event (dedupe key), to the booking account or the patient's own."""
    account: uuid.UUID | None = row.get("account_id") or await directory.self_account_of(row["patient_id"])
    if account is None:
        return
    day = clock.local(row["band_start"]).strftime("%m月%d日")
    when = f"{day} {band_label(row['band_start'], row['band_end'])}"
    titles = {
        "held": ("预约待支付", f"已为您保留{doctor_name}医生{when}的号源，请在规定时间内完成支付。"),
        "confirmed": ("预约成功", f"您已成功预约{doctor_name}医生{when}，预约号{row['booking_no']}。"),
        "cancelled": ("预约已取消", f"您预约的{doctor_name}医生{when}（{row['booking_no']}）已取消。"),
        "expired": ("预约已失效", f"您预约的{doctor_name}医生{when}未在规定时间内支付，号源已释放。"),
        "stopped": ("医生停诊通知", f"{doctor_name}医生{when}停诊，您的预约{row['booking_no']}已取消。"),
        "no_show": ("爽约提醒", f"您预约的{doctor_name}医生{when}未按时就诊，已记为爽约。"),
    }
    title, body = titles[event]
    await notify(
        account,
        "visit",
        title,
        body + extra,
        dedupe_key=f"appt:{row['id']}:{event}",
        patient_id=row["patient_id"],
        data={
            "appointment_id": str(row["id"]),
            "booking_no": row["booking_no"],
            "event": event,
            **(data or {}),
        },
    )
