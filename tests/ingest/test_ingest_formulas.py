"""A workbook saved by a program keeps formulas without their results; Excel shows
the computed totals, so the loader computes the simple ones the same way and leaves
the rest unread, never guessed."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest

from zfxxgk.ingest.formulas import UNKNOWN, evaluate
from zfxxgk.ingest.xlsx import load_xlsx

CELLS = {(1, 1): 3, (1, 2): 4.5, (1, 3): None, (1, 4): "件", (2, 1): UNKNOWN, (2, 2): Decimal(10)}


@pytest.mark.parametrize("formula,result", [
    ("=SUM(A1:D1)", Decimal("7.5")), ("=sum($A$1:$C$1)", Decimal("7.5")), ("=A1+B1-C1", Decimal("7.5")),
    ("=SUM(A1,B2,2)", Decimal(15)), ("=-(A1-B2)+1", Decimal(8)), ("=SUM(B2)", Decimal(10)),
    ("=A1+D1", None), ("=A1*2", None), ("=AVERAGE(A1:B1)", None), ("=A2+1", None), ("=SUM(A1:B2)", None),
    ("='表三'!A1", None), ("=A1+", None), ("=SUM(A1:B1", None),
    ("=ROUND(SUM(A1:B1),0)", Decimal(8)), ("=ROUND(-B1,0)", Decimal(-5)), ("=round(B1+B2,1)", Decimal("14.5")),
    ("=ROUND(B1)", None), ("=ROUND(B1,-1)", None), ("=ROUND(B1,0.5)", None), ("=ROUNDUP(B1,0)", None),
])
def test_the_subset_totals_use_is_computed_as_excel_does_and_nothing_else(formula, result):
    """Empty cells are 0, SUM skips text, text in a sum of terms and an unknown nested
    result are no number, ROUND takes halves away from zero (a money total kept to its
    places), other functions and operators are not computed."""
    assert evaluate(formula, lambda r, c: CELLS.get((r, c))) == result


def test_totals_saved_without_their_results_are_read_as_excel_shows_them():
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["行政处罚", 5, 6, "=SUM(B1:C1)"])
    ws.append(["行政强制", 7, 8, "=B2+C2"])
    ws.append(["合计", "=SUM(B1:B2)", "=SUM(C1:C2)", "=SUM(D1:D2)"])
    ws.append(["比例", 1, 2, "=B4/C4"])
    ws.append(["循环", 1, "=D5", "=C5"])
    buf = io.BytesIO()
    wb.save(buf)  # openpyxl keeps no results
    lines = [ln.text for ln in load_xlsx(buf.getvalue()).lines]
    assert lines == ["行政处罚\t5\t6\t11", "行政强制\t7\t8\t15", "合计\t12\t14\t26", "比例\t1\t2\t",
                     "循环\t1\t\t"]


def test_a_total_that_cannot_be_computed_keeps_its_place_in_the_row():
    """Left out as the empty space beside the table, a SUMIF total saved without its
    result left the row's figures one short, and the parser lost the whole row."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["行政处罚", 5, 6, '=SUMIF(B1:C1,">0")', None])
    ws.append(["行政强制", 7, 8, "=ROUND(SUM(B2:C2),0)"])
    buf = io.BytesIO()
    wb.save(buf)
    lines = load_xlsx(buf.getvalue()).lines
    assert [(ln.text, ln.cols) for ln in lines] == [("行政处罚\t5\t6\t", (1, 2, 3, 4)), ("行政强制\t7\t8\t15", (1, 2, 3, 4))]
