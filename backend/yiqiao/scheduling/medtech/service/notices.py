"""Notices to patients about their exams and treatment sessions (category "visit"), written in the
caller's transaction through ``notify`` (and so the outbox). One notice per booking and event."""

from __future__ import annotations

import uuid
from typing import Any

from yiqiao.identity.service import directory
from yiqiao.kit import clock
from yiqiao.notify.service import notify
from yiqiao.scheduling.views import band_label


def when(row: dict[str, Any]) -> str:
    return f"{clock.local(row['band_start']):%m月%d日} {band_label(row['band_start'], row['band_end'])}"


def _what(row: dict[str, Any]) -> str:
    if row.get("session_no"):
        return f"{row['item_name']}（第{row['session_no']}次治疗）"
    return str(row["item_name"])


def _place(row: dict[str, Any]) -> str:
    return (
        f"{row['resource_location']}（{row['resource_name']}）"
        if row["resource_location"]
        else row["resource_name"]
    )


def _prep(row: dict[str, Any]) -> str:
    return f"注意事项：{row['item_prep_notes']}" if row["item_prep_notes"] else ""


async def account_for(row: dict[str, Any]) -> uuid.UUID | None:
    account: uuid.UUID | None = row.get("account_id") or await directory.self_account_of(row["patient_id"])
    return account


async def exam_notice(
    row: dict[str, Any], event: str, extra: str = "", data: dict[str, Any] | None = None
) -> bool:
    """``row`` is a booking row with its item and room (``common.BOOKING_SELECT``)."""
    account = await account_for(row)
    if account is None:
        return False
    what, at, no = _what(row), when(row), row["booking_no"]
    texts = {
        "booked": ("检查预约成功", f"您已预约{what}，时间{at}，地点{_place(row)}，预约号{no}。{_prep(row)}"),
        "rescheduled": ("预约已改期", f"您的{what}已改期至{at}，地点{_place(row)}，预约号{no}。{_prep(row)}"),
        "cancelled": ("预约已取消", f"您预约的{what}（{at}，预约号{no}）已取消。"),
        "resource_down": (
            "设备故障改约通知",
            f"因{row['resource_name']}设备故障，您预约的{what}（{at}，预约号{no}）已取消，请重新预约。",
        ),
        "no_show": ("预约已失效", f"您预约的{what}（{at}）未按时签到，预约已失效，如仍需检查请重新预约。"),
    }
    title, body = texts[event]
    return await notify(
        account,
        "visit",
        title,
        body + extra,
        dedupe_key=f"exam:{row['id']}:{event}",
        patient_id=row["patient_id"],
        data={"exam_booking_id": str(row["id"]), "booking_no": no, "event": f"exam_{event}", **(data or {})},
    )


async def series_notice(series: dict[str, Any], sessions: list[dict[str, Any]], event: str) -> bool:
    """One notice for a whole course: booked (with every date) or the rest cancelled."""
    first = sessions[0] if sessions else None
    account = series.get("account_id") or await directory.self_account_of(series["patient_id"])
    if account is None or first is None:
        return False
    dates = "、".join(f"{clock.local(s['band_start']):%m月%d日}" for s in sessions)
    place = _place(first)
    if event == "booked":
        title = "治疗预约成功"
        body = (
            f"您已预约{first['item_name']}共{len(sessions)}次（{series['pattern_local']}），地点{place}，"
            f"疗程编号{series['series_no']}：{dates}。每次治疗前一天会再提醒您。{_prep(first)}"
        )
    else:
        title = "治疗预约已取消"
        body = (
            f"您的{first['item_name']}疗程（{series['series_no']}）"
            f"余下{len(sessions)}次治疗（{dates}）已取消。"
        )
    return await notify(
        account,
        "visit",
        title,
        body,
        dedupe_key=f"series:{series['id']}:{event}",
        patient_id=series["patient_id"],
        data={"series_id": str(series["id"]), "series_no": series["series_no"], "event": f"series_{event}"},
    )


async def order_notice(order: dict[str, Any]) -> bool:
    """检查注意事项 (002 §2.1.1.2.21): once a doctor orders an exam or a course of treatment, the
    patient is told what was ordered, until when to book it, and how to prepare."""
    account = await directory.self_account_of(order["patient_id"])
    if account is None:
        return False
    what = order["item_name"]
    if order["sessions_total"] > 1:
        what += f"（共{order['sessions_total']}次）"
    prep = f"注意事项：{order['item_prep_notes']}" if order["item_prep_notes"] else ""
    body = (
        f"{order['ordered_by_name']}医生为您开具了{what}，申请单号{order['order_no']}，"
        f"请在{clock.local(order['expires_at']):%m月%d日}前预约（可在“检查预约”中查看推荐时间）。{prep}"
    )
    return await notify(
        account,
        "visit",
        "检查/治疗申请与注意事项",
        body,
        dedupe_key=f"exam_order:{order['id']}:placed",
        patient_id=order["patient_id"],
        data={"exam_order_id": str(order["id"]), "order_no": order["order_no"], "event": "exam_order_placed"},
    )
