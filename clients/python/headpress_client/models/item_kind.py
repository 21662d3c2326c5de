from enum import StrEnum


class ItemKind(StrEnum):
    BLOCK = "block"
    EVENT = "event"
    PAGE = "page"
    POST = "post"
    RESOURCE = "resource"

    def __str__(self) -> str:
        return str(self.value)
