from enum import StrEnum


class ExamItemViewKind(StrEnum):
    EXAM = "exam"
    TREATMENT = "treatment"

    def __str__(self) -> str:
        return str(self.value)
