from enum import StrEnum


class ProfileViewRelationship(StrEnum):
    CHILD = "child"
    OTHER = "other"
    PARENT = "parent"
    SELF = "self"
    SPOUSE = "spouse"

    def __str__(self) -> str:
        return str(self.value)
