"""PDFs whose text layer lies (ingest/text_layer.py, ingest/pdf.py): a page that
looks right but extracts as private-use codes, control characters, ``(cid:N)``
or ASCII in glyph order is read by OCR like a scan; without OCR the reviewer is
told why it was not read, instead of "not a report" or a silently empty table."""

from __future__ import annotations

import sys
import types

import pytest

import hostile as H
from garbled import garble, render_uncompressed, untitled
from strategies import distinct_report
from zfxxgk.api import check_report, report_from_loaded
from zfxxgk.ingest.pdf import Item, load_pdf
from zfxxgk.ingest.pdf_layout import Char
from zfxxgk.ingest.text_layer import unusable


def chars(text: str) -> list[Char]:
    return [Char(ch, 10.0 * k, 10.0 * k + 9, 100.0, 110.0) for k, ch in enumerate(text)]


PROSE = "本年度，本机关严格落实政府信息公开条例，主动公开政府信息1234条，依申请公开办理56件。"


@pytest.mark.parametrize("text", [
    PROSE * 3,
    PROSE * 3 + "网址：http://www.example.gov.cn/xxgk/index.html",  # a URL: Latin, but little
    "\uf0b7" + PROSE + "\uf0b7" + PROSE + "\uf0b7" + PROSE,  # Word's Symbol bullets (PUA)
    "（一）\t1\t0\t0\t0\t0\t0\t1\n" * 20,  # a table page: digits and labels
    "㙟" + PROSE,  # a rare ideograph of a place name (CJK extension A)
    PROSE.replace("一", "\u2f00").replace("年", "\u5e74").replace("公", "\u516c") * 3
    + "\u2f00\u2f06\u2f08\u2f42\u2fa8\u2f83\u2f1a\u2f29",  # Kangxi radicals: NFKC reads them
    "Annual report 2024. Requests received: 12; answered (in time) 10 & 2 late. " * 5,
])
def test_a_chinese_page_is_usable(text):
    assert not unusable(chars(text))


@pytest.mark.parametrize("text", [
    "".join(chr(0xE000 + k % 300) for k in range(400)),  # private-use codes
    "".join(chr(1 + k % 8) for k in range(200)),  # control characters
    "(cid:4512)(cid:77)(cid:1203)" * 20,  # pdfminer's unmapped codes
    "!\"#$%&'()*+,-./0123456789:;<=>?@ABC" * 10,  # glyph order printed as ASCII
    PROSE + "\ue001\ue002\ue003\ue004\ue005\ue006\ue007",  # a title of private-use codes
])
def test_a_page_of_no_script_is_unusable(text):
    assert unusable(chars(text))


@pytest.fixture(scope="module")
def rendered() -> tuple:
    """A valid report and its PDF, as the project's renderer writes it."""
    report = distinct_report("2021", seed=905)
    return report, render_uncompressed(report)


@pytest.fixture
def fake_ocr(monkeypatch):
    seen: list[int] = []

    def read_page(page, number):
        seen.append(number)
        return [Item(40.0, f"第{number}页 识别的文字")]

    module = types.ModuleType("zfxxgk.ingest.ocr")
    module.read_page = read_page
    monkeypatch.setitem(sys.modules, "zfxxgk.ingest.ocr", module)
    return seen


def test_every_page_garbled_is_read_as_a_scan(rendered, fake_ocr):
    pdf = untitled(garble(rendered[1], "pua"))
    doc = load_pdf(pdf, "garbled.pdf")
    pages = list(range(1, int(doc.meta["pages"]) + 1))
    assert fake_ocr == pages and doc.kind == "pdf-ocr"
    assert doc.meta["garbled"] == doc.meta["ocr"] == ",".join(map(str, pages))
    assert [line.text for line in doc.lines] == [f"第{n}页 识别的文字" for n in pages]


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_only_the_garbled_pages_go_to_ocr(rendered, fake_ocr, engine):
    """The table cells' font (the renderer's fourth) without a usable map: the
    pages of tables go to OCR, and none of their nonsense is read as text."""
    pdf = untitled(garble(rendered[1], "pua", {3}))
    doc = load_pdf(pdf, "garbled.pdf", {"engine": engine})
    garbled = [int(n) for n in doc.meta["garbled"].split(",")]
    assert fake_ocr == garbled and doc.meta["ocr"] == doc.meta["garbled"]
    assert garbled and len(garbled) < int(doc.meta.get("pages", 99))
    assert not any("\ue000" <= ch <= "\uf8ff" for line in doc.lines for ch in line.text)
    assert [line.text for line in doc.lines if line.page in garbled] == \
        [f"第{n}页 识别的文字" for n in garbled]


