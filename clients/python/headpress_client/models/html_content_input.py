from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="HtmlContentInput")


@_attrs_define
class HtmlContentInput:
    """A body as markup: WordPress's block serialization, or plain HTML.

    Attributes:
        html (str): Block markup or plain HTML.
    """

    html: str

    def to_dict(self) -> dict[str, Any]:
        html = self.html

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "html": html,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        html = d.pop("html")

        html_content_input = cls(
            html=html,
        )

        return html_content_input
