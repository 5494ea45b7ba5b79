from enum import StrEnum


class AppointmentViewStatus(StrEnum):
    CALLED = "called"
    CANCELLED = "cancelled"
    CHECKED_IN = "checked_in"
    COMPLETED = "completed"
    CONFIRMED = "confirmed"
    EXPIRED = "expired"
    HELD = "held"
    NO_SHOW = "no_show"
    PASSED = "passed"

    def __str__(self) -> str:
        return str(self.value)
