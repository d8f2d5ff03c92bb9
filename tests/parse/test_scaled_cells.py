"""Money typed in 元 and shown in 万元 by the number format (0!.0000, 0\\.0000): read as
shown, with a warning (F-VALUE) naming the number the cell stores."""

from __future__ import annotations

import io
from decimal import Decimal

from strategies import distinct_report

from zfxxgk.api import check_report, report_from_bytes
from zfxxgk.render import render


def _workbook(report, fmt: str, in_yuan: bool = True) -> bytes:
    """The report's workbook with each money figure (a fraction) under `fmt`, stored
    in 元 when `in_yuan` (else as shown)."""
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(render(report, "xlsx")))
    for ws in wb.worksheets[1:]:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, float):
                    if in_yuan:
                        c.value = int(Decimal(repr(c.value)) * 10000)
                    c.number_format = fmt
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _money(report) -> dict:
    return {f"active.{row}.{col}": v for row, cols in report.active.items()
            for col, v in cols.items() if isinstance(v, Decimal) and v != int(v)}


def test_a_figure_typed_in_yuan_shown_in_wan_is_read_as_shown_with_a_warning():
    report = distinct_report("2021", seed=4)
    money = _money(report)
    assert money
    for fmt in ("0!.0000", "#,##0\\.0000", '0!.0000"万元"'):
        parsed = report_from_bytes(_workbook(report, fmt), "r.xlsx")
        assert {code: parsed.cell(code) for code in money} == money
        found = [f for f in check_report(parsed) if f.rule == "F-VALUE"]
        assert sorted(c for f in found for c in f.cells) == sorted(money), fmt
        code = sorted(money)[0]
        stored = int(money[code] * 10000)
        message = next(f for f in found if f.cells == [code]).message
        assert f"存的数字是{stored}" in message and f"“{fmt}”" in message and "按元录入、按万元显示" in message
        assert all(f.severity == "warning" for f in found)


def test_a_figure_stored_as_shown_has_no_such_warning():
    """Grouping commas and plain decimals show the number stored: no note."""
    report = distinct_report("2021", seed=4)
    for fmt in ("#,##0.0000", "0.0000"):
        parsed = report_from_bytes(_workbook(report, fmt, in_yuan=False), "r.xlsx")
        assert not [f for f in check_report(parsed) if f.rule == "F-VALUE" and "存的数字是" in f.message]
