from enum import StrEnum


class Scope(StrEnum):
    READDRAFTS = "read:drafts"
    WRITEBLOCKS = "write:blocks"
    WRITEEVENTS = "write:events"
    WRITEMEDIA = "write:media"
    WRITEPAGES = "write:pages"
    WRITEPOSTS = "write:posts"
    WRITERESOURCES = "write:resources"
    WRITETERMS = "write:terms"

    def __str__(self) -> str:
        return str(self.value)
