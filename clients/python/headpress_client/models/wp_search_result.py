from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.wp_search_result_embedded_type_0 import WpSearchResultEmbeddedType0
    from ..models.wp_search_result_links import WpSearchResultLinks


T = TypeVar("T", bound="WpSearchResult")


@_attrs_define
class WpSearchResult:
    """One thing found, as WordPress's search answers it.

    Attributes:
        field_embedded (None | Unset | WpSearchResultEmbeddedType0): With `_embed` (items only): `self`, the item as its
            own route answers it.
        field_links (WpSearchResultLinks | Unset): Links to the thing itself (`self`, embeddable), its type and this
            collection.
        id (int | Unset): The WordPress id of the item or term.
        subtype (None | str | Unset): An item's post type (`post`, `page`, `resource`, `ai1ec_event`); terms have none.
        title (str | Unset): The item's title, or the term's name (HTML-escaped, as WordPress gives it).
        type_ (str | Unset): `post` for an item; a term's taxonomy (`category`, `post_tag`, ...), as WordPress
            answers terms.
        url (str | Unset): Its address on the site.
    """

    field_embedded: None | Unset | WpSearchResultEmbeddedType0 = UNSET
    field_links: WpSearchResultLinks | Unset = UNSET
    id: int | Unset = UNSET
    subtype: None | str | Unset = UNSET
    title: str | Unset = UNSET
    type_: str | Unset = UNSET
    url: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.wp_search_result_embedded_type_0 import WpSearchResultEmbeddedType0  # noqa: PLC0415

        field_embedded: dict[str, Any] | None | Unset
        if isinstance(self.field_embedded, Unset):
            field_embedded = UNSET
        elif isinstance(self.field_embedded, WpSearchResultEmbeddedType0):
            field_embedded = self.field_embedded.to_dict()
        else:
            field_embedded = self.field_embedded

        field_links: dict[str, Any] | Unset = UNSET
        if not isinstance(self.field_links, Unset):
            field_links = self.field_links.to_dict()

        id = self.id

        subtype: None | str | Unset
        if isinstance(self.subtype, Unset):
            subtype = UNSET
        else:
            subtype = self.subtype

        title = self.title

        type_ = self.type_

        url = self.url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if field_embedded is not UNSET:
            field_dict["_embedded"] = field_embedded
        if field_links is not UNSET:
            field_dict["_links"] = field_links
        if id is not UNSET:
            field_dict["id"] = id
        if subtype is not UNSET:
            field_dict["subtype"] = subtype
        if title is not UNSET:
            field_dict["title"] = title
        if type_ is not UNSET:
            field_dict["type"] = type_
        if url is not UNSET:
            field_dict["url"] = url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.wp_search_result_embedded_type_0 import WpSearchResultEmbeddedType0  # noqa: PLC0415
        from ..models.wp_search_result_links import WpSearchResultLinks  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_field_embedded(data: object) -> None | Unset | WpSearchResultEmbeddedType0:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                field_embedded_type_0 = WpSearchResultEmbeddedType0.from_dict(data)

                return field_embedded_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | WpSearchResultEmbeddedType0, data)

        field_embedded = _parse_field_embedded(d.pop("_embedded", UNSET))

        _field_links = d.pop("_links", UNSET)
        field_links: WpSearchResultLinks | Unset
        if isinstance(_field_links, Unset):
            field_links = UNSET
        else:
            field_links = WpSearchResultLinks.from_dict(_field_links)

        id = d.pop("id", UNSET)

        def _parse_subtype(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        subtype = _parse_subtype(d.pop("subtype", UNSET))

        title = d.pop("title", UNSET)

        type_ = d.pop("type", UNSET)

        url = d.pop("url", UNSET)

        wp_search_result = cls(
            field_embedded=field_embedded,
            field_links=field_links,
            id=id,
            subtype=subtype,
            title=title,
            type_=type_,
            url=url,
        )

        wp_search_result.additional_properties = d
        return wp_search_result

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
