from enum import StrEnum


class DepositViewPayerKind(StrEnum):
    FAMILY = "family"
    KIOSK = "kiosk"
    PROXY = "proxy"
    SELF = "self"

    def __str__(self) -> str:
        return str(self.value)
