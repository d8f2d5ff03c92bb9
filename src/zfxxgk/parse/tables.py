"""Reading the three tables out of their regions.

Each table goes through the same stages: stream of labels and values
(`stream.region_items`), pairing (`stream.align`), fitting each row to its columns
(`fit.fit_row`), and resolving what is still open with the table's identities
(`fit.resolve`). The result is cells, their provenance, and notes. Table 四,
one row of fifteen, is read in `review_table` with the helpers here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from ..ingest.document import Line
from ..model import Note, Provenance, printed_cell
from ..standard.vocabulary import split_code
from ..standard import get_template
from ..standard.identities import (SIXTH_ROWS, SIXTH_SPLIT, Identity, application_identities)
from ..standard.spec import Row, Table
from .active_header import UNCLEAR, header_lines, printed_order
from .fit import RowFit, Slot, fit_row
from .grid_rows import grid_cell_notes, place_grid_rows
from .runs import total_at, total_last
from .solve import Equation, resolve
from .matcher import matcher_for
from .stream import Assigned, LabelItem, ValueGroup, align, even_gaps, lone_gaps, region_items, spaced
from .doubts import doubted_rows, misfit_pairs, wrapped_rows
from .table_twice import read_twice
from .t2_turned import restore_places, turned_back
from .wrapped_cells import join_wrapped, wrapped_notes


@dataclass
class TableRead:
    """What one table yielded. `cells`: row -> column -> value, a row read at all
    holding all its columns in the table's order."""

    cells: dict[str, dict[str, object]] = field(default_factory=dict)
    provenance: dict[str, Provenance] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)
    rows_found: set[str] = field(default_factory=set)
    found: bool = False


def read_rows_table(table: Table, rows: list[Row], items: list, equations_for,
                    row_check, min_floating: int, row_rule: str | None = None,
                    hints=None, header=None) -> TableRead:
    """Tables 二 and 三: labelled rows, from the region's stream (`region_items`).
    `hints()`: cell code -> a figure the report's prose states (`figures`), asked
    only when the identities leave a tie. `header`: see `_header_orders`."""
    out = TableRead()
    if any(isinstance(it, LabelItem) and it.match.row in SIXTH_SPLIT for it in items):
        # （六）其他处理 printed as a group over its three rows is no data row
        items = [it for it in items if not (isinstance(it, LabelItem)
                                           and it.match.row == "other" and it.values is None)]
    order = [r.code for r in rows]
    # a report mixing the formats prints one kind of （六） row, not both
    optional = SIXTH_ROWS if SIXTH_ROWS <= set(order) else frozenset()
    assigned = align(items, order, min_floating=min_floating, optional=optional)
    if not assigned:
        return out
    out.found = True
    columns = {r.code: table.row_columns(r) for r in rows}
    moved = _header_orders(header, assigned, columns) if header is not None else ()
    joined = join_wrapped(assigned, items, columns, table.code, hints) if row_check is None else {}
    fits = _fit_rows(out, table, rows, columns, assigned, items, row_check)
    for code, why in doubted_rows(assigned, fits).items():
        fits[code].doubted = why
    present = [code for code in order if code in assigned]
    res = resolve(fits, equations_for(present), lambda: _cell_hints(table, hints))
    for code in present:
        _read_row(out, table, code, columns[code], assigned[code].values, fits.get(code), res,
                  row_rule)
    wrapped_notes(out, joined)
    for code in moved:  # the row's cells in the form's order, as every row's
        cells = out.cells[code]
        out.cells[code] = {c: cells[c] for c in sorted(cells, key=[
            c.code for c in table.columns].index)}
    return out


def _header_orders(header, assigned: dict, columns: dict) -> list[str]:
    """Rows whose header prints their columns in another order take that order
    (`header(assigned row, its columns)`: the printed order, None or UNCLEAR);
    a row whose header contradicts the form without naming each column once is
    placed by no reading (null, a misaligned note: F-TABLE). Returns the rows reordered."""
    moved = []
    for code, a in assigned.items():
        if a.values is None:
            continue
        order = header(a, columns[code])
        if order == UNCLEAR:
            a.values.unplaced = True
        elif order is not None:
            columns[code] = order
            moved.append(code)
    return moved


