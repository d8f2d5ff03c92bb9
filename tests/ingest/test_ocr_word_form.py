"""Reports typed into the 2021 Word form, exported to PDF by LibreOffice, printed
and scanned (200 dpi, slight skew, blur, noise, JPEG), read back: every cell equal
to what was typed or named by a finding, and agency, year and template read from
the pixels. Two of the bench's nine (`bench/ocr_bench.py --word-form 9`): one as
an image-only PDF, one as a multi-page TIFF. Slow: LibreOffice and three pages
of OCR each."""

from __future__ import annotations

from decimal import Decimal

import pytest

import scans as S
from zfxxgk.api import check_report, report_from_bytes
from zfxxgk.ingest.legacy import soffice
from zfxxgk.model import report_to_dict
from zfxxgk.render import render

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) not installed")]

TABLES = ("active", "applications", "review_litigation")


@pytest.fixture(scope="module")
def typed():
    """The first two Word-form reports and their PDFs as LibreOffice exports them."""
    reports = [S.word_form_report(k) for k in range(2)]
    return list(zip(reports, S.word_to_pdf([render(r, "docx") for r in reports])))


def _wrong_cells(expected: dict, report) -> tuple[list[str], set[str]]:
    """Cells not equal to what was typed, and the cells some finding names."""
    named = {c for f in check_report(report) for c in f.cells}
    wrong = []
    for table in TABLES:
        for row, cols in expected[table].items():
            for col, value in cols.items():
                code = f"{table}.{row}.{col}"
                got = report.cell(code)
                if got is None or Decimal(str(got)) != Decimal(str(value)):
                    wrong.append(code)
    return wrong, named


@pytest.mark.parametrize("k, as_tiff", [(0, False), (1, True)], ids=["image-pdf", "tiff"])
def test_word_form_scan_reads_back_exactly_or_flagged(typed, k, as_tiff):
    report, pdf = typed[k]
    data, pages = S.word_form_scan(pdf, k, as_tiff)
    assert pages >= 3 and data[:4] in (b"%PDF", b"II*\x00", b"MM\x00*")
    read = report_from_bytes(data, f"Word表格{k + 1}.{'tiff' if as_tiff else 'pdf'}")
    expected = report_to_dict(report)
    assert (read.agency, read.year, read.template) == (report.agency, report.year, "2021")
    wrong, named = _wrong_cells(expected, read)
    assert [code for code in wrong if code not in named] == []
    assert len(wrong) <= 2
