"""Reading table 四 (行政复议、行政诉讼): one row of fifteen numbers under a
two-level header, printed as one line, as its groups' lines, or run together.

The same stages as the other tables (`tables`), with the row's own identities
(each group of five totals itself: T4-1) as the witness for a cut.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..ingest.document import Line
from ..model import Note, Provenance
from ..standard import get_template
from ..standard.identities import review_cells, review_identities
from ..standard.normalize import HAN, nfkc
from ..standard.spec import Table
from .cells import BLANK, LETTER_FIGURE, classify, split_line
from .doubts import after_review_header, group_name_apart, scrambled
from .fit import RowFit, fit_row
from .matcher import matcher_for
from .runs import totals_every_five
from .solve import PROSE, Equation, resolve
from .splits import group_readings
from .stream import ValueGroup, letter_spaced, region_items, spaced
from .t4_order import FORM, printed_order
from .unprinted import fill_unprinted
from .table_twice import second_review_copy, settle
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
    if any(c.kind != "text" or HAN.search(c.text) for c in lead):
        return None
    pieces = [_lead_piece(classify(t)) for c in lead for t in c.text.split()]
    return pieces + list(g.cells) if len(pieces) + len(g.cells) == T4_WIDTH else None


def _lead_piece(cell):
    """A piece before the row's numbers: a figure printed with letters or a doubted
    digit (LETTER_FIGURE) is a value no count is read from as printed (a placeholder:
    its note lets letter_cells/doubted_cells settle it); other pieces stay text (null)."""
    return cell._replace(kind="placeholder") if LETTER_FIGURE.match(cell.text) else cell


def read_review(table: Table, lines: list[Line], hints=None) -> TableRead:
    """Table 四, or each of two copies of it its part prints (table_twice.py): the
    cells they print otherwise are the copy's that adds up (T4-1), or null."""
    at = second_review_copy(lines)
    if at is not None:
        first, second = _read_review(table, lines[:at], hints), _read_review(table, lines[at:], hints)
        if sum(v is not None for cols in second.cells.values() for v in cols.values()) >= 5:
            note = settle(first, second, table.code, review_identities(get_template("2021")))
            if note is not None:
                first.notes.append(note)
            return first
    return _read_review(table, lines, hints)


def _read_review(table: Table, lines: list[Line], hints=None) -> TableRead:
    """Table 四 is one row of fifteen numbers under a two-level header. `hints()`:
    cell code -> a figure the prose states (`figures`), asked only for groups run
    together that their own totals cannot read (`_told_groups`)."""
    out = TableRead()
    prose = {ln.number for ln in lines if _is_prose(ln.text)}
    items = region_items([group_name_apart(ln) for ln in lines if ln.number not in prose],
                         matcher_for(()))
    groups = after_review_header([it for it in items if isinstance(it, ValueGroup)], lines)
    if not groups:
        return out
    cells, slines, used = _gathered(groups)
    joined = _letter_spaced(used, cells)
    if joined is not None:
        cells, slines = joined, [used[0].line] * T4_WIDTH
    order = printed_order(lines, groups[0].line.number, len(cells))
    unprinted = _unprinted(order, cells)
    cells, slines = _form_places(order, cells, slines)
    merged = ValueGroup(cells, slines[0], lines=slines)
    out.found = True
    fit = fit_row(cells, merged.stripped, T4_WIDTH, False, totals_every_five,
                  stray_spaces=len(groups) == 1 and spaced(groups[0]) and joined is None)
    if order is not None and len(cells) != T4_WIDTH or len(cells) == T4_WIDTH and scrambled(
            used, groups[len(used):], [c.value for c in cells], totals_every_five):
        fit = RowFit([], "misaligned")  # (a run cut by the form's places, under another order)
    res = resolve({"row": fit}, t4_equations("2021"))
    values = res.values.get("row") or [None] * T4_WIDTH
    slots = _slots_read(res, fit, "row")
    codes = [_code(table, r.code, c.code) for r in table.rows for c in table.columns]
    told = _told_groups(used, values, codes, hints) if hints is not None and None in values else {}
    for i, (v, _) in told.items():
        values[i] = v
        res.ambiguous.pop(("row", i), None)
    out.notes.extend(_row_notes(codes, values, fit, slots, merged, told,
                                used[0] if joined is not None else None))
    for i, code in enumerate(codes):
        _, row, col = code.split(".")
        out.cells.setdefault(row, {})[col] = values[i] if i < len(values) else None
        slot = slots[i] if slots and i < len(slots) else None
        prov = _provenance(slot, merged, i)
        if prov is not None:
            if (fit.how == "spacer" or joined is not None and " " in prov.text) \
                    and values[i] is not None:
                prov.decided_by = "T4-1"
            out.provenance[code] = prov
            _value_notes(out, code, slot, prov)
        _cell_notes(out, res, ("row", i), code, merged.line.number, merged.line.text.strip())
    for i, (v, line) in told.items():
        if v is not None:
            out.provenance[codes[i]] = Provenance(line.number, line.page, text=str(v),
                                                  decided_by=PROSE)
    out.rows_found = {r.code for r in table.rows}
    if unprinted:  # a column the header leaves out of every group: its totals give it
        fill_unprinted(out, [codes[k] for k in unprinted], review_identities(get_template("2021")))
    return out


def _gathered(groups: list[ValueGroup]) -> tuple[list, list, list[ValueGroup]]:
    """The row's cells from its groups until fifteen are found, each cell's line,
    and the groups used."""
    cells, slines, used = [], [], []
    for g in groups:
        used.append(g)
        part = g.cells if len(g.cells) == T4_WIDTH else _placed_row(g) or g.stripped
        cells.extend(part)
        slines.extend(g.lines if len(g.lines) == len(part) else [g.line] * len(part))
        if len(cells) >= T4_WIDTH:
            break
    return cells, slines, used


