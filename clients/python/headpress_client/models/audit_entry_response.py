from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.audit_action import AuditAction
from ..types import UNSET, Unset

T = TypeVar("T", bound="AuditEntryResponse")


@_attrs_define
class AuditEntryResponse:
    """One entry of the audit log.

    Attributes:
        action (AuditAction): What happened: `sign_in`, `sign_in_failed`, `user_created`, `user_changed`,
            `user_deleted`, `tokens_revoked`, `partner_created`, `partner_changed`,
            `partner_deleted`, `content_deleted` (for good), `media_deleted` (for good),
            `term_deleted`, `field_group_deleted`, `api_token_created`, `api_token_deleted`,
            `webhook_created`, `webhook_changed` or `webhook_deleted`.
        actor (str): The username of who did it, as it was then (empty when nobody was signed in; for a
            sign-in, the username tried).
        address (str): The client's address (the forwarded one behind a trusted proxy).
        at (datetime.datetime): When it happened (UTC).
        detail (str): What changed, in words (never a password or a key).
        id (int): Entries are numbered in the order they were written.
        actor_id (int | None | Unset): Who did it: a user id, or null when nobody was signed in (a failed sign-in).
        target_id (int | None | Unset): The id of what it was done to.
        target_type (None | str | Unset): What it was done to: `user`, `partner`, `media`, `field_group`, a term's
            taxonomy
            (`tag`, `category`, ...) or a kind of content (`post`, `page`, ...); null when
            nothing in particular.
    """

    action: AuditAction
    actor: str
    address: str
    at: datetime.datetime
    detail: str
    id: int
    actor_id: int | None | Unset = UNSET
    target_id: int | None | Unset = UNSET
    target_type: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action = self.action.value

        actor = self.actor

        address = self.address

        at = self.at.isoformat()

        detail = self.detail

        id = self.id

        actor_id: int | None | Unset
        if isinstance(self.actor_id, Unset):
            actor_id = UNSET
        else:
            actor_id = self.actor_id

        target_id: int | None | Unset
        if isinstance(self.target_id, Unset):
            target_id = UNSET
        else:
            target_id = self.target_id

        target_type: None | str | Unset
        if isinstance(self.target_type, Unset):
            target_type = UNSET
        else:
            target_type = self.target_type

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action": action,
                "actor": actor,
                "address": address,
                "at": at,
                "detail": detail,
                "id": id,
            }
        )
        if actor_id is not UNSET:
            field_dict["actor_id"] = actor_id
        if target_id is not UNSET:
            field_dict["target_id"] = target_id
        if target_type is not UNSET:
            field_dict["target_type"] = target_type

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        action = AuditAction(d.pop("action"))

        actor = d.pop("actor")

        address = d.pop("address")

        at = datetime.datetime.fromisoformat(d.pop("at"))

        detail = d.pop("detail")

        id = d.pop("id")

        def _parse_actor_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        actor_id = _parse_actor_id(d.pop("actor_id", UNSET))

        def _parse_target_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        target_id = _parse_target_id(d.pop("target_id", UNSET))

        def _parse_target_type(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        target_type = _parse_target_type(d.pop("target_type", UNSET))

        audit_entry_response = cls(
            action=action,
            actor=actor,
            address=address,
            at=at,
            detail=detail,
            id=id,
            actor_id=actor_id,
            target_id=target_id,
            target_type=target_type,
        )

        audit_entry_response.additional_properties = d
        return audit_entry_response

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
