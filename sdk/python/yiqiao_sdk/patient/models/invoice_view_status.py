from enum import StrEnum


class InvoiceViewStatus(StrEnum):
    ISSUED = "issued"
    ISSUING = "issuing"
    REVERSED = "reversed"

    def __str__(self) -> str:
        return str(self.value)
