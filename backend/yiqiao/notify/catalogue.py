"""The notification catalogue: which categories are critical (always on) and the default channels.

Critical notices concern care and money the patient must not miss; the patient may switch off
only the others (002 §2.1.1.4.3)."""

from __future__ import annotations

from typing import Literal

Category = Literal["visit", "payment", "report", "security", "followup", "health_education", "news"]
DeliveryChannel = Literal["sms", "wechat", "push"]

CATEGORIES: dict[str, tuple[str, bool, tuple[DeliveryChannel, ...]]] = {
    # category: (label, critical, default channels)
    "visit": ("就诊提醒 Visit reminders", True, ("sms", "wechat", "push")),
    "payment": ("缴费提醒 Payments", True, ("wechat", "push")),
    "report": ("报告通知 Reports and results", True, ("sms", "push")),
    "security": ("账号安全 Account security", True, ("sms",)),
    "followup": ("随访 Follow-up", False, ("wechat", "push")),
    "health_education": ("健康宣教 Health education", False, ("push",)),
    "news": ("医院资讯 Hospital news", False, ("push",)),
}
ALL_CHANNELS: tuple[DeliveryChannel, ...] = ("sms", "wechat", "push")
