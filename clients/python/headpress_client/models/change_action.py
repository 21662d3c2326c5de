from enum import StrEnum


class ChangeAction(StrEnum):
    CREATED = "created"
    DELETED = "deleted"
    PUBLISHED = "published"
    RESTORED = "restored"
    TRASHED = "trashed"
    UNPUBLISHED = "unpublished"
    UPDATED = "updated"

    def __str__(self) -> str:
        return str(self.value)
