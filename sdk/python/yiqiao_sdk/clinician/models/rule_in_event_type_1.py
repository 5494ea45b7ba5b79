from enum import StrEnum


class RuleInEventType1(StrEnum):
    BED_EXIT = "bed_exit"
    CALL_BUTTON = "call_button"
    FALL = "fall"
    INFUSION_COMPLETE = "infusion_complete"
    OCCLUSION = "occlusion"
    SOS = "sos"

    def __str__(self) -> str:
        return str(self.value)
