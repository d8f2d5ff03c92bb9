"""Importing a 台账 (the Excel register offices already keep) as cases.

`preview(data, agency)` reads the workbook, finds the header, maps columns to
fields by their names (`fields.FIELDS`), and turns every data row into a `Case`
or a list of Chinese errors; nothing is stored here. The caller shows the
preview, lets the user correct the column mapping (`mapping=`) or name a default
channel, and stores the cases only when `Preview.ok` — all rows or none.

Modules: `fields` (columns and their spellings), `values` (dates, applicant
types, channels, outcomes), `sheet` (workbook -> grid, header detection), `rows`
(rows -> cases).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from ..calendar import WorkdayCalendar
from ..model import Case, Channel
from .fields import FIELD_BY_CODE, FIELDS, Field
from .rows import LedgerRow, build_rows
from .sheet import Grid, Header, LedgerError, column_letter, find_header, given_header, read_grids


@dataclass
class Preview:
    """What an import would do; `ok` only when no file or row error remains."""

    agency: str
    sheet: str = ""
    sheets: list[str] = field(default_factory=list)
    header: Header | None = None
    mapping: dict[str, int | None] = field(default_factory=dict)
    default_channel: Channel | None = None
    rows: list[LedgerRow] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # file-level

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows) and not any(r.errors for r in self.rows)

    @property
    def row_errors(self) -> list[str]:
        return [f"第{r.line}行：{e}" for r in self.rows for e in r.errors]

    @property
    def cases(self) -> list[Case]:
        return [r.case for r in self.rows if r.case is not None]

    @property
    def columns(self) -> list[tuple[int, str]]:
        """(index, “C 收到日期”) for every column, for the mapping form."""
        labels = self.header.labels if self.header else []
        return [(i, f"{column_letter(i)} {label}".strip()) for i, label in enumerate(labels)]

    def column_name(self, code: str) -> str:
        i = self.mapping.get(code)
        if i is None:
            return ""
        return dict(self.columns).get(i, column_letter(i))

    def to_dict(self) -> dict[str, Any]:
        return {
            "agency": self.agency, "sheet": self.sheet, "sheets": self.sheets,
            "header_line": self.header.line if self.header else None,
            "mapping": {f.code: {"label": f.label, "column": self.mapping.get(f.code),
                                 "column_name": self.column_name(f.code),
                                 "required": f.required} for f in FIELDS},
            "default_channel": self.default_channel.value if self.default_channel else None,
            "ok": self.ok, "errors": self.errors, "row_errors": self.row_errors,
            "rows": [r.to_dict() for r in self.rows],
            "skipped": [{"line": n, "reason": why} for n, why in self.skipped],
        }


def preview(
    data: bytes | str | Path,
    agency: str,
    *,
    sheet: str | None = None,
    header_line: int | None = None,
    mapping: Mapping[str, int | None] | None = None,
    default_channel: Channel | None = None,
    calendar: WorkdayCalendar | None = None,
) -> Preview:
    """The import of `data` for `agency`, not stored. `mapping` (field code ->
    column index, None to leave a field out) overrides the detected columns;
    `header_line` (Excel row number) overrides the detected header row."""
    out = Preview(agency=agency, default_channel=default_channel)
    if not agency.strip():
        out.errors.append("请指定机关")
        return out
    try:
        grids = read_grids(data)
        out.sheets = [g.sheet for g in grids]
        grid, header = _pick(grids, sheet, header_line)
    except LedgerError as e:
        out.errors.append(str(e))
        return out
    out.sheet, out.header = grid.sheet, header
    chosen: dict[str, int | None] = dict(header.detected)
    if mapping is not None:
        chosen = {}
        width = len(header.labels)
        for code, i in mapping.items():
            if code not in FIELD_BY_CODE:
                out.errors.append(f"没有“{code}”这一字段")
            elif i is not None and not 0 <= i < width:
                out.errors.append(f"“{FIELD_BY_CODE[code].label}”映射到的列不存在")
            else:
                chosen[code] = i
    out.mapping = {f.code: chosen.get(f.code) for f in FIELDS}
    used: dict[int, str] = {}
    for code, i in out.mapping.items():
        if i is None:
            continue
        if i in used:
            out.errors.append(f"“{used[i]}”和“{FIELD_BY_CODE[code].label}”映射到了同一列"
                              f"（{column_letter(i)}）")
        used[i] = FIELD_BY_CODE[code].label
    missing = [f.label for f in FIELDS if f.required and out.mapping.get(f.code) is None]
    if missing:
        out.errors.append(f"台账缺少必需的列：{'、'.join(missing)}（请在列映射中指定）")
    if out.errors:
        return out
    cal = calendar or WorkdayCalendar.bundled()
    out.rows, out.skipped = build_rows(grid, header, out.mapping, agency, cal, default_channel)
    if not out.rows:
        out.errors.append("表头以下没有数据行")
    return out


def _pick(grids: list[Grid], sheet: str | None, line: int | None) -> tuple[Grid, Header]:
    if sheet is not None or line is not None:
        match = [g for g in grids if sheet is None or g.sheet == sheet]
        if not match:
            raise LedgerError(f"台账中没有名为“{sheet}”的工作表")
        if line is None:
            return match[0], find_header(match[0])
        try:  # the detected header, when the user names its line (keeps a two-row header)
            found = find_header(match[0])
            if found.line == line:
                return match[0], found
        except LedgerError:
            pass
        return match[0], given_header(match[0], line)
    found: list[tuple[Grid, Header]] = []
    for g in grids:
        try:
            found.append((g, find_header(g)))
        except LedgerError:
            continue
    if not found:
        raise LedgerError("台账各工作表中都找不到表头（应有“申请编号”“收到申请日期”“申请人类型”等列）")
    return max(found, key=lambda gh: len(gh[1].detected))


__all__ = ["FIELDS", "Field", "LedgerError", "LedgerRow", "Preview", "preview"]
