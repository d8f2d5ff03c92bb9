"""A table printed in pieces side by side, put back together.

A spreadsheet prints a table wider than the paper in pieces: the columns that
fit on one page, the rest on the next, each row at the same height on both
(Excel's and WPS's "down, then over" with a table one page high; "print
titles" repeats the label columns on each piece). Read page by page, table 三
came as two tables: the left one with its labels and some columns, the right
one a block of figures without labels, which the parser could not place, so
every figure of the table was lost.

The right piece is joined to the left one's rows only when nothing else
explains it: the last table of a page and the first of the next are as high,
their rows start at the same heights (a table's rows keep their height in
every piece; a heading row whose cells all start above in one piece is a
row of merged cells there: `_row_sources`), and the second piece has no row
labels of its own (a table merely continued on the next page has its rows'
labels), or repeats exactly the first piece's leading columns (print
titles), which are then dropped. The second piece may be one column (总计
alone): a ruled column of figures is kept as a table until then
(`lone_column`), and read as text as before when it joins nothing.
Pure functions of the loader's items (`pdf.Item`, with `rulings`).
"""

from __future__ import annotations

import re
from dataclasses import replace

from .grid import cell_text

# points two pieces' rows may differ in height (the rulings are snapped to 3 points)
HEIGHT_SLACK = 1.0
MIN_ROWS = 3  # a piece of a table this short is no evidence
MISSES = 5  # one row in this many may start in one piece only (merged in the other)
# a cell a piece without labels may hold in a row of figures
_FIGURE = re.compile(r"^[\d\s.,，\-—－/／]*$")


def join_wide(pages: list[list], body) -> list[list]:
    """`pages` (lists of items, top to bottom) with each right piece of a table
    (the first item of a page) joined to its left piece (the last item of the
    page before) and removed. `body(items)`: the items that are no page
    furniture (a page number between the pieces is nothing)."""
    out = [list(items) for items in pages]
    for p, left, right in seams(out, body):
        found = joined(left, right)
        if found is None:
            continue
        grid, merges = found
        out[p - 1][out[p - 1].index(left)] = replace(left, grid=grid, columns=len(grid[0]),
                                                     merges=merges)
        out[p].remove(right)
    return [[it for item in items for it in (as_text(item) if lone(item) else (item,))]
            for items in out]


def seams(pages: list[list], body):
    """(p, the last item of page p - 1, the first of page p) wherever both are
    tables (`body`: without page furniture): where a table may run on over a
    page break. Each page is looked at when its turn comes, after the caller
    changed the pages before it."""
    for p in range(1, len(pages)):
        before, here = body(pages[p - 1]), body(pages[p])
        if before and here and before[-1].grid and here[0].grid:
            yield p, before[-1], here[0]


def lone_column(grid: list[list[str | None]]) -> bool:
    """Whether a ruled table of one column may be a table's last piece: rows of
    figures under at most short headings (总计). A frame drawn around prose is
    one column too, but of sentences."""
    cells = [row[0] for row in grid if len(row) == 1 and (row[0] or "").strip()]
    if len(grid) < MIN_ROWS or any(len(row) != 1 for row in grid):
        return False
    figures = sum(map(_number, cells))
    return figures >= MIN_ROWS and all(_number(c) or len(c.strip()) <= 6 for c in cells)


def lone(item) -> bool:
    """A ruled table of one column (`lone_column`), not joined as a piece."""
    return item.grid is not None and item.rulings is not None and item.columns == 1


def as_text(item) -> list:
    """A lone column not joined to any table: its cells as the text lines it
    would have been read as (one a row, at the row's height)."""
    return [replace(item, top=item.top + at, text=cell.strip(), grid=None, columns=0, rulings=None)
            for (cell,), at in zip(item.grid, item.rulings) if (cell or "").strip()]


def joined_grid(left, right) -> list[list[str | None]] | None:
    """The two pieces' rows side by side, or None when `right` is not the rest
    of `left`'s rows (see the module's docstring)."""
    found = joined(left, right)
    return found and found[0]


def joined(left, right) -> tuple[list[list[str | None]], tuple | None] | None:
    """(`joined_grid`, its `Item.merges`: `joined_merges`), or None."""
    sources = _row_sources(left, right)
    if sources is None:
        return None
    a, b = _rows_of(left, [i for i, _ in sources]), _rows_of(right, [j for _, j in sources])
    titles = _titles(a, b)
    rest = [row[titles:] for row in b]
    if not rest[0] or not _labelless(a, rest) or _repeated(a, b):
        return None
    return [list(x) + list(y) for x, y in zip(a, rest)], joined_merges(left, right, sources, titles)


