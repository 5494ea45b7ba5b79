from enum import StrEnum


class VerifyResultResult(StrEnum):
    REVERSED = "reversed"
    VALID = "valid"

    def __str__(self) -> str:
        return str(self.value)
