from enum import StrEnum


class ListWebhookDeliveriesCount(StrEnum):
    EXACT = "exact"
    NONE = "none"

    def __str__(self) -> str:
        return str(self.value)
