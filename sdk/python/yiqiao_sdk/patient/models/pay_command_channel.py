from enum import StrEnum


class PayCommandChannel(StrEnum):
    APP = "app"
    MINI_PROGRAM = "mini_program"
    QR = "qr"

    def __str__(self) -> str:
        return str(self.value)
