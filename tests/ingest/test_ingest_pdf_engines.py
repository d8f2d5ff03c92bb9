"""PDFium and pdfplumber read every test PDF to the same Document and report.

The loader reads pages with PDFium and falls back to pdfplumber page by page
(`ingest/pdf_pages.py`); both feed the same pure stages (`pdf_text`, `pdf_grid`).
Here pdfplumber is the referee: the shared real PDFs (WPS), the LibreOffice
fixture, WeasyPrint renderings of every expected sample and generated reports
printed in several page layouts (hypothesis) must give identical lines (text,
page, table, row, columns) and identical cells and meta through both engines.
The pure table stages are also checked against pdfplumber's own table finder.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ingest_fixtures as F
from samples import samples_dir
from strategies import reports
from zfxxgk.api import report_from_bytes
from zfxxgk.ingest.pdf import load_pdf
from zfxxgk.model import report_from_json, report_to_dict

DATA = Path(__file__).resolve().parent / "data"
REAL = ["hongze-district-2023.pdf", "hongze-district-2024.pdf", "huaian-city-2024.pdf"]
# Page layouts a generated report is printed in: each moves rules and text another way.
LAYOUTS = {
    "a4": "",
    "a5-narrow": "@page { size: A5; margin: 1cm } .zfxxgk-report table { font-size: 7pt }",
    "landscape": "@page { size: A4 landscape; margin: 1.5cm }",
    "rows-break": ".zfxxgk-report tr { break-inside: auto !important }"
                  " @page { size: A5; margin: 1.2cm }",
    "thick-rules": ".zfxxgk-report td, .zfxxgk-report th { border: 2.5px solid #000 !important }",
    "big-type": ".zfxxgk-report table { font-size: 11pt } .zfxxgk-report { font-size: 14pt }",
}


def lines(doc) -> list[tuple]:
    return [(x.number, x.text, x.page, x.table, x.row, x.cols) for x in doc.lines]


def engine_meta(doc) -> dict:
    """What the loader says about its engines (the file's properties aside)."""
    return {k: v for k, v in doc.meta.items() if k.startswith("pdf_")}


def properties(doc) -> dict:
    return {k: v for k, v in doc.meta.items() if k.startswith("doc_")}


def assert_same(data: bytes, name: str) -> None:
    """Both engines: the same Document (both table and text paths) and report."""
    from zfxxgk.api import parse_document

    new, old = assert_same_lines(data, name)
    assert report_to_dict(parse_document(new)) == report_to_dict(parse_document(old)), name


def assert_same_lines(data: bytes, name: str) -> tuple:
    """Both engines: the same Document, on the table and the text path; the text
    path's Documents are returned."""
    for tables in (True, False):
        new = load_pdf(data, name, {"tables": tables})
        old = load_pdf(data, name, {"tables": tables, "engine": "pdfplumber"})
        assert new.meta["pdf_engine"] == "pdfium" and "pdf_fallback" not in new.meta, name
        assert (new.kind, lines(new)) == (old.kind, lines(old)), name
        assert properties(new) == properties(old), name  # Title, Author, Subject
    return new, old


@pytest.mark.parametrize("name", REAL)
def test_real_pdfs_read_the_same_through_both_engines(name):
    assert_same((samples_dir() / "real" / name).read_bytes(), name)


def test_libreoffice_pdf_reads_the_same_through_both_engines():
    assert_same((DATA / "libreoffice.pdf").read_bytes(), "libreoffice.pdf")


def _html_pdf(report, css: str) -> bytes:
    from weasyprint import HTML

    from zfxxgk.render.html import render_html
    from zfxxgk.render.layout import build

    html = render_html(build(report))
    return HTML(string=html.replace("</head>", f"<style>{css}</style></head>", 1)).write_pdf()


@pytest.mark.slow
def test_weasyprint_renderings_of_the_samples_read_the_same():
    pytest.importorskip("weasyprint")
    folder = samples_dir()
    files = sorted(folder.glob("*-expected/*.json"))
    assert len(files) >= 8
    for path in files:
        report = report_from_json(path.read_text(encoding="utf-8"))
        assert_same(_html_pdf(report, ""), path.name)


@pytest.mark.slow
@settings(max_examples=6, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(report=reports(), layout=st.sampled_from(sorted(LAYOUTS)))
def test_generated_reports_in_several_layouts_read_the_same(report, layout):
    pytest.importorskip("weasyprint")
    assert_same(_html_pdf(report, LAYOUTS[layout]), f"generated-{layout}.pdf")


@pytest.mark.slow
def test_every_layout_is_exercised_once():
    """The hypothesis test samples layouts; each is also read once for sure."""
    pytest.importorskip("weasyprint")
    report = report_from_bytes(F.docx_report(), "r.docx")
    for layout, css in LAYOUTS.items():
        assert_same(_html_pdf(report, css), f"fixture-{layout}.pdf")


def _fake_bold_pdf() -> bytes:
    """Words printed twice a fraction of a point apart over longer ones (a bold
    face faked), in table cells and a heading, and the same words in two fonts
    at one place: characters that may be twins, whose fonts PDFium is asked for."""
    import hostile as H

    ops = [b"0.5 w"] + [b"72 %d m 372 %d l S" % (700 - 20 * r, 700 - 20 * r) for r in range(4)]
    ops += [b"%d 700 m %d 640 l S" % (x, x) for x in (72, 222, 372)]
    for r, (label, count) in enumerate([(b"Item", b"Count"), (b"Requests 12", b"345"),
                                        (b"Answered", b"3457")]):
        y = 685 - 20 * r
        ops += [b"BT /F1 10 Tf 76 %d Td (%s and more) Tj ET" % (y, label),
                b"BT /F1 10 Tf 76.4 %d Td (%s) Tj ET" % (y, label),
                b"BT /F1 10 Tf 226 %d Td (%s 0) Tj ET" % (y, count),
                b"BT /F1 10 Tf 226.4 %d Td (%s) Tj ET" % (y, count)]
    ops += [b"BT /F1 12 Tf 72 760 Td (Annual report 2024) Tj ET",
            b"BT /F1 12 Tf 72.5 760.3 Td (Annual report) Tj ET",
            b"BT /F2 12 Tf 72 600 Td (Same place twice) Tj ET",
            b"BT /F1 12 Tf 72.2 600 Td (Same place) Tj ET"]
    content = b"\n".join(ops)
    return H.pdf_bytes([
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font "
        b"<< /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> "
        b"/F2 << /Type /Font /Subtype /Type1 /BaseFont /Courier >> >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content)])


def test_fake_bold_reads_the_same_through_both_engines():
    """Duplicated characters are dropped alike: PDFium names the possible twins
    while reading and is asked their fonts; the words in two fonts both stay."""
    from zfxxgk.ingest.pdf_pages import PageSource

    data = _fake_bold_pdf()
    with PageSource(data, "bold.pdf") as pdf:
        content = pdf.content(1)
    assert len(content.twins) > 40
    assert {content.chars[k].font for k in content.twins} == {"Helvetica", "Courier"}
    assert_same_lines(data, "bold.pdf")  # not a report: lines only
    doc = load_pdf(data, "bold.pdf")
    assert [x.text for x in doc.lines][:4] == [
        "Annual report 2024", "Item and more\tCount 0", "Requests 12 and more\t345 0",
        "Answered and more\t3457 0"]


@pytest.mark.parametrize("name", REAL)
def test_grid_stages_match_pdfplumbers_table_finder(name):
    """The pure stages on pdfplumber's own characters and edges find the tables
    pdfplumber's `find_tables` finds, with the same cell texts (all its edges:
    the reader leaves out a cell's shading, `pdf_layout.shading`, pdfplumber not)."""
    import pdfplumber

    from zfxxgk.ingest import pdf_grid, pdf_plumber
    from zfxxgk.ingest.pdf_layout import Edge

    with pdfplumber.open(samples_dir() / "real" / name) as pdf:
        for page in pdf.pages:
            page = page.dedupe_chars()
            chars = pdf_plumber.page_content(page).chars
            edges = [Edge(e["orientation"], e["x0"], e["top"], e["x1"], e["bottom"])
                     for e in page.edges if e["orientation"] in ("h", "v")]
            ours = [pdf_grid.extract(t, chars) for t in pdf_grid.find_tables(edges)]
            theirs = [t.extract() for t in page.find_tables()]
            assert ours == theirs, (name, page.page_number)
            assert [t.bbox for t in pdf_grid.find_tables(edges)] == \
                [t.bbox for t in page.find_tables()]


def _cropped(data: bytes, page: int) -> bytes:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    width, height = pdf[page - 1].get_size()
    pdf[page - 1].set_cropbox(0, 0, width - 5, height)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def _mirrored(data: bytes, page: int) -> bytes:
    """Page `page` with its first text object drawn mirrored (a character
    PDFium's reader does not describe as pdfplumber would)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pdf = pdfium.PdfDocument(data)
    target = pdf[page - 1]
    text = next(o for o in target.get_objects(max_depth=1) if o.type == raw.FPDF_PAGEOBJ_TEXT)
    left, _, right, _ = text.get_bounds()
    text.transform(pdfium.PdfMatrix(-1, 0, 0, 1, left + right, 0))
    target.gen_content()
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def test_page_pdfium_cannot_describe_goes_to_pdfplumber_and_says_so():
    """A page with mirrored text is read by pdfplumber (meta names it); the
    others by PDFium (a page turned by /Rotate is PDFium's now: test_pdf_hidden,
    test_pdf_shapes)."""
    data = _mirrored((samples_dir() / "real" / "huaian-city-2024.pdf").read_bytes(), 2)
    new = load_pdf(data, "r.pdf")
    old = load_pdf(data, "r.pdf", {"engine": "pdfplumber"})
    assert engine_meta(new) == {"pdf_engine": "pdfium", "pdf_fallback": "2"}
    assert engine_meta(old) == {"pdf_engine": "pdfplumber"}
    assert properties(new) == properties(old)
    assert lines(new) == lines(old)


def test_a_cropped_page_is_pdfiums_and_reads_what_the_crop_shows():
    """A page cropped from its media box is read by PDFium as pdfplumber reads
    it: the characters the crop box shows, at the media box's places (it went
    to pdfplumber, losing what only PDFium reads: annotations, sideways text)."""
    data = _cropped((samples_dir() / "real" / "huaian-city-2024.pdf").read_bytes(), 2)
    new = load_pdf(data, "r.pdf")
    old = load_pdf(data, "r.pdf", {"engine": "pdfplumber"})
    assert engine_meta(new) == {"pdf_engine": "pdfium"}
    assert lines(new) == lines(old)


@pytest.mark.parametrize("data,words", [
    (b"%PDF-1.4\nnothing else", "PDF 文件已损坏或格式不正确"),
    (b"%PDF-1.7\n" + b"\x00" * 300, "PDF 文件已损坏或格式不正确"),
])
def test_files_pdfium_cannot_open_get_pdfplumbers_message(data, words):
    from zfxxgk.errors import InputError

    for engine in ("pdfium", "pdfplumber"):
        with pytest.raises(InputError) as info:
            load_pdf(data, "bad.pdf", {"engine": engine})
        # the Chinese sentence alone: no parser exception name (PSEOF...) shown to a user
        assert info.value.message == words + "，无法读取"


def test_encrypted_pdf_message_is_unchanged():
    import hostile as H
    from zfxxgk.errors import InputError

    with pytest.raises(InputError) as info:
        load_pdf(H.encrypted_pdf(), "e.pdf")
    assert "PDF 文件已加密" in info.value.message


def test_page_pdfium_reads_empty_while_pdfplumber_finds_text(monkeypatch):
    """When PDFium's text layer of a page is empty but pdfplumber's is not (PDFium
    made to miss page 3 here), the page is pdfplumber's, and meta says so."""
    from zfxxgk.ingest import pdf_pdfium
    from zfxxgk.ingest.pdf_layout import PageContent

    real = pdf_pdfium.page_content
    calls = []

    def blind_on_page_3(page):  # pages are read in order, once each
        calls.append(page)
        found = real(page)
        return PageContent([], found.edges, found.images) if len(calls) == 3 else found

    monkeypatch.setattr(pdf_pdfium, "page_content", blind_on_page_3)
    data = (samples_dir() / "real" / "hongze-district-2023.pdf").read_bytes()
    new = load_pdf(data, "h.pdf")
    assert engine_meta(new) == {"pdf_engine": "pdfium", "pdf_fallback": "3"}
    assert lines(new) == lines(load_pdf(data, "h.pdf", {"engine": "pdfplumber"}))


def test_a_page_pdfplumber_fails_on_reads_as_pdfiums(monkeypatch):
    """A damaged page (pdfminer raises on its objects) where PDFium found no text:
    the page is empty, the other pages are read, no internal error."""
    from zfxxgk.ingest import pdf_pdfium, pdf_plumber
    from zfxxgk.ingest.pdf_layout import PageContent

    real_pdfium, real_plumber = pdf_pdfium.page_content, pdf_plumber.page_content
    calls = []

    def blind_on_page_3(page):
        calls.append(page)
        return PageContent([], [], 0) if len(calls) == 3 else real_pdfium(page)

    def broken_page_3(page):
        if page.page_number == 3:
            raise RuntimeError("Invalid dictionary construct")  # as pdfminer's PSSyntaxError
        return real_plumber(page)

    monkeypatch.setattr(pdf_pdfium, "page_content", blind_on_page_3)
    monkeypatch.setattr(pdf_plumber, "page_content", broken_page_3)
    data = (samples_dir() / "real" / "huaian-city-2024.pdf").read_bytes()
    doc = load_pdf(data, "r.pdf")
    assert doc.meta["pdf_engine"] == "pdfium" and "pdf_fallback" not in doc.meta
    assert {line.page for line in doc.lines} >= {1, 2, 4}
    assert 3 not in {line.page for line in doc.lines}
