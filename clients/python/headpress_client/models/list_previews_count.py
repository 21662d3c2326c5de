from enum import StrEnum


class ListPreviewsCount(StrEnum):
    EXACT = "exact"
    NONE = "none"

    def __str__(self) -> str:
        return str(self.value)