def _row_notes(codes: list[str], values: list, fit: RowFit, slots, merged: ValueGroup,
               told: dict, spaced_row: ValueGroup | None) -> list[Note]:
    """The row's notes: digits run together and cut by the totals, letter-spaced
    digits joined (`spaced_row`, the line printing them), or numbers no reading places."""
    out = []
    if fit.how == "run" and None not in values and _was_cut(slots):
        out.append(_run_note(codes, values, fit, merged, "T4-1"))
    if spaced_row is not None and None not in values:
        out.append(Note("inferred", codes, line=merged.line.number, excerpt=merged.line.text.strip(),
                        data={"value": "|".join(map(str, values)), "identity": "T4-1",
                              "printed": " ".join(c.raw.strip() for c in spaced_row.stripped),
                              "how": "run"}))
    if fit.how == "misaligned" and len(told) < T4_WIDTH:
        out.append(Note("misaligned", [c for i, c in enumerate(codes) if i not in told],
                        line=merged.line.number, excerpt=merged.line.text.strip(),
                        data={"tokens": [c.text for c in merged.stripped]}))
    return out


def _letter_spaced(used: list[ValueGroup], cells: list) -> list | None:
    """The row's fifteen numbers where it is one line of spaced numbers printing
    more, some digits letter-spaced (``3 8   6 4 3``: `stream.letter_spaced`), and
    joining just those runs makes fifteen that every group's total (T4-1) confirms;
    None otherwise (the row is read as printed)."""
    if len(used) != 1 or len(cells) <= T4_WIDTH or not spaced(used[0]):
        return None
    joined = letter_spaced(used[0])
    if joined is None or len(joined) != T4_WIDTH:
        return None
    return joined if totals_every_five([c.value for c in joined]) else None


def _form_places(order: tuple[int, ...] | None, cells: list, slines: list) -> tuple[list, list]:
    """The row's cells (and their lines) put back in the form's places where the
    header prints another `order` (t4_order) and the row has a cell for each of its
    places (a place it does not print: a blank, `_unprinted`); as they are otherwise
    (a row of another width is then not read by place: misaligned)."""
    if order is None or len(cells) != len(order):
        return cells, slines
    place = {k: i for i, k in enumerate(order)}
    return ([cells[place[k]] if k in place else BLANK for k in FORM],
            [slines[place[k]] if k in place else slines[0] for k in FORM])


def _unprinted(order: tuple[int, ...] | None, cells: list) -> tuple[int, ...]:
    """The form's places a header leaving a column out of every group prints no
    cell for (t4_order), where the row prints one for each other place."""
    if order is None or len(order) == T4_WIDTH or len(cells) != len(order):
        return ()
    return tuple(k for k in FORM if k not in order)


# table 四's three groups as their lines name them, in the form's order
_GROUP_NAMES = ("行政复议", "未经复议", "复议后")


def _told_groups(groups: list[ValueGroup], values: list, codes: list[str], hints) -> dict:
    """Table 四 printed as three rows of five after their groups' names, each run
    together (``行政复议2113034``): a run may have lost a blank cell with its
    separators (2|1|1|30|34 or 21|13|0|空|34, each adding up), so its own total
    reads none. Where the prose states figures of a group (行政复议3件，维持2件)
    and one reading alone agrees with them, that reading is the group's. Where the
    prose states the group's total only (行政复议34件) and no reading or several
    agree (a blank lost in the run: its parts no longer add up), the total alone is
    read where the run ends with its digits: the report prints it twice, and the
    parts stay null (which cell was blank is not said). Returns position ->
    (value or None for a blank, the group's line)."""
    if len(groups) != 3 or any(len(g.stripped) != 1 or not g.stripped[0].text.isdigit()
                               or not nfkc(g.line.text).lstrip().startswith(name)
                               for g, name in zip(groups, _GROUP_NAMES)):
        return {}
    stated = {codes.index(code): v for code, (v, _) in hints().items() if code in codes}
    out = {}
    for k, g in enumerate(groups):
        said = {i - 5 * k: v for i, v in stated.items() if 5 * k <= i < 5 * k + 5}
        if not said or any(v is not None for v in values[5 * k:5 * k + 5]):
            continue
        run = g.stripped[0].text
        agree = [r for r in group_readings(run) if all(r[j] == v for j, v in said.items())]
        if len(agree) == 1:
            out.update({5 * k + j: (v, g.line) for j, v in enumerate(agree[0])})
        elif 4 in said and _ends_with_total(run, said[4]):
            out[5 * k + 4] = (said[4], g.line)
    return out


def _ends_with_total(run: str, total: int) -> bool:
    """The run ends with the total's digits, and the digits before them can be
    four cells or fewer adding up to no more than it (a blank lost hides a part):
    a run whose own total is another number than the prose's (18 where it says 8)
    cannot leave its parts so."""
    digits = str(total)
    if len(run) <= len(digits) or not run.endswith(digits):
        return False
    return _least_sum(run[:-len(digits)], 4) <= total


def _least_sum(digits: str, pieces: int) -> float:
    """The least sum of `digits` cut into at most `pieces` counts (none with a
    leading 0 but 0 itself); infinite where no cut is one."""
    if not digits:
        return 0
    if pieces == 0:
        return float("inf")
    ends = [1] if digits[0] == "0" else range(1, min(len(digits), 9) + 1)
    return min((int(digits[:n]) + _least_sum(digits[n:], pieces - 1) for n in ends),
               default=float("inf"))
