"""A page whose text and rulings are all turned by a small angle (ingest/pdf_pdfium.py
`Skewed`): a scanned sheet traced back into vectors, or OCR software's text placed
along the scan's slanted rows. Its characters were left out as a watermark's and
its rulings as slanted lines (every cell lost); it is read turned back."""

from __future__ import annotations

import pytest

from exact_cells import filled_cells, tables_of, wrong_cells
from garbled import render_uncompressed
from pdf_drawn import drawn
from strategies import distinct_report
from zfxxgk.api import report_from_loaded
from zfxxgk.ingest.pdf import load_pdf
from zfxxgk.ingest.pdf_layout import skew


@pytest.fixture(scope="module")
def rendered() -> tuple:
    report = distinct_report("2019", seed=907)
    pdf = render_uncompressed(report)
    return report, pdf, filled_cells(report_from_loaded(load_pdf(pdf, "plain.pdf")))


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
@pytest.mark.parametrize("kind", ["skew", "skew-"])
def test_a_skewed_page_is_read_turned_back(rendered, kind, engine):
    expected, pdf, clean = rendered
    report = report_from_loaded(load_pdf(drawn(pdf, kind), "skew.pdf",
                                         {"ocr": False, "engine": engine}))
    assert wrong_cells(report, tables_of(expected)) == []
    assert filled_cells(report) == clean
    assert (report.agency, report.year) == (expected.agency, expected.year)


def test_only_most_characters_turned_alike_by_a_small_angle_are_a_skew():
    assert skew([0.6] * 700 + [0.62] * 10, 12) == 0.6
    assert skew([-1.5] * 50, 49) == -1.5
    assert skew([30.0] * 2000, 600) is None  # a tiled watermark outnumbering the text
    assert skew([0.6] * 40, 600) is None  # a few turned characters: a stamp's caption
    assert skew([k * 0.7 - 4.0 for k in range(12)] * 50, 10) is None  # a seal's ring text
