from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.item_summary import ItemSummary
    from ..models.media_response import MediaResponse


T = TypeVar("T", bound="FieldsEmbedded")


@_attrs_define
class FieldsEmbedded:
    """The items and media an item's custom fields point to.

    Attributes:
        items (list[ItemSummary]): The content items `relation` fields point to.
        media (list[MediaResponse]): The files `media` fields point to.
    """

    items: list[ItemSummary]
    media: list[MediaResponse]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        media = []
        for media_item_data in self.media:
            media_item = media_item_data.to_dict()
            media.append(media_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "items": items,
                "media": media,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.item_summary import ItemSummary  # noqa: PLC0415
        from ..models.media_response import MediaResponse  # noqa: PLC0415

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = ItemSummary.from_dict(items_item_data)

            items.append(items_item)

        media = []
        _media = d.pop("media")
        for media_item_data in _media:
            media_item = MediaResponse.from_dict(media_item_data)

            media.append(media_item)

        fields_embedded = cls(
            items=items,
            media=media,
        )

        fields_embedded.additional_properties = d
        return fields_embedded

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
