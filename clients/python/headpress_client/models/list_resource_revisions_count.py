from enum import StrEnum


class ListResourceRevisionsCount(StrEnum):
    EXACT = "exact"
    NONE = "none"

    def __str__(self) -> str:
        return str(self.value)
