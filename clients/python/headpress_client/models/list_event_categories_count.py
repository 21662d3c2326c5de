from enum import StrEnum


class ListEventCategoriesCount(StrEnum):
    EXACT = "exact"
    NONE = "none"

    def __str__(self) -> str:
        return str(self.value)
