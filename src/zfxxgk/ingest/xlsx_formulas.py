"""A workbook's formulas saved without their results: computed on demand, and where
each shown cell's figure came from one (for the parser's provenance and findings).

openpyxl reads each formula's saved result; a workbook written by a program often
has none (Excel computes them on opening). `Unsaved.value` gives such a cell's
value as Excel would show it — computed by formulas.py from the workbook's own
cells, on its sheet or another (by name, as Excel matches names: case-insensitive)
— or UNKNOWN. Each result is computed once; a formula met again while it is being
computed (a circular reference) is UNKNOWN, and so is one more than MAX_DEPTH
formulas down a chain, or past MAX_FORMULAS results in one workbook: a crafted
file costs a bounded amount of work and never exhausts Python's stack.
"""

from __future__ import annotations

from .formulas import UNKNOWN, evaluate

# Formulas saved without their result computed at most, per workbook.
MAX_FORMULAS = 2000
# Formulas one result may depend on through one another (a total of subtotals of
# references is three deep).
MAX_DEPTH = 40
# Kept in Document.meta per cell (see `records`): a formula computed / not computed.
COMPUTED, UNCOMPUTED = "=", "?"


class Unsaved:
    """The formulas of one workbook (`formulas`: formula_scan's text by (sheet number,
    row, column)), and the cells whose shown value one of them gave (`placed`)."""

    def __init__(self, wb, formulas: dict[tuple[int, int, int], str]):
        self.formulas = formulas
        self.sheets = {ws.title.casefold(): (n, ws) for n, ws in enumerate(wb.worksheets, 1)}
        self.memo: dict[tuple[int, int, int], object] = {}
        self.depth = 0
        # (line, column) -> (COMPUTED or UNCOMPUTED, the formula) of each shown cell
        self.placed: dict[tuple[int, int], tuple[str, str]] = {}

    def value(self, ws, number: int, row: int, col: int):
        """The cell's value: its own (a constant or a saved result), else its formula's
        result (a Decimal) or UNKNOWN; None for an empty cell."""
        cell = ws._cells.get((row, col))  # (ws.cell() would create the cell)
        value = cell.value if cell is not None else None
        key = (number, row, col)
        formula = self.formulas.get(key)
        if value is not None or formula is None:
            return value
        if key in self.memo:
            return self.memo[key]
        if len(self.memo) >= MAX_FORMULAS or self.depth >= MAX_DEPTH:
            return UNKNOWN
        self.memo[key] = UNKNOWN  # while computed: a circular reference is unknown
        self.depth += 1
        try:
            result = evaluate(formula, lambda sheet, r, c: self._cell(ws, number, sheet, r, c))
        finally:
            self.depth -= 1
        self.memo[key] = UNKNOWN if result is None else result
        return self.memo[key]

    def _cell(self, ws, number: int, sheet: str | None, row: int, col: int):
        if sheet is not None:
            found = self.sheets.get(sheet.casefold())
            if found is None:  # another workbook, a deleted sheet: not guessed
                return UNKNOWN
            number, ws = found
        return self.value(ws, number, row, col)

    def place(self, line: int, number: int, row: int, cols, values) -> None:
        """Note the cells of a shown line whose value a formula saved without its result
        gave (`cols` the sheet's columns, `values` what each cell held)."""
        for col, value in zip(cols, values):
            formula = self.formulas.get((number, row, col))
            if formula is not None and value is None:
                state = UNCOMPUTED if self.memo.get((number, row, col), UNKNOWN) is UNKNOWN else COMPUTED
                self.placed[(line, col)] = (state, " ".join(formula.split()))

    def records(self) -> str:
        """`placed` as Document.meta["formula_cells"]: a line "line<TAB>column<TAB>state
        <TAB>formula" per cell (parse/formula_cells.py reads it)."""
        return "\n".join(f"{line}\t{col}\t{state}\t{formula}"
                         for (line, col), (state, formula) in self.placed.items())


__all__ = ["COMPUTED", "UNCOMPUTED", "Unsaved"]
