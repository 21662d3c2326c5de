from enum import StrEnum


class ListEventOccurrencesCount(StrEnum):
    EXACT = "exact"
    NONE = "none"

    def __str__(self) -> str:
        return str(self.value)
