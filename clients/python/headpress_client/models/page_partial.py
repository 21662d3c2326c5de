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
    from ..models.embedded import Embedded
    from ..models.page_fields import PageFields


T = TypeVar("T", bound="PagePartial")


@_attrs_define
class PagePartial:
    """What an answer to a request with `fields` holds of a `PageResponse`: only the members named in `fields` (each as in
    `PageResponse`), the others left out.

        Attributes:
            author (int | Unset): The author's user id.
            content (ContentResponse | Unset): An item's body: rendered HTML and its structured form.
            created_at (datetime.datetime | Unset): When the item was created.
            excerpt (str | Unset): A short plain-text summary: the one written, or the first 55 words of the content.
            id (int | Unset): The item's id, unique across every kind of content.
            link (None | str | Unset): The item's public address on the site (`HEADPRESS_SITE_URL` and the kind's link
                pattern); null for reusable blocks, which have no page of their own.
            oembed_url (None | str | Unset): The oEmbed endpoint for `link` (posts, resources and events), for the discovery
                `<link rel="alternate" type="application/json+oembed">` tag.
            published_at (datetime.datetime | Unset): When the item is (or will be) public: a `published` item with a future
                date is
                scheduled and hidden from anonymous readers until then.
            slug (str | Unset): The address name, unique within the kind (`my-post`); lists filter on it with `slug`.
            status (Status | Unset): Where an item is in its life: `draft` (being written), `pending` (waiting for
                review), `published` (public once its `published_at` has come; a future date
                schedules it), `private` (only editors, admins and its author see it) or `trash`
                (deleted, can be restored by changing the status). Only `published` items whose
                date has come reach anonymous readers.
            title (str | Unset): The title, plain text.
            updated_at (datetime.datetime | Unset): When the item last changed.
            embedded (Embedded | None | Unset):
            featured_media (int | None | Unset): The featured image's media id, or null.
            fields (PageFields | Unset): A page's custom field values. Members are the custom fields of the site's field
                groups; the site's document (`/api/v1/openapi.json?fields=site`) types each of them.
            menu_order (int | Unset): Position among siblings, lowest first.
            parent (int | None | Unset): The parent page, or null at the top of the tree.
            path (str | Unset): The slugs from the top of the tree down, `about/team` (read-only).
            template (str | Unset): A free name a frontend can switch on (empty: the default template).
    """

    author: int | Unset = UNSET
    content: ContentResponse | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    excerpt: str | Unset = UNSET
    id: int | Unset = UNSET
    link: None | str | Unset = UNSET
    oembed_url: None | str | Unset = UNSET
    published_at: datetime.datetime | Unset = UNSET
    slug: str | Unset = UNSET
    status: Status | Unset = UNSET
    title: str | Unset = UNSET
    updated_at: datetime.datetime | Unset = UNSET
    embedded: Embedded | None | Unset = UNSET
    featured_media: int | None | Unset = UNSET
    fields: PageFields | Unset = UNSET
    menu_order: int | Unset = UNSET
    parent: int | None | Unset = UNSET
    path: str | Unset = UNSET
    template: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.embedded import Embedded  # noqa: PLC0415

        author = self.author

        content: dict[str, Any] | Unset = UNSET
        if not isinstance(self.content, Unset):
            content = self.content.to_dict()

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        excerpt = self.excerpt

        id = self.id

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

        published_at: str | Unset = UNSET
        if not isinstance(self.published_at, Unset):
            published_at = self.published_at.isoformat()

        slug = self.slug

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        title = self.title

        updated_at: str | Unset = UNSET
        if not isinstance(self.updated_at, Unset):
            updated_at = self.updated_at.isoformat()

        embedded: dict[str, Any] | None | Unset
        if isinstance(self.embedded, Unset):
            embedded = UNSET
        elif isinstance(self.embedded, Embedded):
            embedded = self.embedded.to_dict()
        else:
            embedded = self.embedded

        featured_media: int | None | Unset
        if isinstance(self.featured_media, Unset):
            featured_media = UNSET
        else:
            featured_media = self.featured_media

        fields: dict[str, Any] | Unset = UNSET
        if not isinstance(self.fields, Unset):
            fields = self.fields.to_dict()

        menu_order = self.menu_order

        parent: int | None | Unset
        if isinstance(self.parent, Unset):
            parent = UNSET
        else:
            parent = self.parent

        path = self.path

        template = self.template

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if author is not UNSET:
            field_dict["author"] = author
        if content is not UNSET:
            field_dict["content"] = content
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if excerpt is not UNSET:
            field_dict["excerpt"] = excerpt
        if id is not UNSET:
            field_dict["id"] = id
        if link is not UNSET:
            field_dict["link"] = link
        if oembed_url is not UNSET:
            field_dict["oembed_url"] = oembed_url
        if published_at is not UNSET:
            field_dict["published_at"] = published_at
        if slug is not UNSET:
            field_dict["slug"] = slug
        if status is not UNSET:
            field_dict["status"] = status
        if title is not UNSET:
            field_dict["title"] = title
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at
        if embedded is not UNSET:
            field_dict["embedded"] = embedded
        if featured_media is not UNSET:
            field_dict["featured_media"] = featured_media
        if fields is not UNSET:
            field_dict["fields"] = fields
        if menu_order is not UNSET:
            field_dict["menu_order"] = menu_order
        if parent is not UNSET:
            field_dict["parent"] = parent
        if path is not UNSET:
            field_dict["path"] = path
        if template is not UNSET:
            field_dict["template"] = template

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.content_response import ContentResponse  # noqa: PLC0415
        from ..models.embedded import Embedded  # noqa: PLC0415
        from ..models.page_fields import PageFields  # noqa: PLC0415

        d = dict(src_dict)
        author = d.pop("author", UNSET)

        _content = d.pop("content", UNSET)
        content: ContentResponse | Unset
        if isinstance(_content, Unset):
            content = UNSET
        else:
            content = ContentResponse.from_dict(_content)

        _created_at = d.pop("created_at", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)

        excerpt = d.pop("excerpt", UNSET)

        id = d.pop("id", UNSET)

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

        _published_at = d.pop("published_at", UNSET)
        published_at: datetime.datetime | Unset
        if isinstance(_published_at, Unset):
            published_at = UNSET
        else:
            published_at = datetime.datetime.fromisoformat(_published_at)

        slug = d.pop("slug", UNSET)

        _status = d.pop("status", UNSET)
        status: Status | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = Status(_status)

        title = d.pop("title", UNSET)

        _updated_at = d.pop("updated_at", UNSET)
        updated_at: datetime.datetime | Unset
        if isinstance(_updated_at, Unset):
            updated_at = UNSET
        else:
            updated_at = datetime.datetime.fromisoformat(_updated_at)

        def _parse_embedded(data: object) -> Embedded | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                embedded_type_0 = Embedded.from_dict(data)

                return embedded_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Embedded | None | Unset, data)

        embedded = _parse_embedded(d.pop("embedded", UNSET))

        def _parse_featured_media(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        featured_media = _parse_featured_media(d.pop("featured_media", UNSET))

        _fields = d.pop("fields", UNSET)
        fields: PageFields | Unset
        if isinstance(_fields, Unset):
            fields = UNSET
        else:
            fields = PageFields.from_dict(_fields)

        menu_order = d.pop("menu_order", UNSET)

        def _parse_parent(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        parent = _parse_parent(d.pop("parent", UNSET))

        path = d.pop("path", UNSET)

        template = d.pop("template", UNSET)

        page_partial = cls(
            author=author,
            content=content,
            created_at=created_at,
            excerpt=excerpt,
            id=id,
            link=link,
            oembed_url=oembed_url,
            published_at=published_at,
            slug=slug,
            status=status,
            title=title,
            updated_at=updated_at,
            embedded=embedded,
            featured_media=featured_media,
            fields=fields,
            menu_order=menu_order,
            parent=parent,
            path=path,
            template=template,
        )

        page_partial.additional_properties = d
        return page_partial

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
