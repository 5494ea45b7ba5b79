from enum import StrEnum


class TaskTransitionTo(StrEnum):
    ARRIVED = "arrived"
    CANCELLED = "cancelled"
    DISPATCHED = "dispatched"
    HANDED_OVER = "handed_over"
    ONBOARD = "onboard"
    TRANSPORTING = "transporting"

    def __str__(self) -> str:
        return str(self.value)