def joined_merges(left, right, sources: list[tuple], titles: int) -> tuple | None:
    """The joined rows' `Item.merges` (`pdf_grid.merges`: per row the columns a
    cell above reaches down over, and the last column a cell of the row or one
    above covers) from each piece's: a figure drawn over two rows in either
    piece is then placed as merged down (without them it was read as the cell
    left of it spanning, and lost). A row one piece has not lies there under
    cells merged from above (`_row_sources`): all its columns covered. The right
    piece's columns come after the left's, its repeated label columns
    (`titles`) left out. None when a piece has none (nothing to join)."""
    if left.merges is None or right.merges is None:
        return None
    width, rest = len(left.grid[0]), len(right.grid[0]) - titles
    above: list[set[int]] = []
    ends: list[int] = []
    for i, j in sources:
        covered = set(left.merges[0][i]) if i is not None else set(range(width))
        end = left.merges[1][i] if i is not None else width
        if j is None:
            covered |= set(range(width, width + rest))
            end = width + rest
        else:
            covered |= {width + c - titles for c in right.merges[0][j] if c >= titles}
            if right.merges[1][j] > titles:
                end = width + right.merges[1][j] - titles
        above.append(covered)
        ends.append(end)
    return above, ends


def _rows_of(item, indexes: list[int | None]) -> list[list]:
    """`item`'s grid rows at `indexes`, a row of merged cells (None) for None."""
    return [item.grid[i] if i is not None else [None] * len(item.grid[0]) for i in indexes]


def _row_sources(left, right) -> list[tuple[int | None, int | None]] | None:
    """Per row of either piece (`Item.rulings`: rows' tops, then the bottom),
    the index of the row in each piece that starts there, or None: a row that
    starts in one piece only lies, in the other, under cells merged from
    above. None when the pieces differ in height, or a row of one matches no
    row of the other more than once in MISSES."""
    if not (left.rulings and right.rulings and len(left.grid) >= MIN_ROWS):
        return None
    tops_a, tops_b = left.rulings[:-1], right.rulings[:-1]
    if abs(left.rulings[-1] - right.rulings[-1]) > HEIGHT_SLACK or \
            len(tops_a) != len(left.grid) or len(tops_b) != len(right.grid):
        return None
    out: list[tuple[int | None, int | None]] = []
    i = j = misses = 0
    while i < len(tops_a) or j < len(tops_b):
        ta = tops_a[i] if i < len(tops_a) else float("inf")
        tb = tops_b[j] if j < len(tops_b) else float("inf")
        take_a, take_b = ta <= tb + HEIGHT_SLACK, tb <= ta + HEIGHT_SLACK
        misses += take_a != take_b
        out.append((i if take_a else None, j if take_b else None))
        i, j = i + take_a, j + take_b
    if misses * MISSES > len(out):
        return None
    return out


def _titles(left: list[list], right: list[list]) -> int:
    """How many leading columns `right` repeats of `left`, cell for cell (the
    label columns a sheet's print titles repeat; 0 when none): only a match
    that holds some text counts, and one column is always left over."""
    k = 0
    limit = min(len(left[0]), len(right[0])) - 1
    while k < limit and all(_same(a[k], b[k]) for a, b in zip(left, right)):
        k += 1
    if not any((row[j] or "").strip() for row in right for j in range(k)):
        return 0
    return k


def _repeated(left: list[list], right: list[list]) -> bool:
    """Whether `right` is `left` again (a page printed twice), no piece of it."""
    return len(left[0]) == len(right[0]) and all(
        _same(x, y) for a, b in zip(left, right) for x, y in zip(a, b))


def _same(a: str | None, b: str | None) -> bool:
    """The same cell: both covered by a merged cell, or the same text however
    wrapped (a piece's column may be set narrower)."""
    return a is b is None or (a is not None and b is not None and cell_text(a) == cell_text(b))


def _labelless(left: list[list], rest: list[list]) -> bool:
    """Whether `rest` holds only figures (or blanks) in each row where `left`
    holds a figure, and some figure: a row of the table read on, not a
    table's own row with its label."""
    figures = 0
    for a, b in zip(left, rest):
        if not any(_number(c) for c in a):
            continue  # a heading row: any text goes
        for cell in b:
            if cell is None or not cell.strip():
                continue
            if not _FIGURE.match(cell):
                return False
            figures += _number(cell)
    return figures > 0


def _number(cell: str | None) -> bool:
    return bool(cell and cell.strip() and _FIGURE.match(cell) and any(ch.isdigit() for ch in cell))


__all__ = ["join_wide", "joined", "joined_grid", "joined_merges", "seams"]
