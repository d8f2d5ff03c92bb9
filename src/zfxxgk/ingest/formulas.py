"""The few spreadsheet formulas a report's totals use, computed when a workbook
keeps no result for them.

Excel and WPS save each formula's result beside it, and that result is what the
loader reads. A workbook written by a program (an office system's export, a script)
often saves the formula alone: Excel computes it on opening, so the reader sees a
number, while a loader reading results sees an empty cell and the row loses its
total. Here the formulas totals are made of — cell references, `+`, `-`, numbers,
parentheses, SUM over cells and ranges of the same sheet, and ROUND of them (a money
total kept to its printed places) — are computed the way Excel does (empty cells are
0, SUM skips text, ROUND takes halves away from zero); anything else (another sheet, `*`,
other functions, text in a sum of terms) is not guessed: the cell stays unread.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Callable

from openpyxl.utils import column_index_from_string as column_number

_TOKEN = re.compile(r"\s*(?:(SUM|ROUND)\s*\(|\$?([A-Z]{1,3})\$?(\d{1,7})(?::\$?([A-Z]{1,3})\$?(\d{1,7}))?"
                    r"|(\d+(?:\.\d+)?)|([-+,()]))", re.IGNORECASE)
MAX_CELLS = 2000  # cells one formula may add up


# What `value` returns for a cell whose own formula could not be computed.
UNKNOWN = object()


class _Unknown(Exception):
    """A formula outside the subset, or a value it cannot use."""


def evaluate(formula: str, value: Callable[[int, int], object]) -> Decimal | None:
    """The formula's result, or None when it is outside the subset. `value(row, col)`
    gives a cell's value (None for an empty cell, a nested result, or UNKNOWN)."""
    text = formula[1:] if formula.startswith("=") else formula
    tokens: list[tuple] = []
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            if text[pos:].strip():
                return None
            break
        tokens.append(m.groups())
        pos = m.end()
    try:
        parser = _Parser(tokens, value)
        result = parser.expression()
        if parser.i != len(tokens):
            return None
        return result
    except (_Unknown, InvalidOperation, IndexError):
        return None


class _Parser:
    """expression := term (('+'|'-') term)*; term := ['-'|'+'] (number | cell |
    SUM(args) | ROUND(expression, expression) | (expression))."""

    def __init__(self, tokens: list[tuple], value: Callable[[int, int], object]):
        self.tokens, self.value, self.i = tokens, value, 0

    def expression(self) -> Decimal:
        total = self.term()
        while self.i < len(self.tokens) and self.tokens[self.i][6] in ("+", "-"):
            sign = self.tokens[self.i][6]
            self.i += 1
            total = total + self.term() if sign == "+" else total - self.term()
        return total

    def term(self) -> Decimal:
        fn, col, row, col2, row2, number, op = self.tokens[self.i]
        self.i += 1
        if op in ("-", "+"):
            inner = self.term()
            return -inner if op == "-" else inner
        if number:
            return Decimal(number)
        if col and not col2:
            return _number(self.value(int(row), column_number(col)), strict=True)
        if fn and fn.upper() == "ROUND":
            return self._round()
        if fn:
            return self._sum()
        if op == "(":
            inner = self.expression()
            self._expect(")")
            return inner
        raise _Unknown(op or col)

    def _sum(self) -> Decimal:
        total = Decimal(0)
        while True:
            fn, col, row, col2, row2, number, op = self.tokens[self.i]
            if col:
                self.i += 1
                r2, c2 = (int(row2), column_number(col2)) if col2 else (int(row), column_number(col))
                total += self._range(int(row), column_number(col), r2, c2)
            else:
                total += self.expression()
            sep = self.tokens[self.i][6]
            self.i += 1
            if sep == ")":
                return total
            if sep != ",":
                raise _Unknown(sep)

    def _round(self) -> Decimal:
        """ROUND(expression, places) with whole places from 0 to 10."""
        value = self.expression()
        self._expect(",")
        places = self.expression()
        self._expect(")")
        if places != places.to_integral_value() or not 0 <= places <= 10:
            raise _Unknown("places")
        return value.quantize(Decimal(1).scaleb(-int(places)), rounding=ROUND_HALF_UP)

    def _range(self, r1: int, c1: int, r2: int, c2: int) -> Decimal:
        r1, r2 = sorted((r1, r2))
        c1, c2 = sorted((c1, c2))
        if (r2 - r1 + 1) * (c2 - c1 + 1) > MAX_CELLS:
            raise _Unknown("range")
        return sum((_number(self.value(r, c), strict=False)
                    for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)), Decimal(0))

    def _expect(self, op: str) -> None:
        if self.tokens[self.i][6] != op:
            raise _Unknown(op)
        self.i += 1


def _number(value: object, strict: bool) -> Decimal:
    """A cell's value as a number: empty is 0; text is skipped by SUM (0) and is an
    error in a sum of terms (strict), as in Excel; an unknown nested result is unknown."""
    if value is None:
        return Decimal(0)
    if isinstance(value, bool):
        raise _Unknown("bool")
    if isinstance(value, Decimal):
        return value
    if isinstance(value, (int, float)):
        return Decimal(f"{value:.15g}") if isinstance(value, float) else Decimal(value)
    if value is UNKNOWN:
        raise _Unknown("nested")
    if strict:
        raise _Unknown("text")
    return Decimal(0)


__all__ = ["UNKNOWN", "evaluate"]
