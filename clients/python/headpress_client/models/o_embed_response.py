from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="OEmbedResponse")


@_attrs_define
class OEmbedResponse:
    """An oEmbed 1.0 `rich` response.

    Attributes:
        author_name (str): The author's name, or empty.
        cache_age (int): Seconds the consumer may keep this answer (`HEADPRESS_CACHE_MAX_AGE`).
        height (int): The iframe's height in pixels.
        html (str): An `<iframe>` of the item's embed card.
        provider_name (str): The site's name (`HEADPRESS_SITE_NAME`).
        provider_url (str): The site's address (`HEADPRESS_SITE_URL`).
        title (str): The item's title.
        type_ (str): Always `rich`.
        version (str): Always `1.0`.
        width (int): The iframe's width in pixels.
        thumbnail_height (int | None | Unset): The featured image's height in pixels, when known.
        thumbnail_url (None | str | Unset): The featured image's URL, when the item has an image; else absent.
        thumbnail_width (int | None | Unset): The featured image's width in pixels, when known.
    """

    author_name: str
    cache_age: int
    height: int
    html: str
    provider_name: str
    provider_url: str
    title: str
    type_: str
    version: str
    width: int
    thumbnail_height: int | None | Unset = UNSET
    thumbnail_url: None | str | Unset = UNSET
    thumbnail_width: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        author_name = self.author_name

        cache_age = self.cache_age

        height = self.height

        html = self.html

        provider_name = self.provider_name

        provider_url = self.provider_url

        title = self.title

        type_ = self.type_

        version = self.version

        width = self.width

        thumbnail_height: int | None | Unset
        if isinstance(self.thumbnail_height, Unset):
            thumbnail_height = UNSET
        else:
            thumbnail_height = self.thumbnail_height

        thumbnail_url: None | str | Unset
        if isinstance(self.thumbnail_url, Unset):
            thumbnail_url = UNSET
        else:
            thumbnail_url = self.thumbnail_url

        thumbnail_width: int | None | Unset
        if isinstance(self.thumbnail_width, Unset):
            thumbnail_width = UNSET
        else:
            thumbnail_width = self.thumbnail_width

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "author_name": author_name,
                "cache_age": cache_age,
                "height": height,
                "html": html,
                "provider_name": provider_name,
                "provider_url": provider_url,
                "title": title,
                "type": type_,
                "version": version,
                "width": width,
            }
        )
        if thumbnail_height is not UNSET:
            field_dict["thumbnail_height"] = thumbnail_height
        if thumbnail_url is not UNSET:
            field_dict["thumbnail_url"] = thumbnail_url
        if thumbnail_width is not UNSET:
            field_dict["thumbnail_width"] = thumbnail_width

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        author_name = d.pop("author_name")

        cache_age = d.pop("cache_age")

        height = d.pop("height")

        html = d.pop("html")

        provider_name = d.pop("provider_name")

        provider_url = d.pop("provider_url")

        title = d.pop("title")

        type_ = d.pop("type")

        version = d.pop("version")

        width = d.pop("width")

        def _parse_thumbnail_height(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        thumbnail_height = _parse_thumbnail_height(d.pop("thumbnail_height", UNSET))

        def _parse_thumbnail_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        thumbnail_url = _parse_thumbnail_url(d.pop("thumbnail_url", UNSET))

        def _parse_thumbnail_width(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        thumbnail_width = _parse_thumbnail_width(d.pop("thumbnail_width", UNSET))

        o_embed_response = cls(
            author_name=author_name,
            cache_age=cache_age,
            height=height,
            html=html,
            provider_name=provider_name,
            provider_url=provider_url,
            title=title,
            type_=type_,
            version=version,
            width=width,
            thumbnail_height=thumbnail_height,
            thumbnail_url=thumbnail_url,
            thumbnail_width=thumbnail_width,
        )

        o_embed_response.additional_properties = d
        return o_embed_response

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
