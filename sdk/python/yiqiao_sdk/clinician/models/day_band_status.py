from enum import StrEnum


class DayBandStatus(StrEnum):
    DOWN = "down"
    OPEN = "open"

    def __str__(self) -> str:
        return str(self.value)
