"""Identifiers: time-ordered UUIDs (v7) so b-tree inserts stay local, and short human numbers."""

from __future__ import annotations

import os
import secrets
import time
import uuid


def new_id() -> uuid.UUID:
    ms = time.time_ns() // 1_000_000
    rand = int.from_bytes(os.urandom(10), "big")
    value = (ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76
    value |= ((rand >> 68) & 0xFFF) << 64
    value |= 0b10 << 62
    value |= rand & ((1 << 62) - 1)
    return uuid.UUID(int=value)


def numeric_code(digits: int) -> str:
    return "".join(str(secrets.randbelow(10)) for _ in range(digits))
