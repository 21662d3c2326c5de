from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.wp_content_acf import WpContentAcf
    from ..models.wp_content_embedded_type_0 import WpContentEmbeddedType0
    from ..models.wp_content_links import WpContentLinks
    from ..models.wp_rendered import WpRendered
    from ..models.wp_rendered_open import WpRenderedOpen


T = TypeVar("T", bound="WpContent")


@_attrs_define
class WpContent:
    """A post, page, resource or event as WordPress answers it. Every member is present unless
    `_fields` leaves it out; the members of one type only (`parent`, `sticky`,
    `categories`, `resource_type`, ...) are absent from the others.

        Attributes:
            field_embedded (None | Unset | WpContentEmbeddedType0): With `_embed`: the author, featured image and terms.
            field_links (WpContentLinks | Unset): Links to related resources (`self`, `author`, `wp:term`, ...).
            acf (WpContentAcf | Unset): Custom field values, as ACF answers them.
            author (int | Unset): The author's WordPress id.
            categories (list[int] | None | Unset): Posts: category WordPress ids.
            comment_status (None | str | Unset): Posts, pages and events: always `closed` (no comments here).
            content (WpRenderedOpen | Unset): `{"rendered": html, "protected": false}`: nothing here is password-protected.
            date (str | Unset): Published, in the site's time zone (`HEADPRESS_SITE_TIMEZONE`), no offset.
            date_gmt (str | Unset): Published, in GMT.
            events_categories (list[int] | None | Unset): Events: event category WordPress ids.
            excerpt (WpRenderedOpen | Unset): `{"rendered": html, "protected": false}`: nothing here is password-protected.
            featured_media (int | Unset): The featured image's WordPress id, 0 for none.
            format_ (None | str | Unset): Posts: always `standard`.
            guid (WpRendered | Unset): `{"rendered": html}`.
            id (int | Unset): The WordPress id: the one it had in WordPress, or 1,000,000,000 and more when it
                was born here.
            link (str | Unset): The item's address on the site.
            menu_order (int | None | Unset): Pages: the place among siblings.
            meta (Any | Unset):
            modified (str | Unset): Last changed, in the site's time zone.
            modified_gmt (str | Unset): Last changed, in GMT.
            parent (int | None | Unset): Pages: the parent page's WordPress id, 0 at the top.
            ping_status (None | str | Unset): Posts, pages and events: always `closed` (no pingbacks here).
            resource_type (list[int] | None | Unset): Resources: resource type WordPress ids.
            slug (str | Unset): The address name.
            status (str | Unset): `publish`, `future` (scheduled), `draft`, `pending`, `private` or `trash`.
            sticky (bool | None | Unset): Posts: pinned to the front page.
            tags (list[int] | None | Unset): Posts, resources and events: tag WordPress ids (events: `post_tag` and
                `events_tags` alike, which are one taxonomy here).
            template (str | Unset): The page template, or empty.
            title (WpRendered | Unset): `{"rendered": html}`.
            type_ (str | Unset): `post`, `page`, `resource` or `ai1ec_event`.
    """

    field_embedded: None | Unset | WpContentEmbeddedType0 = UNSET
    field_links: WpContentLinks | Unset = UNSET
    acf: WpContentAcf | Unset = UNSET
    author: int | Unset = UNSET
    categories: list[int] | None | Unset = UNSET
    comment_status: None | str | Unset = UNSET
    content: WpRenderedOpen | Unset = UNSET
    date: str | Unset = UNSET
    date_gmt: str | Unset = UNSET
    events_categories: list[int] | None | Unset = UNSET
    excerpt: WpRenderedOpen | Unset = UNSET
    featured_media: int | Unset = UNSET
    format_: None | str | Unset = UNSET
    guid: WpRendered | Unset = UNSET
    id: int | Unset = UNSET
    link: str | Unset = UNSET
    menu_order: int | None | Unset = UNSET
    meta: Any | Unset = UNSET
    modified: str | Unset = UNSET
    modified_gmt: str | Unset = UNSET
    parent: int | None | Unset = UNSET
    ping_status: None | str | Unset = UNSET
    resource_type: list[int] | None | Unset = UNSET
    slug: str | Unset = UNSET
    status: str | Unset = UNSET
    sticky: bool | None | Unset = UNSET
    tags: list[int] | None | Unset = UNSET
    template: str | Unset = UNSET
    title: WpRendered | Unset = UNSET
    type_: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.wp_content_embedded_type_0 import WpContentEmbeddedType0  # noqa: PLC0415

        field_embedded: dict[str, Any] | None | Unset
        if isinstance(self.field_embedded, Unset):
            field_embedded = UNSET
        elif isinstance(self.field_embedded, WpContentEmbeddedType0):
            field_embedded = self.field_embedded.to_dict()
        else:
            field_embedded = self.field_embedded

        field_links: dict[str, Any] | Unset = UNSET
        if not isinstance(self.field_links, Unset):
            field_links = self.field_links.to_dict()

        acf: dict[str, Any] | Unset = UNSET
        if not isinstance(self.acf, Unset):
            acf = self.acf.to_dict()

        author = self.author

        categories: list[int] | None | Unset
        if isinstance(self.categories, Unset):
            categories = UNSET
        elif isinstance(self.categories, list):
            categories = self.categories

        else:
            categories = self.categories

        comment_status: None | str | Unset
        if isinstance(self.comment_status, Unset):
            comment_status = UNSET
        else:
            comment_status = self.comment_status

        content: dict[str, Any] | Unset = UNSET
        if not isinstance(self.content, Unset):
            content = self.content.to_dict()

        date = self.date

        date_gmt = self.date_gmt

        events_categories: list[int] | None | Unset
        if isinstance(self.events_categories, Unset):
            events_categories = UNSET
        elif isinstance(self.events_categories, list):
            events_categories = self.events_categories

        else:
            events_categories = self.events_categories

        excerpt: dict[str, Any] | Unset = UNSET
        if not isinstance(self.excerpt, Unset):
            excerpt = self.excerpt.to_dict()

        featured_media = self.featured_media

        format_: None | str | Unset
        if isinstance(self.format_, Unset):
            format_ = UNSET
        else:
            format_ = self.format_

        guid: dict[str, Any] | Unset = UNSET
        if not isinstance(self.guid, Unset):
            guid = self.guid.to_dict()

        id = self.id

        link = self.link

        menu_order: int | None | Unset
        if isinstance(self.menu_order, Unset):
            menu_order = UNSET
        else:
            menu_order = self.menu_order

        meta = self.meta

        modified = self.modified

        modified_gmt = self.modified_gmt

        parent: int | None | Unset
        if isinstance(self.parent, Unset):
            parent = UNSET
        else:
            parent = self.parent

        ping_status: None | str | Unset
        if isinstance(self.ping_status, Unset):
            ping_status = UNSET
        else:
            ping_status = self.ping_status

        resource_type: list[int] | None | Unset
        if isinstance(self.resource_type, Unset):
            resource_type = UNSET
        elif isinstance(self.resource_type, list):
            resource_type = self.resource_type

        else:
            resource_type = self.resource_type

        slug = self.slug

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

        template = self.template

        title: dict[str, Any] | Unset = UNSET
        if not isinstance(self.title, Unset):
            title = self.title.to_dict()

        type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if field_embedded is not UNSET:
            field_dict["_embedded"] = field_embedded
        if field_links is not UNSET:
            field_dict["_links"] = field_links
        if acf is not UNSET:
            field_dict["acf"] = acf
        if author is not UNSET:
            field_dict["author"] = author
        if categories is not UNSET:
            field_dict["categories"] = categories
        if comment_status is not UNSET:
            field_dict["comment_status"] = comment_status
        if content is not UNSET:
            field_dict["content"] = content
        if date is not UNSET:
            field_dict["date"] = date
        if date_gmt is not UNSET:
            field_dict["date_gmt"] = date_gmt
        if events_categories is not UNSET:
            field_dict["events_categories"] = events_categories
        if excerpt is not UNSET:
            field_dict["excerpt"] = excerpt
        if featured_media is not UNSET:
            field_dict["featured_media"] = featured_media
        if format_ is not UNSET:
            field_dict["format"] = format_
        if guid is not UNSET:
            field_dict["guid"] = guid
        if id is not UNSET:
            field_dict["id"] = id
        if link is not UNSET:
            field_dict["link"] = link
        if menu_order is not UNSET:
            field_dict["menu_order"] = menu_order
        if meta is not UNSET:
            field_dict["meta"] = meta
        if modified is not UNSET:
            field_dict["modified"] = modified
        if modified_gmt is not UNSET:
            field_dict["modified_gmt"] = modified_gmt
        if parent is not UNSET:
            field_dict["parent"] = parent
        if ping_status is not UNSET:
            field_dict["ping_status"] = ping_status
        if resource_type is not UNSET:
            field_dict["resource_type"] = resource_type
        if slug is not UNSET:
            field_dict["slug"] = slug
        if status is not UNSET:
            field_dict["status"] = status
        if sticky is not UNSET:
            field_dict["sticky"] = sticky
        if tags is not UNSET:
            field_dict["tags"] = tags
        if template is not UNSET:
            field_dict["template"] = template
        if title is not UNSET:
            field_dict["title"] = title
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.wp_content_acf import WpContentAcf  # noqa: PLC0415
        from ..models.wp_content_embedded_type_0 import WpContentEmbeddedType0  # noqa: PLC0415
        from ..models.wp_content_links import WpContentLinks  # noqa: PLC0415
        from ..models.wp_rendered import WpRendered  # noqa: PLC0415
        from ..models.wp_rendered_open import WpRenderedOpen  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_field_embedded(data: object) -> None | Unset | WpContentEmbeddedType0:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                field_embedded_type_0 = WpContentEmbeddedType0.from_dict(data)

                return field_embedded_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | WpContentEmbeddedType0, data)

        field_embedded = _parse_field_embedded(d.pop("_embedded", UNSET))

        _field_links = d.pop("_links", UNSET)
        field_links: WpContentLinks | Unset
        if isinstance(_field_links, Unset):
            field_links = UNSET
        else:
            field_links = WpContentLinks.from_dict(_field_links)

        _acf = d.pop("acf", UNSET)
        acf: WpContentAcf | Unset
        if isinstance(_acf, Unset):
            acf = UNSET
        else:
            acf = WpContentAcf.from_dict(_acf)

        author = d.pop("author", UNSET)

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

        def _parse_comment_status(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        comment_status = _parse_comment_status(d.pop("comment_status", UNSET))

        _content = d.pop("content", UNSET)
        content: WpRenderedOpen | Unset
        if isinstance(_content, Unset):
            content = UNSET
        else:
            content = WpRenderedOpen.from_dict(_content)

        date = d.pop("date", UNSET)

        date_gmt = d.pop("date_gmt", UNSET)

        def _parse_events_categories(data: object) -> list[int] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                events_categories_type_0 = cast(list[int], data)

                return events_categories_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[int] | None | Unset, data)

        events_categories = _parse_events_categories(d.pop("events_categories", UNSET))

        _excerpt = d.pop("excerpt", UNSET)
        excerpt: WpRenderedOpen | Unset
        if isinstance(_excerpt, Unset):
            excerpt = UNSET
        else:
            excerpt = WpRenderedOpen.from_dict(_excerpt)

        featured_media = d.pop("featured_media", UNSET)

        def _parse_format_(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        format_ = _parse_format_(d.pop("format", UNSET))

        _guid = d.pop("guid", UNSET)
        guid: WpRendered | Unset
        if isinstance(_guid, Unset):
            guid = UNSET
        else:
            guid = WpRendered.from_dict(_guid)

        id = d.pop("id", UNSET)

        link = d.pop("link", UNSET)

        def _parse_menu_order(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        menu_order = _parse_menu_order(d.pop("menu_order", UNSET))

        meta = d.pop("meta", UNSET)

        modified = d.pop("modified", UNSET)

        modified_gmt = d.pop("modified_gmt", UNSET)

        def _parse_parent(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        parent = _parse_parent(d.pop("parent", UNSET))

        def _parse_ping_status(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        ping_status = _parse_ping_status(d.pop("ping_status", UNSET))

        def _parse_resource_type(data: object) -> list[int] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                resource_type_type_0 = cast(list[int], data)

                return resource_type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[int] | None | Unset, data)

        resource_type = _parse_resource_type(d.pop("resource_type", UNSET))

        slug = d.pop("slug", UNSET)

        status = d.pop("status", UNSET)

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

        template = d.pop("template", UNSET)

        _title = d.pop("title", UNSET)
        title: WpRendered | Unset
        if isinstance(_title, Unset):
            title = UNSET
        else:
            title = WpRendered.from_dict(_title)

        type_ = d.pop("type", UNSET)

        wp_content = cls(
            field_embedded=field_embedded,
            field_links=field_links,
            acf=acf,
            author=author,
            categories=categories,
            comment_status=comment_status,
            content=content,
            date=date,
            date_gmt=date_gmt,
            events_categories=events_categories,
            excerpt=excerpt,
            featured_media=featured_media,
            format_=format_,
            guid=guid,
            id=id,
            link=link,
            menu_order=menu_order,
            meta=meta,
            modified=modified,
            modified_gmt=modified_gmt,
            parent=parent,
            ping_status=ping_status,
            resource_type=resource_type,
            slug=slug,
            status=status,
            sticky=sticky,
            tags=tags,
            template=template,
            title=title,
            type_=type_,
        )

        wp_content.additional_properties = d
        return wp_content

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
