from enum import StrEnum


class ListApiTokensCount(StrEnum):
    EXACT = "exact"
    NONE = "none"

    def __str__(self) -> str:
        return str(self.value)
