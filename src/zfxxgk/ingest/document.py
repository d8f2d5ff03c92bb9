"""`Document`: what every loader produces and the parser reads.

A document is a list of lines with their position in the source. The text loader
fills `number` (1-based line) and, where the text marks page breaks (form feed),
`page`. Loaders of tabled formats (PDF, HTML, DOCX, XLSX) write each table row
as ONE line whose cells are joined by tabs, and say where it came from: `table`
(1-based, in document order; a table continued on the next page keeps its number),
`row` (1-based within that table) and `cols` (for each tab cell, the 1-based source
column it starts at, after merged cells were expanded into a grid) and `above` (the
source columns of the row that a cell of a row above reaches down over: a vertical
merge, so the row prints nothing there) and `end` (its last source column a cell
holds or covers). Paragraphs are lines without them. So the parser reads every format the same way, and findings
can still point into the original file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..standard.normalize import visible
from .textart import has_drawn_table, undraw

MAX_PROPERTY = 200  # characters of a title, subject, author or company kept


@dataclass(slots=True)
class Line:
    number: int
    text: str
    page: int | None = None
    table: int | None = None
    row: int | None = None
    cols: tuple[int, ...] | None = None
    # read by OCR: for each tab cell, (confidence, (x0, y0, x1, y1) on the page image),
    # and for a doubtful number a third item: its other readings (ocr/reread.py)
    ocr: tuple[tuple | None, ...] | None = None
    # the 1-based source columns a merged cell of a row above covers in this row (None: none)
    above: tuple[int, ...] | None = None
    # the row's last source column holding or covered by a cell (past it the row has none)
    end: int | None = None

    def col(self, cell_index: int) -> int | None:
        """Source column of the tab cell at `cell_index` (0-based), if known."""
        return _at(self.cols, cell_index)

    def ocr_cell(self, cell_index: int) -> tuple | None:
        """(confidence, box[, readings]) of the tab cell at `cell_index` when it was read by OCR."""
        return _at(self.ocr, cell_index)


def _at(values: tuple | None, index: int):
    return values[index] if values is not None and 0 <= index < len(values) else None


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
        # only "\n" ends a line: str.splitlines would also break at form feeds (page
        # breaks, counted below) and at U+2028, and shift line numbers against an editor's
        # characters that print nothing (&#8203; of a web editor) go once for the text
        body = visible(text)
        if "\r" in body:  # (most texts have no CR: one scan instead of two copies)
            body = body.replace("\r\n", "\n").replace("\r", "\n")
        pieces = body.split("\n")
        if pieces and pieces[-1] == "":
            pieces.pop()
        page = 1 if "\f" in text else None  # without page breaks, no line has a page
        drawn = has_drawn_table(text)
        if page is None and not drawn:  # most texts: each piece is a line as it is
            return cls(lines=[Line(number, raw) for number, raw in enumerate(pieces, 1)],
                       source=source, **kw)
        for number, raw in enumerate(pieces, 1):
            if "\f" in raw:
                page += raw.count("\f")
                raw = raw.replace("\f", "")
            if drawn:
                raw = undraw(raw)
            lines.append(Line(number, raw, page))
        return cls(lines=lines, source=source, **kw)

    @property
    def text(self) -> str:
        return "\n".join([line.text for line in self.lines])


def property_meta(found: dict[str, object], program: str) -> dict[str, str]:
    """A file's own properties as `doc_*` meta fields, as every loader keeps them:
    `found` maps each field to what the file states; text only, trimmed, cut at
    MAX_PROPERTY, with `doc_file` naming whose properties they are ("PDF", "Word",
    …) for the parser's note."""
    out = {key: text.strip()[:MAX_PROPERTY] for key, text in found.items()
           if isinstance(text, str) and text.strip()}
    if out:
        out["doc_file"] = program
    return out
