"""Findings as a table a person reads in a spreadsheet: the one builder of the rows
for `zfxxgk check --format xlsx|csv` and the web's Excel export (问题 sheet).

A reviewer knows a cell by its printed labels, not by
`applications.withheld.prohibited_by_law.natural_person`, and a severity by
错误/警告/提示, not by `error`; so every row names its cells with
`check.labels.describe_cells` and its severity with `SEVERITY_NAMES`. The JSON
outputs keep the codes (findings.md); only the tables for people are translated.
A finding a reviewer has confirmed or dismissed carries the verdict and comment.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Sequence

from ..check.engine import field_of
from ..files import CsvRows
from ..check.labels import describe_cells
from ..check.review import place
from ..standard.vocabulary import SEVERITY_NAMES, TABLE_NAMES

COLUMNS = ("报告", "来源文件", "机关", "年度", "规则", "级别", "单元格", "位置", "说明", "原文", "修改建议",
           "审核结论", "审核意见")
UNREADABLE = "无法读取"
VERDICT_NAMES = {"confirmed": "确认", "dismissed": "排除"}


@dataclass
class Entry:
    """One input's findings: its title (or file name), body, year, table format, the
    findings (library findings or stored rows: anything with rule, severity,
    message, cells, where, suggestion) and the verdicts by fingerprint."""

    report: str
    agency: str = ""
    year: int | None = None
    template: str | None = None
    findings: Sequence[Any] = ()
    verdicts: Mapping[str, Any] = field(default_factory=dict)
    error: str | None = None  # set for a file that could not be read
    source: str = ""


def entries(pages: Iterable[tuple[Any, Sequence[Any]]],
            unreadable: Iterable[tuple[str, str]] = ()) -> list[Entry]:
    """Entries for checked library reports (report, findings) and unreadable files
    (file, reason), as `zfxxgk check` has them."""
    from ..check.review import _title

    out = [Entry(report=_title(r), agency=r.agency or "", year=r.year, template=r.template,
                 findings=list(fs), source=r.source or "") for r, fs in pages]
    out += [Entry(report=source, source=source, error=reason) for source, reason in unreadable]
    return out


def fingerprint(rule: str, cells: Iterable[str], excerpt: str | None) -> str:
    """A finding's identity across re-checks and new versions: its rule, its cells
    and the source text it quotes (spaces ignored). The message is left out on
    purpose: it holds the figures, which change when the report is corrected,
    while the finding a reviewer judged is the same one."""
    text = "".join((excerpt or "").split())
    key = "\x1f".join((rule or "", ",".join(sorted(cells or ())), text))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def finding_fingerprint(f: Any) -> str:
    """The finding's fingerprint: the one fixed in `where` when its quote was
    restated from edited values (app.restate), else computed from its parts."""
    where = field_of(f, "where") or {}
    return where.get("fingerprint") or fingerprint(field_of(f, "rule"), field_of(f, "cells") or (),
                                                   where.get("excerpt"))


# sources whose findings point at table cells better than at a line of extracted text
TABLE_SOURCES = (".docx", ".doc", ".wps", ".xlsx", ".xls", ".et", ".odt", ".ods",
                 ".html", ".htm", ".shtml")


def official_parts(code: str, template: str | None) -> tuple[str, str, str] | None:
    """A cell as the printed form names it, in parts: (`表三`, `第24行`, `自然人`),
    the row counted among the table's rows in the official order; None for an
    unknown code."""
    from ..standard import get_template, split_code

    try:
        table_code, row_code, col_code = split_code(code)
        table = get_template(template).table(table_code)
    except (ValueError, KeyError):
        return None
    codes = [r.code for r in table.rows]
    if row_code not in codes:
        return None
    row = table.rows[codes.index(row_code)]
    col = next((c.label for c in table.row_columns(row) if c.code == col_code), col_code)
    return TABLE_NAMES.get(table_code, table.title), f"第{codes.index(row_code) + 1}行", col


def official_place(code: str, template: str | None) -> str:
    """`表三 第24行 自然人`; empty for an unknown code."""
    parts = official_parts(code, template)
    return " ".join(parts) if parts else ""


def figures_place(codes: list[str], template: str | None) -> str:
    """Where the cells a figure sums are printed, for the person writing the prose:
    `表三 第1行 总计`, `表三 第5至12行 总计（8格之和）`, `表三 第1行 商业企业至其他（5格之和）`;
    table 四 (printed as one line of figures) by its headings. Empty when a code is
    unknown, so the caller can fall back to the codes."""
    parts = [_figure_parts(c, template) for c in codes]
    if not parts or None in parts:
        return ""
    def said(p: tuple[str, str, str]) -> str:
        return " ".join(x for x in p if x)

    if len(parts) == 1:
        return said(parts[0])
    first, last = parts[0], parts[-1]
    if len(parts) > 2 and all(p[0] == first[0] and p[2] == first[2] for p in parts) and "行" in first[1]:
        return f"{first[0]} {first[1][:-1]}至{last[1][1:]} {first[2]}（{len(parts)}格之和）"
    if len(parts) > 2 and all(p[:2] == first[:2] for p in parts):
        return f"{first[0]} {first[1]} {first[2]}至{last[2]}（{len(parts)}格之和）"
    if len(parts) == 2:
        return f"{said(first)} + {said(last)}"
    return f"{said(first)} 至 {said(last)}（{len(parts)}格之和）"


def _figure_parts(code: str, template: str | None) -> tuple[str, str, str] | None:
    if code.startswith("review_litigation."):
        from ..check.labels import describe_cell

        name = describe_cell(code, template)
        return None if name == code else ("表四", name, "")
    return official_parts(code, template)


def _verdict(entry: Entry, f: Any) -> tuple[str, str]:
    v = entry.verdicts.get(finding_fingerprint(f)) if entry.verdicts else None
    if v is None:
        return "", ""
    return VERDICT_NAMES.get(field_of(v, "verdict"), ""), field_of(v, "comment") or ""


def rows(entries: Iterable[Entry]) -> list[tuple]:
    """The table under COLUMNS: one row per finding, and one per unreadable file
    (级别 无法读取, 说明 its reason), in the order given."""
    out: list[tuple] = []
    for e in entries:
        year = e.year if e.year is not None else ""
        if e.error is not None:
            out.append((e.report, e.source, e.agency, year, "", UNREADABLE, "", "", e.error, "", "", "", ""))
            continue
        for f in e.findings:
            where = field_of(f, "where") or {}
            verdict, comment = _verdict(e, f)
            severity = field_of(f, "severity") or ""
            out.append((e.report, e.source, e.agency, year, field_of(f, "rule"),
                        SEVERITY_NAMES.get(severity, severity),
                        describe_cells(list(field_of(f, "cells") or ()), e.template, limit=1000),
                        place(where), field_of(f, "message"), where.get("excerpt") or "",
                        field_of(f, "suggestion") or "", verdict, comment))
    return out


def to_csv(entries: Iterable[Entry]) -> str:
    """CSV with a header row, in UTF-8 like the other CSV outputs (no BOM)."""
    buf = io.StringIO()
    w = CsvRows(buf)
    w.writerow(COLUMNS)
    w.writerows(rows(entries))
    return buf.getvalue()


WIDTHS = {0: 40, 1: 30, 2: 28, 6: 40, 8: 60, 9: 40, 10: 30, 12: 30}


def write_sheet(book, name: str, table: list[tuple]) -> None:
    """The findings table as a worksheet of `book` (an xlsxwriter workbook made by
    render.xlsx.new_workbook, so a string never becomes a formula)."""
    bold = book.add_format({"bold": True, "bg_color": "#eeeeee", "border": 1})
    sheet = book.add_worksheet(name)
    sheet.write_row(0, 0, COLUMNS, bold)
    for i, row in enumerate(table, start=1):
        sheet.write_row(i, 0, row)
    sheet.autofilter(0, 0, max(len(table), 1), len(COLUMNS) - 1)
    sheet.freeze_panes(1, 0)
    for col, width in WIDTHS.items():
        sheet.set_column(col, col, width)


def to_xlsx(entries: Iterable[Entry]) -> bytes:
    from ..render.xlsx import new_workbook

    buf = io.BytesIO()
    book = new_workbook(buf)
    write_sheet(book, "问题", rows(entries))
    book.close()
    return buf.getvalue()
