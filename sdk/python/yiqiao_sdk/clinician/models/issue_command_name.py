from enum import StrEnum


class IssueCommandName(StrEnum):
    MEASURE_NOW = "measure_now"
    SET_INTERVAL = "set_interval"

    def __str__(self) -> str:
        return str(self.value)
