from enum import StrEnum


class ListTagsOrderby(StrEnum):
    ID = "id"
    NAME = "name"
    SLUG = "slug"

    def __str__(self) -> str:
        return str(self.value)
