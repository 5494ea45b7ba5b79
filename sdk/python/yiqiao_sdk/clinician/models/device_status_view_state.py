from enum import StrEnum


class DeviceStatusViewState(StrEnum):
    OFFLINE = "offline"
    ONLINE = "online"
    UNKNOWN = "unknown"

    def __str__(self) -> str:
        return str(self.value)
