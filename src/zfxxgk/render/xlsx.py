"""XLSX: one sheet per table with the official merged headers, the values as
reported, and a last sheet that recomputes the identities with formulas.

The table sheets hold plain numbers, never formulas: a formula in a 总计 cell would
silently "correct" a published total, and the workbook must show what was
published. Money keeps its printed decimals through its number format (25.3190 is
written with ``0.0000``). The narrative parts sit on text sheets before and after
the tables, so the workbook reads in the document's order. The 勾稽关系核验 sheet does the arithmetic with formulas
that point at the table sheets, marks each line 一致 / 不一致 / 无法核验（有空白）,
and colours failures; its cached results are computed here too, so a viewer that
does not recalculate still shows them.
"""

from __future__ import annotations

import functools
import io

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

from ..model import Report
from ..standard.identities import sums
from .identities import equations
from .layout import Grid, Layout

SHEET_NAMES = {"active": "二、主动公开", "applications": "三、依申请公开",
               "review_litigation": "四、复议诉讼"}
TEXT_SHEETS = ("报告正文", "报告正文（续）")
CHECK_SHEET = "勾稽关系核验"
OK, FAIL, BLANK = "一致", "不一致", "无法核验（有空白）"
FONT = "宋体"


# Text stays text: xlsxwriter's write()/write_row() would otherwise turn a string
# starting with "=" into a live formula and "http://…" into a link, so a report's
# title or agency line could plant =HYPERLINK(…) in a reviewer's spreadsheet. Only
# write_formula (the 勾稽 sheet) makes formulas.
SAFE_OPTIONS = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                "strings_to_numbers": False}


def new_workbook(buf) -> xlsxwriter.Workbook:
    """An in-memory workbook that writes every string as text (see SAFE_OPTIONS)."""
    return xlsxwriter.Workbook(buf, dict(SAFE_OPTIONS))


def render_xlsx(report: Report, layout: Layout) -> bytes:
    buf = io.BytesIO()
    wb = new_workbook(buf)
    base = {"font_name": FONT, "font_size": 10, "valign": "vcenter", "text_wrap": True}
    fmt = {
        "title": wb.add_format({**base, "bold": True, "font_size": 14, "align": "center"}),
        "text": wb.add_format({**base}),
        "caption": wb.add_format({**base, "bold": True, "font_size": 12}),
        "head": wb.add_format({**base, "bold": True, "align": "center", "border": 1}),
        "label": wb.add_format({**base, "align": "left", "border": 1}),
        "group": wb.add_format({**base, "align": "center", "border": 1}),
        "fail": wb.add_format({"bg_color": "#F4C7C3", "font_color": "#9C0006"}),
        "blank": wb.add_format({"bg_color": "#FFF2CC"}),
        "sign": wb.add_format({**base, "align": "right"}),
    }

    @functools.cache
    def number(places: int):  # one format per count of decimals, made when first used
        return wb.add_format({**base, "align": "center", "border": 1,
                              "num_format": "0." + "0" * places if places else "0"})

    where: dict[str, str] = {}  # cell code -> 'sheet'!A1
    lines: list[tuple[str, object]] = [(layout.title, fmt["title"]), (layout.preface, fmt["text"])]
    text_sheets = 0
    for part in layout.parts:
        if part.grid:
            text_sheets = _text_sheet(wb, lines, text_sheets)
            lines = []
            _table_sheet(wb, part.grid, fmt, number, where, part.paragraphs, part.before)
        else:
            lines.append((part.heading, fmt["caption"]))
            lines += [(p, fmt["text"]) for p in part.paragraphs]
    lines += [(s, fmt["sign"]) for s in layout.signature]
    _text_sheet(wb, lines, text_sheets)
    _check_sheet(wb, report, fmt, where)
    wb.set_properties({"title": layout.title, "author": layout.signature[0] if layout.signature else "",
                       "comments": "zfxxgk"})
    wb.close()
    return buf.getvalue()


def _text_sheet(wb, lines, count: int) -> int:
    """The narrative parts between two tables, one paragraph per row, on a sheet of
    their own, so the workbook reads in the document's order."""
    if not lines:
        return count
    ws = wb.add_worksheet(TEXT_SHEETS[min(count, len(TEXT_SHEETS) - 1)])
    ws.set_column(0, 0, 100)
    for i, (text, style) in enumerate(lines):
        ws.write_string(i, 0, text, style)
    return count + 1


