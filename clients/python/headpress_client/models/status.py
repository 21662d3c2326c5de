from enum import StrEnum


class Status(StrEnum):
    DRAFT = "draft"
    PENDING = "pending"
    PRIVATE = "private"
    PUBLISHED = "published"
    TRASH = "trash"

    def __str__(self) -> str:
        return str(self.value)
