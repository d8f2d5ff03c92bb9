"""The OCR hook (`ingest/pdf_ocr.py`): a page without a text layer is handed to
`zfxxgk.ingest.ocr.read_page`; what it reads becomes the document's lines, and
without OCR (or when it reads nothing) a scan stays a scan."""

from __future__ import annotations

import sys
import types

import pytest

import hostile as H
from zfxxgk.ingest.pdf import load_pdf
from zfxxgk.ingest.pdf_ocr import OcrLine


@pytest.fixture
def fake_ocr(monkeypatch):
    """An OCR module that reads one line per page and records what it was given."""
    seen: list[tuple[tuple[float, float], int]] = []

    def read_page(page, number):
        seen.append((tuple(round(v) for v in page.get_size()), number))
        return [OcrLine(700.0, f"第{number}页 表格"), OcrLine(40.0, "政府信息公开")]

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
