from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.field_type import FieldType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.choice import Choice


T = TypeVar("T", bound="FieldDef")


@_attrs_define
class FieldDef:
    """One custom field of a field group.

    Attributes:
        name (str): The member name in an item's `fields`, unique among its siblings.
        type_ (FieldType): What a custom field holds, and the JSON form of its value: `text` a single-line
            string; `textarea` a string that may hold line breaks; `rich_text` sanitised HTML;
            `number` a number; `boolean` `true` or `false`; `email` and `url` a string of that
            form; `date` `YYYY-MM-DD`; `datetime` an RFC 3339 instant (read back in UTC); `time`
            `HH:MM:SS`; `select` one of its `choices` (a list of them with `multiple`); `checkbox`
            a list of its `choices`; `media` a media id; `relation` a list of item ids; `link` an
            object with `url`, `title` and `target` (`""` or `_blank`); `group` an object of its
            sub-`fields`; `repeater` a list of such objects.
        choices (list[Choice] | None | Unset): select, checkbox: given as a list of strings or of {"value","label"};
            always written
            back as {"value","label"}.
        default (Any | Unset): Used on read when the item has no value. Must itself be a valid value. Default:
            none (the value reads as null).
        fields (list[FieldDef] | None | Unset): group, repeater: sub-fields (required and non-empty for those two;
            refused for others).
        instructions (str | Unset): Help for editors, shown in the field's description. Default: empty.
        kinds (list[str] | None | Unset): relation only: allowed collections among `posts`, `pages`, `resources`,
            `events`;
            none = any.
        label (str | Unset): Shown to editors. Default: the name.
        max_ (float | None | Unset): number: largest value; relation: most items; repeater: most rows.
        max_length (int | None | Unset): text, textarea, email, url: most characters.
        mime_types (list[str] | None | Unset): media only: allowed MIME types (`image/*` wildcards allowed); none = any.
        min_ (float | None | Unset): number: smallest value; relation: fewest items; repeater: fewest rows.
        multiple (bool | Unset): select only: a list of values instead of one. Default: `false`.
        required (bool | Unset): Items must have a value (or a `default`): enforced on create and whenever `fields`
            is sent (422). Default: `false`.
        step (float | None | Unset): number only: values must be min (or 0) plus a whole multiple of step.
    """

    name: str
    type_: FieldType
    choices: list[Choice] | None | Unset = UNSET
    default: Any | Unset = UNSET
    fields: list[FieldDef] | None | Unset = UNSET
    instructions: str | Unset = UNSET
    kinds: list[str] | None | Unset = UNSET
    label: str | Unset = UNSET
    max_: float | None | Unset = UNSET
    max_length: int | None | Unset = UNSET
    mime_types: list[str] | None | Unset = UNSET
    min_: float | None | Unset = UNSET
    multiple: bool | Unset = UNSET
    required: bool | Unset = UNSET
    step: float | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        type_ = self.type_.value

        choices: list[dict[str, Any]] | None | Unset
        if isinstance(self.choices, Unset):
            choices = UNSET
        elif isinstance(self.choices, list):
            choices = []
            for choices_type_0_item_data in self.choices:
                choices_type_0_item = choices_type_0_item_data.to_dict()
                choices.append(choices_type_0_item)

        else:
            choices = self.choices

        default = self.default

        fields: list[dict[str, Any]] | None | Unset
        if isinstance(self.fields, Unset):
            fields = UNSET
        elif isinstance(self.fields, list):
            fields = []
            for fields_type_0_item_data in self.fields:
                fields_type_0_item = fields_type_0_item_data.to_dict()
                fields.append(fields_type_0_item)

        else:
            fields = self.fields

        instructions = self.instructions

        kinds: list[str] | None | Unset
        if isinstance(self.kinds, Unset):
            kinds = UNSET
        elif isinstance(self.kinds, list):
            kinds = self.kinds

        else:
            kinds = self.kinds

        label = self.label

        max_: float | None | Unset
        if isinstance(self.max_, Unset):
            max_ = UNSET
        else:
            max_ = self.max_

        max_length: int | None | Unset
        if isinstance(self.max_length, Unset):
            max_length = UNSET
        else:
            max_length = self.max_length

        mime_types: list[str] | None | Unset
        if isinstance(self.mime_types, Unset):
            mime_types = UNSET
        elif isinstance(self.mime_types, list):
            mime_types = self.mime_types

        else:
            mime_types = self.mime_types

        min_: float | None | Unset
        if isinstance(self.min_, Unset):
            min_ = UNSET
        else:
            min_ = self.min_

        multiple = self.multiple

        required = self.required

        step: float | None | Unset
        if isinstance(self.step, Unset):
            step = UNSET
        else:
            step = self.step

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "type": type_,
            }
        )
        if choices is not UNSET:
            field_dict["choices"] = choices
        if default is not UNSET:
            field_dict["default"] = default
        if fields is not UNSET:
            field_dict["fields"] = fields
        if instructions is not UNSET:
            field_dict["instructions"] = instructions
        if kinds is not UNSET:
            field_dict["kinds"] = kinds
        if label is not UNSET:
            field_dict["label"] = label
        if max_ is not UNSET:
            field_dict["max"] = max_
        if max_length is not UNSET:
            field_dict["max_length"] = max_length
        if mime_types is not UNSET:
            field_dict["mime_types"] = mime_types
        if min_ is not UNSET:
            field_dict["min"] = min_
        if multiple is not UNSET:
            field_dict["multiple"] = multiple
        if required is not UNSET:
            field_dict["required"] = required
        if step is not UNSET:
            field_dict["step"] = step

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.choice import Choice  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        type_ = FieldType(d.pop("type"))

        def _parse_choices(data: object) -> list[Choice] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                choices_type_0 = []
                _choices_type_0 = data
                for choices_type_0_item_data in _choices_type_0:
                    choices_type_0_item = Choice.from_dict(choices_type_0_item_data)

                    choices_type_0.append(choices_type_0_item)

                return choices_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Choice] | None | Unset, data)

        choices = _parse_choices(d.pop("choices", UNSET))

        default = d.pop("default", UNSET)

        def _parse_fields(data: object) -> list[FieldDef] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                fields_type_0 = []
                _fields_type_0 = data
                for fields_type_0_item_data in _fields_type_0:
                    fields_type_0_item = FieldDef.from_dict(fields_type_0_item_data)

                    fields_type_0.append(fields_type_0_item)

                return fields_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[FieldDef] | None | Unset, data)

        fields = _parse_fields(d.pop("fields", UNSET))

        instructions = d.pop("instructions", UNSET)

        def _parse_kinds(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                kinds_type_0 = cast(list[str], data)

                return kinds_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        kinds = _parse_kinds(d.pop("kinds", UNSET))

        label = d.pop("label", UNSET)

        def _parse_max_(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        max_ = _parse_max_(d.pop("max", UNSET))

        def _parse_max_length(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_length = _parse_max_length(d.pop("max_length", UNSET))

        def _parse_mime_types(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                mime_types_type_0 = cast(list[str], data)

                return mime_types_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        mime_types = _parse_mime_types(d.pop("mime_types", UNSET))

        def _parse_min_(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        min_ = _parse_min_(d.pop("min", UNSET))

        multiple = d.pop("multiple", UNSET)

        required = d.pop("required", UNSET)

        def _parse_step(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        step = _parse_step(d.pop("step", UNSET))

        field_def = cls(
            name=name,
            type_=type_,
            choices=choices,
            default=default,
            fields=fields,
            instructions=instructions,
            kinds=kinds,
            label=label,
            max_=max_,
            max_length=max_length,
            mime_types=mime_types,
            min_=min_,
            multiple=multiple,
            required=required,
            step=step,
        )

        return field_def
