from enum import StrEnum


class ReconciliationRunsProviderType2Type1(StrEnum):
    ALIPAY = "alipay"
    CREDIT = "credit"
    ECNY = "ecny"
    UNIONPAY = "unionpay"
    WECHAT = "wechat"

    def __str__(self) -> str:
        return str(self.value)
