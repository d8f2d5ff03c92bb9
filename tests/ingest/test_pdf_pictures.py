"""Tables pasted as pictures on the text pages of a PDF (ingest/pdf_pictures.py):
the picture is read by OCR and put among the page's text; without OCR the
reviewer hears that the table may be a picture."""

from __future__ import annotations

import sys
import types

import pytest

import hostile as H
from garbled import pictured_tables
from strategies import distinct_report
from zfxxgk.api import check_report, report_from_loaded
from zfxxgk.ingest.pdf import Item, load_pdf
from zfxxgk.ingest.pdf_pages import PageSource


@pytest.fixture(scope="module")
def pictured() -> tuple:
    """A valid report whose three tables are pictures, and each page's pictures."""
    report = distinct_report("2021", seed=906)
    data = pictured_tables(report)
    with PageSource(data, "pictured.pdf") as pdf:
        boxes = {n: pdf.content(n).pictures for n in range(1, pdf.count + 1)}
    return report, data, boxes


def fake_reading(monkeypatch, boxes: dict) -> list[int]:
    """An OCR that reads, on each page, one line above the first picture (the
    text the layer has) and one table inside it."""
    seen: list[int] = []

    def read_page(page, number):
        seen.append(number)
        top = boxes[number][0][1]
        return [Item(top - 20, "页面上方的文字"), Item(top + 1, grid=[["识别的表格", "7"]], columns=2)]

    module = types.ModuleType("zfxxgk.ingest.ocr")
    module.read_page = read_page
    monkeypatch.setitem(sys.modules, "zfxxgk.ingest.ocr", module)
    return seen


def test_pictures_on_text_pages_go_to_ocr_and_only_what_they_hold_is_kept(pictured, monkeypatch):
    report, data, boxes = pictured
    seen = fake_reading(monkeypatch, boxes)
    doc = load_pdf(data, "pictured.pdf")
    assert seen == sorted(boxes) and doc.meta["ocr"] == ",".join(map(str, sorted(boxes)))
    texts = [line.text for line in doc.lines]
    assert texts.count("识别的表格\t7") == len(boxes)
    assert "页面上方的文字" not in texts  # the page's own text comes from its text layer
    assert report.agency in texts and "三、收到和处理政府信息公开申请情况" in texts


def test_a_long_text_pdf_is_not_refused_for_its_pictures(pictured, monkeypatch):
    """OCR refuses files of more than MAX_OCR_PAGES pages: a text PDF that long
    keeps its text and the reason, instead of being refused for a picture."""
    _, data, boxes = pictured
    seen = fake_reading(monkeypatch, boxes)
    monkeypatch.setattr(sys.modules["zfxxgk.ingest.ocr"], "MAX_OCR_PAGES", len(boxes) - 1,
                        raising=False)
    doc = load_pdf(data, "pictured.pdf")
    assert seen == [] and doc.meta["pictures"] == ",".join(map(str, sorted(boxes)))


def test_without_ocr_a_missing_table_may_be_a_picture(pictured):
    _, data, boxes = pictured
    doc = load_pdf(data, "pictured.pdf", {"ocr": False})
    assert doc.meta["pictures"] == ",".join(map(str, sorted(boxes)))
    findings = [f for f in check_report(report_from_loaded(doc)) if f.rule == "F-TABLE"]
    assert len(findings) == 3 and all("表格可能是图片" in f.message for f in findings)


def text_over_picture_pdf() -> bytes:
    """Page 1: a full-page picture with a paragraph printed over it (a letterhead
    or watermark background); page 2: plain text."""
    words = b"BT /F1 12 Tf 72 700 Td (" + b"Annual report text over a background " * 2 + b") Tj ET"
    content = b"q 595 0 0 842 0 0 cm /Im1 Do Q " + words
    font = b"/Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >>"
    image = (b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray "
             b"/BitsPerComponent 8 /Length 4 >>\nstream\n\xf0\xf0\xf0\xf0\nendstream")
    return H.pdf_bytes([
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject "
        b"<< /Im1 5 0 R >> " + font + b" >> /Contents 6 0 R >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << " + font
        + b" >> /Contents 7 0 R >>",
        image, b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(words), words)])


def test_a_picture_under_text_is_not_read(monkeypatch):
    seen = fake_reading(monkeypatch, {})
    doc = load_pdf(text_over_picture_pdf(), "background.pdf")
    assert seen == [] and "ocr" not in doc.meta and "pictures" not in doc.meta


@pytest.mark.slow
def test_pictured_tables_are_read_exactly_by_ocr(pictured):
    from exact_cells import tables_of, wrong_cells

    expected, data, boxes = pictured
    doc = load_pdf(data, "pictured.pdf")
    report = report_from_loaded(doc)
    assert wrong_cells(report, tables_of(expected)) == []
    assert all(p.ocr for p in report.provenance.values())
    assert sum(v is not None for t in tables_of(report).values() for c in t.values()
               for v in c.values()) >= 180
    assert (report.agency, report.year, report.template) == \
        (expected.agency, expected.year, expected.template)
