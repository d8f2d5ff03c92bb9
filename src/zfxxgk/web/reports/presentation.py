"""How a report is shown on a page: the three tables in the official layout (the
same `render.layout` grids every output format draws) with flagged cells marked,
and the findings with their cells named in words. Presentation only: the facts
come from `data.py`.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable

from ...check import review
from ...check.engine import SEVERITIES
from ...check.labels import describe_cells
from ...model import Report as LibReport
from ...render.layout import TABLE_PARTS, build_grid, cell_text
from ...standard import get_template
from ...standard.vocabulary import SEVERITY_NAMES


def worst_by_cell(findings: Iterable[dict[str, Any]]) -> dict[str, str]:
    """Cell code -> the most severe severity of the findings naming it."""
    worst: dict[str, str] = {}
    for f in findings:
        for code in f["cells"]:
            if code not in worst or SEVERITIES.index(f["severity"]) < SEVERITIES.index(worst[code]):
                worst[code] = f["severity"]
    return worst


def _rows(grid, flags: dict[str, str], extra: Callable[[Any], dict[str, Any]]) -> list[dict[str, Any]]:
    """A `render.layout` grid as rows of cells for the templates, each flagged cell
    with its worst severity; `extra(cell)`: what the page adds to each cell."""
    return [{"head": i < len(grid.head),
             "cells": [{"tag": "th" if c.header else "td", "text": c.text, "rowspan": c.rowspan,
                        "colspan": c.colspan, "scope": c.scope if c.header else None, "code": c.code,
                        "flag": flags.get(c.code) if c.code else None, **extra(c)} for c in row]}
            for i, row in enumerate(grid.rows)]


def grids(report: LibReport, findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The three tables as rows of cells for the `_grid.html` template."""
    template = get_template(report.template)
    flags = worst_by_cell(findings)
    out = []
    for code in TABLE_PARTS.values():
        grid = build_grid(template, code, report)
        rows = _rows(grid, flags, lambda c: {"value": cell_text(c.value) if c.code else "",
                                             "flag_label": SEVERITY_NAMES.get(flags.get(c.code, ""), "")})
        out.append({"code": grid.code, "caption": grid.caption, "rows": rows})
    return out


def findings_for_page(findings: list[dict[str, Any]], template: str | None,
                      verdicts: dict[str, Any] | None = None,
                      source: str | None = None) -> list[dict[str, Any]]:
    """Findings with what a reader needs beside them: severity and cells in Chinese,
    and a reviewer's verdict (确认/排除 and comment) where one was given."""
    from ...app.finding_table import TABLE_SOURCES, finding_fingerprint, official_place

    by_cell = bool(source) and source.lower().endswith(TABLE_SOURCES)

    out = []
    for position, f in enumerate(findings):
        v = (verdicts or {}).get(finding_fingerprint(f))
        where = f.get("where") or {}
        place = review.place(where)
        if by_cell and f.get("cells"):  # a Word or Excel file: the form's table, row, column
            place = official_place(f["cells"][0], template) or place
        out.append({**f, "severity_label": SEVERITY_NAMES.get(f["severity"], f["severity"]),
                    "cells_text": describe_cells(f["cells"], template) if f["cells"] else "",
                    "place": place, "excerpt": where.get("excerpt"), "position": position,
                    "verdict": v.verdict if v else "", "verdict_label": v.get_verdict_display() if v else "",
                    "comment": v.comment if v else "", "dismissed": bool(v and v.verdict == "dismissed")})
    return out


def counts(findings: list[dict[str, Any]]) -> dict[str, int]:
    """Totals by severity; a finding a reviewer dismissed is not counted."""
    return {s: sum(1 for f in findings if f["severity"] == s and not f.get("dismissed"))
            for s in SEVERITIES}


def year_grids(comparison: dict[str, Any]) -> list[dict[str, Any]]:
    """The three tables of a year-over-year comparison in the official layout of the
    current report's format, each value cell holding previous, current and change."""
    from types import SimpleNamespace

    template = get_template(comparison["templates"]["current"])
    flags = worst_by_cell(comparison["findings"])
    out = []
    for table in comparison["tables"]:
        by_code = {c["code"]: c for r in table["rows"] for c in r["cells"]}
        values = {r["code"]: {c["column"]: c["current"] for c in r["cells"]} for r in table["rows"]}
        grid = build_grid(template, table["code"], SimpleNamespace(**{table["code"]: values}))
        rows = _rows(grid, flags, lambda c: {"cmp": by_code.get(c.code) if c.code else None})
        out.append({**table, "caption": grid.caption, "grid": rows})
    return out


def duration(seconds: int | None) -> str | None:
    """Seconds left -> words for the progress line (约 3 分钟, 不到 1 分钟)."""
    if seconds is None:
        return None
    if seconds < 60:
        return "不到 1 分钟"
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"约 {minutes} 分钟"
    return f"约 {minutes // 60} 小时 {minutes % 60} 分钟"
