"""What a workbook's print area leaves out of a sheet's table, and what it does not.

Offices keep last year's figures in a column beside the table and set the print area
to end before it: the printed page shows the table alone, and reading that column
puts a second figure in every row. But a print area is also often stale: set once,
then the table grew (a row, a 总计 column) and the area was never widened; honouring
it would lose real rows and columns. The rule that tells them apart: a column wholly
outside the print area is left out only when it carries no label — no text in any
of its cells and no merged cell reaching into it — that is, figures under no
heading, which nobody can place. A column with a heading is part of a table and is
read wherever the print area ends. Rows are always read: table 四's row of figures
has no label of its own, so an unlabelled row below a stale print area may be the
table's only row of figures.
"""

from __future__ import annotations

import re

# One range of a print area: 'Sheet'!$A$1:$F$20, A1:F20, $A:$F or $1:$20.
_RANGE = re.compile(r"^\$?([A-Z]{1,3})?\$?(\d+)?(?::\$?([A-Z]{1,3})?\$?(\d+)?)?$")
# A cell's text that is a figure typed as text ("12", "1,234.5"), no label.
_FIGURE = re.compile(r"^[\s\d.,%+\-]*$")


def print_ranges(area: str) -> list[tuple[int, int, int, int]]:
    """(min_row, min_col, max_row, max_col) of each range of a print area (a whole row
    or column range is unbounded the other way); none when a range cannot be read."""
    from openpyxl.utils import column_index_from_string

    out = []
    for part in area.split(","):
        ref = part.rpartition("!")[2].strip()
        m = _RANGE.match(ref)
        if not ref or not m:
            return []
        c1, r1, c2, r2 = m.groups()
        c2, r2 = (c2, r2) if ":" in ref else (c1, r1)
        try:
            cols = (column_index_from_string(c1), column_index_from_string(c2)) if c1 and c2 else (1, 1 << 20)
        except ValueError:
            return []
        rows = (int(r1), int(r2)) if r1 and r2 else (1, 1 << 21)
        out.append((rows[0], cols[0], rows[1], cols[1]))
    return out


def unprinted(ws) -> set[int]:
    """The columns of the sheet wholly outside its print area that carry no label."""
    ranges = print_ranges(ws.print_area or "")
    outside = {k for k in range(1, ws.max_column + 1) if not any(b <= k <= d for _, b, _, d in ranges)} \
        if ranges else set()
    if not outside:
        return set()
    for (_, k), cell in ws._cells.items():  # (only the cells the sheet has)
        value = cell.value
        if k in outside and isinstance(value, str) and not _FIGURE.match(value):
            outside.discard(k)
    for merged in ws.merged_cells.ranges:  # a table's merged heading reaching out
        outside.difference_update(range(merged.min_col, merged.max_col + 1))
    return outside


__all__ = ["print_ranges", "unprinted"]
