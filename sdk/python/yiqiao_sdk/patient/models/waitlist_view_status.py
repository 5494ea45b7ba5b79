from enum import StrEnum


class WaitlistViewStatus(StrEnum):
    ALLOCATED = "allocated"
    BOOKED = "booked"
    CLOSED = "closed"
    LAPSED = "lapsed"
    LEFT = "left"
    WAITING = "waiting"

    def __str__(self) -> str:
        return str(self.value)
