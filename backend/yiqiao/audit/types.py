from __future__ import annotations

import msgspec


class ChainReport(msgspec.Struct, kw_only=True):
    ok: bool
    rows_checked: int
    chains: int = 1
    first_broken_id: int | None = None
    broken_chain: int | None = None
    reason: str = ""
