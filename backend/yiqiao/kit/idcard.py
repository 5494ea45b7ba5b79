"""Mainland resident identity card numbers (GB 11643): 18 characters, ISO 7064 MOD 11-2 check."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Literal

import msgspec

from yiqiao.kit import clock
from yiqiao.kit.errors import Invalid

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_SHAPE = re.compile(r"\d{17}[\dX]")

Sex = Literal["male", "female"]


class IdCardInfo(msgspec.Struct, frozen=True, kw_only=True):
    number: str
    birth_date: date
    sex: Sex
    region_code: str


def check_digit(first17: str) -> str:
    return _CHECK[sum(int(c) * w for c, w in zip(first17, _WEIGHTS, strict=True)) % 11]


def _invalid(message: str) -> Invalid:
    return Invalid(message, code="invalid_id_number", field="id_number")


def parse_id_number(value: str) -> IdCardInfo:
    """Validate and decode; raises ``Invalid(code="invalid_id_number")`` saying what to fix."""
    number = "".join(unicodedata.normalize("NFKC", value).split()).upper()
    if not number:
        raise _invalid("请输入身份证号 / Please enter the ID number")
    if len(number) == 15:
        raise _invalid(
            "15位旧身份证号已停用，请输入18位号码 / 15-digit ID numbers are no longer used — "
            "please enter the 18-character number on the current card"
        )
    if len(number) != 18:
        raise _invalid(
            f"身份证号应为18位，当前为{len(number)}位 / The ID number must be 18 characters long; "
            f"this one has {len(number)}"
        )
    if not _SHAPE.fullmatch(number):
        raise _invalid(
            "身份证号只能包含数字，最后一位可以是X / The ID number may contain only digits, "
            "with an X allowed as the last character"
        )
    if number[0] not in "12345678":
        raise _invalid(
            "身份证号开头的地区码不正确 / The region code at the start of the ID number is not valid — "
            "please re-check the first digits"
        )
    try:
        birth = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        birth = None
    if birth is None or birth.year < 1900:
        raise _invalid(
            "身份证号中的出生日期不存在 / The birth date in the ID number (digits 7-14) is not a real "
            "date — please re-check those digits"
        )
    if birth > clock.local(clock.now()).date():
        raise _invalid(
            "身份证号中的出生日期晚于今天 / The birth date in the ID number (digits 7-14) is in the "
            "future — please re-check those digits"
        )
    if check_digit(number[:17]) != number[17]:
        raise _invalid(
            "身份证号校验位不正确 / The ID number's check digit is wrong — please re-check the last "
            "digit (and the others: one mistyped digit anywhere makes the check fail)"
        )
    return IdCardInfo(
        number=number,
        birth_date=birth,
        sex="male" if int(number[16]) % 2 else "female",
        region_code=number[:6],
    )


def make_id_number(region: str, birth_date: date, seq3: int | str) -> str:
    """Build a valid number (demo data, tests): odd ``seq3`` is male, even is female."""
    seq = f"{int(seq3):03d}"
    if not re.fullmatch(r"[1-8]\d{5}", region) or len(seq) != 3 or int(seq) < 0:
        raise ValueError("region must be 6 digits starting 1-8 and seq3 within 0-999")
    first17 = f"{region}{birth_date:%Y%m%d}{seq}"
    return first17 + check_digit(first17)
