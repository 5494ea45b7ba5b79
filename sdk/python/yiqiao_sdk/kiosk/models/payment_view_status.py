from enum import StrEnum


class PaymentViewStatus(StrEnum):
    CLOSED = "closed"
    FAILED = "failed"
    PENDING = "pending"
    SUCCEEDED = "succeeded"

    def __str__(self) -> str:
        return str(self.value)
