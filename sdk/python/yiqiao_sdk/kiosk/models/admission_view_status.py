from enum import StrEnum


class AdmissionViewStatus(StrEnum):
    DISCHARGE_ORDERED = "discharge_ordered"
    IN_STAY = "in_stay"
    PRE_SETTLED = "pre_settled"
    SETTLED = "settled"
    SETTLING = "settling"

    def __str__(self) -> str:
        return str(self.value)
