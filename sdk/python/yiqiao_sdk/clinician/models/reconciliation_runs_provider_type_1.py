from enum import StrEnum


class ReconciliationRunsProviderType1(StrEnum):
    ALIPAY = "alipay"
    CREDIT = "credit"
    ECNY = "ecny"
    UNIONPAY = "unionpay"
    WECHAT = "wechat"

    def __str__(self) -> str:
        return str(self.value)
