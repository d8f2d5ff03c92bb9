"""A table 二 row whose last figure a converter wrapped onto a line of its own
(`行政规范性文件   194   136` / `2`): PDF text and narrow Word cells do this.

The row then prints one figure fewer than its columns, and a lone figure stands
below it. Table 二 has no identity, and a lone figure reads the same as a page
number or a note's: joined by likeness it could be a wrong number in the row's
last cell. So it is joined only where the report's prose states that very figure
for the row's last column (现行有效行政规范性文件2件): then every other reading —
the lone figure no cell's, a blank somewhere in the row — either gives the row's
printed figures the same cells or puts another figure in a cell the prose states
otherwise. The cell's provenance is the lone line, `decided_by` 正文, and an
F-INFERRED note (info) says where the figure stood. Otherwise the row is read as
before: one figure short, null with the finding giving its readings.
"""

from __future__ import annotations

import dataclasses

from ..model import Note
from .doubts import NEAR
from .solve import PROSE
from .stream import Assigned, LabelItem, ValueGroup

WRAPPED = "wrapped"  # the note's `merged`: the figure printed on the line below its row


def join_wrapped(assigned: dict[str, Assigned], items: list, columns: dict, table: str,
                 hints) -> dict[str, tuple[str, object]]:
    """Rows of `assigned` whose lone figure below is joined (their values replaced
    by the row's figures and it): row code -> (cell code, figure). `hints()`: cell
    code -> (figure, where stated), as `figures.lazy_figures` gives."""
    joined: dict[str, tuple[str, object]] = {}
    if hints is None:
        return joined
    taken = {id(a.values) for a in assigned.values() if a.values is not None}
    for code, a in assigned.items():
        group, cols = a.values, columns[code]
        if group is None or group.unplaced or group.glued or len(cols) < 2 \
                or len(group.cells) != len(cols) - 1 or len(group.stripped) != len(group.cells) \
                or any(c.kind not in ("number", "unit") for c in group.cells):
            continue
        lone = _below(items, group, taken)
        if lone is None:
            continue
        cell_code = f"{table}.{code}.{cols[-1].code}"
        said = hints().get(cell_code)
        if said is None or said[1] != PROSE or said[0] != lone.cells[0].value:
            continue
        lines = [group.line] * len(group.cells) + [lone.line]
        a.values = dataclasses.replace(group, cells=group.cells + lone.cells, lines=lines, starts=[])
        if a.label is not None and a.label.values is group:
            a.label.values = a.values
        taken.add(id(lone))
        joined[code] = (cell_code, lone.cells[0].value)
    return joined


def _below(items: list, group: ValueGroup, taken: set[int]) -> ValueGroup | None:
    """The item right after `group` in the stream where it is a group of one figure
    no row took, at most NEAR lines below."""
    at = next((k for k, it in enumerate(items) if it is group
               or isinstance(it, LabelItem) and it.values is group), None)
    if at is None or at + 1 >= len(items):
        return None
    nxt = items[at + 1]
    if not isinstance(nxt, ValueGroup) or id(nxt) in taken or len(nxt.cells) != 1 \
            or nxt.cells[0].kind != "number" or type(nxt.cells[0].value) is not int:
        return None
    last = max(ln.number for ln in group.lines or (group.line,))
    return nxt if 0 < nxt.line.number - last <= NEAR else None


def wrapped_notes(read, joined: dict[str, tuple[str, object]]) -> None:
    """Each joined cell read as its lone figure: decided_by 正文 and its note."""
    for row, (code, value) in joined.items():
        col = code.rsplit(".", 1)[1]
        prov = read.provenance.get(code)
        if read.cells.get(row, {}).get(col) != value or prov is None:
            continue
        prov.decided_by = PROSE
        read.notes.append(Note("inferred", [code], line=prov.line, page=prov.page, excerpt=prov.text,
                               data={"value": value, "identity": PROSE, "merged": WRAPPED}))
