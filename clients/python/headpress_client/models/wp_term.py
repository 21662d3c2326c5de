from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.wp_term_links import WpTermLinks


T = TypeVar("T", bound="WpTerm")


@_attrs_define
class WpTerm:
    """A term as WordPress answers it.

    Attributes:
        field_links (WpTermLinks | Unset): Links to related resources (`self`, `collection`, `about`).
        count (int | Unset): Public items with the term.
        description (str | Unset): The description.
        id (int | Unset): The WordPress id: the one it had in WordPress, or 1,000,000,000 and more when it was made
            here.
        link (str | Unset): The term's archive address on the site.
        meta (list[Any] | Unset): Always empty.
        name (str | Unset): The name, HTML-escaped as WordPress answers it.
        parent (int | Unset): The parent term's WordPress id, 0 at the top.
        slug (str | Unset): The address name.
        taxonomy (str | Unset): `category`, `post_tag` or `resource_type`.
    """

    field_links: WpTermLinks | Unset = UNSET
    count: int | Unset = UNSET
    description: str | Unset = UNSET
    id: int | Unset = UNSET
    link: str | Unset = UNSET
    meta: list[Any] | Unset = UNSET
    name: str | Unset = UNSET
    parent: int | Unset = UNSET
    slug: str | Unset = UNSET
    taxonomy: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_links: dict[str, Any] | Unset = UNSET
        if not isinstance(self.field_links, Unset):
            field_links = self.field_links.to_dict()

        count = self.count

        description = self.description

        id = self.id

        link = self.link

        meta: list[Any] | Unset = UNSET
        if not isinstance(self.meta, Unset):
            meta = self.meta

        name = self.name

        parent = self.parent

        slug = self.slug

        taxonomy = self.taxonomy

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if field_links is not UNSET:
            field_dict["_links"] = field_links
        if count is not UNSET:
            field_dict["count"] = count
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
        if parent is not UNSET:
            field_dict["parent"] = parent
        if slug is not UNSET:
            field_dict["slug"] = slug
        if taxonomy is not UNSET:
            field_dict["taxonomy"] = taxonomy

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.wp_term_links import WpTermLinks  # noqa: PLC0415

        d = dict(src_dict)
        _field_links = d.pop("_links", UNSET)
        field_links: WpTermLinks | Unset
        if isinstance(_field_links, Unset):
            field_links = UNSET
        else:
            field_links = WpTermLinks.from_dict(_field_links)

        count = d.pop("count", UNSET)

        description = d.pop("description", UNSET)

        id = d.pop("id", UNSET)

        link = d.pop("link", UNSET)

        meta = cast(list[Any], d.pop("meta", UNSET))

        name = d.pop("name", UNSET)

        parent = d.pop("parent", UNSET)

        slug = d.pop("slug", UNSET)

        taxonomy = d.pop("taxonomy", UNSET)

        wp_term = cls(
            field_links=field_links,
            count=count,
            description=description,
            id=id,
            link=link,
            meta=meta,
            name=name,
            parent=parent,
            slug=slug,
            taxonomy=taxonomy,
        )

        wp_term.additional_properties = d
        return wp_term

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
