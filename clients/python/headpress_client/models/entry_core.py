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


T = TypeVar("T", bound="EntryCore")


@_attrs_define
class EntryCore:
    """The members every content item has, whatever its kind.

    Attributes:
        author (int): The author's user id.
        content (ContentResponse): An item's body: rendered HTML and its structured form.
        created_at (datetime.datetime): When the item was created.
        excerpt (str): A short plain-text summary: the one written, or the first 55 words of the content.
        id (int): The item's id, unique across every kind of content.
        published_at (datetime.datetime): When the item is (or will be) public: a `published` item with a future date is
            scheduled and hidden from anonymous readers until then.
        slug (str): The address name, unique within the kind (`my-post`); lists filter on it with `slug`.
        status (Status): Where an item is in its life: `draft` (being written), `pending` (waiting for
            review), `published` (public once its `published_at` has come; a future date
            schedules it), `private` (only editors, admins and its author see it) or `trash`
            (deleted, can be restored by changing the status). Only `published` items whose
            date has come reach anonymous readers.
        title (str): The title, plain text.
        updated_at (datetime.datetime): When the item last changed.
        link (None | str | Unset): The item's public address on the site (`HEADPRESS_SITE_URL` and the kind's link
            pattern); null for reusable blocks, which have no page of their own.
        oembed_url (None | str | Unset): The oEmbed endpoint for `link` (posts, resources and events), for the discovery
            `<link rel="alternate" type="application/json+oembed">` tag.
    """

    author: int
    content: ContentResponse
    created_at: datetime.datetime
    excerpt: str
    id: int
    published_at: datetime.datetime
    slug: str
    status: Status
    title: str
    updated_at: datetime.datetime
    link: None | str | Unset = UNSET
    oembed_url: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        author = self.author

        content = self.content.to_dict()

        created_at = self.created_at.isoformat()

        excerpt = self.excerpt

        id = self.id

        published_at = self.published_at.isoformat()

        slug = self.slug

        status = self.status.value

        title = self.title

        updated_at = self.updated_at.isoformat()

        link: None | str | Unset
        if isinstance(self.link, Unset):
            link = UNSET
        else:
            link = self.link

        oembed_url: None | str | Unset
        if isinstance(self.oembed_url, Unset):
            oembed_url = UNSET
        else:
            oembed_url = self.oembed_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "author": author,
                "content": content,
                "created_at": created_at,
                "excerpt": excerpt,
                "id": id,
                "published_at": published_at,
                "slug": slug,
                "status": status,
                "title": title,
                "updated_at": updated_at,
            }
        )
        if link is not UNSET:
            field_dict["link"] = link
        if oembed_url is not UNSET:
            field_dict["oembed_url"] = oembed_url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.content_response import ContentResponse  # noqa: PLC0415

        d = dict(src_dict)
        author = d.pop("author")

        content = ContentResponse.from_dict(d.pop("content"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        excerpt = d.pop("excerpt")

        id = d.pop("id")

        published_at = datetime.datetime.fromisoformat(d.pop("published_at"))

        slug = d.pop("slug")

        status = Status(d.pop("status"))

        title = d.pop("title")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_link(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        link = _parse_link(d.pop("link", UNSET))

        def _parse_oembed_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        oembed_url = _parse_oembed_url(d.pop("oembed_url", UNSET))

        entry_core = cls(
            author=author,
            content=content,
            created_at=created_at,
            excerpt=excerpt,
            id=id,
            published_at=published_at,
            slug=slug,
            status=status,
            title=title,
            updated_at=updated_at,
            link=link,
            oembed_url=oembed_url,
        )

        entry_core.additional_properties = d
        return entry_core

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
