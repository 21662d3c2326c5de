from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.wp_media_links import WpMediaLinks
    from ..models.wp_media_media_details import WpMediaMediaDetails
    from ..models.wp_rendered import WpRendered


T = TypeVar("T", bound="WpMedia")


@_attrs_define
class WpMedia:
    """A file as WordPress answers an attachment.

    Attributes:
        field_links (WpMediaLinks | Unset): Links to related resources (`self`, `author`, ...).
        alt_text (str | Unset): The alternative text.
        author (int | Unset): The uploader's WordPress id, 0 when unknown.
        caption (WpRendered | Unset): `{"rendered": html}`.
        comment_status (str | Unset): Always `closed`.
        date (str | Unset): Uploaded, in the site's time zone.
        date_gmt (str | Unset): Uploaded, in GMT.
        description (WpRendered | Unset): `{"rendered": html}`.
        featured_media (int | Unset): Always 0.
        guid (WpRendered | Unset): `{"rendered": html}`.
        id (int | Unset): The WordPress id: the one it had in WordPress, or 1,000,000,000 and more when it was uploaded
            here.
        link (str | Unset): The file's address.
        media_details (WpMediaMediaDetails | Unset): `width`, `height`, `file`, `filesize`, `sizes` (none: no resized
            copies here).
        media_type (str | Unset): `image` or `file`.
        meta (list[Any] | Unset): Always empty.
        mime_type (str | Unset): The file's type, as its bytes showed it.
        modified (str | Unset): Last changed, in the site's time zone.
        modified_gmt (str | Unset): Last changed, in GMT.
        ping_status (str | Unset): Always `closed`.
        post (int | None | Unset): Always null.
        slug (str | Unset): The file name without its extension.
        source_url (str | Unset): Where the file is served.
        status (str | Unset): Always `inherit`.
        template (str | Unset): Always empty.
        title (WpRendered | Unset): `{"rendered": html}`.
        type_ (str | Unset): Always `attachment`.
    """

    field_links: WpMediaLinks | Unset = UNSET
    alt_text: str | Unset = UNSET
    author: int | Unset = UNSET
    caption: WpRendered | Unset = UNSET
    comment_status: str | Unset = UNSET
    date: str | Unset = UNSET
    date_gmt: str | Unset = UNSET
    description: WpRendered | Unset = UNSET
    featured_media: int | Unset = UNSET
    guid: WpRendered | Unset = UNSET
    id: int | Unset = UNSET
    link: str | Unset = UNSET
    media_details: WpMediaMediaDetails | Unset = UNSET
    media_type: str | Unset = UNSET
    meta: list[Any] | Unset = UNSET
    mime_type: str | Unset = UNSET
    modified: str | Unset = UNSET
    modified_gmt: str | Unset = UNSET
    ping_status: str | Unset = UNSET
    post: int | None | Unset = UNSET
    slug: str | Unset = UNSET
    source_url: str | Unset = UNSET
    status: str | Unset = UNSET
    template: str | Unset = UNSET
    title: WpRendered | Unset = UNSET
    type_: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_links: dict[str, Any] | Unset = UNSET
        if not isinstance(self.field_links, Unset):
            field_links = self.field_links.to_dict()

        alt_text = self.alt_text

        author = self.author

        caption: dict[str, Any] | Unset = UNSET
        if not isinstance(self.caption, Unset):
            caption = self.caption.to_dict()

        comment_status = self.comment_status

        date = self.date

        date_gmt = self.date_gmt

        description: dict[str, Any] | Unset = UNSET
        if not isinstance(self.description, Unset):
            description = self.description.to_dict()

        featured_media = self.featured_media

        guid: dict[str, Any] | Unset = UNSET
        if not isinstance(self.guid, Unset):
            guid = self.guid.to_dict()

        id = self.id

        link = self.link

        media_details: dict[str, Any] | Unset = UNSET
        if not isinstance(self.media_details, Unset):
            media_details = self.media_details.to_dict()

        media_type = self.media_type

        meta: list[Any] | Unset = UNSET
        if not isinstance(self.meta, Unset):
            meta = self.meta

        mime_type = self.mime_type

        modified = self.modified

        modified_gmt = self.modified_gmt

        ping_status = self.ping_status

        post: int | None | Unset
        if isinstance(self.post, Unset):
            post = UNSET
        else:
            post = self.post

        slug = self.slug

        source_url = self.source_url

        status = self.status

        template = self.template

        title: dict[str, Any] | Unset = UNSET
        if not isinstance(self.title, Unset):
            title = self.title.to_dict()

        type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if field_links is not UNSET:
            field_dict["_links"] = field_links
        if alt_text is not UNSET:
            field_dict["alt_text"] = alt_text
        if author is not UNSET:
            field_dict["author"] = author
        if caption is not UNSET:
            field_dict["caption"] = caption
        if comment_status is not UNSET:
            field_dict["comment_status"] = comment_status
        if date is not UNSET:
            field_dict["date"] = date
        if date_gmt is not UNSET:
            field_dict["date_gmt"] = date_gmt
        if description is not UNSET:
            field_dict["description"] = description
        if featured_media is not UNSET:
            field_dict["featured_media"] = featured_media
        if guid is not UNSET:
            field_dict["guid"] = guid
        if id is not UNSET:
            field_dict["id"] = id
        if link is not UNSET:
            field_dict["link"] = link
        if media_details is not UNSET:
            field_dict["media_details"] = media_details
        if media_type is not UNSET:
            field_dict["media_type"] = media_type
        if meta is not UNSET:
            field_dict["meta"] = meta
        if mime_type is not UNSET:
            field_dict["mime_type"] = mime_type
        if modified is not UNSET:
            field_dict["modified"] = modified
        if modified_gmt is not UNSET:
            field_dict["modified_gmt"] = modified_gmt
        if ping_status is not UNSET:
            field_dict["ping_status"] = ping_status
        if post is not UNSET:
            field_dict["post"] = post
        if slug is not UNSET:
            field_dict["slug"] = slug
        if source_url is not UNSET:
            field_dict["source_url"] = source_url
        if status is not UNSET:
            field_dict["status"] = status
        if template is not UNSET:
            field_dict["template"] = template
        if title is not UNSET:
            field_dict["title"] = title
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.wp_media_links import WpMediaLinks  # noqa: PLC0415
        from ..models.wp_media_media_details import WpMediaMediaDetails  # noqa: PLC0415
        from ..models.wp_rendered import WpRendered  # noqa: PLC0415

        d = dict(src_dict)
        _field_links = d.pop("_links", UNSET)
        field_links: WpMediaLinks | Unset
        if isinstance(_field_links, Unset):
            field_links = UNSET
        else:
            field_links = WpMediaLinks.from_dict(_field_links)

        alt_text = d.pop("alt_text", UNSET)

        author = d.pop("author", UNSET)

        _caption = d.pop("caption", UNSET)
        caption: WpRendered | Unset
        if isinstance(_caption, Unset):
            caption = UNSET
        else:
            caption = WpRendered.from_dict(_caption)

        comment_status = d.pop("comment_status", UNSET)

        date = d.pop("date", UNSET)

        date_gmt = d.pop("date_gmt", UNSET)

        _description = d.pop("description", UNSET)
        description: WpRendered | Unset
        if isinstance(_description, Unset):
            description = UNSET
        else:
            description = WpRendered.from_dict(_description)

        featured_media = d.pop("featured_media", UNSET)

        _guid = d.pop("guid", UNSET)
        guid: WpRendered | Unset
        if isinstance(_guid, Unset):
            guid = UNSET
        else:
            guid = WpRendered.from_dict(_guid)

        id = d.pop("id", UNSET)

        link = d.pop("link", UNSET)

        _media_details = d.pop("media_details", UNSET)
        media_details: WpMediaMediaDetails | Unset
        if isinstance(_media_details, Unset):
            media_details = UNSET
        else:
            media_details = WpMediaMediaDetails.from_dict(_media_details)

        media_type = d.pop("media_type", UNSET)

        meta = cast(list[Any], d.pop("meta", UNSET))

        mime_type = d.pop("mime_type", UNSET)

        modified = d.pop("modified", UNSET)

        modified_gmt = d.pop("modified_gmt", UNSET)

        ping_status = d.pop("ping_status", UNSET)

        def _parse_post(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        post = _parse_post(d.pop("post", UNSET))

        slug = d.pop("slug", UNSET)

        source_url = d.pop("source_url", UNSET)

        status = d.pop("status", UNSET)

        template = d.pop("template", UNSET)

        _title = d.pop("title", UNSET)
        title: WpRendered | Unset
        if isinstance(_title, Unset):
            title = UNSET
        else:
            title = WpRendered.from_dict(_title)

        type_ = d.pop("type", UNSET)

        wp_media = cls(
            field_links=field_links,
            alt_text=alt_text,
            author=author,
            caption=caption,
            comment_status=comment_status,
            date=date,
            date_gmt=date_gmt,
            description=description,
            featured_media=featured_media,
            guid=guid,
            id=id,
            link=link,
            media_details=media_details,
            media_type=media_type,
            meta=meta,
            mime_type=mime_type,
            modified=modified,
            modified_gmt=modified_gmt,
            ping_status=ping_status,
            post=post,
            slug=slug,
            source_url=source_url,
            status=status,
            template=template,
            title=title,
            type_=type_,
        )

        wp_media.additional_properties = d
        return wp_media

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
