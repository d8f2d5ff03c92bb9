"""Workbooks whose formulas were saved without their results (written by a program;
Excel computes them on opening): the simple ones are computed and kept where the
table's identities agree, with the formula in the provenance; a computed total an
identity denies is null, and so is a formula outside what is computed — each with a
finding naming the formula, never a blank the report left."""

from __future__ import annotations

import io

from strategies import distinct_report

from zfxxgk.api import check_report, report_from_bytes
from zfxxgk.render import render


def _totals_as(report, formula) -> bytes:
    """The report's workbook with each table 三 row's 总计 (the number after six that add
    up to it) written as `formula(first, last, row)` of the six cells' letters."""
    import openpyxl
    from openpyxl.utils import get_column_letter

    wb = openpyxl.load_workbook(io.BytesIO(render(report, "xlsx")))
    for ws in wb.worksheets[1:]:
        for row in ws.iter_rows():
            numbers = [c for c in row if isinstance(c.value, int) and not isinstance(c.value, bool)]
            if len(numbers) == 7 and sum(c.value for c in numbers[:6]) == numbers[6].value:
                first, last = (get_column_letter(c.column) for c in (numbers[0], numbers[5]))
                numbers[6].value = formula(first, last, numbers[6].row)
    buf = io.BytesIO()
    wb.save(buf)  # openpyxl keeps no results
    return buf.getvalue()


def _next(letter: str) -> str:
    return chr(ord(letter) + 1)


def test_totals_saved_as_sums_without_results_are_read_and_say_how():
    report = distinct_report("2021", seed=4)
    parsed = report_from_bytes(_totals_as(report, lambda a, b, r: f"=SUM({a}{r}:{b}{r})"), "r.xlsx")
    assert parsed.applications == report.applications
    prov = parsed.provenance["applications.received.total"]
    assert prov.text.startswith("=SUM(") and prov.decided_by == "T3-1、T3-3"
    told = [f for f in check_report(parsed) if f.rule == "F-INFERRED" and "公式" in f.message]
    assert len(told) == 1 and told[0].severity == "info" and "=SUM(" in told[0].message
    assert "applications.received.total" in told[0].cells


def test_a_sum_over_the_wrong_cells_is_null_never_a_wrong_total():
    """SUM(E5:I5) leaves the first applicant column out: Excel shows a total that is not
    the report's, and the loader computed it; T3-3 denies it."""
    report = distinct_report("2019", seed=5)
    parsed = report_from_bytes(_totals_as(report, lambda a, b, r: f"=SUM({_next(a)}{r}:{b}{r})"), "r.xlsx")
    assert parsed.applications["received"]["total"] is None
    for row, cols in parsed.applications.items():
        for col, value in cols.items():
            assert value is None or value == report.applications[row][col], (row, col)
    why = [f for f in check_report(parsed) if "applications.received.total" in f.cells]
    assert [f.rule for f in why if f.severity == "error"] == ["F-VALUE"]
    message = next(f.message for f in why if f.rule == "F-VALUE")
    assert "=SUM(" in message and "总计列等于六类申请人之和" in message and "不符" in message


def test_a_formula_outside_the_subset_is_null_with_a_finding_that_names_it():
    """SUMIF was an empty cell: F-BLANK told the office to write 0 where Excel shows a total."""
    report = distinct_report("2021", seed=6)
    parsed = report_from_bytes(_totals_as(report, lambda a, b, r: f'=SUMIF({a}{r}:{b}{r},">0")'), "r.xlsx")
    assert parsed.applications["received"]["total"] is None
    findings = check_report(parsed)
    assert not [f for f in findings if f.rule == "F-BLANK"]
    why = [f for f in findings if f.rule == "F-VALUE" and "applications.received.total" in f.cells]
    assert len(why) == 1 and why[0].severity == "warning" and 'SUMIF(' in why[0].message
    assert parsed.provenance["applications.received.total"].text.startswith("=SUMIF(")
