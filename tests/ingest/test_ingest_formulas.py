"""A workbook saved by a program keeps formulas without their results; Excel shows
the computed totals, so the loader computes the simple ones the same way and leaves
the rest unread, never guessed."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest

from zfxxgk.ingest.formulas import UNKNOWN, evaluate
from zfxxgk.ingest.xlsx import load_xlsx

CELLS = {(None, 1, 1): 3, (None, 1, 2): 4.5, (None, 1, 3): None, (None, 1, 4): "件", (None, 2, 1): UNKNOWN,
         (None, 2, 2): Decimal(10), ("表三", 1, 1): 20, ("原始 数据", 2, 3): 6, ("原始 数据", 3, 3): 7,
         ("it's", 1, 1): 1}


@pytest.mark.parametrize("formula,result", [
    ("=SUM(A1:D1)", Decimal("7.5")), ("=sum($A$1:$C$1)", Decimal("7.5")), ("=A1+B1-C1", Decimal("7.5")),
    ("=SUM(A1,B2,2)", Decimal(15)), ("=-(A1-B2)+1", Decimal(8)), ("=SUM(B2)", Decimal(10)),
    ("=A1+D1", None), ("=A1*2", None), ("=AVERAGE(A1:B1)", None), ("=A2+1", None), ("=SUM(A1:B2)", None),
    ("=A1+", None), ("=SUM(A1:B1", None),
    ("=ROUND(SUM(A1:B1),0)", Decimal(8)), ("=ROUND(-B1,0)", Decimal(-5)), ("=round(B1+B2,1)", Decimal("14.5")),
    ("=ROUND(B1)", None), ("=ROUND(B1,-1)", None), ("=ROUND(B1,0.5)", None), ("=ROUNDUP(B1,0)", None),
])
def test_the_subset_totals_use_is_computed_as_excel_does_and_nothing_else(formula, result):
    """Empty cells are 0, SUM skips text, text in a sum of terms and an unknown nested
    result are no number, ROUND takes halves away from zero (a money total kept to its
    places), other functions and operators are not computed."""
    assert evaluate(formula, lambda s, r, c: CELLS.get((s, r, c))) == result


@pytest.mark.parametrize("formula,result", [
    ("='表三'!A1", Decimal(20)), ("=表三!A1+A1", Decimal(23)), ("=SUM('原始 数据'!$C$2:$C$3)", Decimal(13)),
    ("='原始 数据'!C2+'原始 数据'!C3", Decimal(13)), ("='it''s'!A1", Decimal(1)),
    ("=SUM(SUM(A1:B1),SUM(表三!A1),1)", Decimal("28.5")), ("=SUM(A1+B1,2)", Decimal("9.5")),
    ("=+A1", Decimal(3)), ("=--A1", Decimal(3)), ("=-+-A1", Decimal(3)),
    ("=SUM(D1)", Decimal(0)), ("=SUM(D1+1)", None), ("=[1]表三!A1", None), ("=表三:表四!A1", None),
    ("=LOG10(A1)", None), ("=1E3", None), ("=A1B1", None), ("=SUM(A1:A2001)", None), ("=SUM()", None),
])
def test_references_to_other_sheets_and_nested_sums_are_computed(formula, result):
    """A report sheet built on a sheet of typed numbers refers to it by name (quoted when
    the name has a space, '' for a quote); SUM nests and adds terms; a cell alone in a
    SUM skips its text, a term does not; other workbooks, 3-D references, functions
    and exponents are not computed, nor a range over MAX_CELLS cells."""
    assert evaluate(formula, lambda s, r, c: CELLS.get((s, r, c))) == result


@pytest.mark.parametrize("formula,result", [
    ("=" + "(" * 400 + "1" + ")" * 400, None), ("=" + "SUM(" * 300 + "1" + ")" * 300, None),
    ("=" + "(" * 16 + "1" + ")" * 16, Decimal(1)), ("=" + "-" * 901 + "1", Decimal(-1)),
])
def test_nesting_is_bounded_and_never_exhausts_the_stack(formula, result):
    """A formula nested 400 deep raised RecursionError (the whole workbook refused);
    past MAX_NESTING it is not computed; signs in a row are counted, not nested."""
    assert evaluate(formula, lambda s, r, c: None) == result


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


def _saved(build) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    build(wb)
    buf = io.BytesIO()
    wb.save(buf)  # openpyxl keeps no results
    return buf.getvalue()


def test_a_report_sheet_built_on_a_hidden_sheet_of_numbers_is_read_and_computed():
    """Every figure a reference to a hidden data sheet: the sheet has formulas and no
    typed number, and was left out as a sheet that only computes (every figure lost);
    the references to the other sheet were not computed either."""
    def build(wb):
        ws = wb.active
        ws.title = "表四"
        data = wb.create_sheet("原始 数据")
        data.sheet_state = "hidden"
        data["B1"], data["C1"] = 5, 6
        ws.append(["行政复议", "='原始 数据'!B1", "='原始 数据'!$C$1", "=SUM(B1:C1)"])

    doc = load_xlsx(_saved(build))
    assert [ln.text for ln in doc.lines] == ["行政复议\t5\t6\t11"]
    assert doc.meta["formula_cells"].split("\n") == ["1\t2\t=\t='原始 数据'!B1", "1\t3\t=\t='原始 数据'!$C$1",
                                                      "1\t4\t=\t=SUM(B1:C1)"]


def test_a_sheet_computing_from_shown_sheets_is_still_left_out():
    def build(wb):
        wb.active.title = "表"
        wb.active.append(["行政许可", 3])
        check = wb.create_sheet("核验")
        check.append(["T", "=表!B1"])

    assert [ln.text for ln in load_xlsx(_saved(build)).lines] == ["行政许可\t3"]


def test_a_chain_of_formulas_deeper_than_followed_is_unread_not_a_refused_file():
    """400 formulas each the next plus 0: RecursionError, and the file was refused as
    nested too deep; now the cells past MAX_DEPTH are left empty and listed uncomputed."""
    def build(wb):
        ws = wb.active
        ws.append(["行政处罚", "=B2+0"])
        for r in range(2, 400):
            ws.cell(r, 2, f"=B{r + 1}+0")
        ws.cell(400, 2, 5)

    doc = load_xlsx(_saved(build))
    assert doc.lines[0].text == "行政处罚\t"
    assert doc.lines[-1].text == "\t5"
    assert "1\t2\t?\t=B2+0" in doc.meta["formula_cells"].split("\n")
