from __future__ import annotations


class ProviderError(Exception):
    """A provider refused or failed. ``transient`` errors are retried by the outbox worker."""

    def __init__(self, code: str, message: str, *, transient: bool) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.transient = transient
