"""Whole numbers from a query string or a form (an id, a year, a line number).

`str.isdigit()` was the test before `int()`: it holds for "²" and "①" (int() then
raised: a 500), and for ids past what the database can hold (SQLite raised
OverflowError: a 500); `int("x")` on a list's filter was a 500 too. A value that
is not a plain whole number is no filter at all, as the pages always treated an
empty one."""

from __future__ import annotations

import re

from ..standard import FIRST_YEAR, LAST_YEAR

# At most 18 digits: below 2**63, the largest id SQLite and PostgreSQL hold.
_WHOLE = re.compile(r"[0-9]{1,18}")


def whole(value) -> int | None:
    """`value` as an int when it is written with ASCII digits only, else None."""
    text = str(value).strip() if value is not None else ""
    return int(text) if _WHOLE.fullmatch(text) else None


def year(value) -> int | None:
    """A report year (`standard.FIRST_YEAR` to `LAST_YEAR`), else None."""
    y = whole(value)
    return y if y is not None and FIRST_YEAR <= y <= LAST_YEAR else None
