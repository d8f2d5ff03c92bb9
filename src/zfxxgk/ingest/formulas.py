"""The few spreadsheet formulas a report's totals use, computed when a workbook
keeps no result for them.

Excel and WPS save each formula's result beside it, and that result is what the
loader reads. A workbook written by a program (an office system's export, a script)
often saves the formula alone: Excel computes it on opening, so the reader sees a
number, while a loader reading results sees an empty cell and the row loses its
total. Here the formulas totals are made of — cell references (also to another
sheet: `表2!B5`, `'原始 数据'!B5:G5`), `+`, `-`, numbers, parentheses, SUM over cells,
ranges and terms (nested too), and ROUND of them (a money total kept to its printed
places) — are computed the way Excel does (empty cells are 0, SUM skips text in a
range, ROUND takes halves away from zero); anything else (`*`, other functions, text
in a sum of terms, a range over MAX_CELLS cells, parentheses nested deeper than
MAX_NESTING) is not guessed: the cell stays unread. A small parser of its own: no
formula text ever reaches Python's eval, and a spreadsheet engine (the `formulas`
or `pycel` packages) would cost 30-60 ms of CPU a workbook and pull in numpy.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Callable, NamedTuple

from openpyxl.utils import column_index_from_string as column_number

# A sheet's name written without quotes in a reference (表2!B5).
_NAME = r"""[^\s'!:,()+\-*/^&=<>"$\[\]{};]+"""
_TOKEN = re.compile(
    r"""\s*(?:
      (?P<fn>SUM|ROUND)\s*\(
    | (?:(?:'(?P<quoted>(?:[^']|'')+)'|(?P<sheet>""" + _NAME + r"""))!)?
      \$?(?P<col>[A-Z]{1,3})\$?(?P<row>\d{1,7})(?::\$?(?P<col2>[A-Z]{1,3})\$?(?P<row2>\d{1,7}))?
      (?![A-Z0-9_.(!])
    | (?P<number>\d+(?:\.\d+)?)(?![A-Z0-9_.])
    | (?P<op>[-+,()])
    )""", re.IGNORECASE | re.VERBOSE)
# A reference's sheet name: quoted ('原始 数据'!) or not (表2!).
_SHEET = re.compile(r"(?:'((?:[^']|'')+)'|(" + _NAME + "))!")
MAX_CELLS = 2000  # cells one formula may add up
MAX_NESTING = 16  # parentheses and functions inside one another


# What `value` returns for a cell whose own formula could not be computed.
UNKNOWN = object()

# value(sheet, row, column): a cell's value; sheet is None for the formula's own sheet.
Values = Callable[[str | None, int, int], object]


class _Unknown(Exception):
    """A formula outside the subset, or a value it cannot use."""


class _Ref(NamedTuple):
    sheet: str | None
    row: int
    col: int
    row2: int
    col2: int
    is_range: bool


def evaluate(formula: str, value: Values) -> Decimal | None:
    """The formula's result, or None when it is outside the subset. `value(sheet, row,
    col)` gives a cell's value (None for an empty cell, a nested result, or UNKNOWN)."""
    tokens = _tokens(formula[1:] if formula.startswith("=") else formula)
    if not tokens:
        return None
    try:
        parser = _Parser(tokens, value)
        result = parser.expression()
        if parser.i != len(tokens):
            return None
        return result
    except (_Unknown, InvalidOperation, IndexError):
        return None


def sheets_named(formula: str) -> set[str]:
    """The names of the sheets a formula refers to, whatever else it holds."""
    return {(quoted.replace("''", "'") if quoted else plain) for quoted, plain in _SHEET.findall(formula)}


def _tokens(text: str) -> list[tuple[str, object]] | None:
    """(kind, payload) of each token: fn (SUM / ROUND), ref (_Ref), number (Decimal),
    op (one of -+,()); None when the text holds anything else."""
    out: list[tuple[str, object]] = []
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            return None if text[pos:].strip() else out
        pos = m.end()
        if m["fn"]:
            out.append(("fn", m["fn"].upper()))
        elif m["col"]:
            sheet = m["quoted"].replace("''", "'") if m["quoted"] else m["sheet"]
            r1, c1 = int(m["row"]), column_number(m["col"].upper())
            r2, c2 = (int(m["row2"]), column_number(m["col2"].upper())) if m["col2"] else (r1, c1)
            out.append(("ref", _Ref(sheet, r1, c1, r2, c2, bool(m["col2"]))))
        elif m["number"]:
            out.append(("number", Decimal(m["number"])))
        else:
            out.append(("op", m["op"]))
    return out


class _Parser:
    """expression := term (('+'|'-') term)*; term := ['-'|'+'] (number | cell |
    SUM(args) | ROUND(expression, expression) | (expression)); an argument of SUM
    is a range or cell standing alone (text in it skipped) or an expression."""

    def __init__(self, tokens: list[tuple[str, object]], value: Values):
        self.tokens, self.value, self.i, self.depth = tokens, value, 0, 0

    def expression(self) -> Decimal:
        total = self.term()
        while self.i < len(self.tokens) and self.tokens[self.i] in (("op", "+"), ("op", "-")):
            sign = self.tokens[self.i][1]
            self.i += 1
            total = total + self.term() if sign == "+" else total - self.term()
        return total

    def term(self) -> Decimal:
        negative = False
        while self.tokens[self.i] in (("op", "+"), ("op", "-")):  # signs before a term
            negative ^= self.tokens[self.i][1] == "-"
            self.i += 1
        value = self._operand()
        return -value if negative else value

    def _operand(self) -> Decimal:
        kind, what = self.tokens[self.i]
        self.i += 1
        if kind == "number":
            return what
        if kind == "ref" and not what.is_range:
            return _number(self.value(what.sheet, what.row, what.col), strict=True)
        if kind == "fn" or what == "(":
            self.depth += 1
            if self.depth > MAX_NESTING:
                raise _Unknown("nesting")
            inner = self._sum() if what == "SUM" else self._round() if what == "ROUND" else self._group()
            self.depth -= 1
            return inner
        raise _Unknown(what)

    def _group(self) -> Decimal:
        inner = self.expression()
        self._expect(")")
        return inner

    def _sum(self) -> Decimal:
        total = Decimal(0)
        while True:
            kind, ref = self.tokens[self.i]
            if kind == "ref" and self.tokens[self.i + 1] in (("op", ","), ("op", ")")):
                self.i += 1  # a range or a cell alone: its text is skipped, as Excel's SUM does
                total += self._range(ref)
            else:
                total += self.expression()
            sep = self.tokens[self.i]
            self.i += 1
            if sep == ("op", ")"):
                return total
            if sep != ("op", ","):
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

    def _range(self, ref: _Ref) -> Decimal:
        r1, r2 = sorted((ref.row, ref.row2))
        c1, c2 = sorted((ref.col, ref.col2))
        if (r2 - r1 + 1) * (c2 - c1 + 1) > MAX_CELLS:
            raise _Unknown("range")
        return sum((_number(self.value(ref.sheet, r, c), strict=False)
                    for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)), Decimal(0))

    def _expect(self, op: str) -> None:
        if self.tokens[self.i] != ("op", op):
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


__all__ = ["MAX_NESTING", "UNKNOWN", "Values", "evaluate", "sheets_named"]
