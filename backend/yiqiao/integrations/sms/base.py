from __future__ import annotations

from typing import Protocol


class SmsProvider(Protocol):
    async def send(self, phone: str, template: str, params: dict[str, str], dedupe_key: str) -> str:
        """Send one templated SMS; returns the provider's message id. The same ``dedupe_key``
        sends once (like the carrier's OutId). Raises ``ProviderError``."""
        ...
