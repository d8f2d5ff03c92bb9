"""Text in a PDF that the printed page does not show (tests/ingest/pdf_hidden.py):
never read into a cell. A digit hidden after every number would turn 25 into 259."""

from __future__ import annotations

from functools import lru_cache

import pytest

from exact_cells import tables_of, wrong_cells
from pdf_hidden import hide, searchable
from pdf_shapes import render, rotated
from samples import samples_dir
from zfxxgk.api import report_from_loaded
from zfxxgk.ingest.pdf import load_pdf
from zfxxgk.ingest.pdf_layout import faint_over_white
from zfxxgk.model import report_from_json, report_to_json


@lru_cache(maxsize=None)
def _sample():
    paths = sorted((samples_dir() / "real-expected").glob("*.json"))
    if not paths:
        pytest.skip("no shared samples")
    expected = report_from_json(paths[0].read_text("utf-8"))
    return expected, render(expected, "plain")


def _read(data: bytes, **options):
    doc = load_pdf(data, "hidden.pdf", options or None)
    return doc, report_from_loaded(doc)


@pytest.mark.parametrize("how", ["invisible", "alpha", "grey", "offpage", "cropped"])
def test_text_the_page_does_not_show_joins_no_cell(how):
    """Drawn invisible (render mode 3), black at 8% opacity, beyond the page's
    right edge, or in a margin the crop box cuts off (pdfplumber reads that page)."""
    expected, pdf = _sample()
    _, report = _read(hide(pdf, how))
    assert wrong_cells(report, tables_of(expected)) == []
    assert tables_of(report) == tables_of(expected)


def test_faint_by_opacity_as_painted_on_white():
    assert faint_over_white(0, 0, 0, 0.2)  # black at 20%: a watermark
    assert faint_over_white(1, 1, 1, 0.0)  # nothing drawn
    assert not faint_over_white(0, 0, 0, 0.6)  # a dark grey a reader reads
    assert not faint_over_white(0, 0, 0, 1.0)
    assert not faint_over_white(1, 1, 1, 1.0)  # white on a dark cell stays text


def test_a_searchable_scan_is_read_from_its_picture(monkeypatch):
    """A scanner's OCR layer (invisible text over the page's picture) may hold
    misread digits: with OCR, the pictures are read (here the layer even says 259
    where the page shows 25); only without OCR is the layer read, and named."""
    from zfxxgk.ingest import ocr

    expected, pdf = _sample()
    data = searchable(hide(pdf, "invisible"))
    asked = []
    monkeypatch.setattr(ocr, "read_page", lambda page, n: asked.append(n) or [])
    doc, _ = _read(data)
    assert asked == [1, 2, 3] and doc.kind == "pdf-scan"
    monkeypatch.undo()
    doc, report = _read(searchable(pdf), ocr=False)
    assert doc.meta["invisible_text"] == "1,2,3"
    assert tables_of(report) == tables_of(expected)


def test_text_under_the_pages_picture_is_its_layer(monkeypatch):
    """A layer drawn as ordinary text with the scan painted over it (a viewer
    shows only the picture) was the page's text: a portal's misread digits
    were the report's. It is the page's layer, as if drawn invisible: with OCR
    the pictures are read; without, the layer is, and named."""
    from zfxxgk.ingest import ocr

    expected, pdf = _sample()
    asked = []
    monkeypatch.setattr(ocr, "read_page", lambda page, n: asked.append(n) or [])
    doc, _ = _read(searchable(pdf, under=True))
    assert asked == [1, 2, 3] and doc.kind == "pdf-scan"
    monkeypatch.undo()
    for engine in ("pdfium", "pdfplumber"):  # the referee hides it too
        doc, report = _read(searchable(pdf, under=True), ocr=False, engine=engine)
        assert doc.meta["ocr_layer"] == "1,2,3"
        assert tables_of(report) == tables_of(expected)


def test_which_text_a_picture_hides():
    """Under an opaque picture drawn after it, or white on a page-size picture
    drawn before it; not under a picture with transparency, not white on a
    small picture (a dark header cell, a banner), not under an icon."""
    from zfxxgk.ingest.pdf_covered import hidden_texts

    page = (0.0, 0.0, 600.0, 800.0)
    text, white = ((100.0, 100.0, 120.0, 110.0), False), ((100.0, 100.0, 120.0, 110.0), True)
    area = 600.0 * 800.0
    assert hidden_texts([text], [(1, page, True)], area) == {0}
    assert hidden_texts([text], [(1, page, False)], area) == set()
    assert hidden_texts([text], [(0, page, True)], area) == set()  # drawn over the picture
    assert hidden_texts([white, text], [(0, page, True)], area) == {0}
    banner = (90.0, 90.0, 400.0, 200.0)
    assert hidden_texts([white], [(0, banner, True)], area) == set()
    icon = (95.0, 95.0, 125.0, 115.0)
    assert hidden_texts([text], [(1, icon, True)], area) == set()


