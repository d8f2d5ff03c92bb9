"""Figures in workbook cells formatted as dates (a column set to 日期 by mistake: Excel
prints 12 as 1900/1/12): the stored number is kept where the identities confirm it,
else the cell is null and its finding says it is formatted as a date."""

from __future__ import annotations

import io

from strategies import distinct_report

from zfxxgk.api import check_report, report_from_bytes
from zfxxgk.render import render


def _dated(report, edit=None) -> bytes:
    """The report's workbook with every typed-in figure of its table sheets under a
    date format; `edit(ws)` then changes a sheet."""
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(render(report, "xlsx")))
    for ws in wb.worksheets[1:]:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, int) and not isinstance(c.value, bool):
                    c.number_format = "yyyy/m/d"
        if edit:
            edit(ws)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_figures_under_a_date_format_are_read_where_the_identities_confirm_them():
    report = distinct_report("2021", seed=1)
    parsed = report_from_bytes(_dated(report), "r.xlsx")
    assert parsed.applications["received"] == report.applications["received"]
    assert parsed.review_litigation == report.review_litigation
    findings = check_report(parsed)
    kept = [f for f in findings if f.rule == "F-VALUE" and "与表格的勾稽关系相符" in f.message]
    assert kept and all(f.severity == "warning" and "日期格式" in f.message for f in kept)
    # table 二 has no identity: a number stored as typed is the figure typed (it was
    # null); the finding says it is shown as a date and read as stored
    assert parsed.active == report.active
    assert parsed.provenance["active.licensing.decisions"].decided_by == "录入"
    why = [f for f in findings if "active.licensing.decisions" in f.cells]
    assert [f.severity for f in why if f.rule == "F-VALUE"] == ["warning"]
    assert any("日期格式" in f.message and "录入的数字" in f.message for f in why)


def test_a_figure_under_a_date_format_the_identities_deny_is_null_never_wrong():
    report = distinct_report("2019", seed=2)
    target = report.applications["received"]["natural_person"]

    def edit(ws):
        for row in ws.iter_rows():
            for c in row:
                if c.value == target and c.number_format == "yyyy/m/d":
                    c.value = target + 7  # not the figure: T3-1 and T3-3 fail
                    return

    parsed = report_from_bytes(_dated(report, edit), "r.xlsx")
    assert parsed.applications["received"]["natural_person"] is None
    for row, cols in parsed.applications.items():
        for col, value in cols.items():
            assert value is None or value == report.applications[row][col], (row, col)
    assert parsed.review_litigation == report.review_litigation


def test_excel_day_60_is_read_as_60():
    """1900-02-29 does not exist; the stored 60 is read, never a date converted back (59)."""
    report = distinct_report("2021", seed=0)
    report.review_litigation["review"]["upheld"] = 60
    report.review_litigation["review"]["total"] = sum(
        v for k, v in report.review_litigation["review"].items() if k != "total")
    parsed = report_from_bytes(_dated(report), "r.xlsx")
    assert parsed.review_litigation["review"] == report.review_litigation["review"]


def test_a_table_two_figure_under_a_date_format_the_prose_states_is_read():
    """Table 二 has no identity; the prose's 制发规章N件 confirms its cell."""
    report = distinct_report("2021", seed=3)
    issued = report.active["rules"]["issued"]

    def edit(ws):
        if ws.title == ws.parent.worksheets[1].title:
            text = ws.parent.worksheets[0]
            text.cell(text.max_row + 1, 1, f"本年度制发规章{issued}件，均已公开。")

    parsed = report_from_bytes(_dated(report, edit), "r.xlsx")
    assert parsed.active["rules"]["issued"] == issued
    assert parsed.provenance["active.rules.issued"].decided_by == "正文"
    kept = [f for f in check_report(parsed) if "active.rules.issued" in f.cells and f.rule == "F-VALUE"]
    assert kept and "正文所述的数字" in kept[0].message and kept[0].severity == "warning"


def test_a_negative_figure_under_a_date_format_is_read_as_typed():
    """2019's 本年增/减 is signed: -156 under a date format shows as #### (Excel has no
    date before 1900); the loader printed it as an 1899 date and the row was lost."""
    report = distinct_report("2019", seed=0)
    assert any(v < 0 for cols in report.active.values() for v in cols.values() if v is not None)
    parsed = report_from_bytes(_dated(report), "r.xlsx")
    assert parsed.active == report.active
    code = next(f"active.{row}.change" for row, cols in report.active.items() if (cols.get("change") or 0) < 0)
    assert parsed.provenance[code].text == "####"


def test_a_formulas_saved_result_under_a_date_format_no_identity_judges_is_null():
    """Only a number stored as typed is taken as the figure: a formula's result comes
    back from openpyxl as a date and is turned back into a number, which no identity
    of table 二 can confirm."""
    report = distinct_report("2021", seed=1)
    value = report.active["licensing"]["decisions"]

    def edit(ws):
        for row in ws.iter_rows():
            for c in row:
                if c.value == value and c.number_format == "yyyy/m/d" and c.row < 12:
                    c.value = f"={value}+0"
                    return
    data = _dated(report, edit)
    import zipfile
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:  # the result saved, as Excel saves it
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                body = body.replace(f"<f>{value}+0</f><v></v>".encode(), f"<f>{value}+0</f><v>{value}</v>".encode())
            z.writestr(item, body)
    parsed = report_from_bytes(out.getvalue(), "r.xlsx")
    assert parsed.active["licensing"]["decisions"] is None