def findings_without_ocr(pdf: bytes) -> tuple:
    report = report_from_loaded(load_pdf(pdf, "garbled.pdf", {"ocr": False}))
    return report, check_report(report)


@pytest.mark.parametrize("mode", ["pua", "control", "latin", "drop"])
def test_without_ocr_a_garbled_file_says_why(rendered, mode):
    report, findings = findings_without_ocr(untitled(garble(rendered[1], mode)))
    tables = [f for f in findings if f.rule == "F-TABLE"]
    assert len(tables) == 3 and all("文字层无法识别（字体缺少编码映射）" in f.message for f in tables)
    assert all(v is None for t in ("active", "applications", "review_litigation")
               for cols in getattr(report, t).values() for v in cols.values())


def test_without_ocr_a_garbled_page_is_named_and_nothing_is_invented(rendered):
    expected, pdf = rendered
    report, findings = findings_without_ocr(untitled(garble(pdf, "latin", {3})))
    said = [f for f in findings if "文字层无法识别" in f.message]
    assert said and all(f.rule == "F-TABLE" and f.where["page"] for f in said)
    for table in ("active", "applications", "review_litigation"):
        for row, cols in getattr(report, table).items():
            for col, value in cols.items():
                assert value is None or value == getattr(expected, table)[row][col]


def outline_pdf() -> bytes:
    """A page whose words are drawn as filled shapes (text converted to outlines):
    no character, no picture."""
    content = b"0 g 100 700 m 120 700 l 120 720 l 100 720 l h f 130 700 m 150 720 l 150 700 l h f"
    return H.pdf_bytes([b"<< /Type /Catalog /Pages 2 0 R >>",
                        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
                        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content)])


def test_text_drawn_as_outlines_goes_to_ocr(fake_ocr):
    doc = load_pdf(outline_pdf(), "outlines.pdf")
    assert fake_ocr == [1] and doc.kind == "pdf-ocr"


def test_without_ocr_text_drawn_as_outlines_says_so():
    report, findings = findings_without_ocr(outline_pdf())
    tables = [f for f in findings if f.rule == "F-TABLE"]
    assert len(tables) == 3 and all("矢量图形" in f.message for f in tables)


def test_a_scan_is_still_called_a_scan():
    report, findings = findings_without_ocr(H.scanned_pdf(2))
    assert all("扫描件" in f.message for f in findings if f.rule == "F-TABLE")


@pytest.mark.slow
def test_a_garbled_report_is_read_exactly_by_ocr(rendered):
    """End to end with the real OCR: the table font garbled, every cell read
    right or flagged, and the pages read by OCR named in meta and provenance."""
    from exact_cells import tables_of, wrong_cells

    expected, pdf = rendered
    doc = load_pdf(untitled(garble(pdf, "pua", {3})), "garbled.pdf")
    report = report_from_loaded(doc)
    assert doc.meta["ocr"] == doc.meta["garbled"]
    assert wrong_cells(report, tables_of(expected)) == []
    ocr_pages = {int(n) for n in doc.meta["ocr"].split(",")}
    read = [p for p in report.provenance.values() if p.page in ocr_pages]
    assert read and all(p.ocr for p in read)
    assert (report.agency, report.year, report.template) == \
        (expected.agency, expected.year, expected.template)
