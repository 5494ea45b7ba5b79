from enum import StrEnum


class InsuranceSplitViewStatus(StrEnum):
    FAILED = "failed"
    PRE_SETTLED = "pre_settled"
    REVERSED = "reversed"
    REVOKED = "revoked"
    SETTLED = "settled"

    def __str__(self) -> str:
        return str(self.value)
