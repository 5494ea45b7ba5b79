from enum import StrEnum


class ReconciliationMismatchesCauseType3Type1(StrEnum):
    AMOUNT_DIFFERS = "amount_differs"
    MISSING_OURS = "missing_ours"
    MISSING_THEIRS = "missing_theirs"

    def __str__(self) -> str:
        return str(self.value)
