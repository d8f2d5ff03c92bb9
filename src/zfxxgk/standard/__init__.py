"""The official formats of the annual report as data (standard.md).

`TEMPLATES["2021"]` and `TEMPLATES["2019"]` describe the three tables; the helpers
below answer the questions parser, checker and renderer ask of them.
"""

from __future__ import annotations

from functools import cache

from . import common, y2019, y2021
from .common import SCHEMA, SECTION_SYNONYMS, SECTIONS
from .normalize import nfkc, normalize_label
from .identities import Identity
from .spec import Column, Group, Row, Table, Template
from .vocabulary import TABLE_CODES, split_code

TEMPLATES: dict[str, Template] = {"2019": y2019.TEMPLATE, "2021": y2021.TEMPLATE}

# The report years a user may name: 2008, the 条例's first, to 2100 (a typo's bound).
FIRST_YEAR, LAST_YEAR = 2008, 2100


def get_template(code: str | None) -> Template:
    """The template by code; an unknown or missing code reads as 2021, the current one."""
    return TEMPLATES.get(code or "2021", y2021.TEMPLATE)


def template_for_year(year: int | None) -> str | None:
    """The format a report of this statistics year must use (standard.md §2.4)."""
    if year is None:
        return None
    return "2019" if year <= 2020 else "2021"


def application_rows(template: Template, rows_present: set[str] | None = None) -> list[Row]:
    """The rows of table 三 in official order. A report that mixes the formats
    (a 2021 table printing （六）其他处理 as one row) keeps both kinds of （六） row,
    the single one right after the sub-rows, as report-json.md shows."""
    rows = list(template.applications.rows)
    if rows_present:
        codes = {r.code for r in rows}
        if "other" in rows_present and "other" not in codes:
            i = [r.code for r in rows].index("total")
            rows.insert(i, common.OTHER_SINGLE_ROW)
        elif rows_present & {r.code for r in common.OTHER_SUB_ROWS} and "other.misc" not in codes:
            i = [r.code for r in rows].index("other")
            rows[i + 1:i + 1] = list(common.OTHER_SUB_ROWS)
    return rows


@cache
def known_cells() -> dict[str, dict[str, frozenset[str]]]:
    """table -> row -> its columns, over both formats (and both kinds of （六） row):
    every cell a `zfxxgk.report/1` document may hold. A report JSON with a cell
    outside it was written by hand or by another tool, and its number is no count
    of the form's: readers refuse it rather than keep it unseen."""
    known: dict[str, dict[str, set[str]]] = {}
    for template in TEMPLATES.values():
        for table in template.tables:
            rows = known.setdefault(table.code, {})
            for row in table.rows:
                rows.setdefault(row.code, set()).update(c.code for c in table.row_columns(row))
    return {t: {r: frozenset(cols) for r, cols in rows.items()} for t, rows in known.items()}


__all__ = [
    "FIRST_YEAR", "LAST_YEAR", "SCHEMA", "SECTIONS", "SECTION_SYNONYMS", "TEMPLATES", "TABLE_CODES", "Column", "Group",
    "Identity", "Row", "Table", "Template", "application_rows", "get_template", "known_cells", "nfkc",
    "normalize_label", "split_code", "template_for_year",
]
