"""Demo stays in hospital (住院), in the embedded HIS: 张三's father 张德福 in bed 301-1 of the
cardiology ward since three days ago (no deposit yet, so the app shows him in arrears and the
low-balance reminder goes to 张三), and 陈志强's wife 刘桂兰 in the general-surgery ward, whose
discharge orders the ward nurse has verified (the app offers her discharge settlement).
Idempotent: a stay whose admission number the HIS knows is left as it is. Called from
``seed.demo.seed``."""

from __future__ import annotations

import datetime as dt

from yiqiao.integrations.his import local_inpatient
from yiqiao.integrations.his.inpatient_types import InsuranceType
from yiqiao.kit import clock
from yiqiao.kit.idcard import make_id_number

# admission no, (region, birth, seq) of the patient, department, ward, bed, days ago, profile,
# insurance, discharge state
STAYS: list[tuple[str, tuple[str, str, str], str, str, str, int, str, InsuranceType, str]] = [
    (
        "ZY2026900101",
        ("500235", "1941-11-02", "031"),
        "心血管内科",
        "心血管内科病区",
        "301-1",
        3,
        "cardiology",
        "employee",
        "in_stay",
    ),
    (
        "ZY2026900102",
        ("500235", "1959-04-05", "288"),
        "普通外科",
        "普通外科病区",
        "512-2",
        6,
        "general",
        "resident",
        "orders_verified",
    ),
]


def _card_no(region: str, birth: str, seq: str) -> str:
    """The physical card ``seed.demo`` issued the person (1002 + the ID number's last 8)."""
    return "1002" + make_id_number(region, dt.date.fromisoformat(birth), seq)[-8:]


async def seed() -> int:
    """Admit the demo stays the HIS does not know yet; returns how many were admitted."""
    from yiqiao.billing.service import inpatient

    his = local_inpatient.LocalInpatientHis()
    today = clock.local(clock.now()).date()
    added = 0
    for no, person, department, ward, bed, days_ago, profile, insurance, state in STAYS:
        if await his.get_admission(no) is not None:
            continue
        admitted = dt.datetime.combine(
            today - dt.timedelta(days=days_ago), dt.time(10, 30), tzinfo=clock.SHANGHAI
        ).astimezone(dt.UTC)
        await local_inpatient.admit(
            card_no=_card_no(*person),
            department=department,
            ward=ward,
            bed=bed,
            admitted_at=admitted,
            insurance_type=insurance,
            charge_profile=profile,
            admission_no=no,
        )
        if state == "orders_verified":
            await local_inpatient.order_discharge(no)
            await local_inpatient.verify_discharge_orders(no)
        added += 1
    await inpatient.sync_admissions()
    return added
