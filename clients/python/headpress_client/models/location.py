from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.field_collection import FieldCollection
from ..types import UNSET, Unset

T = TypeVar("T", bound="Location")


@_attrs_define
class Location:
    """Where a group applies: to items of these kinds, optionally only to those with one of
    the listed terms or page templates. Every narrowing that is set must match.

        Attributes:
            kinds (list[FieldCollection]): Collections the group applies to: `posts`, `pages`, `resources`, `events` (one or
                more).
            categories (list[int] | Unset): Category ids (posts): only items with one of them. Default: no narrowing.
            event_categories (list[int] | Unset): Event category ids (events): only items with one of them. Default: no
                narrowing.
            resource_types (list[int] | Unset): Resource type ids (resources): only items with one of them. Default: no
                narrowing.
            templates (list[str] | Unset): Page templates (pages): only pages with one of them. Default: no narrowing.
    """

    kinds: list[FieldCollection]
    categories: list[int] | Unset = UNSET
    event_categories: list[int] | Unset = UNSET
    resource_types: list[int] | Unset = UNSET
    templates: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        kinds = []
        for kinds_item_data in self.kinds:
            kinds_item = kinds_item_data.value
            kinds.append(kinds_item)

        categories: list[int] | Unset = UNSET
        if not isinstance(self.categories, Unset):
            categories = self.categories

        event_categories: list[int] | Unset = UNSET
        if not isinstance(self.event_categories, Unset):
            event_categories = self.event_categories

        resource_types: list[int] | Unset = UNSET
        if not isinstance(self.resource_types, Unset):
            resource_types = self.resource_types

        templates: list[str] | Unset = UNSET
        if not isinstance(self.templates, Unset):
            templates = self.templates

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "kinds": kinds,
            }
        )
        if categories is not UNSET:
            field_dict["categories"] = categories
        if event_categories is not UNSET:
            field_dict["event_categories"] = event_categories
        if resource_types is not UNSET:
            field_dict["resource_types"] = resource_types
        if templates is not UNSET:
            field_dict["templates"] = templates

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        kinds = []
        _kinds = d.pop("kinds")
        for kinds_item_data in _kinds:
            kinds_item = FieldCollection(kinds_item_data)

            kinds.append(kinds_item)

        categories = cast(list[int], d.pop("categories", UNSET))

        event_categories = cast(list[int], d.pop("event_categories", UNSET))

        resource_types = cast(list[int], d.pop("resource_types", UNSET))

        templates = cast(list[str], d.pop("templates", UNSET))

        location = cls(
            kinds=kinds,
            categories=categories,
            event_categories=event_categories,
            resource_types=resource_types,
            templates=templates,
        )

        return location
