from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.item_kind import ItemKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="CreatePreviewRequest")


@_attrs_define
class CreatePreviewRequest:
    """What a preview link is made for.

    Attributes:
        item_id (int): The item's id.
        kind (ItemKind): A kind of content.
        expires_in (int | None | Unset): How long it holds, in seconds: 60 to 604800 (a week), 3600 when left out.
    """

    item_id: int
    kind: ItemKind
    expires_in: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        item_id = self.item_id

        kind = self.kind.value

        expires_in: int | None | Unset
        if isinstance(self.expires_in, Unset):
            expires_in = UNSET
        else:
            expires_in = self.expires_in

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "item_id": item_id,
                "kind": kind,
            }
        )
        if expires_in is not UNSET:
            field_dict["expires_in"] = expires_in

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        item_id = d.pop("item_id")

        kind = ItemKind(d.pop("kind"))

        def _parse_expires_in(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        expires_in = _parse_expires_in(d.pop("expires_in", UNSET))

        create_preview_request = cls(
            item_id=item_id,
            kind=kind,
            expires_in=expires_in,
        )

        return create_preview_request
