"""Fixed vocabularies of medical-tech booking: modalities (what kind of room or device does the
item), whether an item is an exam (booked once) or a treatment (booked as a series), and the words
screens use for statuses."""

from __future__ import annotations

from typing import Literal

Kind = Literal["exam", "treatment"]
Modality = Literal["CT", "MR", "US", "ES", "DR", "PT", "RH", "TCM"]

# modality: (label, kind of item it performs)
MODALITIES: dict[str, tuple[str, Kind]] = {
    "CT": ("CT", "exam"),
    "MR": ("磁共振 MRI", "exam"),
    "US": ("超声", "exam"),
    "ES": ("内镜", "exam"),
    "DR": ("放射（DR/造影）", "exam"),
    "PT": ("物理治疗", "treatment"),
    "RH": ("康复训练", "treatment"),
    "TCM": ("中医特色治疗", "treatment"),
}

BOOKING_STATUS_LABELS: dict[str, str] = {
    "booked": "预约成功",
    "checked_in": "已签到",
    "completed": "已完成",
    "cancelled": "已取消",
    "rescheduled": "已改期",
    "no_show": "已失效（未到检）",
}
ORDER_STATUS_LABELS: dict[str, str] = {"open": "待预约", "completed": "已完成", "expired": "已过期"}
SERIES_STATUS_LABELS: dict[str, str] = {"active": "进行中", "finished": "已结束", "cancelled": "已取消"}
WEEKDAYS_ZH = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
