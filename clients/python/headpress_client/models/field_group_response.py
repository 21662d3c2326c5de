from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.field_def import FieldDef
    from ..models.location import Location


T = TypeVar("T", bound="FieldGroupResponse")


@_attrs_define
class FieldGroupResponse:
    """A field group: typed custom fields that items matching `location` carry in `fields`.

    Attributes:
        active (bool): Inactive groups apply to nothing; their values stay stored.
        created_at (datetime.datetime): When the group was created.
        fields (list[FieldDef]): The group's fields, in order.
        id (int): The group's id.
        key (str): A stable name for the group (imports and deployments refer to it).
        location (Location): Where a group applies: to items of these kinds, optionally only to those with one of
            the listed terms or page templates. Every narrowing that is set must match.
        position (int): Order among groups (lowest first); the first group to define a field name wins.
        title (str): A name for editors.
        updated_at (datetime.datetime): When the group last changed.
    """

    active: bool
    created_at: datetime.datetime
    fields: list[FieldDef]
    id: int
    key: str
    location: Location
    position: int
    title: str
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        active = self.active

        created_at = self.created_at.isoformat()

        fields = []
        for fields_item_data in self.fields:
            fields_item = fields_item_data.to_dict()
            fields.append(fields_item)

        id = self.id

        key = self.key

        location = self.location.to_dict()

        position = self.position

        title = self.title

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "active": active,
                "created_at": created_at,
                "fields": fields,
                "id": id,
                "key": key,
                "location": location,
                "position": position,
                "title": title,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.field_def import FieldDef  # noqa: PLC0415
        from ..models.location import Location  # noqa: PLC0415

        d = dict(src_dict)
        active = d.pop("active")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        fields = []
        _fields = d.pop("fields")
        for fields_item_data in _fields:
            fields_item = FieldDef.from_dict(fields_item_data)

            fields.append(fields_item)

        id = d.pop("id")

        key = d.pop("key")

        location = Location.from_dict(d.pop("location"))

        position = d.pop("position")

        title = d.pop("title")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        field_group_response = cls(
            active=active,
            created_at=created_at,
            fields=fields,
            id=id,
            key=key,
            location=location,
            position=position,
            title=title,
            updated_at=updated_at,
        )

        field_group_response.additional_properties = d
        return field_group_response

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
