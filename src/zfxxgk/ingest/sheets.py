"""An .xlsx workbook as plain grids of values, read in bounded memory and time.

For registers (台账) rather than reports: every visible worksheet as rows of
values, merged ranges filled with their value so each column sees its own header.
The workbook is streamed (openpyxl read-only mode), never built in memory as a
whole, and refused as soon as a sheet has more rows or columns than `max_rows` /
`max_columns` with values; the caller runs this in the sandbox (sandbox.py,
options {"sheets": {...}}) so even a crafted file only costs a bounded worker.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any
from xml.etree.ElementTree import ParseError, iterparse

from ..errors import InputError
from .detect import XLSX
from .ooxml import transitional
from .zipguard import ZIP_ERRORS, check_zip, zip_damage

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def read_sheets(data: bytes, source: str | None = None, max_rows: int = 20000,
                max_columns: int = 60) -> list[tuple[str, list[list[Any]]]]:
    """(sheet title, rows) of each visible worksheet; rows[0] is Excel row 1, each
    row padded to the sheet's width. InputError (Chinese) for a damaged file or a
    sheet over the limits."""
    from openpyxl import load_workbook

    check_zip(data, XLSX, source)
    try:  # read-only workbooks unpack each sheet as it is read: damage shows there too
        data = transitional(data)  # a Strict Open XML workbook (ooxml.py)
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            return [(ws.title, _sheet_rows(wb, ws, source, max_rows, max_columns))
                    for ws in wb.worksheets if getattr(ws, "sheet_state", "visible") == "visible"]
        finally:
            wb.close()
    except (*ZIP_ERRORS, KeyError, ParseError) as e:
        raise InputError(f"无法读取台账：不是有效的 Excel（.xlsx）文件（{zip_damage(e)}）",
                         source=source) from None


def _sheet_rows(wb, ws, source: str | None, max_rows: int, max_columns: int) -> list[list[Any]]:
    ws.reset_dimensions()  # a declared size of A1:XFD1048576 must not pad every row
    rows: list[list[Any]] = []
    for number, row in enumerate(ws.iter_rows(values_only=True), 1):
        values = list(row)
        while values and values[-1] is None:
            values.pop()
        if not values:
            if number <= max_rows:
                rows.append(values)
            continue
        if number > max_rows:
            raise InputError(f"工作表“{ws.title}”超过{max_rows}行，请分批导入", source=source)
        if len(values) > max_columns:
            raise InputError(f"工作表“{ws.title}”第{number}行有{len(values)}列，超过{max_columns}列的上限，"
                             "请删去台账以外的列后再导入", source=source)
        rows.append(values)
    while rows and not rows[-1]:
        rows.pop()
    width = max((len(r) for r in rows), default=0)
    for r in rows:
        r.extend([None] * (width - len(r)))
    _fill_merged(rows, _merged_ranges(wb, ws, max_rows * max_columns))
    return rows


def _merged_ranges(wb, ws, limit: int) -> list[tuple[int, int, int, int]]:
    """(min_row, min_col, max_row, max_col) of each merged range, streamed from the
    sheet's XML (read-only worksheets do not keep them)."""
    from openpyxl.utils.cell import range_boundaries

    out: list[tuple[int, int, int, int]] = []
    with wb._archive.open(ws._worksheet_path) as f:
        for _, el in iterparse(f):
            if el.tag == _MAIN + "mergeCell":
                try:
                    c1, r1, c2, r2 = range_boundaries(el.get("ref", ""))
                except (ValueError, TypeError):
                    continue
                if None not in (c1, r1, c2, r2) and len(out) < limit:
                    out.append((r1, c1, r2, c2))
            el.clear()
    return out


def _fill_merged(rows: list[list[Any]], ranges: list[tuple[int, int, int, int]]) -> None:
    for r1, c1, r2, c2 in ranges:
        if r1 - 1 >= len(rows) or c1 - 1 >= len(rows[r1 - 1]):
            continue
        value = rows[r1 - 1][c1 - 1]
        for r in range(r1, min(r2, len(rows)) + 1):
            row = rows[r - 1]
            for c in range(c1, min(c2, len(row)) + 1):
                row[c - 1] = value
