from enum import StrEnum


class OrderViewStatus(StrEnum):
    CLOSED = "closed"
    CREATED = "created"
    FAILED = "failed"
    PAID = "paid"
    PARTIALLY_REFUNDED = "partially_refunded"
    PAYING = "paying"
    REFUNDED = "refunded"
    REFUNDING = "refunding"

    def __str__(self) -> str:
        return str(self.value)
