"""The embedded HIS's ward charging (病区记账): what one day in a bed costs, as the ward's nightly
charging run would post it from the standing orders (长期医嘱) and the day's orders.

Pure and deterministic: the lines of a day follow from the admission number, the charging profile
of the ward and the day alone (a seeded draw, so the same stay gives the same 每日清单 on every
run and every machine). Prices are a county hospital's, in fen; insurance classes are the
catalogue's (甲 A / 乙 B / 丙 C)."""

from __future__ import annotations

import datetime as dt
import random

import msgspec

from yiqiao.integrations.his.inpatient_types import ChargeCategory, InsuranceClass
from yiqiao.kit.sm3 import sm3_hex


class ChargeLine(msgspec.Struct, frozen=True, kw_only=True):
    code: str
    name: str
    category: ChargeCategory
    spec: str
    unit: str
    unit_fen: int
    quantity: int
    insurance_class: InsuranceClass


def _line(
    code: str, name: str, category: ChargeCategory, spec: str, unit: str, fen: int, cls: InsuranceClass
) -> ChargeLine:
    return ChargeLine(
        code=code,
        name=name,
        category=category,
        spec=spec,
        unit=unit,
        unit_fen=fen,
        quantity=1,
        insurance_class=cls,
    )


# Every day in a bed.
BED = _line("110900001", "普通病房床位费(三人间)", "bed", "", "日", 3000, "A")
NURSING = {
    1: _line("121100001", "一级护理", "nursing", "", "日", 3500, "A"),
    2: _line("121200001", "二级护理", "nursing", "", "日", 2200, "A"),
}
ROUND = _line("110300001", "住院诊查费", "consultation", "", "日", 1500, "A")
# Infusions: per group, with the set it uses.
INFUSION = _line("120400001", "静脉输液", "treatment", "第一组", "组", 600, "A")
INFUSION_SET = _line("C0001", "一次性使用输液器", "material", "带针", "套", 350, "C")
OXYGEN = _line("120900001", "氧气吸入", "treatment", "鼻导管", "小时", 300, "A")
SALINE = _line("X0001", "0.9%氯化钠注射液", "drug", "250ml", "袋", 350, "A")

# On admission: the admission work-up.
ADMISSION_LABS = [
    _line("250101015", "血常规(五分类)", "lab", "", "次", 2000, "A"),
    _line("250102001", "尿常规", "lab", "", "次", 1000, "A"),
    _line("250305001", "肝功能", "lab", "", "项", 4500, "A"),
    _line("250307001", "肾功能", "lab", "", "项", 2500, "A"),
    _line("250302001", "电解质", "lab", "", "项", 2000, "A"),
    _line("250203001", "凝血四项", "lab", "", "项", 6000, "A"),
]
ECG = _line("310701001", "常规心电图检查(十二导)", "exam", "", "次", 1500, "A")
CHEST_DR = _line("210102015", "胸部数字化摄影(DR)", "exam", "正位", "次", 6000, "A")
# Every third day after admission: the follow-up labs.
FOLLOWUP_LABS = [ADMISSION_LABS[0], ADMISSION_LABS[4]]


class Profile(msgspec.Struct, frozen=True, kw_only=True):
    nursing_level: int
    admission_extras: list[ChargeLine]  # labs and exams of the first day
    second_day_exam: ChargeLine  # the work-up's imaging on day two
    standing_drugs: list[tuple[ChargeLine, int, int]]  # (drug, tablets a day min, max)
    injections: list[ChargeLine]  # given in the first days (one each a day)
    injection_days: int
    oxygen_days: int


PROFILES: dict[str, Profile] = {
    "cardiology": Profile(
        nursing_level=1,
        admission_extras=[
            _line("250304001", "心肌酶谱", "lab", "", "项", 5000, "A"),
            _line("250304005", "肌钙蛋白I测定", "lab", "", "次", 8000, "A"),
            ECG,
            CHEST_DR,
        ],
        second_day_exam=_line("220600001", "心脏彩色多普勒超声", "exam", "", "次", 18000, "B"),
        standing_drugs=[
            (_line("X1001", "阿司匹林肠溶片", "drug", "100mg×30片", "片", 16, "A"), 1, 1),
            (_line("X1002", "硫酸氢氯吡格雷片", "drug", "75mg×7片", "片", 320, "B"), 1, 1),
            (_line("X1003", "阿托伐他汀钙片", "drug", "20mg×7片", "片", 240, "A"), 1, 1),
            (_line("X1004", "酒石酸美托洛尔片", "drug", "25mg×20片", "片", 25, "A"), 1, 2),
        ],
        injections=[
            _line("X2001", "低分子肝素钙注射液", "drug", "0.4ml:4100IU", "支", 2500, "B"),
            _line("X2002", "单硝酸异山梨酯注射液", "drug", "5ml:20mg", "支", 1800, "B"),
        ],
        injection_days=5,
        oxygen_days=2,
    ),
    "general": Profile(
        nursing_level=2,
        admission_extras=[ECG, CHEST_DR],
        second_day_exam=_line("220302001", "腹部彩色多普勒超声", "exam", "肝胆胰脾", "次", 12000, "A"),
        standing_drugs=[
            (_line("X1101", "奥美拉唑肠溶胶囊", "drug", "20mg×14粒", "粒", 50, "A"), 1, 2),
            (_line("X1102", "复方消化酶胶囊", "drug", "×20粒", "粒", 90, "B"), 2, 3),
        ],
        injections=[
            _line("X2101", "注射用头孢呋辛钠", "drug", "1.5g", "支", 1200, "B"),
            _line("X2102", "注射用泮托拉唑钠", "drug", "40mg", "支", 1600, "B"),
        ],
        injection_days=4,
        oxygen_days=0,
    ),
}


def _rng(admission_no: str, day: dt.date) -> random.Random:
    return random.Random(int(sm3_hex(f"{admission_no}|{day.isoformat()}".encode())[:16], 16))


def _times(line: ChargeLine, quantity: int) -> ChargeLine:
    return msgspec.structs.replace(line, quantity=quantity)


def daily_lines(admission_no: str, profile_name: str, admitted_on: dt.date, day: dt.date) -> list[ChargeLine]:
    """The lines the ward posts for ``day`` of the stay that began on ``admitted_on``."""
    if day < admitted_on:
        return []
    profile = PROFILES.get(profile_name, PROFILES["general"])
    n = (day - admitted_on).days  # day 0 is the day of admission
    rng = _rng(admission_no, day)
    lines = [BED, NURSING[profile.nursing_level if n < 3 else 2], ROUND]
    if n == 0:
        lines += ADMISSION_LABS + profile.admission_extras
    elif n == 1:
        lines.append(profile.second_day_exam)
    elif n % 3 == 0:
        lines += FOLLOWUP_LABS
    for drug, low, high in profile.standing_drugs:
        lines.append(_times(drug, rng.randint(low, high)))
    if n < profile.injection_days:
        groups = 0
        for injection in profile.injections:
            if n < 2 or rng.random() < 0.7:  # the first days' orders are given in full
                lines.append(injection)
                groups += 1
        if groups:
            lines += [_times(SALINE, groups), _times(INFUSION, groups), _times(INFUSION_SET, groups)]
    if n < profile.oxygen_days:
        lines.append(_times(OXYGEN, rng.randint(4, 12)))
    return lines
