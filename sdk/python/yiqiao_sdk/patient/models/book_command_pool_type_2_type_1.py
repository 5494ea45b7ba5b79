from enum import StrEnum


class BookCommandPoolType2Type1(StrEnum):
    APP = "app"
    KIOSK = "kiosk"
    PHONE = "phone"
    PRIMARY_CARE = "primary_care"
    PRIORITY = "priority"
    RECHECK = "recheck"
    REFERRAL = "referral"
    WINDOW = "window"

    def __str__(self) -> str:
        return str(self.value)
