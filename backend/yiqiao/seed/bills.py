"""Demo outpatient bills in the embedded HIS: 张三 and his daughter 张小雨 left a visit four days ago
without paying, so the app (待缴费, 门诊费用) and a kiosk (缴费) have something to show. Issued
outside the reminder window, so loading the demo sends no 缴费提醒. Idempotent: a card that already
has a visit is left alone."""

from __future__ import annotations

import datetime as dt

from yiqiao import db
from yiqiao.integrations.his.local_outpatient import NewCharge, issue_bill, open_visit
from yiqiao.kit import clock
from yiqiao.kit.idcard import make_id_number

# (region, birth, seq) of the demo person, department, doctor, bills: (kind, title, items)
DEMO_BILLS = [
    (
        ("500235", "1968-03-07", "123"),
        "心血管内科",
        "王建国",
        [
            (
                "prescription",
                "西药处方",
                [
                    NewCharge(
                        code="Y0412",
                        name="阿托伐他汀钙片",
                        category="drug",
                        unit_fen=3260,
                        quantity=2,
                        spec="20mg×7片",
                        unit="盒",
                        insurance_class="A",
                    ),
                    NewCharge(
                        code="Y0518",
                        name="硝苯地平控释片",
                        category="drug",
                        unit_fen=2980,
                        spec="30mg×7片",
                        unit="盒",
                        insurance_class="A",
                    ),
                ],
            ),
            (
                "exam",
                "检查申请-心脏彩超",
                [
                    NewCharge(
                        code="J2101",
                        name="心脏彩色多普勒超声",
                        category="exam",
                        unit_fen=22000,
                        insurance_class="B",
                    ),
                ],
            ),
            (
                "lab",
                "检验申请-血脂四项",
                [NewCharge(code="L3004", name="血脂四项", category="lab", unit_fen=4800)],
            ),
        ],
    ),
    (
        ("500235", "2016-06-18", "042"),
        "儿科",
        "吴涛",
        [
            (
                "prescription",
                "西药处方",
                [
                    NewCharge(
                        code="Y0907",
                        name="小儿氨酚黄那敏颗粒",
                        category="drug",
                        unit_fen=1580,
                        spec="6g×10袋",
                        unit="盒",
                        insurance_class="B",
                    )
                ],
            ),
        ],
    ),
]


async def seed() -> int:
    """Returns how many bills were issued."""
    issued = 0
    at = clock.now() - dt.timedelta(days=4)
    for (region, birth, seq), department, doctor, bills in DEMO_BILLS:
        card_no = f"1002{make_id_number(region, dt.date.fromisoformat(birth), seq)[-8:]}"
        if not await db.fetch("SELECT 1 FROM local_his_card WHERE card_no = {}", card_no):
            continue
        if await db.fetch("SELECT 1 FROM local_his_visit WHERE card_no = {} LIMIT 1", card_no):
            continue
        visit_no = await open_visit(
            card_no=card_no, institution_code="QX-RMYY", department=department, doctor=doctor, visit_at=at
        )
        for kind, title, items in bills:
            await issue_bill(visit_no=visit_no, kind=kind, title=title, items=items, issued_at=at)  # type: ignore[arg-type]
            issued += 1
    return issued
