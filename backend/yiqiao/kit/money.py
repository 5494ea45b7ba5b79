"""Money is integer fen everywhere; this is the one way to show it as yuan."""

from __future__ import annotations


def yuan(fen: int) -> str:
    """12345 -> '123.45', -5 -> '-0.05' (exact: no float in between)."""
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(fen), 100)
    return f"{sign}{whole}.{cents:02d}"
