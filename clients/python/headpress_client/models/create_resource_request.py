from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.status import Status
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.blocks_content_input import BlocksContentInput
    from ..models.html_content_input import HtmlContentInput
    from ..models.resource_fields_create import ResourceFieldsCreate


T = TypeVar("T", bound="CreateResourceRequest")


@_attrs_define
class CreateResourceRequest:
    """A new resource.

    Attributes:
        resource_types (list[int]): Resource type ids: one or more.
        title (str): The title, plain text (trimmed).
        author (int | None | Unset): The author's user id. Default: you; only editors and admins may name someone
            else.
        content (BlocksContentInput | HtmlContentInput | None | Unset):
        document (int | None | Unset): The downloadable file's media id. Default: none.
        excerpt (None | str | Unset): A short plain-text summary (markup is stripped). Default: the first 55
            words of the content.
        external_url (None | str | Unset): Where to read more: an `http` or `https` URL, or empty. Default: empty.
        featured_media (int | None | Unset): The featured image's media id. Default: none.
        fields (None | ResourceFieldsCreate | Unset):
        language (None | str | Unset): BCP 47 language tag (`en`, `pt-BR`), normalised in case; empty for none.
            Default: empty.
        published_at (datetime.datetime | None | Unset): When the item is (or will be) public (RFC 3339); a future date
            with
            `status: published` schedules it. Default: now.
        publisher (None | str | Unset): Who published the resource. Default: empty.
        slug (None | str | Unset): The address name, unique within the kind: lower-case letters, digits and
            hyphens. Default: made from the title (`-2`, `-3`, ... added when taken).
        status (None | Status | Unset):
        summary (None | str | Unset): A short summary; markup is stripped to plain text. Default: empty.
        tags (list[int] | None | Unset): Tag ids. Default: none.
    """

    resource_types: list[int]
    title: str
    author: int | None | Unset = UNSET
    content: BlocksContentInput | HtmlContentInput | None | Unset = UNSET
    document: int | None | Unset = UNSET
    excerpt: None | str | Unset = UNSET
    external_url: None | str | Unset = UNSET
    featured_media: int | None | Unset = UNSET
    fields: None | ResourceFieldsCreate | Unset = UNSET
    language: None | str | Unset = UNSET
    published_at: datetime.datetime | None | Unset = UNSET
    publisher: None | str | Unset = UNSET
    slug: None | str | Unset = UNSET
    status: None | Status | Unset = UNSET
    summary: None | str | Unset = UNSET
    tags: list[int] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.blocks_content_input import BlocksContentInput  # noqa: PLC0415
        from ..models.html_content_input import HtmlContentInput  # noqa: PLC0415
        from ..models.resource_fields_create import ResourceFieldsCreate  # noqa: PLC0415

        resource_types = self.resource_types

        title = self.title

        author: int | None | Unset
        if isinstance(self.author, Unset):
            author = UNSET
        else:
            author = self.author

        content: dict[str, Any] | None | Unset
        if isinstance(self.content, Unset):
            content = UNSET
        elif isinstance(self.content, HtmlContentInput):
            content = self.content.to_dict()
        elif isinstance(self.content, BlocksContentInput):
            content = self.content.to_dict()
        else:
            content = self.content

        document: int | None | Unset
        if isinstance(self.document, Unset):
            document = UNSET
        else:
            document = self.document

        excerpt: None | str | Unset
        if isinstance(self.excerpt, Unset):
            excerpt = UNSET
        else:
            excerpt = self.excerpt

        external_url: None | str | Unset
        if isinstance(self.external_url, Unset):
            external_url = UNSET
        else:
            external_url = self.external_url

        featured_media: int | None | Unset
        if isinstance(self.featured_media, Unset):
            featured_media = UNSET
        else:
            featured_media = self.featured_media

        fields: dict[str, Any] | None | Unset
        if isinstance(self.fields, Unset):
            fields = UNSET
        elif isinstance(self.fields, ResourceFieldsCreate):
            fields = self.fields.to_dict()
        else:
            fields = self.fields

        language: None | str | Unset
        if isinstance(self.language, Unset):
            language = UNSET
        else:
            language = self.language

        published_at: None | str | Unset
        if isinstance(self.published_at, Unset):
            published_at = UNSET
        elif isinstance(self.published_at, datetime.datetime):
            published_at = self.published_at.isoformat()
        else:
            published_at = self.published_at

        publisher: None | str | Unset
        if isinstance(self.publisher, Unset):
            publisher = UNSET
        else:
            publisher = self.publisher

        slug: None | str | Unset
        if isinstance(self.slug, Unset):
            slug = UNSET
        else:
            slug = self.slug

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, Status):
            status = self.status.value
        else:
            status = self.status

        summary: None | str | Unset
        if isinstance(self.summary, Unset):
            summary = UNSET
        else:
            summary = self.summary

        tags: list[int] | None | Unset
        if isinstance(self.tags, Unset):
            tags = UNSET
        elif isinstance(self.tags, list):
            tags = self.tags

        else:
            tags = self.tags

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "resource_types": resource_types,
                "title": title,
            }
        )
        if author is not UNSET:
            field_dict["author"] = author
        if content is not UNSET:
            field_dict["content"] = content
        if document is not UNSET:
            field_dict["document"] = document
        if excerpt is not UNSET:
            field_dict["excerpt"] = excerpt
        if external_url is not UNSET:
            field_dict["external_url"] = external_url
        if featured_media is not UNSET:
            field_dict["featured_media"] = featured_media
        if fields is not UNSET:
            field_dict["fields"] = fields
        if language is not UNSET:
            field_dict["language"] = language
        if published_at is not UNSET:
            field_dict["published_at"] = published_at
        if publisher is not UNSET:
            field_dict["publisher"] = publisher
        if slug is not UNSET:
            field_dict["slug"] = slug
        if status is not UNSET:
            field_dict["status"] = status
        if summary is not UNSET:
            field_dict["summary"] = summary
        if tags is not UNSET:
            field_dict["tags"] = tags

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.blocks_content_input import BlocksContentInput  # noqa: PLC0415
        from ..models.html_content_input import HtmlContentInput  # noqa: PLC0415
        from ..models.resource_fields_create import ResourceFieldsCreate  # noqa: PLC0415

        d = dict(src_dict)
        resource_types = cast(list[int], d.pop("resource_types"))

        title = d.pop("title")

        def _parse_author(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        author = _parse_author(d.pop("author", UNSET))

        def _parse_content(data: object) -> BlocksContentInput | HtmlContentInput | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_content_input_type_0 = HtmlContentInput.from_dict(data)

                return componentsschemas_content_input_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_content_input_type_1 = BlocksContentInput.from_dict(data)

                return componentsschemas_content_input_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(BlocksContentInput | HtmlContentInput | None | Unset, data)

        content = _parse_content(d.pop("content", UNSET))

        def _parse_document(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        document = _parse_document(d.pop("document", UNSET))

        def _parse_excerpt(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        excerpt = _parse_excerpt(d.pop("excerpt", UNSET))

        def _parse_external_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        external_url = _parse_external_url(d.pop("external_url", UNSET))

        def _parse_featured_media(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        featured_media = _parse_featured_media(d.pop("featured_media", UNSET))

        def _parse_fields(data: object) -> None | ResourceFieldsCreate | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                fields_type_0 = ResourceFieldsCreate.from_dict(data)

                return fields_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ResourceFieldsCreate | Unset, data)

        fields = _parse_fields(d.pop("fields", UNSET))

        def _parse_language(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        language = _parse_language(d.pop("language", UNSET))

        def _parse_published_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                published_at_type_0 = datetime.datetime.fromisoformat(data)

                return published_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        published_at = _parse_published_at(d.pop("published_at", UNSET))

        def _parse_publisher(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        publisher = _parse_publisher(d.pop("publisher", UNSET))

        def _parse_slug(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        slug = _parse_slug(d.pop("slug", UNSET))

        def _parse_status(data: object) -> None | Status | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = Status(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Status | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

        def _parse_summary(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        summary = _parse_summary(d.pop("summary", UNSET))

        def _parse_tags(data: object) -> list[int] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                tags_type_0 = cast(list[int], data)

                return tags_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[int] | None | Unset, data)

        tags = _parse_tags(d.pop("tags", UNSET))

        create_resource_request = cls(
            resource_types=resource_types,
            title=title,
            author=author,
            content=content,
            document=document,
            excerpt=excerpt,
            external_url=external_url,
            featured_media=featured_media,
            fields=fields,
            language=language,
            published_at=published_at,
            publisher=publisher,
            slug=slug,
            status=status,
            summary=summary,
            tags=tags,
        )

        return create_resource_request
