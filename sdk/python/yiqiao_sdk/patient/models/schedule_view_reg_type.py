from enum import StrEnum


class ScheduleViewRegType(StrEnum):
    CONVENIENCE = "convenience"
    EXPERT = "expert"
    GENERAL = "general"
    SPECIAL = "special"

    def __str__(self) -> str:
        return str(self.value)
