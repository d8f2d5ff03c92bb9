"""Note marks flattened into a figure: ``21 1`` for 21 with a raised 注1.

A PDF prints a note's number raised after a figure (21¹); copied from the PDF
into a web page or a Word table (or taken as plain text), the raised digit comes
down to the line after a space: the cell reads ``21 1``. The same text is what a
stray space inside 211 leaves, so the digits alone do not tell 211 from 21 and a
note. The identities may: a row whose own total holds with one reading and not
the other is read so; otherwise both readings go to the table's other rows
(`solve`), and a cell they leave open stays null with its candidates, never 211
by default. In a row of numbers set off by spaces (PDF text) the mark is a token
of its own, one more than the row's cells (`dropped_readings`).
"""

from __future__ import annotations

import re
from itertools import combinations

from ..standard.normalize import nfkc
from .cells import Cell, to_number

_FLAT = re.compile(r"^([+\-]?\d{1,9}(?:\.\d+)?)\s+([1-9])$")
MAX_MARKED = 4  # cells of one row read every way both ways


def _head(cell: Cell):
    """The figure before a lone digit set off by a space (``21 1`` -> 21), or None."""
    if cell.kind != "number" or len(cell.raw.split(None, 1)) < 2:
        return None
    m = _FLAT.match(nfkc(cell.raw).strip().replace("−", "-"))
    if m is None or re.match(r"^[+\-]?0\d", m.group(1)):
        return None
    return to_number(m.group(1))


def _strictly(check, values: list) -> bool:
    """The row's own total holds, told (a blank cell tells nothing)."""
    return None not in values and check(values)


def mark_readings(cells: list[Cell], check) -> tuple[list[Cell], list[list], tuple[int, ...]] | None:
    """For a row printing one cell per column with some cells ``21 1``: (the cells
    of the reading to take first, the other readings' values, the marked places),
    or None where no cell is so printed (or the row's own total holds as printed
    and with no reading without a mark). The first reading is the printed one
    unless only one reading without marks holds the row's own total (`check`)."""
    marked = tuple(i for i, c in enumerate(cells)  # most cells print digits alone: asked inline
                   if not c.raw.isdigit() and _head(c) is not None)
    if not marked:
        return None
    printed = [c.value for c in cells]
    noted = []
    for subset in _subsets(marked):
        noted.append([_head(c) if i in subset else v
                      for i, (c, v) in enumerate(zip(cells, printed))])
    if check is None or None in printed:
        return list(cells), noted, marked
    holding = [r for r in noted if _strictly(check, r)]
    if _strictly(check, printed):
        return (list(cells), holding, marked) if holding else None
    if len(holding) == 1:
        first = holding[0]
        primary = [Cell(c.raw, str(v), "number", v) if i in marked and v != c.value else c
                   for i, (c, v) in enumerate(zip(cells, first))]
        return primary, [printed] + [r for r in noted if r is not first], marked
    return list(cells), noted, marked


def _subsets(marked: tuple[int, ...]):
    """The marked cells read without their marks, every choice of them; for more
    than `MAX_MARKED`, each alone and all together (enough to leave each open)."""
    if len(marked) <= MAX_MARKED:
        for k in range(1, len(marked) + 1):
            yield from combinations(marked, k)
        return
    yield from ((i,) for i in marked)
    yield marked


def dropped_readings(values: list, width: int, check) -> list[int]:
    """Places of a lone digit 1-9 after another number in a row of spaced numbers
    one longer than its cells (``21 1 5 0 …``): each may be a note mark, the row
    read without it. Kept where the row's own total holds without it (`check`),
    or where the row has none."""
    if len(values) != width + 1 or None in values:
        return []
    out = []
    for i in range(1, len(values)):
        if not (type(values[i]) is int and 1 <= values[i] <= 9 and type(values[i - 1]) is int):
            continue
        rest = values[:i] + values[i + 1:]
        if check is None or check(rest):
            out.append(i)
    return out
