"""Excel workbooks (XLSX) -> `Document` (openpyxl).

Some offices keep the three tables in a workbook, one sheet each or all on one.
Every sheet is read as one table in sheet order: each row with any content is a
tab line whose `row`/`cols` are the sheet's own row and column numbers, so a
finding can say "第 2 张工作表第 14 行第 5 列". Merged cells are printed once, at
their top-left cell.
"""

from __future__ import annotations

import hashlib
import io
from datetime import date, datetime
from decimal import Decimal

from ..errors import InputError
from .document import Document, Line
from .grid import SPANNED, cell_text, row_cells

# Columns beyond this on a sheet: no report table.
MAX_COLUMNS = 200
MAX_ROWS = 5000


def load_xlsx(data: bytes, source: str | None = None) -> Document:
    import openpyxl
    from openpyxl.cell.cell import MergedCell

    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as e:  # openpyxl raises many kinds for damaged files
        raise InputError(f"Excel 文件（XLSX）已损坏，无法读取（{type(e).__name__}）",
                         source=source) from None
    lines: list[Line] = []
    for number, ws in enumerate(wb.worksheets, 1):
        if ws.max_column > MAX_COLUMNS or ws.max_row > MAX_ROWS:
            raise InputError(f"工作表“{ws.title}”有 {ws.max_row} 行、{ws.max_column} 列，"
                             f"超过 {MAX_ROWS} 行或 {MAX_COLUMNS} 列的上限，不像年度报告",
                             source=source)
        for r, row in enumerate(ws.iter_rows(), 1):
            cells = [SPANNED if isinstance(c, MergedCell) else cell_value(c.value) for c in row]
            while cells and not cells[-1]:
                cells.pop()
            texts, cols = row_cells(cells)
            if any(texts):
                lines.append(Line(len(lines) + 1, "\t".join(texts), table=number, row=r,
                                  cols=cols))
    wb.close()
    return Document(lines=lines, source=source, sha256=hashlib.sha256(data).hexdigest(),
                    kind="xlsx")


def cell_value(value) -> str:
    """A cell as printed: 3.0 stored by Excel for an integer count is 3; a float
    keeps its shortest exact digits (96171.6, not 96171.600000001)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return format(Decimal(repr(value)), "f")
    if isinstance(value, (datetime, date)):
        return f"{value.year}年{value.month}月{value.day}日"
    return cell_text(str(value))


__all__ = ["load_xlsx", "cell_value"]
