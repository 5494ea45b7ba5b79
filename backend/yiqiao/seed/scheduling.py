"""Demo schedules: weekly templates for every demo doctor, and two weeks of schedules from today
(Asia/Shanghai) generated from them. Idempotent (a schedule per doctor, day and session once)."""

from __future__ import annotations

import datetime as dt

from yiqiao import db
from yiqiao.kit import clock
from yiqiao.kit.actor import SYSTEM
from yiqiao.scheduling.service import schedules
from yiqiao.scheduling.types import TemplateSpec
from yiqiao.seed.community import STAFF

# Registration type by title (fees from the catalogue): chief physicians see expert clinics,
# one TCM chief runs a special-needs clinic, township GPs offer free convenience clinics.
_REG_BY_TITLE = {"主任医师": "expert", "副主任医师": "expert", "主治医师": "general"}
_SPECIAL = {"dr.ouyang"}
_PER_BAND = {"app": 3, "kiosk": 1, "window": 1, "phone": 1, "referral": 1, "priority": 1}
_TOWNSHIP_PER_BAND = {"app": 2, "kiosk": 0, "window": 2, "phone": 0, "primary_care": 1}
# Which weekday sessions each doctor works: (weekday, session), Monday = 0.
_WEEK = [(0, "morning"), (1, "afternoon"), (2, "morning"), (3, "morning"), (4, "afternoon"), (5, "morning")]
_HOURS = {"morning": ("08:00", "12:00"), "afternoon": ("14:00", "17:30"), "evening": ("18:00", "20:00")}


async def seed_schedules(days: int = 14) -> int:
    from yiqiao.seed.demo import sid

    for username, _name, role, title, inst, _dept in STAFF:
        if role != "doctor":
            continue
        township = inst in ("QX-SMZ", "QX-TYZ")
        reg = (
            "special"
            if username in _SPECIAL
            else "convenience"
            if township
            else _REG_BY_TITLE.get(title, "general")
        )
        for n, (weekday, session) in enumerate(_WEEK):
            if n % 2 and title == "主任医师":
                continue  # chiefs work half the sessions
            start, end = _HOURS[session]
            await schedules.save_template(
                SYSTEM,
                TemplateSpec(
                    doctor_id=sid("staff", username),
                    weekday=weekday,
                    session=session,  # type: ignore[arg-type]
                    reg_type=reg,  # type: ignore[arg-type]
                    start_local=start,
                    end_local=end,
                    band_minutes=30,
                    quotas=dict(_TOWNSHIP_PER_BAND if township else _PER_BAND),  # type: ignore[arg-type]
                ),
            )
    today = clock.local(clock.now()).date()
    await schedules.generate_from_templates(SYSTEM, today, days)
    rows = await db.fetch("SELECT count(*) AS n FROM schedule WHERE day >= {}", today - dt.timedelta(days=0))
    total: int = rows[0]["n"]
    return total
