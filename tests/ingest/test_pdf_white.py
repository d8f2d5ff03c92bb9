"""White text on the white paper (ingest/pdf_covered.py `unseen_white`): a figure
hidden by colouring it white (an old value kept beside the new one) is not read,
by either engine; white figures printed on dark cells are."""

from __future__ import annotations

import pytest

from exact_cells import filled_cells, tables_of, wrong_cells
from pdf_drawn import written
from pdf_shapes import html_of
from strategies import distinct_report
from zfxxgk.api import report_from_loaded
from zfxxgk.ingest.pdf import load_pdf


@pytest.fixture(scope="module")
def expected():
    return distinct_report("2021", seed=908)


def read(pdf: bytes, engine: str):
    return report_from_loaded(load_pdf(pdf, "white.pdf", {"ocr": False, "engine": engine}))


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_a_white_digit_after_each_figure_is_not_read(expected, engine):
    report = read(written(expected, "white"), engine)
    assert wrong_cells(report, tables_of(expected)) == []
    assert len(filled_cells(report)) > 150


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_white_figures_on_dark_cells_are_read(expected, engine):
    from weasyprint import HTML

    css = ".zfxxgk-report td { background: #1f4e79; color: #fff; }</style>"
    report = read(HTML(string=html_of(expected, "plain").replace("</style>", css, 1)).write_pdf(),
                  engine)
    plain = read(HTML(string=html_of(expected, "plain")).write_pdf(), engine)
    assert wrong_cells(report, tables_of(expected)) == []
    assert filled_cells(report) == filled_cells(plain)
