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


T = TypeVar("T", bound="UpdateBlockRequest")


@_attrs_define
class UpdateBlockRequest:
    """Changes to a reusable block: members left out stay as they are.

    Attributes:
        author (int | None | Unset): The author's user id (only editors and admins may name someone else).
        content (BlocksContentInput | HtmlContentInput | None | Unset):
        published_at (datetime.datetime | None | Unset): When the item is (or will be) public (RFC 3339); a future date
            with
            `status: published` schedules it.
        slug (None | str | Unset): The address name, unique within the kind: lower-case letters, digits and
            hyphens.
        status (None | Status | Unset):
        title (None | str | Unset): The title, plain text (trimmed).
    """

    author: int | None | Unset = UNSET
    content: BlocksContentInput | HtmlContentInput | None | Unset = UNSET
    published_at: datetime.datetime | None | Unset = UNSET
    slug: None | str | Unset = UNSET
    status: None | Status | Unset = UNSET
    title: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.blocks_content_input import BlocksContentInput  # noqa: PLC0415
        from ..models.html_content_input import HtmlContentInput  # noqa: PLC0415

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

        title: None | str | Unset
        if isinstance(self.title, Unset):
            title = UNSET
        else:
            title = self.title

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if author is not UNSET:
            field_dict["author"] = author
        if content is not UNSET:
            field_dict["content"] = content
        if published_at is not UNSET:
            field_dict["published_at"] = published_at
        if slug is not UNSET:
            field_dict["slug"] = slug
        if status is not UNSET:
            field_dict["status"] = status
        if title is not UNSET:
            field_dict["title"] = title

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.blocks_content_input import BlocksContentInput  # noqa: PLC0415
        from ..models.html_content_input import HtmlContentInput  # noqa: PLC0415

        d = dict(src_dict)

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

        def _parse_title(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        title = _parse_title(d.pop("title", UNSET))

        update_block_request = cls(
            author=author,
            content=content,
            published_at=published_at,
            slug=slug,
            status=status,
            title=title,
        )

        return update_block_request
