from enum import StrEnum


class PreferenceCategory(StrEnum):
    FOLLOWUP = "followup"
    HEALTH_EDUCATION = "health_education"
    NEWS = "news"
    PAYMENT = "payment"
    REPORT = "report"
    SECURITY = "security"
    VISIT = "visit"

    def __str__(self) -> str:
        return str(self.value)
