from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    AUTHOR = "author"
    EDITOR = "editor"

    def __str__(self) -> str:
        return str(self.value)
