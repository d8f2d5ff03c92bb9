"""Chinese names for cell codes, as a reader of the printed table would say them.

A reviewer knows the table by its labels, not by `applications.withheld.state_secret.total`,
so every cell a finding shows is named from the standard's own labels: the row (with
its group where the row's own label is only an item of that group) and the column,
joined by `·`. Explanatory brackets of the official labels (`（单位：万元）`,
`（区分处理的，…）`) are dropped: they make a name long without telling cells apart.
"""

from __future__ import annotations

import re

from ..standard import TEMPLATES, Template, get_template, split_code
from ..standard.common import find_row
from ..standard.spec import Row, Table

_TRAILING_NOTE = re.compile(r"（[^（）]*）$")
_ITEM_MARKER = re.compile(r"^\d+\.$")


def _short(label: str) -> str:
    short = _TRAILING_NOTE.sub("", label)
    return short or label


def row_name(table: Table, row: Row) -> str:
    """`（三）不予公开·1.属于国家秘密`, `（七）总计`, `行政诉讼·复议后起诉`, `行政许可`."""
    name = _short(row.label)
    group = next((g for g in table.groups if g.code == row.group), None)
    if group is not None and (_ITEM_MARKER.match(row.marker) or table.code == "review_litigation"):
        return f"{group.label}·{name}"
    return name


def _tables(template: Template | str | None, table_code: str) -> list[Table]:
    """The table in the report's template first, then in the other one: a code the
    report's format lacks is still named."""
    first = template if isinstance(template, Template) else get_template(template)
    others = [t for t in TEMPLATES.values() if t is not first]
    return [t for tpl in (first, *others) for t in tpl.tables if t.code == table_code]


def describe_row(table_code: str, row_code: str, template: Template | str | None = None) -> str:
    for table in _tables(template, table_code):
        row = find_row(table, row_code)
        if row is not None:
            return row_name(table, row)
    return row_code


def describe_column(table_code: str, col_code: str,
                    template: Template | str | None = None) -> str:
    for table in _tables(template, table_code):
        for c in table.columns:
            if c.code == col_code:
                return _short(c.label)
    return col_code


def describe_table(table_code: str, template: Template | str | None = None) -> str:
    tables = _tables(template, table_code)
    return tables[0].title if tables else table_code


def describe_cell(code: str, template: Template | str | None = None) -> str:
    """`applications.total.natural_person` -> `（七）总计·自然人`; an unknown code is
    returned as it is, so a message never fails on a name."""
    try:
        table_code, row_code, col_code = split_code(code)
    except ValueError:
        return code
    tables = _tables(template, table_code)
    fallback = None
    for table in tables:
        row = find_row(table, row_code)
        if row is None:
            continue
        col = next((c for c in table.row_columns(row) if c.code == col_code), None)
        if col is not None:
            return f"{row_name(table, row)}·{_short(col.label)}"
        fallback = fallback or f"{row_name(table, row)}·{describe_column(table_code, col_code, template)}"
    return fallback or code


def describe_cells(codes: list[str], template: Template | str | None = None,
                   limit: int = 4) -> str:
    """Several names joined by `、`; cells of one row said once with their columns
    (`行政复议（总计、结果维持）`); beyond `limit` names the rest are counted
    (`A、B、C、D等22个单元格`)."""
    groups: dict[tuple[str, str], list[str]] = {}
    for code in codes:
        try:
            table, row, col = split_code(code)
        except ValueError:
            table, row, col = code, "", ""
        groups.setdefault((table, row), []).append(code)
    names = []
    for (table, row), cells in list(groups.items())[:limit]:
        if len(cells) == 1 or not row:
            names.extend(describe_cell(c, template) for c in cells)
            continue
        cols = "、".join(describe_column(table, c.rsplit(".", 1)[1], template) for c in cells)
        names.append(f"{describe_row(table, row, template)}（{cols}）")
    text = "、".join(names)
    if len(groups) > limit:
        text += f"等{len(codes)}个单元格"
    return text
