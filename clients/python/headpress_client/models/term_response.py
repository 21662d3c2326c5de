from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.term_response_count_by_kind import TermResponseCountByKind


T = TypeVar("T", bound="TermResponse")


@_attrs_define
class TermResponse:
    """A term of a taxonomy (tag, category, ...).

    Attributes:
        count (int): Items an anonymous reader can see with this term (published, date come).
        count_by_kind (TermResponseCountByKind): `count` split by kind of content, by collection name (`posts`, ...);
            kinds with none
            are left out.
        description (str): A longer text about the term, or empty.
        id (int): The term's id.
        name (str): The name shown to readers.
        slug (str): The address name, unique within the taxonomy; list filters (`tag`, `category`, ...)
            take it.
        parent (int | None | Unset): The parent term, or null at the top (always null for tags).
    """

    count: int
    count_by_kind: TermResponseCountByKind
    description: str
    id: int
    name: str
    slug: str
    parent: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        count = self.count

        count_by_kind = self.count_by_kind.to_dict()

        description = self.description

        id = self.id

        name = self.name

        slug = self.slug

        parent: int | None | Unset
        if isinstance(self.parent, Unset):
            parent = UNSET
        else:
            parent = self.parent

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "count": count,
                "count_by_kind": count_by_kind,
                "description": description,
                "id": id,
                "name": name,
                "slug": slug,
            }
        )
        if parent is not UNSET:
            field_dict["parent"] = parent

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.term_response_count_by_kind import TermResponseCountByKind  # noqa: PLC0415

        d = dict(src_dict)
        count = d.pop("count")

        count_by_kind = TermResponseCountByKind.from_dict(d.pop("count_by_kind"))

        description = d.pop("description")

        id = d.pop("id")

        name = d.pop("name")

        slug = d.pop("slug")

        def _parse_parent(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        parent = _parse_parent(d.pop("parent", UNSET))

        term_response = cls(
            count=count,
            count_by_kind=count_by_kind,
            description=description,
            id=id,
            name=name,
            slug=slug,
            parent=parent,
        )

        term_response.additional_properties = d
        return term_response

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
