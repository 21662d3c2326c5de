from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.status import Status

T = TypeVar("T", bound="ItemSummary")


@_attrs_define
class ItemSummary:
    """A short description of a content item, for embedding.

    Attributes:
        excerpt (str): The item's excerpt, plain text.
        id (int): The item's id.
        published_at (datetime.datetime): When the item is (or will be) public.
        slug (str): The item's slug.
        status (Status): Where an item is in its life: `draft` (being written), `pending` (waiting for
            review), `published` (public once its `published_at` has come; a future date
            schedules it), `private` (only editors, admins and its author see it) or `trash`
            (deleted, can be restored by changing the status). Only `published` items whose
            date has come reach anonymous readers.
        title (str): The item's title.
        type_ (str): Its collection: `posts`, `pages`, `resources`, `events`.
    """

    excerpt: str
    id: int
    published_at: datetime.datetime
    slug: str
    status: Status
    title: str
    type_: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        excerpt = self.excerpt

        id = self.id

        published_at = self.published_at.isoformat()

        slug = self.slug

        status = self.status.value

        title = self.title

        type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "excerpt": excerpt,
                "id": id,
                "published_at": published_at,
                "slug": slug,
                "status": status,
                "title": title,
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        excerpt = d.pop("excerpt")

        id = d.pop("id")

        published_at = datetime.datetime.fromisoformat(d.pop("published_at"))

        slug = d.pop("slug")

        status = Status(d.pop("status"))

        title = d.pop("title")

        type_ = d.pop("type")

        item_summary = cls(
            excerpt=excerpt,
            id=id,
            published_at=published_at,
            slug=slug,
            status=status,
            title=title,
            type_=type_,
        )

        item_summary.additional_properties = d
        return item_summary

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