def _fit_rows(out: TableRead, table: Table, rows: list[Row], columns: dict, assigned: dict,
              items: list, row_check) -> dict[str, RowFit]:
    """Each assigned row's numbers fitted to its columns (a label printed otherwise
    noted on the way). Rows whose numbers look wrapped, or paired with labels by
    order alone when most such pairs do not fit, are misaligned."""
    by_code = {r.code: r for r in rows}
    fits: dict[str, RowFit] = {}
    for code, a in assigned.items():
        if a.label is not None:
            _label_note(out, table, by_code[code], a.label)
        if a.values is None:
            continue
        cols = columns[code]
        if a.values.unplaced:
            fits[code] = RowFit([], "misaligned")
            continue
        _label_column_off(a)
        fits[code] = fit_row(a.values.cells, a.values.stripped, len(cols), a.values.glued,
                             row_check, cols, spaced(a.values),
                             lone_run=a.label is not None and a.label.values is a.values,
                             lone_gaps=lone_gaps(a.values) if row_check is None else (),
                             even=row_check is None and even_gaps(a.values))
    widths = {code: len(columns[code]) for code in assigned}
    place_grid_rows(fits, assigned, widths)
    for code in wrapped_rows(assigned, items, row_check) | misfit_pairs(assigned, widths):
        if code in fits:
            fits[code] = RowFit([], "misaligned", total_fails=_printed_total_fails(
                fits[code], row_check))
    return fits


def _label_column_off(a: Assigned) -> None:
    """A row's numbers on a line of their own (its label on a line above: a page
    break, a wrapped label) in a layout that shows blank cells: the empty cell that
    opens the line is the table's label column, not a blank first value. Read as
    a blank, the row's numbers moved a column right wherever the line had lost a
    blank of its own (``\t16\t3\t3387…`` for 16|空|3|3387…): a wrong number in
    each column up to the lost one. Without it, the line's count of numbers says a
    cell is missing and the row is read as one that lost a cell."""
    g = a.values
    if g.start == 0 and len(g.lines) <= 1 and g.cells and g.cells[0].kind == "empty" \
            and (a.label is None or a.label.values is not g):
        g.cells = g.cells[1:]
        g.start = 1


def _read_row(out: TableRead, table: Table, code: str, cols, group: ValueGroup | None,
              fit: RowFit | None, res, row_rule: str | None) -> None:
    """One row's cells, their provenance and notes, as the solver left them."""
    out.rows_found.add(code)
    values = res.values.get(code)
    slots = res.chosen.get(code)
    row_cells = out.cells.setdefault(code, {})
    if values is None:
        values = [None] * len(cols)
        if fit is not None and fit.how == "misaligned" and group is not None:
            out.notes.append(Note("misaligned", [_code(table, code, c.code) for c in cols],
                                  line=group.line.number, page=group.line.page,
                                  excerpt=group.line.text.strip(),
                                  data={"tokens": [c.text for c in group.stripped]}))
    decided = _decided_by(fit, res, code, slots, row_rule)
    if fit is not None and fit.how == "run" and None not in values and _was_cut(slots):
        out.notes.append(_run_note([_code(table, code, c.code) for c in cols], values,
                                   fit, group, decided or row_rule))
    merged = fit.merged if fit is not None else None
    if code in res.readings and not merged:  # cut, or a number dropped or missing: the readings left
        out.notes.append(_readings_note(table, code, cols, res, group))
        if fit is not None and fit.doubted:
            out.notes[-1].data["doubt"] = fit.doubted
    codes = _cell_codes(table.code, code, cols)
    whole = _whole_cells(fit, slots)
    if whole is not None and _plain_row(whole, group, len(cols)):
        _plain_cells(out, row_cells, cols, codes, values, whole, group, decided)
        if res.inferred or res.ambiguous:
            for i in range(len(cols)):
                _open_cell_note(out, res, code, i, codes[i], out.provenance.get(codes[i]), group)
        return
    slots = _slots_read(res, fit, code)
    n_values, n_slots = len(values), len(slots) if slots else 0
    for i, col in enumerate(cols):
        row_cells[col.code] = values[i] if i < n_values else None
        slot = slots[i] if i < n_slots else None
        prov = _provenance(slot, group, i)
        if prov is not None:
            if decided and values[i] is not None:
                prov.decided_by = decided
            out.provenance[codes[i]] = prov
            if slot is not None and slot.cell is not None and slot.cell.kind != "number":
                _value_notes(out, codes[i], slot, prov)
        if merged:
            out.notes.extend(grid_cell_notes(res, merged, (code, i), codes[i], prov, _where(group)))
        elif res.inferred or res.ambiguous:
            _open_cell_note(out, res, code, i, codes[i], prov, group)


