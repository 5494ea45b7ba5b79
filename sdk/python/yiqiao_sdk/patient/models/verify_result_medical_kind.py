from enum import StrEnum


class VerifyResultMedicalKind(StrEnum):
    INPATIENT = "inpatient"
    OUTPATIENT = "outpatient"

    def __str__(self) -> str:
        return str(self.value)
