from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.block_attrs import BlockAttrs


T = TypeVar("T", bound="Block")


@_attrs_define
class Block:
    """One block of content.

    Attributes:
        name (str): `namespace/name`, e.g. `core/paragraph`; HTML outside any block is `core/freeform`.
        attrs (BlockAttrs | Unset): The block's attributes (from the comment's JSON). Default {} when absent on input.
        html (str | Unset): The block's own markup, without its inner blocks (WordPress's `innerHTML`). Default "".
        inner_blocks (list[Block] | Unset): Nested blocks. Default [] on input.
        inner_content (list[None | str] | None | Unset): Where inner blocks sit within `html` (WordPress's
            `innerContent`): strings of markup and
            `null` for each inner block in order. Present only when the block has inner blocks.
            Optional on input: without it, inner blocks go before the last closing tag of `html`
            (`<div class="x"></div>` -> inside the div), or after `html` when it has no closing tag.
    """

    name: str
    attrs: BlockAttrs | Unset = UNSET
    html: str | Unset = UNSET
    inner_blocks: list[Block] | Unset = UNSET
    inner_content: list[None | str] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        attrs: dict[str, Any] | Unset = UNSET
        if not isinstance(self.attrs, Unset):
            attrs = self.attrs.to_dict()

        html = self.html

        inner_blocks: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.inner_blocks, Unset):
            inner_blocks = []
            for inner_blocks_item_data in self.inner_blocks:
                inner_blocks_item = inner_blocks_item_data.to_dict()
                inner_blocks.append(inner_blocks_item)

        inner_content: list[None | str] | None | Unset
        if isinstance(self.inner_content, Unset):
            inner_content = UNSET
        elif isinstance(self.inner_content, list):
            inner_content = []
            for inner_content_type_0_item_data in self.inner_content:
                inner_content_type_0_item: None | str
                inner_content_type_0_item = inner_content_type_0_item_data
                inner_content.append(inner_content_type_0_item)

        else:
            inner_content = self.inner_content

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
            }
        )
        if attrs is not UNSET:
            field_dict["attrs"] = attrs
        if html is not UNSET:
            field_dict["html"] = html
        if inner_blocks is not UNSET:
            field_dict["inner_blocks"] = inner_blocks
        if inner_content is not UNSET:
            field_dict["inner_content"] = inner_content

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.block_attrs import BlockAttrs  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        _attrs = d.pop("attrs", UNSET)
        attrs: BlockAttrs | Unset
        if isinstance(_attrs, Unset):
            attrs = UNSET
        else:
            attrs = BlockAttrs.from_dict(_attrs)

        html = d.pop("html", UNSET)

        _inner_blocks = d.pop("inner_blocks", UNSET)
        inner_blocks: list[Block] | Unset = UNSET
        if _inner_blocks is not UNSET:
            inner_blocks = []
            for inner_blocks_item_data in _inner_blocks:
                inner_blocks_item = Block.from_dict(inner_blocks_item_data)

                inner_blocks.append(inner_blocks_item)

        def _parse_inner_content(data: object) -> list[None | str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                inner_content_type_0 = []
                _inner_content_type_0 = data
                for inner_content_type_0_item_data in _inner_content_type_0:

                    def _parse_inner_content_type_0_item(data: object) -> None | str:
                        if data is None:
                            return data
                        return cast(None | str, data)

                    inner_content_type_0_item = _parse_inner_content_type_0_item(inner_content_type_0_item_data)

                    inner_content_type_0.append(inner_content_type_0_item)

                return inner_content_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[None | str] | None | Unset, data)

        inner_content = _parse_inner_content(d.pop("inner_content", UNSET))

        block = cls(
            name=name,
            attrs=attrs,
            html=html,
            inner_blocks=inner_blocks,
            inner_content=inner_content,
        )

        return block
