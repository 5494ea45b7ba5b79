from enum import StrEnum


class ScheduleViewStatus(StrEnum):
    OPEN = "open"
    STOPPED = "stopped"

    def __str__(self) -> str:
        return str(self.value)
