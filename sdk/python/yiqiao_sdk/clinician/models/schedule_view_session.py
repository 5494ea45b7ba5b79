from enum import StrEnum


class ScheduleViewSession(StrEnum):
    AFTERNOON = "afternoon"
    EVENING = "evening"
    MORNING = "morning"

    def __str__(self) -> str:
        return str(self.value)
