"""Numbers wrapped inside a narrow table cell (PDF text without ruling lines).

A cell too narrow for its number prints it over two lines (`1638` as `16` above
`38`, `358件` as `358` above `件`), so the row's text line holds only the first
pieces and a line below, beside the rest of the wrapped label, holds the others.
The pieces cannot be put back together from text alone (which cells wrapped is
not said), so a row with such a line under it is read only when its own
identity (the 总计 cell is the sum of the others) still holds; otherwise its
cells stay null with a misaligned note. Table 四 read from several lines of
several numbers each is in the same case: the reading order of a wrapped row is
not the order of its cells, so its groups must add up.
"""

from __future__ import annotations

from .stream import Assigned, ValueGroup

NEAR = 2  # a wrapped cell's second line lies at most this many lines below


def wrapped_rows(assigned: dict[str, Assigned], items: list, row_check) -> set[str]:
    """Rows whose numbers look cut by wrapping: a group of numbers that no row
    took lies just below the row's line, and the row's own identity fails."""
    if row_check is None:
        return set()
    taken = {id(a.values) for a in assigned.values() if a.values is not None}
    stray = [it.line.number for it in items
             if isinstance(it, ValueGroup) and id(it) not in taken and it.stripped]
    if not stray:
        return set()
    out = set()
    for code, a in assigned.items():
        group = a.values
        if group is None:
            continue
        last = max(ln.number for ln in group.lines or (group.line,))
        if not any(0 < s - last <= NEAR for s in stray):
            continue
        values = [c.value for c in group.stripped]
        if None not in values and not row_check(values):
            out.add(code)
    return out


def scrambled(groups: list[ValueGroup], values: list, check) -> bool:
    """Table 四 gathered from several lines, one of them holding several numbers
    (not one cell per line), and a group of five that does not add up: the order
    of the text is not the cells' order."""
    lines = {ln.number for g in groups for ln in (g.lines or (g.line,))}
    several = any(len(g.lines) <= 1 and len(g.stripped) > 1 for g in groups)
    if len(lines) < 2 or not several:
        return False
    return None not in values and not check(values)
