from enum import StrEnum


class KioskMeasurementPeripheral(StrEnum):
    BP_CUFF = "bp_cuff"
    GLUCOMETER = "glucometer"
    OTHER = "other"
    PULSE_OXIMETER = "pulse_oximeter"
    SCALE = "scale"
    THERMOMETER = "thermometer"

    def __str__(self) -> str:
        return str(self.value)
