"""`zfxxgk stats --format xlsx` without `--by`: the overview as a workbook, one
sheet per section, for a researcher who opens the figures in Excel rather than
parsing a long CSV.

Counts and years are numbers, shares numbers in percent format, so they sort and
sum; a share left empty carries its note (不完整…) as text instead. Every string
is written as text (render.xlsx.new_workbook): an agency named `=HYPERLINK(…)` in
a report never becomes a live formula in the reader's spreadsheet.
"""

from __future__ import annotations

import io
from typing import Any

from ..render.xlsx import new_workbook
from .stats import SECTIONS, _shown

# Sheet names (Excel allows 31 characters and none of []:*?/\).
SHEETS = {"overview": "总体情况", "templates": "各年度报告数", "rules": "各规则问题占比",
          "outcomes": "办理结果", "applicants": "申请人类型", "top_agencies": "新收申请最多的机关",
          "missing_years": "缺少年度报告", "duplicates": "重复的报告", "nested_regions": "未重复相加的区域汇总",
          "reuse": "照搬上年文字"}
_NUMBERS = ("year", "value")


def to_xlsx(data: dict[str, list[dict[str, Any]]]) -> bytes:
    """Each section as a sheet: its title, its column headers, its rows."""
    buf = io.BytesIO()
    book = new_workbook(buf)
    try:
        bold, pct = book.add_format({"bold": True}), book.add_format({"num_format": "0.0%"})
        for section, rows in data.items():
            title, columns = SECTIONS[section]
            sheet = book.add_worksheet(SHEETS.get(section, section)[:31])
            sheet.write_string(0, 0, title, bold)
            sheet.write_row(1, 0, [h for _, h in columns], bold)
            for i, row in enumerate(rows, start=2):
                for j, (key, _) in enumerate(columns):
                    _write(sheet, i, j, section, row, key, pct)
            if not rows:
                sheet.write_string(2, 0, "（无）")
            sheet.freeze_panes(2, 0)
            sheet.set_column(0, len(columns) - 1, 16)
            sheet.set_column(_widest(columns), _widest(columns), 44)
    finally:
        book.close()
    return buf.getvalue()


def _write(sheet, i: int, j: int, section: str, row: dict[str, Any], key: str, pct) -> None:
    value = row.get(key)
    if key in _NUMBERS + ("share",) and isinstance(value, (int, float)) and not isinstance(value, bool):
        sheet.write_number(i, j, value, pct if key == "share" else None)
    else:  # text, or an empty share's note
        sheet.write_string(i, j, _shown(section, row, key))


def _widest(columns: tuple[tuple[str, str], ...]) -> int:
    """The column of names and file paths, made wide."""
    keys = [k for k, _ in columns]
    return keys.index("label") if "label" in keys else 0
