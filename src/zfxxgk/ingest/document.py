"""`Document`: what every loader produces and the parser reads.

A document is a list of lines with their position in the source. The text loader
fills `number` (1-based line) and, where the text marks page breaks (form feed),
`page`; loaders of other formats will add tables of cells.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Line:
    number: int
    text: str
    page: int | None = None


@dataclass
class Document:
    lines: list[Line]
    source: str | None = None
    sha256: str | None = None
    kind: str = "text"
    encoding: str | None = None
    meta: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_text(cls, text: str, source: str | None = None, **kw) -> "Document":
        lines: list[Line] = []
        page = 1 if "\f" in text else None
        number = 0
        for raw in text.splitlines():
            number += 1
            if "\f" in raw:
                parts = raw.split("\f")
                page = (page or 1) + len(parts) - 1
                raw = parts[-1]
            lines.append(Line(number, raw, page))
        return cls(lines=lines, source=source, **kw)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)
