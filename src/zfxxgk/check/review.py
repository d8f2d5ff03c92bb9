"""The findings of one report as text a person reads in a terminal, in Chinese.

Grouped by severity so that errors come first and the count of each is seen at once;
each finding names its cells as the printed table does and quotes the source line.
"""

from __future__ import annotations

from ..model import Report
from . import messages as msg
from .engine import SEVERITIES, Finding
from .labels import describe_cells


def place(where: dict | None) -> str:
    """`第3页第12行`, `第2张表第5行`, or empty: where a finding points, in words."""
    where = where or {}
    parts = []
    if where.get("page") is not None:
        parts.append(msg.REVIEW_PAGE.format(page=where["page"]))
    if where.get("line") is not None:
        parts.append(msg.REVIEW_LINE.format(line=where["line"]))
    elif where.get("table") is not None and where.get("row") is not None:
        parts.append(msg.REVIEW_TABLE.format(table=where["table"], row=where["row"]))
    return "".join(parts)


def _place(where: dict) -> str:
    text = place(where)
    if where.get("excerpt"):
        text = f"{text}  “{where['excerpt']}”" if text else f"“{where['excerpt']}”"
    return text


def _title(report: Report) -> str:
    agency = report.agency or msg.REVIEW_UNKNOWN_AGENCY
    year = msg.REVIEW_YEAR.format(year=report.year) if report.year else ""
    return msg.REVIEW_TITLE.format(agency=agency, year=year)


def format_review(report: Report, findings: list[Finding]) -> str:
    lines = [_title(report)]
    if report.source:
        lines.append(msg.REVIEW_SOURCE.format(source=report.source))
    if report.template:
        lines.append(msg.REVIEW_TEMPLATE.format(template=report.template))
    counts = {s: sum(1 for f in findings if f.severity == s) for s in SEVERITIES}
    lines.append(msg.REVIEW_COUNTS.format(**counts))
    if not findings:
        lines.append(msg.REVIEW_CLEAN)
    for severity in SEVERITIES:
        group = [f for f in findings if f.severity == severity]
        if not group:
            continue
        lines.append("")
        lines.append(msg.REVIEW_GROUP.format(name=msg.SEVERITY_NAMES[severity], count=len(group)))
        for f in group:
            lines.append(f"  [{f.rule}] {f.message}")
            if f.cells:
                lines.append(f"      {msg.REVIEW_CELLS}{describe_cells(f.cells, report.template)}")
            place = _place(f.where or {})
            if place:
                lines.append(f"      {msg.REVIEW_WHERE}{place}")
            if f.suggestion:
                lines.append(f"      {msg.REVIEW_FIX}{f.suggestion}")
    return "\n".join(lines) + "\n"
