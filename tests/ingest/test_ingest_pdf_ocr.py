"""The OCR hook (`pdf.ocr_pages`): a page without a text layer is handed to
`zfxxgk.ingest.ocr.read_page`; what it reads becomes the document's lines, and
without OCR (or when it reads nothing) a scan stays a scan."""

from __future__ import annotations

import sys
import types

import pytest

import hostile as H
from zfxxgk.ingest.pdf import Item, load_pdf


@pytest.fixture
def fake_ocr(monkeypatch):
    """An OCR module that reads one line per page and records what it was given."""
    seen: list[tuple[tuple[float, float], int]] = []

    def read_page(page, number):
        seen.append((tuple(round(v) for v in page.get_size()), number))
        return [Item(700.0, f"第{number}页 表格"), Item(40.0, "政府信息公开")]

    module = types.ModuleType("zfxxgk.ingest.ocr")
    module.read_page = read_page
    monkeypatch.setitem(sys.modules, "zfxxgk.ingest.ocr", module)
    return seen


def test_scan_pages_go_to_ocr_once_each(fake_ocr):
    doc = load_pdf(H.scanned_pdf(3), "scan.pdf")
    assert fake_ocr == [((595, 842), 1), ((595, 842), 2), ((595, 842), 3)]
    assert doc.kind == "pdf-ocr" and doc.meta["ocr"] == "1,2,3" and "scan" not in doc.meta
    # top to bottom on each page, pages in order
    assert [(line.page, line.text) for line in doc.lines[:3]] == [
        (1, "政府信息公开"), (1, "第1页 表格"), (2, "政府信息公开")]
    assert [line.number for line in doc.lines] == list(range(1, 7))


def test_ocr_reading_nothing_leaves_a_scan(monkeypatch):
    module = types.ModuleType("zfxxgk.ingest.ocr")
    module.read_page = lambda page, number: None
    monkeypatch.setitem(sys.modules, "zfxxgk.ingest.ocr", module)
    doc = load_pdf(H.scanned_pdf(2), "scan.pdf")
    assert doc.kind == "pdf-scan" and doc.meta["scan"] == "true" and doc.lines == []


def test_text_pages_never_go_to_ocr(fake_ocr):
    from samples import samples_dir

    path = samples_dir() / "real" / "hongze-district-2024.pdf"
    assert load_pdf(path.read_bytes(), str(path)).kind == "pdf"
    assert fake_ocr == []


def picture_only_pdf() -> bytes:
    """One page that is only a picture (no text at all): a table pasted as an image."""
    content = b"q 595 0 0 842 0 0 cm /Im1 Do Q"
    image = (b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray "
             b"/BitsPerComponent 8 /Length 4 >>\nstream\n\x80\x40\x40\x80\nendstream")
    return H.pdf_bytes([b"<< /Type /Catalog /Pages 2 0 R >>",
                        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                        b"/Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>",
                        image, b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content)])


def with_picture_page(data: bytes) -> bytes:
    import io

    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    pdf.import_pages(pdfium.PdfDocument(picture_only_pdf()))
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def test_a_picture_page_in_a_text_pdf_goes_to_ocr_alone(fake_ocr):
    from samples import samples_dir

    data = with_picture_page((samples_dir() / "real" / "hongze-district-2024.pdf").read_bytes())
    doc = load_pdf(data, "mixed.pdf")
    assert [n for _, n in fake_ocr] == [6]  # the five text pages are read from their text
    assert doc.kind == "pdf" and doc.meta["ocr"] == "6"
    assert [line.text for line in doc.lines if line.page == 6] == ["政府信息公开", "第6页 表格"]
    text = load_pdf(data, "mixed.pdf", {"tables": False})
    assert [line.text for line in text.lines if line.page == 6] == ["政府信息公开", "第6页 表格"]


def test_without_ocr_a_picture_page_adds_nothing():
    from samples import samples_dir

    path = samples_dir() / "real" / "hongze-district-2024.pdf"
    plain = load_pdf(path.read_bytes(), "p.pdf")
    mixed = load_pdf(with_picture_page(path.read_bytes()), "p.pdf")
    assert "ocr" not in mixed.meta
    assert [(x.text, x.page, x.table, x.row) for x in mixed.lines] == \
        [(x.text, x.page, x.table, x.row) for x in plain.lines]
