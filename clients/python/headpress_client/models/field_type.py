from enum import StrEnum


class FieldType(StrEnum):
    BOOLEAN = "boolean"
    CHECKBOX = "checkbox"
    DATE = "date"
    DATETIME = "datetime"
    EMAIL = "email"
    GROUP = "group"
    LINK = "link"
    MEDIA = "media"
    NUMBER = "number"
    RELATION = "relation"
    REPEATER = "repeater"
    RICH_TEXT = "rich_text"
    SELECT = "select"
    TEXT = "text"
    TEXTAREA = "textarea"
    TIME = "time"
    URL = "url"

    def __str__(self) -> str:
        return str(self.value)
