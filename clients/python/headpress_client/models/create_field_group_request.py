from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.field_def import FieldDef
    from ..models.location import Location


T = TypeVar("T", bound="CreateFieldGroupRequest")


@_attrs_define
class CreateFieldGroupRequest:
    """A new field group.

    Attributes:
        fields (list[FieldDef]): The group's fields, in order; each definition is checked (422 naming it, as
            `fields[2].choices`).
        key (str): A stable name for the group, unique among groups (409 when taken).
        location (Location): Where a group applies: to items of these kinds, optionally only to those with one of
            the listed terms or page templates. Every narrowing that is set must match.
        title (str): A name for editors.
        active (bool | None | Unset): Whether the group applies. Default: `true`.
        position (int | None | Unset): Order among groups, lowest first; the first group to define a field name wins.
            Default: 0.
    """

    fields: list[FieldDef]
    key: str
    location: Location
    title: str
    active: bool | None | Unset = UNSET
    position: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        fields = []
        for fields_item_data in self.fields:
            fields_item = fields_item_data.to_dict()
            fields.append(fields_item)

        key = self.key

        location = self.location.to_dict()

        title = self.title

        active: bool | None | Unset
        if isinstance(self.active, Unset):
            active = UNSET
        else:
            active = self.active

        position: int | None | Unset
        if isinstance(self.position, Unset):
            position = UNSET
        else:
            position = self.position

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "fields": fields,
                "key": key,
                "location": location,
                "title": title,
            }
        )
        if active is not UNSET:
            field_dict["active"] = active
        if position is not UNSET:
            field_dict["position"] = position

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.field_def import FieldDef  # noqa: PLC0415
        from ..models.location import Location  # noqa: PLC0415

        d = dict(src_dict)
        fields = []
        _fields = d.pop("fields")
        for fields_item_data in _fields:
            fields_item = FieldDef.from_dict(fields_item_data)

            fields.append(fields_item)

        key = d.pop("key")

        location = Location.from_dict(d.pop("location"))

        title = d.pop("title")

        def _parse_active(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        active = _parse_active(d.pop("active", UNSET))

        def _parse_position(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        position = _parse_position(d.pop("position", UNSET))

        create_field_group_request = cls(
            fields=fields,
            key=key,
            location=location,
            title=title,
            active=active,
            position=position,
        )

        return create_field_group_request