def _table_sheet(wb, grid: Grid, fmt, number, where: dict[str, str],
                 paragraphs: list[str] = (), before: list[str] = ()) -> None:
    """The table under its caption, and the part's own text above or below it, as
    the other formats print it (one merged row per paragraph)."""
    name = SHEET_NAMES[grid.code]
    ws = wb.add_worksheet(name)
    ws.merge_range(0, 0, 0, grid.ncols - 1, grid.caption, fmt["caption"])
    _paragraph_rows(ws, 1, before, grid.ncols, fmt)
    top = 1 + len(before)
    for c, w in enumerate(grid.widths):
        ws.set_column(c, c, 7 * w)
    for r, c, cell in grid.placed():
        row = top + r
        if cell.code:
            style = number(cell.places)
        elif r < len(grid.head) or cell.scope in ("col", "colgroup"):
            style = fmt["head"]
        elif cell.scope == "rowgroup":
            style = fmt["group"]
        else:
            style = fmt["label"]
        value = cell.value if cell.code else cell.text
        if cell.rowspan > 1 or cell.colspan > 1:
            ws.merge_range(row, c, row + cell.rowspan - 1, c + cell.colspan - 1, "", style)
        if cell.code:
            where[cell.code] = f"'{name}'!{xl_rowcol_to_cell(row, c, row_abs=True, col_abs=True)}"
            if value is None:
                ws.write_blank(row, c, None, style)
            else:
                ws.write_number(row, c, float(value) if not isinstance(value, int) else value, style)
        else:
            ws.write_string(row, c, value, style)
    _paragraph_rows(ws, top + len(grid.rows) + 1, paragraphs, grid.ncols, fmt)
    if grid.head:
        ws.repeat_rows(top, top + len(grid.head) - 1)
    ws.freeze_panes(top + len(grid.head), 0)
    ws.set_landscape() if grid.ncols > 10 else None
    ws.fit_to_pages(1, 0)


def _check_sheet(wb, report: Report, fmt, where: dict[str, str]) -> None:
    ws = wb.add_worksheet(CHECK_SHEET)
    heads = ("规则", "核验内容", "左边", "右边", "结果")
    for c, h in enumerate(heads):
        ws.write_string(0, c, h, fmt["head"])
    ws.set_column(0, 0, 8)
    ws.set_column(1, 1, 60)
    ws.set_column(2, 4, 12)
    row = 1
    for eq in equations(report):
        refs_l = [where[c] for c in eq.left if c in where]
        refs_r = [where[c] for c in eq.right if c in where]
        if len(refs_l) != len(eq.left) or len(refs_r) != len(eq.right):
            continue
        values = sums(eq, report.cell)
        blanks = "+".join(f"COUNTBLANK({r})" for r in refs_l + refs_r)
        same = f"{xl_rowcol_to_cell(row, 2)}={xl_rowcol_to_cell(row, 3)}"
        result = f'=IF({blanks}>0,"{BLANK}",IF({same},"{OK}","{FAIL}"))'
        ws.write_string(row, 0, eq.rule, fmt["text"])
        ws.write_string(row, 1, eq.what, fmt["text"])
        lv, rv = values if values else (0, 0)
        ws.write_formula(row, 2, f"=SUM({','.join(refs_l)})", fmt["text"], _cached(lv))
        ws.write_formula(row, 3, f"=SUM({','.join(refs_r)})", fmt["text"], _cached(rv))
        shown = BLANK if values is None else (OK if lv == rv else FAIL)
        ws.write_formula(row, 4, result, fmt["text"], shown)
        row += 1
    for text, style in ((FAIL, "fail"), (BLANK, "blank")):
        ws.conditional_format(1, 4, max(row - 1, 1), 4, {"type": "cell", "criteria": "==",
                                                        "value": f'"{text}"', "format": fmt[style]})
    ws.freeze_panes(1, 0)


def _cached(value) -> int | float:
    return value if isinstance(value, int) else float(value)


def _paragraph_rows(ws, first: int, paragraphs: list[str], ncols: int, fmt) -> None:
    for i, text in enumerate(paragraphs):
        ws.merge_range(first + i, 0, first + i, ncols - 1, text, fmt["text"])
        ws.set_row(first + i, 15 * (1 + len(text) // (4 * ncols + 1)))
