"""A 台账 worksheet as a grid, and where its header is.

Registers are made for printing: a title and a unit line above the header, header
cells merged across columns (“补正情况” over “告知日期 | 收到日期”) or across two
rows, notes below. The grid fills every merged range with its value, so each
column sees its own header text; the header row is the one, among the first rows,
that names the most distinct fields; a second header row under it is read too
when it names fields and holds no data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .fields import FIELD_BY_CODE, field_for
from .values import text

HEADER_SCAN_ROWS = 30
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound-file signature of .xls / .et
MAX_ROWS = 20000
MAX_COLUMNS = 60
MB = 1024 * 1024
MAX_BYTES = 20 * MB


class LedgerError(ValueError):
    """A file that cannot be imported as a whole (Chinese message)."""


@dataclass
class Grid:
    sheet: str
    rows: list[list[Any]]  # merged ranges filled; rows[0] is Excel row 1


def read_grids(source: bytes | str | Path) -> list[Grid]:
    """Every visible worksheet of an .xlsx file (an .xls or .et converted first),
    values only. The workbook is streamed in the sandbox worker (ingest/sheets.py)
    with its memory and time limits, and refused over MAX_BYTES, MAX_ROWS rows or MAX_COLUMNS columns: a
    register is never loaded whole into the server process."""
    from ...ingest.sandbox import shared
    from ...errors import InputError

    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    if len(data) > MAX_BYTES:
        raise LedgerError(f"台账文件有{len(data) / MB:.1f} MB，超过{MAX_BYTES // MB} MB 的上限，请分批导入")
    if data.startswith(_OLE):
        data = _from_old_excel(data)
    try:
        sheets = shared().load(data, None, {"sheets": {"max_rows": MAX_ROWS,
                                                       "max_columns": MAX_COLUMNS}})
    except InputError as e:
        message = e.message
        raise LedgerError(message if message.startswith(("无法读取台账", "工作表"))
                          else f"无法读取台账：{message}") from None
    grids = [Grid(title, rows) for title, rows in sheets]
    if not grids:
        raise LedgerError("台账中没有可见的工作表")
    return grids


def _from_old_excel(data: bytes) -> bytes:
    """Many offices have kept their register in Excel 97-2003 (.xls) or WPS (.et) for
    years: LibreOffice converts it to .xlsx (ingest/legacy.py, its own process with a
    time limit) where it is installed; elsewhere its refusal names the package to
    install (Calc's) or how to save the workbook as .xlsx."""
    from ...errors import InputError
    from ...ingest import legacy
    from ...ingest.detect import XLS

    try:
        return legacy.convert(data, XLS)[0]
    except InputError as e:
        raise LedgerError(f"无法读取台账：{e.message}") from None


@dataclass
class Header:
    """Where the header is and which column holds each field."""

    line: int  # Excel row number of the (first) header row
    depth: int  # 1 or 2 header rows
    labels: list[str]  # per column: the header text as shown (sub-header first)
    detected: dict[str, int] = field(default_factory=dict)  # field code -> column index

    @property
    def first_data_line(self) -> int:
        return self.line + self.depth


def _row_fields(row: list[Any]) -> dict[str, int]:
    out: dict[str, int] = {}
    for i, v in enumerate(row):
        code = field_for(text(v)) if isinstance(v, str) else None
        if code and code not in out:
            out[code] = i
    return out


def _looks_like_data(row: list[Any]) -> bool:
    from datetime import date

    return any(isinstance(v, (int, float, date)) and not isinstance(v, bool) for v in row)


def find_header(grid: Grid) -> Header:
    """The header of `grid`; LedgerError when no row names at least two fields."""
    best, best_line = {}, -1
    for i, row in enumerate(grid.rows[:HEADER_SCAN_ROWS]):
        found = _row_fields(row)
        if len(found) > len(best):
            best, best_line = found, i
    if len(best) < 2:
        raise LedgerError(f"工作表“{grid.sheet}”前{HEADER_SCAN_ROWS}行中找不到表头"
                          "（应有“申请编号”“收到申请日期”“申请人类型”等列）")
    if best_line > 0 and len(_row_fields(grid.rows[best_line - 1])) >= 2:
        best_line -= 1  # the upper half of a two-row header, merged cells repeated below
        best = _row_fields(grid.rows[best_line])
    top = grid.rows[best_line]
    below = grid.rows[best_line + 1] if best_line + 1 < len(grid.rows) else []
    width = max(len(top), len(below))
    top = top + [None] * (width - len(top))
    depth = 1
    labels = [text(v) for v in top]
    detected = dict(best)
    sub = _row_fields(below)
    if below and not _looks_like_data(below) and (sub or _differs(top, below)):
        depth = 2
        below = below + [None] * (width - len(below))
        detected = {}
        for i in range(width):
            upper, lower = text(top[i]), text(below[i])
            label = lower if lower and lower != upper else upper
            if lower and lower != upper:  # the upper cell is a group heading
                group = upper.removesuffix("情况").removesuffix("信息")
                # “补正情况”/“收到日期” is the 补正 date, not the application's
                code = field_for(group + lower) or field_for(upper + lower) or field_for(lower)
            else:
                code = field_for(upper)
            labels[i] = label if lower == upper or not upper else f"{upper}／{lower}"
            if code and code not in detected:
                detected[code] = i
    return Header(best_line + 1, depth, labels, detected)


def given_header(grid: Grid, line: int) -> Header:
    """The header the user names (one row, Excel numbering)."""
    if not 1 <= line <= min(len(grid.rows), HEADER_SCAN_ROWS):
        raise LedgerError(f"表头行号须在1至{min(len(grid.rows), HEADER_SCAN_ROWS)}之间：{line}")
    row = grid.rows[line - 1]
    return Header(line, 1, [text(v) for v in row], _row_fields(row))


def _differs(top: list[Any], below: list[Any]) -> bool:
    """A second header row: text under a merged upper cell that repeats."""
    for i in range(1, min(len(top), len(below))):
        if (text(top[i]) and top[i] == top[i - 1] and isinstance(below[i], str)
                and below[i] != below[i - 1] and text(below[i])):
            return True
    return False


def column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


__all__ = ["FIELD_BY_CODE", "Grid", "Header", "LedgerError", "column_letter", "find_header",
           "given_header", "read_grids"]
