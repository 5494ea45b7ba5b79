from enum import StrEnum


class KioskTopUpProvider(StrEnum):
    ALIPAY = "alipay"
    CREDIT = "credit"
    ECNY = "ecny"
    UNIONPAY = "unionpay"
    WECHAT = "wechat"

    def __str__(self) -> str:
        return str(self.value)
