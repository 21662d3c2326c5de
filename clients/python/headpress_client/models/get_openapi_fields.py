from enum import StrEnum


class GetOpenapiFields(StrEnum):
    SITE = "site"

    def __str__(self) -> str:
        return str(self.value)
