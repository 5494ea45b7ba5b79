from __future__ import annotations

import datetime as dt
from typing import Protocol

import msgspec


class HisCard(msgspec.Struct, frozen=True, kw_only=True):
    """A card in the HIS patient master index (EMPI)."""

    card_no: str
    kind: str  # physical | electronic | social_security
    name: str
    id_number: str
    institution_code: str


class HisProvider(Protocol):
    async def get_card(self, card_no: str) -> HisCard | None: ...

    async def cards_for_person(self, id_number: str) -> list[HisCard]:
        """Every card the HIS holds for this ID number (duplicate-record detection)."""
        ...

    async def register(
        self, *, name: str, id_number: str, sex: str, birth_date: dt.date, institution_code: str
    ) -> HisCard:
        """Create a patient record (建档) and issue an electronic card."""
        ...
