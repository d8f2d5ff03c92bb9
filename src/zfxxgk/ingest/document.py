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
        # only "\n" ends a line: str.splitlines would also break at form feeds (page
        # breaks, counted below) and at U+2028, and shift line numbers against an editor's
        pieces = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        if pieces and pieces[-1] == "":
            pieces.pop()
        for raw in pieces:
            number += 1
            if "\f" in raw:
                page = (page or 1) + raw.count("\f")
                raw = raw.replace("\f", "")
            lines.append(Line(number, raw, page))
        return cls(lines=lines, source=source, **kw)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)
