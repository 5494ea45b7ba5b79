"""The ``Idempotency-Key`` header every client sends when it creates a booking, order or payment."""

from __future__ import annotations

from typing import Annotated

from litestar.params import HeaderParameter

IdempotencyHeader = Annotated[
    str,
    HeaderParameter(
        name="Idempotency-Key",
        min_length=8,
        max_length=64,
        pattern=r"^[A-Za-z0-9_.:-]+$",
        description="A new random key per request that creates something; a retry with the same key "
        "returns what the first one created",
    ),
]
