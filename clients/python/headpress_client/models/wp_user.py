from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.wp_user_avatar_urls import WpUserAvatarUrls
    from ..models.wp_user_links import WpUserLinks


T = TypeVar("T", bound="WpUser")


@_attrs_define
class WpUser:
    """The public face of a user, as WordPress answers it.

    Attributes:
        field_links (WpUserLinks | Unset): Links to related resources (`self`, `collection`).
        avatar_urls (WpUserAvatarUrls | Unset): Always empty: no avatars here.
        description (str | Unset): Always empty: no biographies here.
        id (int | Unset): The WordPress id: the one they had in WordPress, or 1,000,000,000 and more when made here.
        link (str | Unset): The author's archive address on the site.
        meta (list[Any] | Unset): Always empty.
        name (str | Unset): The display name.
        slug (str | Unset): The address name.
        url (str | Unset): Always empty: no personal sites here.
    """

    field_links: WpUserLinks | Unset = UNSET
    avatar_urls: WpUserAvatarUrls | Unset = UNSET
    description: str | Unset = UNSET
    id: int | Unset = UNSET
    link: str | Unset = UNSET
    meta: list[Any] | Unset = UNSET
    name: str | Unset = UNSET
    slug: str | Unset = UNSET
    url: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_links: dict[str, Any] | Unset = UNSET
        if not isinstance(self.field_links, Unset):
            field_links = self.field_links.to_dict()

        avatar_urls: dict[str, Any] | Unset = UNSET
        if not isinstance(self.avatar_urls, Unset):
            avatar_urls = self.avatar_urls.to_dict()

        description = self.description

        id = self.id

        link = self.link

        meta: list[Any] | Unset = UNSET
        if not isinstance(self.meta, Unset):
            meta = self.meta

        name = self.name

        slug = self.slug

        url = self.url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if field_links is not UNSET:
            field_dict["_links"] = field_links
        if avatar_urls is not UNSET:
            field_dict["avatar_urls"] = avatar_urls
        if description is not UNSET:
            field_dict["description"] = description
        if id is not UNSET:
            field_dict["id"] = id
        if link is not UNSET:
            field_dict["link"] = link
        if meta is not UNSET:
            field_dict["meta"] = meta
        if name is not UNSET:
            field_dict["name"] = name
        if slug is not UNSET:
            field_dict["slug"] = slug
        if url is not UNSET:
            field_dict["url"] = url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.wp_user_avatar_urls import WpUserAvatarUrls  # noqa: PLC0415
        from ..models.wp_user_links import WpUserLinks  # noqa: PLC0415

        d = dict(src_dict)
        _field_links = d.pop("_links", UNSET)
        field_links: WpUserLinks | Unset
        if isinstance(_field_links, Unset):
            field_links = UNSET
        else:
            field_links = WpUserLinks.from_dict(_field_links)

        _avatar_urls = d.pop("avatar_urls", UNSET)
        avatar_urls: WpUserAvatarUrls | Unset
        if isinstance(_avatar_urls, Unset):
            avatar_urls = UNSET
        else:
            avatar_urls = WpUserAvatarUrls.from_dict(_avatar_urls)

        description = d.pop("description", UNSET)

        id = d.pop("id", UNSET)

        link = d.pop("link", UNSET)

        meta = cast(list[Any], d.pop("meta", UNSET))

        name = d.pop("name", UNSET)

        slug = d.pop("slug", UNSET)

        url = d.pop("url", UNSET)

        wp_user = cls(
            field_links=field_links,
            avatar_urls=avatar_urls,
            description=description,
            id=id,
            link=link,
            meta=meta,
            name=name,
            slug=slug,
            url=url,
        )

        wp_user.additional_properties = d
        return wp_user

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
