"""The demo 医保 centre: it designates every institution of the medical community at its level
(the county hospital and its campuses 二级, township clinics 一级) and insures most demo patients
(employees with a personal account, residents without; 单雄信 and his father are not insured, to
show what an uninsured patient sees). Idempotent."""

from __future__ import annotations

import datetime as dt

from yiqiao import db
from yiqiao.integrations.insurance.local import enrol, register_institution
from yiqiao.integrations.insurance.rules import InsuredType, Level
from yiqiao.kit.idcard import make_id_number

LEVELS: dict[str, Level] = {
    "county_hospital": "secondary",
    "campus": "secondary",
    "township_clinic": "primary",
    "community_centre": "primary",
}

# name, region, birth, seq, insured type, personal account balance (fen)
INSURED: list[tuple[str, str, str, str, InsuredType, int]] = [
    ("张三", "500235", "1968-03-07", "123", "employee", 1_200_00),
    ("张德福", "500235", "1941-11-02", "031", "employee", 3_000_00),
    ("张小雨", "500235", "2016-06-18", "042", "resident", 0),
    ("李梅", "500235", "1985-09-21", "246", "employee", 800_00),
    ("王子涵", "500235", "2019-01-30", "015", "resident", 0),
    ("陈志强", "500235", "1957-12-12", "377", "employee", 2_000_00),
    ("刘桂兰", "500235", "1959-04-05", "288", "resident", 0),
    ("欧阳娜娜", "500235", "1992-07-14", "160", "employee", 0),
]


async def seed() -> None:
    for r in await db.fetch("SELECT code, name, kind FROM institution"):
        await register_institution(r["code"], r["name"], LEVELS.get(r["kind"], "secondary"))
    for name, region, birth, seq, insured_type, balance in INSURED:
        await enrol(
            id_number=make_id_number(region, dt.date.fromisoformat(birth), seq),
            name=name,
            insured_type=insured_type,
            account_balance_fen=balance,
        )
