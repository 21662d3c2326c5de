from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.change_response import ChangeResponse
    from ..models.changes_meta import ChangesMeta


T = TypeVar("T", bound="ChangesPage")


@_attrs_define
class ChangesPage:
    """A page of the change feed, oldest first.

    Attributes:
        data (list[ChangeResponse]): The changes, oldest first.
        meta (ChangesMeta): Where the feed stands.
    """

    data: list[ChangeResponse]
    meta: ChangesMeta
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = []
        for data_item_data in self.data:
            data_item = data_item_data.to_dict()
            data.append(data_item)

        meta = self.meta.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
                "meta": meta,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.change_response import ChangeResponse  # noqa: PLC0415
        from ..models.changes_meta import ChangesMeta  # noqa: PLC0415

        d = dict(src_dict)
        data = []
        _data = d.pop("data")
        for data_item_data in _data:
            data_item = ChangeResponse.from_dict(data_item_data)

            data.append(data_item)

        meta = ChangesMeta.from_dict(d.pop("meta"))

        changes_page = cls(
            data=data,
            meta=meta,
        )

        changes_page.additional_properties = d
        return changes_page

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
