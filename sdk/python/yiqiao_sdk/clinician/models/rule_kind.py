from enum import StrEnum


class RuleKind(StrEnum):
    EVENT = "event"
    RATE = "rate"
    SILENT = "silent"
    THRESHOLD = "threshold"
    TIME_TO_EMPTY = "time_to_empty"

    def __str__(self) -> str:
        return str(self.value)
