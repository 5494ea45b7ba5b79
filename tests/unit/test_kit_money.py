"""Showing fen as yuan."""

from __future__ import annotations

from yiqiao.kit.money import yuan


def test_yuan_shows_fen_exactly_also_below_zero():
    assert [yuan(f) for f in (0, 5, 100, 12345, -5, -12345)] == [
        "0.00",
        "0.05",
        "1.00",
        "123.45",
        "-0.05",
        "-123.45",
    ]
