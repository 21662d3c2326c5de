from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CreatedWebhookResponse")


@_attrs_define
class CreatedWebhookResponse:
    """A new webhook, with its signing secret: shown this once only.

    Attributes:
        created_at (datetime.datetime): When it was made (UTC).
        description (str): What it is for.
        enabled (bool): Whether deliveries are sent. A webhook whose delivery failed every attempt is
            disabled, and says why in `disabled_reason`; enabling it again sends what waits.
        events (list[str]): The events it receives: `kind.action` (`post.published`), `kind.*`, `*.action` or
            `*`. Kinds: `post`, `page`, `resource`, `event`, `block`, the terms `tag`,
            `category`, `resource_type`, `event_category`, and `media`; actions: `created`,
            `updated`, `published`, `unpublished`, `trashed`, `restored`, `deleted`.
        id (int): The subscription's id.
        include_drafts (bool): Whether it hears of changes only editors see (drafts), with their content. When
            false, it hears what anonymous readers could learn, as the change feed tells them.
        updated_at (datetime.datetime): When it was last changed (UTC).
        url (str): Where deliveries are POSTed.
        secret (str): The Standard Webhooks secret (`whsec_...`) receivers verify `webhook-signature`
            with. Keep it: it is not shown again.
        disabled_reason (None | str | Unset): Why it was disabled by the server, if it was.
    """

    created_at: datetime.datetime
    description: str
    enabled: bool
    events: list[str]
    id: int
    include_drafts: bool
    updated_at: datetime.datetime
    url: str
    secret: str
    disabled_reason: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        description = self.description

        enabled = self.enabled

        events = self.events

        id = self.id

        include_drafts = self.include_drafts

        updated_at = self.updated_at.isoformat()

        url = self.url

        secret = self.secret

        disabled_reason: None | str | Unset
        if isinstance(self.disabled_reason, Unset):
            disabled_reason = UNSET
        else:
            disabled_reason = self.disabled_reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "description": description,
                "enabled": enabled,
                "events": events,
                "id": id,
                "include_drafts": include_drafts,
                "updated_at": updated_at,
                "url": url,
                "secret": secret,
            }
        )
        if disabled_reason is not UNSET:
            field_dict["disabled_reason"] = disabled_reason

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        description = d.pop("description")

        enabled = d.pop("enabled")

        events = cast(list[str], d.pop("events"))

        id = d.pop("id")

        include_drafts = d.pop("include_drafts")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        url = d.pop("url")

        secret = d.pop("secret")

        def _parse_disabled_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        disabled_reason = _parse_disabled_reason(d.pop("disabled_reason", UNSET))

        created_webhook_response = cls(
            created_at=created_at,
            description=description,
            enabled=enabled,
            events=events,
            id=id,
            include_drafts=include_drafts,
            updated_at=updated_at,
            url=url,
            secret=secret,
            disabled_reason=disabled_reason,
        )

        created_webhook_response.additional_properties = d
        return created_webhook_response

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
