from enum import StrEnum


class AppointmentViewSession(StrEnum):
    AFTERNOON = "afternoon"
    EVENING = "evening"
    MORNING = "morning"

    def __str__(self) -> str:
        return str(self.value)