def _printed_total_fails(fit: RowFit, row_check) -> bool:
    """A row printed with all its cells whose own total disagrees with its parts:
    the table's totals are not to be trusted to pick a damaged row's reading, even
    when the row itself is left unread."""
    if fit.printed is None or row_check is None:
        return False
    values = [c.value for c in fit.printed]
    return None not in values and not row_check(values)


def _slots_read(res, fit: RowFit | None, code: str) -> list[Slot] | None:
    """The slots a row was read from: the solver's choice, or an exact row's
    printed cells (which the solver takes as they are, without slots)."""
    slots = res.chosen.get(code)
    if slots is None and fit is not None and fit.printed is not None:
        slots = fit.candidates[0]
    return slots


def _whole_cells(fit: RowFit | None, slots) -> list | None:
    """A row's cells when each is a printed cell read whole (nothing cut out of a
    run, nothing unknown): an exact row's printed cells, or its chosen slots' cells."""
    if fit is not None and fit.printed is not None:
        return fit.printed
    if not slots:
        return None
    for s in slots:
        if s.cell is None or s.text is not None:
            return None
    return [s.cell for s in slots]


def _plain_row(cells: list, group: ValueGroup | None, width: int) -> bool:
    """The common row: every cell a printed number of a text line (no source
    columns). Its provenance is built without the general case's questions
    (`_provenance`)."""
    if group is None or len(cells) < width:
        return False
    for line in group.lines or (group.line,):
        if line.cols is not None or line.ocr is not None:
            return False
    for cell in cells:
        if cell.kind != "number":
            return False
    return True


def _plain_cells(out: TableRead, row_cells: dict, cols, codes, values: list, cells: list,
                 group: ValueGroup, decided: str | None) -> None:
    """Cells and provenance of a `_plain_row` (what `_provenance` gives them)."""
    lines = group.lines
    per_line = 1 < len(lines)
    n_values = len(values)
    provenance = out.provenance
    line = group.line
    for i, col in enumerate(cols):
        value = values[i] if i < n_values else None
        row_cells[col.code] = value
        if per_line:
            line = lines[i] if i < len(lines) else group.line
        cell = cells[i]
        prov = printed_cell(line.number, line.page, line.table, line.row, cell.raw.strip(),
                            cell.unit)
        if decided and value is not None:
            prov.decided_by = decided
        provenance[codes[i]] = prov


def _open_cell_note(out: TableRead, res, code: str, i: int, cell_code: str, prov,
                    group: ValueGroup | None) -> None:
    """The note of a row's cell the identities filled or left open (a row whose
    readings are noted whole has no note per cell)."""
    _cell_notes(out, res, (code, i), cell_code, prov.line if prov else None,
                group.line.text.strip() if group else None, ambiguous=code not in res.readings)


def _cell_notes(out: TableRead, res, key: tuple, cell_code: str, line: int | None,
                excerpt: str | None, ambiguous: bool = True) -> None:
    """F-INFERRED for a cell the identities filled, F-AMBIGUOUS for one they left open."""
    if key in res.inferred:
        v, rule = res.inferred[key]
        out.notes.append(Note("inferred", [cell_code], line=line, excerpt=excerpt,
                              data={"value": v, "identity": rule}))
    if key in res.ambiguous and ambiguous:
        out.notes.append(Note("ambiguous", [cell_code], line=line, excerpt=excerpt,
                              data={"candidates": {cell_code: res.ambiguous[key]}}))


def _cell_hints(table: Table, hints) -> dict:
    """Prose figures of this table as (row, column index)."""
    if hints is None:
        return {}
    out = {}
    for code, value in hints().items():
        t, row, col = split_code(code)
        if t != table.code:
            continue
        try:
            cols = [c.code for c in table.row_columns(table.row(row))]
        except KeyError:
            continue
        if col in cols:
            out[(row, cols.index(col))] = value
    return out


