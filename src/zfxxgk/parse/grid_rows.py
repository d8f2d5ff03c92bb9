"""A row of a web, Word or Excel table placed by its source columns.

Read as text, a row printing fewer figures than it has columns lacks a cell at any
place (`fit._missing`): each place is a reading, and where every other row lacks one
too the identities cannot choose and the rows stay null. A table's grid says where
each printed figure stands (`Line.cols`), and the rows printing all their figures say
which source column holds which of the row's columns (its *layout*), so a row
lacking cells is placed figure by figure, and the grid says why a column holds none:

- ABOVE: a cell of a row above is merged down over it (Word's w:vMerge, a web
  page's rowspan, `Line.above`). Word and LibreOffice show the upper cell once
  down over both rows and nothing of the lower cell's own text (LibreOffice's HTML
  export writes one cell with rowspan="2", the lower figure gone): the row's own
  figure is printed nowhere. It is never the upper figure (that one is the upper
  row's); the table's identities may give it exactly (F-INFERRED, its provenance
  `decided_by` the identity), else it stays null and the finding says the cell is
  merged with the row above.
- ACROSS: a figure cell of the row spans it (colspan, w:gridSpan, w:hMerge): one
  figure printed over two columns may be either's, both's (one figure for two
  equal ones) or their sum, which nothing printed tells: both columns are unknown,
  for the identities to give or leave null (read as one of them, a sum placed in
  a column and 0 solved into the other satisfied the identities across such rows:
  bench/struct6_probe.py, 35 wrong cells in 12 files).
- LABEL: the row's label spans it: no figure is printed there.
- ABSENT: the row ends before it (HTML's shorter row, Word's w:gridAfter): no cell.

Only a row every lacking column of which the grid explains so is placed; a figure
standing outside the layout, or a table whose complete rows disagree on it, leaves
the row to the text reading.
"""

from __future__ import annotations

from collections import Counter

from ..model import Note, Provenance
from .fit import RowFit, Slot
from .stream import Assigned, ValueGroup

ABOVE = "above"
ACROSS = "across"
LABEL = "label"
ABSENT = "absent"


def place_grid_rows(fits: dict[str, RowFit], assigned: dict[str, Assigned],
                    widths: dict[str, int]) -> None:
    """Each row of a grid table that the text reading finds lacking cells (or reads
    as digits run together, or cannot align) replaced by its placing by source
    columns, where the grid says why each lacking cell is empty."""
    lacking = [code for code, fit in fits.items() if fit.how in ("missing", "run", "misaligned")
               and assigned[code].values.line.cols is not None and not assigned[code].values.unplaced]
    if not lacking:
        return
    found = layouts(assigned, widths)
    for code in lacking:
        group = assigned[code].values
        layout = found.get((group.line.table, widths[code]))
        fit = grid_fit(group, layout) if layout else None
        if fit is not None:
            fits[code] = fit


def layouts(assigned: dict[str, Assigned], widths: dict[str, int]) -> dict[tuple, tuple[int, ...]]:
    """(table number, row width) -> the source columns of a row's cells, as the
    table's rows printing every cell place them: the layout most of them share,
    when they do not tie."""
    seen: dict[tuple, Counter] = {}
    for code, a in assigned.items():
        group = a.values
        cols = _source_columns(group, widths.get(code, 0))
        if cols is not None:
            seen.setdefault((group.line.table, len(cols)), Counter())[cols] += 1
    out = {}
    for key, counts in seen.items():
        top = counts.most_common(2)
        if len(top) == 1 or top[0][1] > top[1][1]:
            out[key] = top[0][0]
    return out


def _source_columns(group: ValueGroup | None, width: int) -> tuple[int, ...] | None:
    """The source columns of a grid row's cells when it prints one for each column."""
    if group is None or group.glued or len(group.lines) > 1 or group.line.cols is None \
            or len(group.cells) != width:
        return None
    line, start = group.line, group.start
    cols = tuple(line.col(start + k) for k in range(width))
    return None if None in cols else cols


def grid_fit(group: ValueGroup, layout: tuple[int, ...]) -> RowFit | None:
    """The one reading of a row lacking cells: its printed cells at their layout
    columns, every other column unknown (None where the grid does not explain each
    lacking one). The fit's `merged` maps each unknown column to why: ABOVE, ACROSS
    (also a figure's own column when its cell spans others), LABEL or ABSENT."""
    line = group.line
    if group.glued or len(group.lines) > 1 or line.cols is None:
        return None
    at = {col: i for i, col in enumerate(layout)}
    placed: dict[int, int] = {}  # layout index -> the row's cell index
    for k, cell in enumerate(group.cells):
        i = at.get(line.col(group.start + k))
        if i is None:
            if cell.kind != "empty":
                return None  # a figure where no complete row prints one
            continue
        placed[i] = k
    merged: dict[int, str] = {}
    covered = set(line.above or ())
    for i, col in enumerate(layout):
        if i in placed:
            continue
        if col in covered:
            merged[i] = ABOVE
            continue
        owner = _spanned_by(line, col, covered)
        if owner is None:
            return None  # left of the row's first cell: the grid does not say why
        j = at.get(owner)  # the spanning cell's own column: a figure's, or none (a label's)
        if owner == ABSENT:
            merged[i] = ABSENT
        elif j is None:
            merged[i] = LABEL
        else:
            merged[i] = merged[j] = ACROSS
    if not merged:
        return None
    fit = RowFit([[Slot(None, unknown=True) if i in merged or i not in placed
                   else Slot(group.cells[placed[i]], index=placed[i]) for i in range(len(layout))]], "grid")
    fit.merged = merged
    return fit


def _spanned_by(line, col: int, covered: set[int]) -> int | str | None:
    """The source column of the row's own cell that spans `col`: the nearest cell
    starting left of it, with no column merged from above between; ABSENT past the
    row's end (`Line.end`: the row has no cell there), None left of its first cell
    or, where the end is not known, past its last cell."""
    if line.end is not None and col > line.end:
        return ABSENT
    left = [c for c in line.cols if c < col]
    if not left or (line.end is None and max(line.cols) < col):
        return None
    start = max(left)
    if any(start < c < col for c in covered):
        return None
    return start


def grid_cell_notes(res, merged: dict[int, str], key: tuple[str, int], cell_code: str,
                    prov: Provenance | None, where: dict) -> list[Note]:
    """The notes of one cell of a row placed by its source columns (`where`: the
    row's line, page and excerpt). A column the row prints no cell of its own in:
    a value the identities gave it is noted inferred with how the cell is merged,
    its provenance naming the identity (`decided_by`); left null, a merged_cell
    note (F-TABLE) with what values the readings leave, if any. Other cells as any
    row's: inferred, or ambiguous with their candidates."""
    how = merged.get(key[1])
    line = prov.line if prov is not None else where["line"]
    if key in res.inferred:
        value, rule = res.inferred[key]
        data = {"value": value, "identity": rule}
        if how is not None:
            data["merged"] = how
            if prov is not None:
                prov.decided_by = rule
        return [Note("inferred", [cell_code], line=line, excerpt=where["excerpt"], data=data)]
    if key not in res.ambiguous:
        return []
    if how is not None:
        return [Note("merged_cell", [cell_code], **where,
                     data={"how": how, "candidates": res.ambiguous[key]})]
    return [Note("ambiguous", [cell_code], line=line, excerpt=where["excerpt"],
                 data={"candidates": {cell_code: res.ambiguous[key]}})]
