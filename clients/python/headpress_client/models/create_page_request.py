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
    from ..models.page_fields_create import PageFieldsCreate


T = TypeVar("T", bound="CreatePageRequest")


@_attrs_define
class CreatePageRequest:
    """A new page. `slug` comes from the title when missing.

    Attributes:
        title (str): The title, plain text (trimmed).
        author (int | None | Unset): The author's user id. Default: you; only editors and admins may name someone
            else.
        content (BlocksContentInput | HtmlContentInput | None | Unset):
        excerpt (None | str | Unset): A short plain-text summary (markup is stripped). Default: the first 55
            words of the content.
        featured_media (int | None | Unset): The featured image's media id. Default: none.
        fields (None | PageFieldsCreate | Unset):
        menu_order (int | None | Unset): Position among siblings, lowest first. Default: 0.
        parent (int | None | Unset): The parent page's id. Default: none, the page is at the top of the tree.
        published_at (datetime.datetime | None | Unset): When the item is (or will be) public (RFC 3339); a future date
            with
            `status: published` schedules it. Default: now.
        slug (None | str | Unset): The address name, unique within the kind: lower-case letters, digits and
            hyphens. Default: made from the title (`-2`, `-3`, ... added when taken).
        status (None | Status | Unset):
        template (None | str | Unset): A free name a frontend can switch on, trimmed. Default: empty (the default
            template).
    """

    title: str
    author: int | None | Unset = UNSET
    content: BlocksContentInput | HtmlContentInput | None | Unset = UNSET
    excerpt: None | str | Unset = UNSET
    featured_media: int | None | Unset = UNSET
    fields: None | PageFieldsCreate | Unset = UNSET
    menu_order: int | None | Unset = UNSET
    parent: int | None | Unset = UNSET
    published_at: datetime.datetime | None | Unset = UNSET
    slug: None | str | Unset = UNSET
    status: None | Status | Unset = UNSET
    template: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.blocks_content_input import BlocksContentInput  # noqa: PLC0415
        from ..models.html_content_input import HtmlContentInput  # noqa: PLC0415
        from ..models.page_fields_create import PageFieldsCreate  # noqa: PLC0415

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
        elif isinstance(self.fields, PageFieldsCreate):
            fields = self.fields.to_dict()
        else:
            fields = self.fields

        menu_order: int | None | Unset
        if isinstance(self.menu_order, Unset):
            menu_order = UNSET
        else:
            menu_order = self.menu_order

        parent: int | None | Unset
        if isinstance(self.parent, Unset):
            parent = UNSET
        else:
            parent = self.parent

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

        template: None | str | Unset
        if isinstance(self.template, Unset):
            template = UNSET
        else:
            template = self.template

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "title": title,
            }
        )
        if author is not UNSET:
            field_dict["author"] = author
        if content is not UNSET:
            field_dict["content"] = content
        if excerpt is not UNSET:
            field_dict["excerpt"] = excerpt
        if featured_media is not UNSET:
            field_dict["featured_media"] = featured_media
        if fields is not UNSET:
            field_dict["fields"] = fields
        if menu_order is not UNSET:
            field_dict["menu_order"] = menu_order
        if parent is not UNSET:
            field_dict["parent"] = parent
        if published_at is not UNSET:
            field_dict["published_at"] = published_at
        if slug is not UNSET:
            field_dict["slug"] = slug
        if status is not UNSET:
            field_dict["status"] = status
        if template is not UNSET:
            field_dict["template"] = template

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.blocks_content_input import BlocksContentInput  # noqa: PLC0415
        from ..models.html_content_input import HtmlContentInput  # noqa: PLC0415
        from ..models.page_fields_create import PageFieldsCreate  # noqa: PLC0415

        d = dict(src_dict)
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

        def _parse_fields(data: object) -> None | PageFieldsCreate | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                fields_type_0 = PageFieldsCreate.from_dict(data)

                return fields_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PageFieldsCreate | Unset, data)

        fields = _parse_fields(d.pop("fields", UNSET))

        def _parse_menu_order(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        menu_order = _parse_menu_order(d.pop("menu_order", UNSET))

        def _parse_parent(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        parent = _parse_parent(d.pop("parent", UNSET))

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

        def _parse_template(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        template = _parse_template(d.pop("template", UNSET))

        create_page_request = cls(
            title=title,
            author=author,
            content=content,
            excerpt=excerpt,
            featured_media=featured_media,
            fields=fields,
            menu_order=menu_order,
            parent=parent,
            published_at=published_at,
            slug=slug,
            status=status,
            template=template,
        )

        return create_page_request
