from __future__ import annotations

import uuid
from typing import Protocol


class PushProvider(Protocol):
    async def push(self, account_id: uuid.UUID, title: str, body: str, dedupe_key: str) -> str:
        """Send an app push to every device of the account; same dedupe key pushes once."""
        ...
