from enum import StrEnum


class InsurancePayChannel(StrEnum):
    APP = "app"
    MINI_PROGRAM = "mini_program"
    QR = "qr"

    def __str__(self) -> str:
        return str(self.value)
