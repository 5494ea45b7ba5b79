from enum import StrEnum


class PaymentPayloadChannel(StrEnum):
    APP = "app"
    MINI_PROGRAM = "mini_program"
    QR = "qr"

    def __str__(self) -> str:
        return str(self.value)
