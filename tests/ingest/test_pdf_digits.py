"""PDFs whose fonts draw other digits than their text layer says (ingest/pdf_digits.py):
the page shows 2023 and 10, the ToUnicode map says 1710 and 37. No number is
read from such a layer: its pages go to OCR, and without OCR they are left
unread with a finding that says why (never a wrong number)."""

from __future__ import annotations

import pytest

from exact_cells import tables_of, wrong_cells
from garbled import render_uncompressed, untitled
from pdf_drawn import SWAP, drawn, swapped_digits
from samples import samples_dir
from strategies import distinct_report
from test_text_layer import fake_ocr  # noqa: F401  (the fixture)
from zfxxgk.api import check_report, report_from_loaded
from zfxxgk.ingest.pdf import load_pdf


@pytest.fixture(scope="module")
def rendered() -> tuple:
    report = distinct_report("2021", seed=906)
    return report, render_uncompressed(report)


def read(pdf: bytes, **options) -> tuple:
    doc = load_pdf(pdf, "digits.pdf", options)
    report = report_from_loaded(doc)
    return doc, report, check_report(report)


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_swapped_digits_are_never_read(rendered, engine):
    expected, pdf = rendered
    doc, report, findings = read(untitled(swapped_digits(pdf)), ocr=False, engine=engine)
    assert doc.meta["digit_map"] and doc.meta["garbled"] == doc.meta["digit_map"]
    assert wrong_cells(report, tables_of(expected)) == []
    assert report.year in (None, expected.year)
    said = [f for f in findings if "数字与字形不符" in f.message]
    assert said and all(f.rule == "F-TABLE" for f in said)


def test_swapped_pages_go_to_ocr(rendered, fake_ocr):
    seen = fake_ocr
    doc = load_pdf(untitled(swapped_digits(rendered[1])), "digits.pdf")
    assert seen == [int(n) for n in doc.meta["digit_map"].split(",")] and seen
    lied = "".join(SWAP[d] for d in str(rendered[0].year))  # the title's year, as the layer says
    assert not any(lied in line.text for line in doc.lines)


@pytest.mark.parametrize("kind", ["plain", "overprint", "scatter", "runs"])
def test_honest_fonts_are_believed(rendered, kind):
    """The renderer's own fonts (every digit drawn) and the same drawn otherwise."""
    pdf = rendered[1] if kind == "plain" else drawn(rendered[1], kind)
    doc = load_pdf(pdf, "digits.pdf", {"ocr": False})
    assert "digit_map" not in doc.meta and "garbled" not in doc.meta


def test_real_reports_fonts_are_believed():
    """宋体, 仿宋_GB2312, 仿宋, 楷体, 方正 faces and Times New Roman, as Word exports them."""
    files = sorted((samples_dir() / "real").glob("*.pdf"))
    assert files
    for path in files:
        assert "digit_map" not in load_pdf(path.read_bytes(), path.name, {"ocr": False}).meta


def test_fullwidth_digits_are_judged_too(rendered):
    """Figures typed as fullwidth digits (１２３, read as 123): believed when their
    glyphs agree, never read when the map swaps them."""
    import re

    from weasyprint import HTML

    from pdf_shapes import html_of

    expected = rendered[0]
    html = re.sub(r'(<td data-cell="[^"]*">)(\d+)</td>',
                  lambda m: m[1] + "".join(chr(0xFF10 + int(c)) for c in m[2]) + "</td>",
                  html_of(expected, "plain"))
    pdf = HTML(string=html).write_pdf(uncompressed_pdf=True)
    doc, report, _ = read(pdf, ocr=False)
    assert "digit_map" not in doc.meta and wrong_cells(report, tables_of(expected)) == []
    doc, report, _ = read(untitled(swapped_digits(pdf)), ocr=False)
    assert doc.meta["digit_map"] and wrong_cells(report, tables_of(expected)) == []
