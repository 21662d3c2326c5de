from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="DetachRequest")


@_attrs_define
class DetachRequest:
    """Which item to detach.

    Attributes:
        collection (str): Its collection: `posts`, `pages`, `resources`, `events` or `blocks`.
        id (int): Its id here.
    """

    collection: str
    id: int

    def to_dict(self) -> dict[str, Any]:
        collection = self.collection

        id = self.id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "collection": collection,
                "id": id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        collection = d.pop("collection")

        id = d.pop("id")

        detach_request = cls(
            collection=collection,
            id=id,
        )

        return detach_request
