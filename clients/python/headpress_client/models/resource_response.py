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
    from ..models.resource_fields import ResourceFields


T = TypeVar("T", bound="ResourceResponse")


@_attrs_define
class ResourceResponse:
    """A resource of the library.

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
        external_url (str): Where to read more, or empty.
        fields (ResourceFields): A resource's custom field values. Members are the custom fields of the site's field
            groups; the site's document (`/api/v1/openapi.json?fields=site`) types each of them.
        language (str): BCP 47 language tag (`en`, `pt-BR`), or empty.
        publisher (str): Who published the resource, or empty.
        resource_types (list[int]): Resource type ids (one or more).
        summary (str): A short plain-text summary, or empty.
        tags (list[int]): Tag ids.
        link (None | str | Unset): The item's public address on the site (`HEADPRESS_SITE_URL` and the kind's link
            pattern); null for reusable blocks, which have no page of their own.
        oembed_url (None | str | Unset): The oEmbed endpoint for `link` (posts, resources and events), for the discovery
            `<link rel="alternate" type="application/json+oembed">` tag.
        document (int | None | Unset): The downloadable file's media id, or null.
        embedded (Embedded | None | Unset):
        featured_media (int | None | Unset): The featured image's media id, or null.
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
    external_url: str
    fields: ResourceFields
    language: str
    publisher: str
    resource_types: list[int]
    summary: str
    tags: list[int]
    link: None | str | Unset = UNSET
    oembed_url: None | str | Unset = UNSET
    document: int | None | Unset = UNSET
    embedded: Embedded | None | Unset = UNSET
    featured_media: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.embedded import Embedded  # noqa: PLC0415

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

        external_url = self.external_url

        fields = self.fields.to_dict()

        language = self.language

        publisher = self.publisher

        resource_types = self.resource_types

        summary = self.summary

        tags = self.tags

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

        document: int | None | Unset
        if isinstance(self.document, Unset):
            document = UNSET
        else:
            document = self.document

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
                "external_url": external_url,
                "fields": fields,
                "language": language,
                "publisher": publisher,
                "resource_types": resource_types,
                "summary": summary,
                "tags": tags,
            }
        )
        if link is not UNSET:
            field_dict["link"] = link
        if oembed_url is not UNSET:
            field_dict["oembed_url"] = oembed_url
        if document is not UNSET:
            field_dict["document"] = document
        if embedded is not UNSET:
            field_dict["embedded"] = embedded
        if featured_media is not UNSET:
            field_dict["featured_media"] = featured_media

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.content_response import ContentResponse  # noqa: PLC0415
        from ..models.embedded import Embedded  # noqa: PLC0415
        from ..models.resource_fields import ResourceFields  # noqa: PLC0415

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

        external_url = d.pop("external_url")

        fields = ResourceFields.from_dict(d.pop("fields"))

        language = d.pop("language")

        publisher = d.pop("publisher")

        resource_types = cast(list[int], d.pop("resource_types"))

        summary = d.pop("summary")

        tags = cast(list[int], d.pop("tags"))

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

        def _parse_document(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        document = _parse_document(d.pop("document", UNSET))

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

        resource_response = cls(
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
            external_url=external_url,
            fields=fields,
            language=language,
            publisher=publisher,
            resource_types=resource_types,
            summary=summary,
            tags=tags,
            link=link,
            oembed_url=oembed_url,
            document=document,
            embedded=embedded,
            featured_media=featured_media,
        )

        resource_response.additional_properties = d
        return resource_response

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
