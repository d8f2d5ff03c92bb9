"""Issue 14, finding 1: text that looks like a formula is written as text in every
XLSX the project writes; only the 勾稽 sheet's own formulas are formulas."""

from __future__ import annotations

import io

import pytest

PREFIXES = ("=HYPERLINK(\"http://evil.example\",\"点击\")", "+1+1", "-1+cmd|' /C calc'!A0", "@SUM(1,1)",
            "\t=1+1", "＝SUM(1,1)")


def _cells(data: bytes, sheet: str | None = None):
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data))
    sheets = [book[sheet]] if sheet else book.worksheets
    return [c for ws in sheets for row in ws.iter_rows() for c in row if c.value is not None]


@pytest.mark.parametrize("text", PREFIXES)
def test_web_exports_write_titles_and_agencies_as_text(login, stored, text):
    from zfxxgk.web.reports.models import Batch, Finding

    report = stored()
    report.title = text
    report.batch = Batch.objects.create(name="区直部门")
    report.save()
    report.agency.name = text
    report.agency.save()
    Finding.objects.filter(report=report).update(message=text, suggestion=text)
    c = login("reader")
    for url in ("/reports/export.xlsx", f"/batches/{report.batch_id}/export.xlsx"):
        data = c.get(url).content
        hits = [cell for cell in _cells(data) if cell.value == text]
        assert len(hits) >= 3, url  # title, agency, a finding's message
        assert {cell.data_type for cell in hits} == {"s"}, url
        assert not [cell for cell in _cells(data) if cell.data_type == "f"], url


@pytest.mark.parametrize("text", PREFIXES)
def test_render_xlsx_writes_text_as_text_and_keeps_its_identity_formulas(text):
    from strategies import distinct_report
    from zfxxgk.render import render

    report = distinct_report("2021", seed=4)
    report.agency = text
    report.sections = {key: text for key in ("1", "5", "6")}
    data = render(report, "xlsx")
    cells = _cells(data)
    assert [c for c in cells if c.value == text and c.data_type == "s"]
    formulas = [c for c in cells if c.data_type == "f"]
    assert formulas and all(c.parent.title == "勾稽关系核验" for c in formulas)
    assert all(str(c.value).startswith(("=IF(", "=")) and "HYPERLINK" not in str(c.value)
               for c in formulas)


def test_exports_use_the_safe_workbook_options():
    from zfxxgk.render.xlsx import SAFE_OPTIONS

    assert SAFE_OPTIONS["strings_to_formulas"] is False
    assert SAFE_OPTIONS["strings_to_urls"] is False