def _decided_by(fit, res, code: str, slots, row_rule: str | None) -> str | None:
    """What settled a row read from damaged text: the only cut its digits allow
    under its own total, the table's identities, or a figure of the prose."""
    if fit is not None and code in res.decided:
        return res.decided[code]
    if fit is None or fit.how not in ("run", "missing", "window", "spacer"):
        return None
    if fit.how == "spacer":  # the empty cells left out only as its own total holds
        return row_rule
    if fit.how == "run" and len(fit.candidates) == 1 and _was_cut(slots):
        return row_rule or "唯一拆分"
    return None


def _readings_note(table: Table, code: str, cols, res, group: ValueGroup | None) -> Note:
    """One warning for a row whose digits can be cut more than one way: its
    null cells, their candidate values, and the candidate cuts of the printed text."""
    open_cells = {i: _code(table, code, c.code) for i, c in enumerate(cols)
                  if (code, i) in res.ambiguous}
    printed = "".join(c.text for c in group.stripped) if group else ""
    readings = ["|".join("" if v is None else str(v) for v in r) for r in res.readings[code]]
    return Note("ambiguous", list(open_cells.values()), **_where(group),
                data={"candidates": {c: res.ambiguous[(code, i)] for i, c in open_cells.items()},
                      "printed": printed, "readings": readings})


def _where(group: ValueGroup | None) -> dict:
    """A row's note's place: its line, page and the line's text (cut at 80 characters)."""
    if group is None:
        return {"line": None, "page": None, "excerpt": None}
    return {"line": group.line.number, "page": group.line.page,
            "excerpt": group.line.text.strip()[:80]}


def _was_cut(slots) -> bool:
    return bool(slots) and any(s.text is not None for s in slots)


def _run_note(cells: list[str], values: list, fit: RowFit, group: ValueGroup | None,
              row_rule: str | None) -> Note:
    """Digits printed with no separator, cut apart by the identities."""
    rule = row_rule or "位数"
    if len(fit.candidates) > 1 and row_rule == "T3-3":
        rule = "T3-3、T3-2、T3-1"  # the row's own total left several cuts: the columns' chose
    printed = " ".join(c.text for c in group.stripped) if group and group.stripped else ""
    return Note("inferred", cells, **_where(group),
                data={"value": "|".join(str(v) for v in values), "identity": rule,
                      "printed": printed, "how": "run"})


_CELL_CODES: dict[tuple[str, str, int], tuple] = {}


def _cell_codes(table: str, row: str, cols: tuple) -> tuple[str, ...]:
    """The cell codes of a row, built once per (table, row, columns): `cols` is one of
    the table's own long-lived column tuples, known by identity."""
    key = (table, row, id(cols))
    hit = _CELL_CODES.get(key)
    if hit is not None and hit[0] is cols:
        return hit[1]
    codes = tuple(f"{table}.{row}.{c.code}" for c in cols)
    _CELL_CODES[key] = (cols, codes)
    return codes


def _code(table: Table, row: str, col: str) -> str:
    return f"{table.code}.{row}.{col}"


def _provenance(slot: Slot | None, group: ValueGroup | None, i: int) -> Provenance | None:
    if group is None:
        return None
    lines = group.lines
    per_line = 1 < len(lines)
    line = lines[i] if per_line and i < len(lines) else group.line
    if line.cols is None and line.ocr is None and slot is not None and slot.cell is not None \
            and slot.text is None:
        # the common case of a text source, kept short: it runs for every cell
        cell = slot.cell
        return printed_cell(line.number, line.page, line.table, line.row, cell.raw.strip(),
                            cell.unit)
    if slot is None or slot.unknown or slot.cell is None:
        return Provenance(line.number, line.page, line.table, line.row, text="")
    col = None
    k = None
    if line.cols is not None and slot.index is not None:
        k = group.starts[slot.index] if per_line and slot.index < len(group.starts) \
            else group.start + slot.index
        col = line.col(k)
    cut = slot.text is not None  # digits cut out of a run: no unit of their own
    prov = Provenance(line.number, line.page, line.table, line.row, col,
                      text=slot.text if cut else slot.cell.raw.strip(),
                      unit=None if cut else slot.cell.unit)
    if line.ocr is not None and k is not None:
        _ocr_provenance(prov, line.ocr_cell(k))
    elif line.ocr is not None and line.cols is None:
        # a scan's line of text (a table whose rules were not found, read as
        # prose): its figures are as sure as the line was read, no surer
        _ocr_provenance(prov, line.ocr_cell(0))
    return prov


