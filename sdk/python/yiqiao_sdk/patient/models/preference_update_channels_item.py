from enum import StrEnum


class PreferenceUpdateChannelsItem(StrEnum):
    PUSH = "push"
    SMS = "sms"
    WECHAT = "wechat"

    def __str__(self) -> str:
        return str(self.value)
