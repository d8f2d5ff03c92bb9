"""Case records <-> JSON-ready dicts, read off the dataclass fields and their types.

A case is stored as JSON (the web database keeps `Case.to_dict()`) and exchanged as
files, so every record serialises the same way: dates as ISO strings, enums as their
values, tuples as lists, a nested record through its own `to_dict` / `from_dict`.
Written once here, so a new field of a case or an event needs no codec line.
"""

from __future__ import annotations

import enum
import functools
import types
import typing
from dataclasses import fields, is_dataclass
from datetime import date
from typing import Any, Mapping


def plain(value: Any) -> Any:
    """`value` as JSON-ready data."""
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (tuple, list)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {plain(k): plain(v) for k, v in value.items()}
    return value


def decode(tp: Any, value: Any) -> Any:
    """JSON-ready `value` read back as type `tp`; an optional field's "" is None."""
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        if value is None or value == "":
            return None
        return decode(next(a for a in args if a is not type(None)), value)
    if origin is tuple:
        kinds = args[:1] * len(value) if args[-1] is Ellipsis else args
        return tuple(decode(t, v) for t, v in zip(kinds, value))
    if origin is list:
        return [decode(args[0], v) for v in value]
    if origin is dict:
        return {decode(args[0], k): decode(args[1], v) for k, v in value.items()}
    if tp is date:
        return date.fromisoformat(value)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return tp(value)
    if is_dataclass(tp):
        return tp.from_dict(value)  # type: ignore[attr-defined]
    return value


class Labelled(enum.StrEnum):
    """A StrEnum whose members are written `CODE = "code", "中文名"`, so each Chinese
    label stands beside the code it names (as Django's TextChoices do); the value
    is the code alone."""

    label: str

    def __new__(cls, value: str, label: str) -> "Labelled":
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member


@functools.cache
def _types(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


class Record:
    """`to_dict` / `from_dict` of a dataclass from its fields. `from_dict` takes the
    fields present (the others keep their defaults) and ignores other keys, unless
    `STRICT`: then an unknown key is an error, as for a hand-written event."""

    STRICT = False

    def to_dict(self) -> dict[str, Any]:
        return {f.name: plain(getattr(self, f.name)) for f in fields(self)}  # type: ignore[arg-type]

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Any:
        names = [f.name for f in fields(cls)]  # type: ignore[arg-type]
        unknown = set(d) - set(names)
        if cls.STRICT and unknown:
            raise TypeError(f"unknown fields: {', '.join(sorted(unknown))}")
        types_ = _types(cls)
        return cls(**{n: decode(types_[n], d[n]) for n in names if n in d})
