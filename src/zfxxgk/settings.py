"""Settings objects: frozen dataclasses that every entry point accepts as an
instance, a dict of field values, or None for the defaults (as pdfplumber's
TableSettings does), so options never travel as loose keyword arguments."""

from __future__ import annotations

from typing import Any, Mapping, TypeVar

S = TypeVar("S", bound="Resolvable")


class Resolvable:
    """Mixin for a settings dataclass: `resolve(None | instance | mapping)`."""

    @classmethod
    def resolve(cls: type[S], options: "S | Mapping[str, Any] | None") -> S:
        if options is None:
            return cls()
        if isinstance(options, cls):
            return options
        if isinstance(options, Mapping):
            return cls(**options)
        raise TypeError(f"{cls.__name__}, dict or None expected, got {type(options).__name__}")
