from enum import StrEnum


class BillViewStatus(StrEnum):
    CANCELLED = "cancelled"
    PAID = "paid"
    UNPAID = "unpaid"

    def __str__(self) -> str:
        return str(self.value)
