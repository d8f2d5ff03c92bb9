"""Reading table 四 (行政复议、行政诉讼): one row of fifteen numbers under a
two-level header, printed as one line, as its groups' lines, or run together.

The same stages as the other tables (`tables`), with the row's own identities
(each group of five totals itself: T4-1) as the witness for a cut.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..ingest.document import Line
from ..model import Note
from ..standard import get_template
from ..standard.identities import review_cells, review_identities
from ..standard.spec import Table
from .cells import classify, split_line
from .doubts import after_review_header, group_name_apart, scrambled
from .fit import RowFit, fit_row
from .matcher import matcher_for
from .runs import totals_every_five
from .solve import Equation, resolve
from .stream import ValueGroup, region_items, spaced
from .tables import (TableRead, _cell_notes, _code, _equation, _provenance, _run_note,
                     _slots_read, _value_notes, _was_cut)

T4_WIDTH = len(review_cells(get_template("2021")))


@lru_cache(maxsize=4)
def t4_equations(template_code: str) -> list[Equation]:
    """Table 四 is read as one row of fifteen cells: its identities over their positions."""
    template = get_template(template_code)
    position = {code: ("row", i) for i, code in enumerate(review_cells(template))}
    return [_equation(ident, {}, position) for ident in review_identities(template)]


# a full-width comma between the digits of a number ("1，234"): a thousands separator
_THOUSANDS = re.compile(r"(?<=\d)，(?=\d{3}(?!\d))")


def _is_prose(text: str) -> bool:
    """A sentence, not table 四's row of numbers (whose thousands may be set off
    by full-width commas)."""
    return "。" in text or "，" in text and "，" in _THOUSANDS.sub("", text)


_CJK = re.compile(r"[\u4e00-\u9fff]")


def _placed_row(g: ValueGroup) -> list | None:
    """Table 四's fifteen cells of the group's line, when the ones before the
    numbers are no words but unreadable figures (garbled digits of a PDF text
    layer: Z0, (cid:3); each piece of a space-separated run a cell) and all make
    fifteen. Each keeps its column, the unreadable ones null: without them the
    numbers after them were fitted to fifteen columns and read one or two
    columns off (0 for 10)."""
    if g.start <= 0:
        return None
    cells = split_line(g.line.text)
    if len(cells) != g.start + len(g.cells):
        return None
    lead = cells[:g.start]
    if any(c.kind != "text" or _CJK.search(c.text) for c in lead):
        return None
    pieces = [classify(t) for c in lead for t in c.text.split()]
    return pieces + list(g.cells) if len(pieces) + len(g.cells) == T4_WIDTH else None


def read_review(table: Table, lines: list[Line]) -> TableRead:
    """Table 四 is one row of fifteen numbers under a two-level header."""
    out = TableRead()
    prose = {ln.number for ln in lines if _is_prose(ln.text)}
    items = region_items([group_name_apart(ln) for ln in lines if ln.number not in prose],
                         matcher_for(()))
    groups = after_review_header([it for it in items if isinstance(it, ValueGroup)], lines)
    if not groups:
        return out
    cells, slines, used = [], [], []
    for g in groups:
        used.append(g)
        part = g.cells if len(g.cells) == T4_WIDTH else _placed_row(g) or g.stripped
        cells.extend(part)
        slines.extend(g.lines if len(g.lines) == len(part) else [g.line] * len(part))
        if len(cells) >= T4_WIDTH:
            break
    merged = ValueGroup(cells, slines[0], lines=slines)
    out.found = True
    fit = fit_row(cells, merged.stripped, T4_WIDTH, False, totals_every_five,
                  stray_spaces=len(groups) == 1 and spaced(groups[0]))
    if len(cells) == T4_WIDTH and scrambled(used, groups[len(used):], [c.value for c in cells],
                                              totals_every_five):
        fit = RowFit([], "misaligned")
    res = resolve({"row": fit}, t4_equations("2021"))
    values = res.values.get("row") or [None] * T4_WIDTH
    slots = _slots_read(res, fit, "row")
    codes = [_code(table, r.code, c.code) for r in table.rows for c in table.columns]
    if fit.how == "run" and None not in values and _was_cut(slots):
        out.notes.append(_run_note(codes, values, fit, merged, "T4-1"))
    if fit.how == "misaligned":
        out.notes.append(Note("misaligned", codes, line=merged.line.number,
                              excerpt=merged.line.text.strip(),
                              data={"tokens": [c.text for c in merged.stripped]}))
    for i, code in enumerate(codes):
        _, row, col = code.split(".")
        out.cells.setdefault(row, {})[col] = values[i] if i < len(values) else None
        slot = slots[i] if slots and i < len(slots) else None
        prov = _provenance(slot, merged, i)
        if prov is not None:
            if fit.how == "spacer" and values[i] is not None:
                prov.decided_by = "T4-1"
            out.provenance[code] = prov
            _value_notes(out, code, slot, prov)
        _cell_notes(out, res, ("row", i), code, merged.line.number, merged.line.text.strip())
    out.rows_found = {r.code for r in table.rows}
    return out
