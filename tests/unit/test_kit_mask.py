from __future__ import annotations

import pytest
from yiqiao.kit.mask import mask_address, mask_id_number, mask_name, mask_phone


def test_mask_id_number() -> None:
    assert mask_id_number("110101199003071234") == "110***********1234"
    assert mask_id_number("11010119900307123X") == "110***********123X"


def test_mask_phone() -> None:
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone(" 13812345678 ") == "138****5678"


@pytest.mark.parametrize(
    ("name", "masked"),
    [("张三", "张*"), ("张三丰", "张*丰"), ("欧阳娜娜", "欧**娜"), ("张", "*"), ("", ""), ("  ", "")],
)
def test_mask_name(name: str, masked: str) -> None:
    assert mask_name(name) == masked


def test_mask_address() -> None:
    assert mask_address("浙江省杭州市西湖区文三路90号") == "浙江省杭州市****"
    assert mask_address("北京市朝阳区") == "北京市****"
    assert mask_address("") == ""


@pytest.mark.parametrize("func", [mask_id_number, mask_phone, mask_name, mask_address])
@pytest.mark.parametrize("value", ["", "1", "12", "1234567", "12345678"])
def test_short_input_never_leaks_whole_value(func: object, value: str) -> None:
    assert callable(func)
    masked = func(value)
    assert isinstance(masked, str)
    if value:
        assert masked != value and "*" in masked
