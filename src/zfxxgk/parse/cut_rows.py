"""Table 三's row wrapped onto two lines, inside one of its numbers or between two.

Text copied from a narrow page (or a PDF's text layer) may wrap a long row of
table 三 in the middle of a figure: ``2.其他法律行政法规禁止公开 33 35 12`` /
``8 85 65 318 664`` where 128 was one cell. Read line by line, the first line has
too few numbers and the second none of its own label: the row was left null. A
human joins the two lines where the first ends mid-row and the second has no label,
and the row's own total decides that the cut number is one: the lines are joined
(the second blanked, indexes kept) only where the joined row has the form's seven
cells and one of them (总计, wherever the header puts it) is the sum of the six
others; under a header with a 小计 column (`t3_forms`), eight cells, the seven
without 小计 adding up so, total last or first, and 小计 the sum of the five kinds
of 法人或其他组织. A row wrapped between two cells (its last numbers on a line of
their own, ``… 3518`` / ``4307 3737 24714``) is joined where the two lines hold the
row's cells and it adds up so. Any other shape (a total that does not agree, more
or fewer cells) is left as it was: never a number made of two cells that are not one.
"""

from __future__ import annotations

import dataclasses

from ..ingest.document import Line
from ..standard.normalize import HAN
from .cells import Cell, split_line
from .t3_forms import subtotal_place

_WIDTH = 7  # six kinds of applicant and 总计
_VALUE_KINDS = frozenset({"number", "empty", "placeholder"})


def _tail(cells: list[Cell]) -> list[Cell] | None:
    """The row's value cells after its label; None where the line has no label or
    ends in no count."""
    k = len(cells)
    while k > 0 and cells[k - 1].kind in _VALUE_KINDS:
        k -= 1
    if k == 0 or k == len(cells) or cells[-1].kind != "number":
        return None
    return cells[k:]


def _only_values(cells: list[Cell]) -> bool:
    return bool(cells) and cells[0].kind == "number" and all(c.kind in _VALUE_KINDS for c in cells)


def _holds(values: list, subtotal: int | None) -> bool:
    """The row's own identities: one cell (总计, wherever the header prints it) is
    the sum of the others; with a 小计 column at `subtotal`, the seven others add
    up so with 总计 last or first, and 小计 is the sum of the five kinds."""
    counts = [v if isinstance(v, int) else 0 for v in values]
    if subtotal is None:
        whole = sum(counts)
        return any(2 * c == whole for c in counts)
    sub = counts.pop(subtotal)
    if counts[-1] == sum(counts[:-1]):
        return sub == sum(counts[1:6])
    return counts[0] == sum(counts[1:]) and sub == sum(counts[2:])


def _may_join(first: Line, second: Line) -> bool:
    """The cheap test first: a labelled line ending in a digit, then a line of
    digits without a label (most lines of table 三 fail it)."""
    b = second.text.lstrip()
    if not b[:1].isdigit():
        return False
    a = first.text.rstrip()
    return a[-1:].isdigit() and not HAN.search(b) and bool(HAN.search(a))


def _joined(first: Line, second: Line, subtotal: int | None) -> str | None:
    """The two lines as one row, where they are one row cut inside a number
    (`_may_join` holds)."""
    a, b = first.text.rstrip(), second.text.lstrip()
    width = _WIDTH if subtotal is None else _WIDTH + 1
    head, rest = _tail(split_line(a)), split_line(b)
    if head is None or not _only_values(rest):
        return None
    if len(head) + len(rest) == width:  # wrapped between two cells
        values = [c.value for c in head + rest]
        if not any(c.value for c in rest) and _holds(values[:len(head)], None):
            return None  # a row adding up alone (blanks lost) and zeros: which is whose?
        return a + _separator(a) + b if _holds(values, subtotal) else None
    if len(head) + len(rest) != width + 1:
        return None
    glued = head[-1].text + rest[0].text
    if not glued.isdigit() or glued[0] == "0" or not rest[0].text.isdigit():
        return None  # a count starts with no 0: "0" / "5" are two cells
    values = [c.value for c in head[:-1]] + [int(glued)] + [c.value for c in rest[1:]]
    return a + b if _holds(values, subtotal) else None


def _separator(text: str) -> str:
    """What parts the cells of the row's first line, to put between it and the rest."""
    if "\t" in text:
        return "\t"
    if "|" in text:
        return " " if text.endswith("|") else " | "
    return "   "


def joined_cut_rows(lines: list[Line], bounds: dict[str, tuple[int, int]]) -> list[Line]:
    """`lines` with table 三's rows cut inside a number joined back (indexes kept)."""
    a, b = bounds.get("applications", (0, 0))
    out = lines
    prev = None  # index of the last line with text
    subtotal = ()  # the 小计 column's place, asked at the first candidate only
    for i in range(a, min(b, len(lines))):
        if not out[i].text.strip():
            continue
        if prev is not None and _may_join(out[prev], out[i]):
            if subtotal == ():
                subtotal = subtotal_place(lines[a:b], [])
            row = _joined(out[prev], out[i], subtotal)
            if row is not None:
                if out is lines:
                    out = list(lines)
                out[prev] = dataclasses.replace(out[prev], text=row)
                out[i] = dataclasses.replace(out[i], text="")
                continue
        prev = i
    return out


__all__ = ["joined_cut_rows"]
