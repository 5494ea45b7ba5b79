"""Masking for responses that do not need the whole value. Safe on empty and short input."""

from __future__ import annotations


def _keep_ends(value: str, head: int, tail: int) -> str:
    value = value.strip()
    if len(value) <= head + tail:
        return "*" * len(value)
    return value[:head] + "*" * (len(value) - head - tail) + value[len(value) - tail :]


def mask_id_number(value: str) -> str:
    """``110101199003071234`` -> ``110***********1234``."""
    return _keep_ends(value, 3, 4)


def mask_phone(value: str) -> str:
    """``13812345678`` -> ``138****5678``."""
    return _keep_ends(value, 3, 4)


def mask_name(value: str) -> str:
    """``张三`` -> ``张*``, ``张三丰`` -> ``张*丰``, ``欧阳娜娜`` -> ``欧**娜``."""
    value = value.strip()
    if len(value) <= 1:
        return "*" * len(value)
    if len(value) == 2:
        return value[0] + "*"
    return value[0] + "*" * (len(value) - 2) + value[-1]


def mask_address(value: str) -> str:
    """Keep the first 6 characters (roughly province and city) then ``****``; short input keeps half."""
    value = value.strip()
    if not value:
        return ""
    return value[: 6 if len(value) > 8 else len(value) // 2] + "****"
