from __future__ import annotations

from datetime import date, timedelta

import pytest
from yiqiao.kit import clock
from yiqiao.kit.errors import Invalid
from yiqiao.kit.idcard import check_digit, make_id_number, parse_id_number


def test_known_valid_numbers() -> None:
    info = parse_id_number("11010519491231002X")  # GB 11643 example
    assert info.number == "11010519491231002X"
    assert info.birth_date == date(1949, 12, 31)
    assert info.sex == "female"
    assert info.region_code == "110105"
    male = parse_id_number("110101199003071233")
    assert male.sex == "male" and male.birth_date == date(1990, 3, 7)


def test_normalises_lowercase_x_spaces_and_full_width() -> None:
    assert parse_id_number(" 11010519491231002x ").number == "11010519491231002X"
    assert parse_id_number("１１０１０５１９４９１２３１００２Ｘ").number == "11010519491231002X"


def test_make_id_number_round_trips() -> None:
    number = make_id_number("330106", date(1990, 3, 7), 123)
    info = parse_id_number(number)
    assert info.birth_date == date(1990, 3, 7) and info.sex == "male" and info.region_code == "330106"
    assert parse_id_number(make_id_number("330106", date(1990, 3, 7), "124")).sex == "female"
    for seq in range(0, 1000, 37):
        parse_id_number(make_id_number("510104", date(2001, 2, 28), seq))
    with pytest.raises(ValueError):
        make_id_number("930106", date(1990, 3, 7), 1)
    with pytest.raises(ValueError):
        make_id_number("330106", date(1990, 3, 7), 1000)


def _refused(value: str) -> Invalid:
    with pytest.raises(Invalid) as caught:
        parse_id_number(value)
    assert caught.value.code == "invalid_id_number"
    return caught.value


def test_bad_checksum() -> None:
    err = _refused("110105194912310021")
    assert "check digit" in err.detail and "校验位" in err.detail


def test_every_single_digit_typo_is_caught() -> None:
    good = "11010519491231002X"
    for i in range(17):
        for d in "0123456789":
            candidate = good[:i] + d + good[i + 1 :]
            if candidate != good:
                with pytest.raises(Invalid):
                    parse_id_number(candidate)


def test_bad_date() -> None:
    first17 = "11010519900230123"  # 30 February
    assert "not a real date" in _refused(first17 + check_digit(first17)).detail
    first17 = "11010518991231123"
    _refused(first17 + check_digit(first17))


def test_future_birth_date() -> None:
    tomorrow = clock.local(clock.now()).date() + timedelta(days=1)
    first17 = f"110105{tomorrow:%Y%m%d}123"
    assert "future" in _refused(first17 + check_digit(first17)).detail


def test_today_is_fine() -> None:
    today = clock.local(clock.now()).date()
    assert parse_id_number(make_id_number("110105", today, 1)).birth_date == today


def test_17_chars() -> None:
    assert "18" in _refused("11010519491231002").detail


def test_15_digit_legacy() -> None:
    assert "15" in _refused("110105491231002").detail


def test_letters() -> None:
    assert "digits" in _refused("11010519491231A02X").detail
    _refused("X1010519491231002X")


def test_region_first_digit() -> None:
    for first in "09":
        first17 = first + "1010519491231002"
        assert "region" in _refused(first17 + check_digit(first17)).detail


def test_empty() -> None:
    assert "enter" in _refused("   ").detail
