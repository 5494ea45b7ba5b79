from enum import StrEnum


class BindingViewKind(StrEnum):
    BED = "bed"
    PATIENT = "patient"
    VEHICLE = "vehicle"

    def __str__(self) -> str:
        return str(self.value)
