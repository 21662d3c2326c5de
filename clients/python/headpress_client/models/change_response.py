from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.change_action import ChangeAction
from ..models.change_kind import ChangeKind

T = TypeVar("T", bound="ChangeResponse")


@_attrs_define
class ChangeResponse:
    """One change of a content item, a term or a media file.

    Attributes:
        action (ChangeAction): What happened to an item. The same words name webhook events.
        at (datetime.datetime): When the change was made (UTC); for a scheduled item, when its time came.
        id (int): The item's, term's or file's id (read it at `/api/v1/{collection}/{id}`).
        kind (ChangeKind): What a change is about: a kind of content, or a taxonomy's term.
        public (bool): Whether anonymous readers see the item after this change: a mirror of public content
            keeps the item when true, drops it when false.
        slug (str): The item's slug after the change (before it, for `deleted`); a file's name.
    """

    action: ChangeAction
    at: datetime.datetime
    id: int
    kind: ChangeKind
    public: bool
    slug: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action = self.action.value

        at = self.at.isoformat()

        id = self.id

        kind = self.kind.value

        public = self.public

        slug = self.slug

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action": action,
                "at": at,
                "id": id,
                "kind": kind,
                "public": public,
                "slug": slug,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        action = ChangeAction(d.pop("action"))

        at = datetime.datetime.fromisoformat(d.pop("at"))

        id = d.pop("id")

        kind = ChangeKind(d.pop("kind"))

        public = d.pop("public")

        slug = d.pop("slug")

        change_response = cls(
            action=action,
            at=at,
            id=id,
            kind=kind,
            public=public,
            slug=slug,
        )

        change_response.additional_properties = d
        return change_response

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
