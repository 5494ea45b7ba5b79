from enum import StrEnum


class RuleCategory(StrEnum):
    EVENT = "event"
    INFUSION = "infusion"
    PHYSIOLOGICAL = "physiological"
    TECHNICAL = "technical"

    def __str__(self) -> str:
        return str(self.value)
