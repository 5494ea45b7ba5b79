from enum import StrEnum


class AlarmViewState(StrEnum):
    ACKNOWLEDGED = "acknowledged"
    ESCALATED = "escalated"
    RAISED = "raised"
    RESOLVED = "resolved"

    def __str__(self) -> str:
        return str(self.value)