def test_invisible_text_under_outlines_is_the_page_text(monkeypatch):
    """A page without pictures whose only text is invisible (a converter drew the
    glyphs as outlines and kept the text for searching) is read from that text:
    no scanner's misreading to fear there, and nothing for OCR to do."""
    from zfxxgk.ingest import ocr

    expected, pdf = _sample()
    asked = []
    monkeypatch.setattr(ocr, "read_page", lambda page, n: asked.append(n) or [])
    doc, report = _read(searchable(pdf, picture=False))
    assert asked == [] and doc.meta["invisible_text"] == "1,2,3"
    assert tables_of(report) == tables_of(expected)


def test_a_scan_read_from_its_own_layer_is_told(monkeypatch):
    """Without OCR a searchable scan's layer is the page's text; its digits come
    with no confidence, so check says which pages were read that way (F-OCR).
    Outlined text (no picture under it) is the producer's own text: not told."""
    from zfxxgk.check import run

    expected, pdf = _sample()
    doc, report = _read(searchable(pdf), ocr=False)
    assert doc.meta["ocr_layer"] == "1,2,3"
    told = [f for f in run(report) if f.rule == "F-OCR"]
    assert [f.where["page"] for f in told] == [1, 2, 3]
    assert "文字识别层" in told[0].message and "--no-ocr" in told[0].suggestion
    again = report_from_json(report_to_json(report))  # the note travels in the report JSON
    assert [f.to_dict() for f in run(again) if f.rule == "F-OCR"] == [f.to_dict() for f in told]
    doc, report = _read(searchable(pdf, picture=False), ocr=False)
    assert "ocr_layer" not in doc.meta
    assert [f for f in run(report) if f.rule == "F-OCR"] == []


@lru_cache(maxsize=None)
def _landscape():
    expected, _ = _sample()
    return render(expected, "landscape")


@pytest.mark.parametrize("angle,how", [(90, "invisible"), (270, "alpha"), (180, "invisible")])
def test_a_turned_page_is_read_as_shown_and_its_hidden_text_left_out(angle, how):
    """A landscape page stored turned by /Rotate (a printer driver's sheet) is
    PDFium's, read as the viewer shows it: its hidden digits are left out as on
    any page (pdfplumber, which read it before, took them: 25 read as 259)."""
    expected, _ = _sample()
    doc, report = _read(rotated(hide(_landscape(), how), angle))
    assert "pdf_fallback" not in doc.meta
    assert tables_of(report) == tables_of(expected)


@pytest.mark.parametrize("how", ["invisible", "alpha"])
def test_the_referee_sees_what_the_page_shows(how):
    """pdfplumber (the referee, and the reader of pages PDFium cannot describe)
    leaves out text drawn invisible or at 8% opacity too, and keeps the invisible
    text apart as PDFium does: both engines read the same Document."""
    expected, pdf = _sample()
    data = hide(pdf, how)
    docs = [_read(data, engine=e) for e in ("pdfium", "pdfplumber")]
    assert tables_of(docs[1][1]) == tables_of(expected)
    assert [ln.text for ln in docs[0][0].lines] == [ln.text for ln in docs[1][0].lines]
    outlined = searchable(pdf, picture=False)  # only invisible text: read from the layer
    doc, report = _read(outlined, engine="pdfplumber")
    assert doc.meta["invisible_text"] == "1,2,3"
    assert tables_of(report) == tables_of(expected)


def test_figures_typed_into_annotations_are_read():
    """Figures in annotations' appearance streams (a filled PDF form, a
    typewriter or stamp tool) are drawn into the page before it is read: they
    were blanks (185 of 186 cells lost), the page shows them."""
    from pdf_annots import typed

    expected, pdf = _sample()
    doc, report = _read(typed(pdf))
    assert "pdf_fallback" not in doc.meta
    assert tables_of(report) == tables_of(expected)


def test_form_values_without_appearances_are_read_as_a_viewer_draws_them():
    """A form whose fields hold the figures as values (/V) with no appearance
    stream, asking the viewer to draw them (/NeedAppearances): PDFium drew the
    fields blank until its form environment was set up (every figure lost)."""
    from pdf_annots import formed

    expected, pdf = _sample()
    doc, report = _read(formed(pdf))
    assert "pdf_fallback" not in doc.meta
    assert tables_of(report) == tables_of(expected)
