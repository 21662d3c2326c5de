from enum import StrEnum


class ChangeKind(StrEnum):
    BLOCK = "block"
    EVENT = "event"
    PAGE = "page"
    POST = "post"
    RESOURCE = "resource"

    def __str__(self) -> str:
        return str(self.value)
