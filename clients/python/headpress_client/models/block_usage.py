from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.status import Status

T = TypeVar("T", bound="BlockUsage")


@_attrs_define
class BlockUsage:
    """An item that uses a reusable block.

    Attributes:
        id (int): The item's id.
        slug (str): The item's slug.
        status (Status): Where an item is in its life: `draft` (being written), `pending` (waiting for
            review), `published` (public once its `published_at` has come; a future date
            schedules it), `private` (only editors, admins and its author see it) or `trash`
            (deleted, can be restored by changing the status). Only `published` items whose
            date has come reach anonymous readers.
        title (str): The item's title.
        type_ (str): Its collection: `posts`, `pages`, `resources`, `events` or `blocks`.
        updated_at (datetime.datetime): When the item last changed.
    """

    id: int
    slug: str
    status: Status
    title: str
    type_: str
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        slug = self.slug

        status = self.status.value

        title = self.title

        type_ = self.type_

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "slug": slug,
                "status": status,
                "title": title,
                "type": type_,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        slug = d.pop("slug")

        status = Status(d.pop("status"))

        title = d.pop("title")

        type_ = d.pop("type")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        block_usage = cls(
            id=id,
            slug=slug,
            status=status,
            title=title,
            type_=type_,
            updated_at=updated_at,
        )

        block_usage.additional_properties = d
        return block_usage

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
