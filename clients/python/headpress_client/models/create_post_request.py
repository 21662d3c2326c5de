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
    from ..models.post_fields_create import PostFieldsCreate


T = TypeVar("T", bound="CreatePostRequest")


@_attrs_define
class CreatePostRequest:
    """A new post. `slug` is generated from the title when missing; `excerpt` is derived
    from the content when empty; a future `published_at` schedules a published post.

        Attributes:
            title (str): The title, plain text (trimmed).
            author (int | None | Unset): The author's user id. Default: you; only editors and admins may name someone
                else.
            categories (list[int] | None | Unset): Category ids. Default: none.
            content (BlocksContentInput | HtmlContentInput | None | Unset):
            excerpt (None | str | Unset): A short plain-text summary (markup is stripped). Default: the first 55
                words of the content.
            featured_media (int | None | Unset): The featured image's media id. Default: none.
            fields (None | PostFieldsCreate | Unset):
            published_at (datetime.datetime | None | Unset): When the item is (or will be) public (RFC 3339); a future date
                with
                `status: published` schedules it. Default: now.
            slug (None | str | Unset): The address name, unique within the kind: lower-case letters, digits and
                hyphens. Default: made from the title (`-2`, `-3`, ... added when taken).
            status (None | Status | Unset):
            sticky (bool | None | Unset): Pin to the top of the front page. Default: `false`.
            tags (list[int] | None | Unset): Tag ids. Default: none.
    """

    title: str
    author: int | None | Unset = UNSET
    categories: list[int] | None | Unset = UNSET
    content: BlocksContentInput | HtmlContentInput | None | Unset = UNSET
    excerpt: None | str | Unset = UNSET
    featured_media: int | None | Unset = UNSET
    fields: None | PostFieldsCreate | Unset = UNSET
    published_at: datetime.datetime | None | Unset = UNSET
    slug: None | str | Unset = UNSET
    status: None | Status | Unset = UNSET
    sticky: bool | None | Unset = UNSET
    tags: list[int] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.blocks_content_input import BlocksContentInput  # noqa: PLC0415
        from ..models.html_content_input import HtmlContentInput  # noqa: PLC0415
        from ..models.post_fields_create import PostFieldsCreate  # noqa: PLC0415

        title = self.title

        author: int | None | Unset
        if isinstance(self.author, Unset):
            author = UNSET
        else:
            author = self.author

        categories: list[int] | None | Unset
        if isinstance(self.categories, Unset):
            categories = UNSET
        elif isinstance(self.categories, list):
            categories = self.categories

        else:
            categories = self.categories

        content: dict[str, Any] | None | Unset
        if isinstance(self.content, Unset):
            content = UNSET
        elif isinstance(self.content, HtmlContentInput):
            content = self.content.to_dict()
        elif isinstance(self.content, BlocksContentInput):
            content = self.content.to_dict()
        else:
            content = self.content

        excerpt: None | str | Unset
        if isinstance(self.excerpt, Unset):
            excerpt = UNSET
        else:
            excerpt = self.excerpt

        featured_media: int | None | Unset
        if isinstance(self.featured_media, Unset):
            featured_media = UNSET
        else:
            featured_media = self.featured_media

        fields: dict[str, Any] | None | Unset
        if isinstance(self.fields, Unset):
            fields = UNSET
        elif isinstance(self.fields, PostFieldsCreate):
            fields = self.fields.to_dict()
        else:
            fields = self.fields

        published_at: None | str | Unset
        if isinstance(self.published_at, Unset):
            published_at = UNSET
        elif isinstance(self.published_at, datetime.datetime):
            published_at = self.published_at.isoformat()
        else:
            published_at = self.published_at

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

        sticky: bool | None | Unset
        if isinstance(self.sticky, Unset):
            sticky = UNSET
        else:
            sticky = self.sticky

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
                "title": title,
            }
        )
        if author is not UNSET:
            field_dict["author"] = author
        if categories is not UNSET:
            field_dict["categories"] = categories
        if content is not UNSET:
            field_dict["content"] = content
        if excerpt is not UNSET:
            field_dict["excerpt"] = excerpt
        if featured_media is not UNSET:
            field_dict["featured_media"] = featured_media
        if fields is not UNSET:
            field_dict["fields"] = fields
        if published_at is not UNSET:
            field_dict["published_at"] = published_at
        if slug is not UNSET:
            field_dict["slug"] = slug
        if status is not UNSET:
            field_dict["status"] = status
        if sticky is not UNSET:
            field_dict["sticky"] = sticky
        if tags is not UNSET:
            field_dict["tags"] = tags

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.blocks_content_input import BlocksContentInput  # noqa: PLC0415
        from ..models.html_content_input import HtmlContentInput  # noqa: PLC0415
        from ..models.post_fields_create import PostFieldsCreate  # noqa: PLC0415

        d = dict(src_dict)
        title = d.pop("title")

        def _parse_author(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        author = _parse_author(d.pop("author", UNSET))

        def _parse_categories(data: object) -> list[int] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                categories_type_0 = cast(list[int], data)

                return categories_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[int] | None | Unset, data)

        categories = _parse_categories(d.pop("categories", UNSET))

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

        def _parse_excerpt(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        excerpt = _parse_excerpt(d.pop("excerpt", UNSET))

        def _parse_featured_media(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        featured_media = _parse_featured_media(d.pop("featured_media", UNSET))

        def _parse_fields(data: object) -> None | PostFieldsCreate | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                fields_type_0 = PostFieldsCreate.from_dict(data)

                return fields_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PostFieldsCreate | Unset, data)

        fields = _parse_fields(d.pop("fields", UNSET))

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

        def _parse_sticky(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        sticky = _parse_sticky(d.pop("sticky", UNSET))

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

        create_post_request = cls(
            title=title,
            author=author,
            categories=categories,
            content=content,
            excerpt=excerpt,
            featured_media=featured_media,
            fields=fields,
            published_at=published_at,
            slug=slug,
            status=status,
            sticky=sticky,
            tags=tags,
        )

        return create_post_request
