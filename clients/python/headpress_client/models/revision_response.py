from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.status import Status
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.content_response import ContentResponse


T = TypeVar("T", bound="RevisionResponse")


@_attrs_define
class RevisionResponse:
    """A revision of an item: its shared members as one write left them.

    Attributes:
        content (ContentResponse): An item's body: rendered HTML and its structured form.
        created_at (datetime.datetime): When the change was made.
        excerpt (str): The item's excerpt after the change.
        id (int): The revision's id (revisions are numbered across every item).
        parent (int): The item this is a revision of.
        published_at (datetime.datetime): The item's `published_at` after the change.
        slug (str): The item's slug after the change.
        status (Status): Where an item is in its life: `draft` (being written), `pending` (waiting for
            review), `published` (public once its `published_at` has come; a future date
            schedules it), `private` (only editors, admins and its author see it) or `trash`
            (deleted, can be restored by changing the status). Only `published` items whose
            date has come reach anonymous readers.
        title (str): The item's title after the change.
        author (int | None | Unset): Who made the change (null when that user was deleted).
    """

    content: ContentResponse
    created_at: datetime.datetime
    excerpt: str
    id: int
    parent: int
    published_at: datetime.datetime
    slug: str
    status: Status
    title: str
    author: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        content = self.content.to_dict()

        created_at = self.created_at.isoformat()

        excerpt = self.excerpt

        id = self.id

        parent = self.parent

        published_at = self.published_at.isoformat()

        slug = self.slug

        status = self.status.value

        title = self.title

        author: int | None | Unset
        if isinstance(self.author, Unset):
            author = UNSET
        else:
            author = self.author

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "content": content,
                "created_at": created_at,
                "excerpt": excerpt,
                "id": id,
                "parent": parent,
                "published_at": published_at,
                "slug": slug,
                "status": status,
                "title": title,
            }
        )
        if author is not UNSET:
            field_dict["author"] = author

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.content_response import ContentResponse  # noqa: PLC0415

        d = dict(src_dict)
        content = ContentResponse.from_dict(d.pop("content"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        excerpt = d.pop("excerpt")

        id = d.pop("id")

        parent = d.pop("parent")

        published_at = datetime.datetime.fromisoformat(d.pop("published_at"))

        slug = d.pop("slug")

        status = Status(d.pop("status"))

        title = d.pop("title")

        def _parse_author(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        author = _parse_author(d.pop("author", UNSET))

        revision_response = cls(
            content=content,
            created_at=created_at,
            excerpt=excerpt,
            id=id,
            parent=parent,
            published_at=published_at,
            slug=slug,
            status=status,
            title=title,
            author=author,
        )

        revision_response.additional_properties = d
        return revision_response

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
