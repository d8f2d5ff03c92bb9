"""One agency's report against its report of an earlier year: the data behind
/agencies/<id>/years and /api/agencies/<id>/years.

Every cell of the three tables is shown as previous, current and change. Across
the 2019→2021 format change (X-3) only cells both formats have are compared, and
table 二 not at all: its columns mean different things in the two formats (the
checker's cross-year rules make the same choice). The cross-year findings are the
checker's own (X-1, T2-1, T2-3, as `zfxxgk check --previous` runs them); they need
two consecutive years.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.urls import reverse

from ... import check
from ...check.labels import describe_column, row_name
from ...render.layout import cell_text
from ...standard import TABLE_CODES, get_template, split_code
from ...standard.identities import carry_over as carry_over_links
from .data import report_summary
from .models import Agency
from .querysets import visible_reports
from .services import ServiceError, library_report, report_of_year

CROSS_YEAR_RULES = ("X-1", "T2-1", "T2-3")
A = "applications"


def choose_years(agency: Agency, current: int | None, previous: int | None,
                 reports) -> tuple[list[int], int, int]:
    """The agency's report years among `reports` (newest first) and the pair to
    compare: by default the latest year and the one before it."""
    years = list(reports.filter(agency=agency, filed=True).exclude(year=None)
                 .values_list("year", flat=True).distinct().order_by("-year"))
    if len(years) < 2:
        raise ServiceError(f"{agency.name}只有{len(years)}个年度的报告，无法逐年对比", 404)
    current = years[0] if current is None else current
    if previous is None:
        previous = next((y for y in years if y < current), None)
    for y in (current, previous):
        if y not in years:
            raise ServiceError(f"{agency.name}没有{y}年度的报告" if y else "没有更早年度的报告", 404)
    if previous >= current:
        raise ServiceError("对比的上一年度须早于本年度")
    return years, current, previous


def _change(prev: Any, cur: Any) -> Any:
    if isinstance(prev, (int, Decimal)) and isinstance(cur, (int, Decimal)):
        return cur - prev
    return None


def _signed(v: Any) -> str:
    if v is None:
        return ""
    return ("+" if v > 0 else "") + cell_text(v)


def compare_tables(prev, cur) -> list[dict[str, Any]]:
    """The three tables in the current report's layout, each cell with previous,
    current and change; `comparable` False where the formats differ."""
    tp, tc = get_template(prev.template), get_template(cur.template)
    same_format = tp.code == tc.code
    out = []
    for code in TABLE_CODES:
        table, ptable = tc.table(code), tp.table(code)
        table_comparable = same_format or code != "active"
        prev_codes = set(ptable.cell_codes())
        rows, counts = [], {"cells": 0, "compared": 0, "changed": 0}
        for row in table.rows:
            cells = []
            for col in table.row_columns(row):
                cell = f"{code}.{row.code}.{col.code}"
                comparable = table_comparable and cell in prev_codes
                p = prev.cell(cell) if comparable else None
                c = cur.cell(cell)
                change = _change(p, c) if comparable else None
                changed = comparable and p != c
                counts["cells"] += 1
                counts["compared"] += comparable
                counts["changed"] += changed
                cells.append({"code": cell, "column": col.code, "comparable": comparable,
                              "previous": p, "current": c, "change": change, "changed": changed,
                              "previous_text": cell_text(p), "current_text": cell_text(c),
                              "change_text": _signed(change)})
            rows.append({"code": row.code, "label": row_name(table, row), "cells": cells})
        own = {c["code"] for r in rows for c in r["cells"] if c["comparable"]}
        previous_only = [{"code": pc, "label": _label(ptable, pc), "value": prev.cell(pc),
                          "text": cell_text(prev.cell(pc))}
                         for pc in ptable.cell_codes() if pc not in own]
        out.append({"code": code, "title": table.title, "comparable": table_comparable,
                    "columns": [{"code": c.code, "label": describe_column(code, c.code, tc)}
                                for c in table.columns],
                    "rows": rows, "counts": counts,
                    "previous_only": previous_only if not same_format else []})
    return out


def _label(table, code: str) -> str:
    _, r, c = split_code(code)
    row = next((x for x in table.rows if x.code == r), None)
    name = row_name(table, row) if row is not None else r
    return f"{name}·{describe_column(table.code, c)}"


def carry_over(prev, cur) -> list[dict[str, Any]]:
    """X-1's pairs: this year's 上年结转 against last year's 结转下年度继续办理."""
    template = get_template(cur.template)
    out = []
    for link in carry_over_links(template):
        p, c = prev.cell(link.prev), cur.cell(link.this)
        column = split_code(link.this)[2]
        out.append({"column": column, "label": describe_column(A, column, template),
                    "carried_forward": p, "carried_in": c,
                    "carried_forward_text": cell_text(p), "carried_in_text": cell_text(c),
                    "equal": None if p is None or c is None else p == c})
    return out


def year_comparison(user, agency: Agency, current: int | None = None,
                    previous: int | None = None) -> dict[str, Any]:
    """Only reports `user` may see are compared: published ones, and drafts within
    their scope (another agency's draft figures are never shown)."""
    visible = visible_reports(user)
    years, current, previous = choose_years(agency, current, previous, visible)
    rows = {y: report_of_year(agency, y, visible) for y in (previous, current)}
    prev, cur = library_report(rows[previous]), library_report(rows[current])
    consecutive = current == previous + 1
    findings = ([f.to_dict() for f in check.run(cur, select=list(CROSS_YEAR_RULES), previous=prev)]
                if consecutive else [])
    tables = compare_tables(prev, cur)
    same_format = (prev.template or "2021") == (cur.template or "2021")
    notes = []
    if not same_format:
        notes.append(f"{previous}年度报告使用{get_template(prev.template).name}，{current}年度报告使用"
                     f"{get_template(cur.template).name}：表二的栏目含义不同，不作比较；表三、表四只比较"
                     f"两种格式都有的单元格，上年报告中本年格式没有的单元格另列。")
    if not consecutive:
        notes.append(f"{previous}年度与{current}年度不相邻：跨年度核查（{'、'.join(CROSS_YEAR_RULES)}）"
                     f"只比较相邻的两个年度，这里没有运行。")
    query = f"?current={current}&previous={previous}"
    return {
        "agency": {"id": agency.pk, "name": agency.name, "url": reverse("reports:agency", args=[agency.pk])},
        "years": years, "current": current, "previous": previous, "consecutive": consecutive,
        "same_format": same_format,
        "reports": {"previous": report_summary(rows[previous]), "current": report_summary(rows[current])},
        "templates": {"previous": prev.template, "current": cur.template},
        "notes": notes,
        "tables": tables,
        "totals": {k: sum(t["counts"][k] for t in tables) for k in ("cells", "compared", "changed")},
        "carry_over": carry_over(prev, cur) if consecutive else [],
        "cross_year_rules": list(CROSS_YEAR_RULES),
        "findings": findings,
        "url": reverse("reports:agency_years", args=[agency.pk]) + query,
        "api_url": reverse("api:agency_years", args=[agency.pk]) + query,
    }
