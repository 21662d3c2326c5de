from enum import StrEnum


class FieldCollection(StrEnum):
    EVENTS = "events"
    PAGES = "pages"
    POSTS = "posts"
    RESOURCES = "resources"

    def __str__(self) -> str:
        return str(self.value)
