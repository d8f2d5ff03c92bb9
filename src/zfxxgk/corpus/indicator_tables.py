"""Grouped indicators (indicators_sql.grouped) as a Chinese table: text, CSV, XLSX.

Every row carries its formula, numerator and denominator, and the number of reports
that entered, so a figure can always be traced back (the HTML page links each one
to its reports and cells).
"""

from __future__ import annotations

import io
from typing import Any

from ..files import CsvRows
from ..render.xlsx import new_workbook
from ..standard.vocabulary import SCOPE_NAMES as SCOPE_ZH
from .indicators import describe
from .stats import _num

GROUP_LABEL = {"agency": "机关", "region": "地区", "year": "年度"}
BASIS_NAME = {(d["code"], d["basis"]): d["basis_name"] for d in describe()}


def percent(value: float | None) -> str:
    return "" if value is None else f"{value * 100:.1f}%"


def number(value: Any) -> str:
    return "" if value is None else str(_num(value))


def headers(by: str) -> tuple[str, ...]:
    """By agency the level (层级) follows the agency: the sql view's `level_name`."""
    first = ((GROUP_LABEL[by],) if by == "year" else (GROUP_LABEL[by], "层级", "年度") if by == "agency"
             else (GROUP_LABEL[by], "年度"))
    scope = ("范围",) if by == "agency" else ()
    return first + scope + ("指标", "数值", "分子", "分母", "计入报告数", "口径")


def table(rows: list[dict[str, Any]], by: str) -> list[tuple[str, ...]]:
    """Header and rows as strings (percent with one decimal, blank for null)."""
    out = [headers(by)]
    for r in rows:
        first = (number(r["key"]),) if by == "year" else (str(r["label"] or "（未识别）"),
                                                          number(r["year"]))
        if by == "agency":
            first = (first[0], r["level_name"] or "", first[1])
        scope = (SCOPE_ZH.get(r["scope"], r["scope"]),) if by == "agency" else ()
        out.append(first + scope + (r["name"], percent(r["value"]), number(r["numerator"]),
                                    number(r["denominator"]), str(r["reports"]),
                                    BASIS_NAME.get((r["indicator"], r["basis"]), r["basis"])))
    return out


def formulas_text() -> str:
    """The 口径 below a text table: each indicator's formula, default first."""
    lines = ["口径："]
    lines += [f"  {d['name']}（{d['basis_name']}{'，默认' if d['default'] else ''}）= {d['formula']}"
              for d in describe()]
    return "\n".join(lines)


def to_csv(rows: list[dict[str, Any]], by: str) -> str:
    """As `table`, with the codes beside the names and the rate unrounded."""
    buf = io.StringIO()
    writer = CsvRows(buf)
    lead = len(headers(by)) - 6  # the group columns before 指标
    writer.writerow(headers(by)[:lead] + ("指标", "指标代码", "数值", "分子", "分母", "计入报告数",
                                          "口径代码", "口径"))
    for r, shown in zip(rows, table(rows, by)[1:]):
        writer.writerow(shown[:lead] + (r["name"], r["indicator"],
                                        "" if r["value"] is None else r["value"],
                                        number(r["numerator"]), number(r["denominator"]),
                                        r["reports"], r["basis"], r["formula"]))
    return buf.getvalue()


def to_xlsx(rows: list[dict[str, Any]], by: str) -> bytes:
    """Two sheets: the figures (rates as numbers in percent format) and the 口径.
    Text is written as text: nothing from a report becomes a formula."""
    buf = io.BytesIO()
    book = new_workbook(buf)
    try:
        sheet = book.add_worksheet("指标")
        bold, pct = book.add_format({"bold": True}), book.add_format({"num_format": "0.0%"})
        shown = table(rows, by)
        sheet.write_row(0, 0, shown[0], bold)
        value_col = shown[0].index("数值")
        for i, (r, line) in enumerate(zip(rows, shown[1:]), start=1):
            sheet.write_row(i, 0, line)
            if r["value"] is not None:
                sheet.write_number(i, value_col, r["value"], pct)
            numbers = {"分子": r["numerator"], "分母": r["denominator"], "计入报告数": r["reports"],
                       "年度": r["year"]}
            for name, value in numbers.items():
                if name in shown[0] and value is not None:
                    sheet.write_number(i, shown[0].index(name), float(value))
        sheet.freeze_panes(1, 0)
        sheet.set_column(0, 0, 28)
        sheet.set_column(len(shown[0]) - 1, len(shown[0]) - 1, 60)
        notes = book.add_worksheet("口径说明")
        notes.write_row(0, 0, ("指标", "口径", "公式", "默认", "说明"), bold)
        for i, d in enumerate(describe(), start=1):
            notes.write_row(i, 0, (d["name"], d["basis_name"], d["formula"], d["default"], d["note"]))
        notes.set_column(2, 2, 70)
    finally:
        book.close()
    return buf.getvalue()
