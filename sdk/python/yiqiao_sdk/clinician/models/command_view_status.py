from enum import StrEnum


class CommandViewStatus(StrEnum):
    ACKED = "acked"
    DELIVERED = "delivered"
    EXPIRED = "expired"
    FAILED = "failed"
    PENDING = "pending"
    SENT = "sent"

    def __str__(self) -> str:
        return str(self.value)
