"""Table 二's blocks printed turned: a Word table whose items run across and whose
column names run down (信息内容 | 规章 | 行政规范性文件, then 本年制发件数 | 94 | 10 …).

Read as printed, the header names rows and each line's label is a column: no row
is found and the block is lost. The names say exactly which figure is whose, so a
block is turned back where they leave no doubt: the header line names two or more
of the table's rows (of one block's columns), once each, in cells with nothing
else; the lines below, one per column of those rows, each name one of them (every
one once) and print exactly one figure cell (or a blank or mark) per row named.
Any other shape (a name twice or unknown, a word or letter figure among the
figures) is left as printed. The lines it gives are read as the table's own; each cell's place is
then put back to the line it was printed on (`restore_places`).
"""

from __future__ import annotations

from ..ingest.document import Line
from ..standard.normalize import normalize_label
from ..standard.spec import Table
from .active_header import column_words
from .cells import classify, split_line

_FIGURE_KINDS = ("number", "unit", "empty", "placeholder")  # a word or a letter figure: not turned


def turned_back(table: Table, lines: list[Line]) -> tuple[list[Line], dict]:
    """`lines` with each turned block turned back (new lines, numbered as the ones
    they replace), and (row code, column code) -> the line that printed the cell."""
    out: list[Line] = []
    places: dict[tuple[str, str], Line] = {}
    i = 0
    while i < len(lines):
        block = _block(table, lines, i)
        if block is None:
            out.append(lines[i])
            i += 1
            continue
        rows, cols, below = block
        spots = below  # the lines whose places the rows take
        if len(cols) > 1:  # its header: the columns' printed order (one column has none)
            out.append(_made(lines[i], ["信息内容"] + [table.column(c).label for c in cols]))
        else:
            spots = [lines[i]] + below
        for k, row in enumerate(rows):
            figures = [split_line(ln.text)[1 + k].raw.strip() for ln in below]
            out.append(_made(spots[k], [table.row(row).label] + figures))
            places.update({(row, c): (ln, 1 + k) for c, ln in zip(cols, below)})
        i += 1 + len(below)
    return out, places


def _made(line: Line, cells: list[str]) -> Line:
    """A line of tab cells in `line`'s place (its number and page; no source grid)."""
    return Line(line.number, "\t".join(cells), page=line.page)


def _block(table: Table, lines: list[Line], at: int):
    """(rows, columns in printed order, the lines of figures) of a turned block whose
    header is lines[at]; None for any other line."""
    if "信" not in lines[at].text:  # (every line but a header's: told cheaply)
        return None
    cells = split_line(lines[at].text)
    if len(cells) == 1:  # names set off by spaces (PDF text) are one text cell
        cells = [classify(c) for c in lines[at].text.split()]
    head = [normalize_label(c.text) for c in cells]
    if len(head) < 3 or head[0] != "信息内容":
        return None
    labels = {normalize_label(r.label): r.code for r in table.rows}
    rows = [labels.get(c) for c in head[1:]]
    if None in rows or len(set(rows)) != len(rows):
        return None
    wanted = table.row_columns(table.row(rows[0]))
    if any(table.row_columns(table.row(r)) != wanted for r in rows):
        return None
    words = column_words(table)
    cols, below = [], []
    for line in lines[at + 1:at + 1 + len(wanted)]:
        cells = split_line(line.text)
        name = words.get(normalize_label(cells[0].text)) if cells else None
        if name is None or len(cells) != 1 + len(rows) or any(
                c.kind not in _FIGURE_KINDS for c in cells[1:]):
            return None
        cols.append(name)
        below.append(line)
    if sorted(cols) != sorted(c.code for c in wanted) or len(set(cols)) != len(cols) \
            or len(rows) > (len(below) if len(cols) > 1 else 1 + len(below)):
        return None  # (a line for each row to take the place of)
    return rows, cols, below


def restore_places(read, table: Table, places: dict):
    """`read` (a TableRead), each turned cell's provenance put back to the line that printed it."""
    for (row, col), (line, k) in places.items():
        prov = read.provenance.get(f"{table.code}.{row}.{col}")
        if prov is not None:
            prov.line, prov.page, prov.table, prov.row = line.number, line.page, line.table, line.row
            prov.col = line.col(k)
    return read
