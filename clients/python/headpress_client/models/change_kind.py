from enum import StrEnum


class ChangeKind(StrEnum):
    BLOCK = "block"
    CATEGORY = "category"
    EVENT = "event"
    EVENT_CATEGORY = "event_category"
    MEDIA = "media"
    PAGE = "page"
    POST = "post"
    RESOURCE = "resource"
    RESOURCE_TYPE = "resource_type"
    TAG = "tag"

    def __str__(self) -> str:
        return str(self.value)
