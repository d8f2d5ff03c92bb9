"""The cells of a column a table's header and rows leave out altogether.

A portal's template may drop a column from table 三 (one applicant kind, or 总计)
or the three 总计 from table 四: the header names one column less and every row
prints one number less. The header says which (t3_header.unprinted_column,
t4_order), so the printed numbers are read in their columns; the column left out
is no blank but a figure the report does not print, and the table's identities
give it exactly where the row's other cells are printed (总计 the sum of its
parts; a kind the row's total less the others). Such a cell is read as F-INFERRED,
its provenance `decided_by` the identity, and only where every identity it takes
part in then holds: a table whose printed totals disagree leaves it null, with a
merged_cell note (F-TABLE) that says the column is not printed.
"""

from __future__ import annotations

from decimal import Decimal

from ..model import Note, Provenance
from ..standard.identities import Identity
from ..standard.vocabulary import split_code

UNPRINTED = "column"  # the note's `merged`/`how`: the header prints no such column


def fill_unprinted(read, unknown: list[str], identities) -> None:
    """The cells `unknown` (codes of `read`, a TableRead, all null) given by the
    `identities` from the printed ones, with their notes and provenance."""
    values = {code: _value(read, code) for ident in identities for code in ident.cells}
    pending = {code for code in unknown if values.get(code) is None}
    rule_of: dict[str, str] = {}
    progress = True
    while pending and progress:
        progress = False
        for ident in identities:
            open_cells = [c for c in ident.cells if c in pending]
            if len(open_cells) != 1 or any(values.get(c) is None for c in ident.cells
                                           if c != open_cells[0]):
                continue
            value = _solved(ident, open_cells[0], values)
            if value is None:
                continue
            values[open_cells[0]] = value
            rule_of[open_cells[0]] = ident.rule
            pending.discard(open_cells[0])
            progress = True
    refuted = {c for ident in identities if _fails(ident, values) for c in ident.cells}
    for code in unknown:
        if code in rule_of and code not in refuted:
            _store(read, code, values[code], rule_of[code])
        else:
            _left(read, code)


def _value(read, code: str):
    _, row, col = split_code(code)
    return (read.cells.get(row) or {}).get(col)


def _solved(ident: Identity, target: str, values: dict):
    """The value `ident` gives `target`, its other cells known; None for a
    negative or fractional count (the printed figures cannot be complete)."""
    left = sum(values[c] for c in ident.left if c != target)
    right = sum(values[c] for c in ident.right if c != target)
    value = right - left if target in ident.left else left - right
    if value < 0 or isinstance(value, Decimal) and value != value.to_integral():
        return None
    return value


def _fails(ident: Identity, values: dict) -> bool:
    got = [values.get(c) for c in ident.cells]
    return None not in got and sum(got[:len(ident.left)]) != sum(got[len(ident.left):])


def _row_place(read, code: str) -> Provenance | None:
    """Where the cell's row was printed: the provenance of another of its cells."""
    table, row, _ = split_code(code)
    prefix = f"{table}.{row}."
    return next((p for c, p in read.provenance.items() if c.startswith(prefix) and p.text), None)


def _store(read, code: str, value, rule: str) -> None:
    _, row, col = split_code(code)
    read.cells.setdefault(row, {})[col] = value
    where = _row_place(read, code) or Provenance()
    line, page = where.line, where.page
    read.provenance[code] = Provenance(line, page, where.table, where.row, text="",
                                       decided_by=rule)
    read.notes.append(Note("inferred", [code], line=line, page=page,
                           data={"value": value, "identity": rule, "merged": UNPRINTED}))


def _left(read, code: str) -> None:
    where = _row_place(read, code)
    read.notes.append(Note("merged_cell", [code], line=where.line if where else None,
                           page=where.page if where else None,
                           data={"how": UNPRINTED, "candidates": []}))
