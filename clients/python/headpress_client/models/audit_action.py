from enum import StrEnum


class AuditAction(StrEnum):
    API_TOKEN_CREATED = "api_token_created"
    API_TOKEN_DELETED = "api_token_deleted"
    CONTENT_DELETED = "content_deleted"
    CONTENT_DETACHED = "content_detached"
    FIELD_GROUP_DELETED = "field_group_deleted"
    MEDIA_DELETED = "media_deleted"
    PARTNER_CHANGED = "partner_changed"
    PARTNER_CREATED = "partner_created"
    PARTNER_DELETED = "partner_deleted"
    SIGN_IN = "sign_in"
    SIGN_IN_FAILED = "sign_in_failed"
    TERM_DELETED = "term_deleted"
    TOKENS_REVOKED = "tokens_revoked"
    USER_CHANGED = "user_changed"
    USER_CREATED = "user_created"
    USER_DELETED = "user_deleted"
    WEBHOOK_CHANGED = "webhook_changed"
    WEBHOOK_CREATED = "webhook_created"
    WEBHOOK_DELETED = "webhook_deleted"

    def __str__(self) -> str:
        return str(self.value)
