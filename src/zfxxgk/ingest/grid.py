"""Table grids -> tab lines: the one mapping every tabled format shares.

PDF, HTML, DOCX and XLSX tables all come down to a grid in which a merged cell
fills several positions. The text parser reads a row as a tab line; printing a
merged label or value once per covered position would make it read the same
number twice, so each grid cell is written only at its top-left position, and
positions it covers are left out (not written as blanks: a blank between tabs is
a blank cell, a fact). A genuinely empty cell stays an empty string.
"""

from __future__ import annotations

import re
from typing import Collection, Iterable, Sequence

from .document import Line

# Rows a merged cell may reach down (HTML caps rowspan at 65534; no report needs more).
MAX_ROWSPAN = 1000
# A grid position covered by a merged cell that starts elsewhere.
SPANNED = None

_SPACES = re.compile(r"[ \u3000\xa0]+")
_ASCII_WORD = re.compile(r"[0-9A-Za-z.,%)）]$")
_ASCII_START = re.compile(r"^[0-9A-Za-z(（]")
_NUMBER_END = re.compile(r"(?:^|[^0-9A-Za-z])[0-9][0-9,.]*$")
# Controls that would split a line or a cell if left in a cell's text.
_BREAKS = str.maketrans({"\t": " ", "\r": "\n", "\f": "\n", "\v": "\n",
                         "\u2028": "\n", "\u2029": "\n", "\x00": ""})


def cell_text(raw: str | None) -> str:
    """A cell's text on one line. Lines of a wrapped label are joined without a
    space (Chinese has none between words: ``三\\n、\\n本\\n年`` is 三、本年), except
    between two ASCII words; a number wrapped in a narrow cell (``1295\\n7``, as
    LibreOffice breaks it) is one number again; runs of spaces (``&nbsp;``,
    ideographic) become one."""
    if not raw:
        return ""
    parts = [p.strip() for p in raw.translate(_BREAKS).split("\n")]
    out = ""
    for part in parts:
        if not part:
            continue
        if out and _ASCII_WORD.search(out) and _ASCII_START.match(part) \
                and not (_NUMBER_END.search(out) and part[0].isdigit()):
            out += " "
        out += part
    return _SPACES.sub(" ", out).strip()


def row_cells(cells: Sequence[str | None]) -> tuple[list[str], tuple[int, ...]]:
    """One grid row -> (texts of the cells that start here, their 1-based columns)."""
    texts: list[str] = []
    cols: list[int] = []
    for j, cell in enumerate(cells):
        if cell is SPANNED:
            continue
        texts.append(cell_text(cell))
        cols.append(j + 1)
    return texts, tuple(cols)


def table_lines(grid: Iterable[Sequence[str | None]], table: int, first_number: int,
                page: int | None = None, first_row: int = 1,
                ocr: Sequence[Sequence] | None = None,
                above: Sequence[Collection[int]] | None = None,
                ends: Sequence[int] | None = None) -> list[Line]:
    """A grid's rows as lines, numbered from `first_number`; rows with no text at
    all (layout rows, spacers) are dropped but keep their row number counted.
    `ocr`, for a table read from a picture, has the grid's shape and gives each
    cell's (confidence, box); it is kept on the line (`Line.ocr`). `above` gives
    each row's 0-based columns covered by a cell merged down from a row above
    (`Line.above`, 1-based); with it each line also gets its row's end (`Line.end`):
    its length, or `ends`' (a ruled PDF table's row may end before the table does)."""
    lines: list[Line] = []
    number = first_number
    for i, cells in enumerate(grid):
        texts, cols = row_cells(cells)
        if not any(texts):
            continue
        line = Line(number, "\t".join(texts), page, table=table, row=first_row + i, cols=cols)
        if ocr is not None and i < len(ocr):
            line.ocr = tuple(ocr[i][c - 1] if c - 1 < len(ocr[i]) else None for c in cols)
        if above is not None:
            line.end = len(cells) if ends is None else ends[i]
            if i < len(above) and above[i]:
                line.above = tuple(sorted(c + 1 for c in above[i]))
        lines.append(line)
        number += 1
    return lines


def connected(count: int, pairs: Iterable[tuple[int, int]]) -> list[list[int]]:
    """The items 0..count-1 grouped by the pairs that join them (union-find): PDF
    cells sharing a corner are one table, base cells of a scan with no rule
    between them one merged cell. Each group in increasing order, the groups by
    their first item."""
    parent = list(range(count))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in pairs:
        parent[find(a)] = find(b)
    groups: dict[int, list[int]] = {}
    for i in range(count):
        groups.setdefault(find(i), []).append(i)
    return list(groups.values())


def expand_spans(rows: Iterable[Iterable[tuple[str, int, int]]], max_cols: int,
                 starts: list[list[tuple[int, int]]] | None = None,
                 above: list[set[int]] | None = None) -> list[list[str | None]]:
    """Rows of (text, rowspan, colspan) as HTML and Word give them -> a true grid
    with SPANNED where a merged cell reaches. Spans are clipped to `max_cols`
    columns and to the rows that exist, so a hostile ``colspan=100000`` costs
    nothing. `starts`, when given, gets each row's cells as (column, colspan);
    `above` each row's columns a rowspan from a row above covers."""
    grid: list[list[str | None]] = []
    pending: dict[tuple[int, int], bool] = {}  # positions covered from rows above
    for r, row in enumerate(rows):
        out: list[str | None] = []  # its length is the next column
        if starts is not None:
            starts.append([])
        if above is not None:
            above.append(set())
        cells = iter(row)
        while True:
            if (r, len(out)) in pending:
                pending.pop((r, len(out)))
                if above is not None:
                    above[-1].add(len(out))
                out.append(SPANNED)
                continue
            cell = next(cells, None)
            if cell is None or len(out) >= max_cols:
                break
            text, rowspan, colspan = cell
            colspan = max(1, min(colspan, max_cols - len(out)))
            for dr in range(1, max(1, min(rowspan, MAX_ROWSPAN))):
                for dc in range(colspan):
                    pending[(r + dr, len(out) + dc)] = True
            if starts is not None:
                starts[-1].append((len(out), colspan))
            out.append(text)
            out.extend([SPANNED] * (colspan - 1))
        for key in [k for k in pending if k[0] == r]:
            pending.pop(key)
        grid.append(out)
    return grid


def drop_spacer_columns(grid: list[list[str | None]], starts: list[list[tuple[int, int]]]) -> None:
    """Leave out (make SPANNED) the empty cells of grid columns that only hold empty
    cells, as PDF-to-Word converters leave them where the table's rules did not line
    up: a header cell spans over the column, and in the rows it does not, an empty
    cell sits between a row's label and its figures (read, it would be a blank value
    and shift the figures after it). A column counts
    when no cell starting in it has text or spans further, and a cell spanning over it
    has other text in its row (a header, not a title row over the whole table); never
    the first column (a split table's residue of a vertical label). `starts` gives
    each row's cells that start there as (column, colspan)."""
    empty = set(range(1, max(map(len, grid), default=0)))
    crossed: set[int] = set()
    for row, cells in zip(grid, starts):
        for start, span in cells:
            if row[start] or span > 1:
                empty.discard(start)
            if span > 1 and any(row[k] for k, _ in cells if k != start):
                crossed.update(range(start + 1, start + span))
    for j in empty & crossed:
        for row, cells in zip(grid, starts):
            if any(start == j for start, _ in cells):
                row[j] = SPANNED