def _ocr_provenance(prov: Provenance, read: tuple | None) -> None:
    """A cell read by OCR says so, with the recogniser's confidence and its box."""
    if read is None:
        return
    confidence, box, *readings = read
    prov.ocr = True
    prov.confidence = round(float(confidence), 3)
    prov.box = [int(v) for v in box]
    prov.readings = readings[0] if readings else None


def _value_notes(out: TableRead, code: str, slot: Slot | None, prov: Provenance) -> None:
    if slot is None or slot.cell is None or slot.text is not None:
        return
    if slot.cell.kind == "placeholder":
        out.notes.append(Note("value_text", [code], line=prov.line, page=prov.page,
                              excerpt=prov.text, data={"text": slot.cell.text}))
    elif slot.cell.kind == "unit":
        out.notes.append(Note("value_unit", [code], line=prov.line, page=prov.page,
                              excerpt=prov.text, data={"text": slot.cell.text,
                                                       "unit": slot.cell.unit}))


def _label_note(out: TableRead, table: Table, row: Row, label: LabelItem) -> None:
    if label.match.via not in ("synonym", "fuzzy"):
        return
    cells = [_code(table, row.code, c.code) for c in table.row_columns(row)]
    out.notes.append(Note("label", cells, line=label.line.number, page=label.line.page,
                          excerpt=label.line.text.strip(),
                          data={"printed": label.match.printed, "official": row.label,
                                "what": "row"}))


# --- identities --------------------------------------------------------------

def t3_equations(present: list[str], columns: tuple[str, ...] | None = None) -> list[Equation]:
    """`columns`: the column codes in printed order (the form's when None)."""
    return _t3_equations(tuple(present), columns)


@lru_cache(maxsize=256)
def _t3_equations(present: tuple[str, ...], columns: tuple[str, ...] | None) -> list[Equation]:
    """Table 三's identities (`standard.identities`) over (row, column index), each
    column at its printed place: a row's total (T3-3) is where the header put 总计.
    Cached: the same rows are present in nearly every report."""
    template = get_template("2021")
    columns = columns or tuple(c.code for c in template.applications.columns)
    index = {code: i for i, code in enumerate(columns)}
    return [_equation(ident, index) for ident in application_identities(template, present)]


def _equation(ident: Identity, index: dict[str, int], row_of=None) -> Equation:
    def cell(code: str) -> tuple[str, int]:
        _, row, col = split_code(code)
        return (row, index[col]) if row_of is None else row_of[code]

    return Equation(ident.rule, tuple(cell(c) for c in ident.left),
                    tuple(cell(c) for c in ident.right))


def no_equations(present: list[str]) -> list[Equation]:
    return []


def read_applications(table: Table, rows: list[Row], items: list, hints=None,
                      total: int | None = None) -> TableRead:
    """Table 三 from its stream (read with every row either format may print).
    `total`: the place of each row's total (T3-3) where the header prints 总计
    elsewhere than last: the check on how a row's digits run together are cut
    holds in either order."""
    allowed = {r.code for r in rows}
    items = [it for it in items if not (isinstance(it, LabelItem) and it.match.row not in allowed)]
    check = total_last if total is None else total_at(total, len(table.columns))
    columns = tuple(c.code for c in table.columns)
    return read_rows_table(table, rows, items, lambda present: t3_equations(present, columns),
                           check, min_floating=5,
                           row_rule="T3-3", hints=hints)


def read_active(table: Table, lines: list[Line], hints=None) -> TableRead:
    """Table 二, each row's columns in the order its block's header prints them
    (active_header.py); printed twice in its part (a draft and the final one, no
    caption), the cells the copies print otherwise are null (table_twice.py)."""
    lines, places = turned_back(table, lines)
    items = region_items(lines, matcher_for(table.rows))
    named: dict = {}

    def header(a, cols):
        if len(cols) < 2:
            return None  # one column: no order to tell
        if not named:
            named.update(header_lines(table, lines) or {0: None})
        line = a.label.line if a.label is not None else a.values.line
        return printed_order(named.get(line.number), cols)

    return restore_places(read_twice(items, lines, lambda part: read_rows_table(
        table, list(table.rows), part, no_equations, None, min_floating=1, hints=hints,
        header=header), table.code), table, places)
