from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="Choice")


@_attrs_define
class Choice:
    """One option of a select or checkbox field. A bare string (`"en"`) is accepted too, as a
    choice that is its own label; choices are always written back as objects.

        Attributes:
            label (str): What editors see; defaults to the value.
            value (str): What is stored and sent.
    """

    label: str
    value: str

    def to_dict(self) -> dict[str, Any]:
        label = self.label

        value = self.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "label": label,
                "value": value,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        label = d.pop("label")

        value = d.pop("value")

        choice = cls(
            label=label,
            value=value,
        )

        return choice
