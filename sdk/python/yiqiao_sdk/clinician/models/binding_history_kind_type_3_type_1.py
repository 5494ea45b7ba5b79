from enum import StrEnum


class BindingHistoryKindType3Type1(StrEnum):
    BED = "bed"
    PATIENT = "patient"
    VEHICLE = "vehicle"

    def __str__(self) -> str:
        return str(self.value)
