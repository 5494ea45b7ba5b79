from enum import StrEnum


class ReconRunViewStatus(StrEnum):
    BALANCED = "balanced"
    FAILED = "failed"
    MISMATCHED = "mismatched"
    RUNNING = "running"

    def __str__(self) -> str:
        return str(self.value)
