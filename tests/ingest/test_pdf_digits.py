"""PDFs whose fonts draw other digits than their text layer says (ingest/pdf_digits.py):
the page shows 2023 and 10, the ToUnicode map says 1710 and 37. No number is
read from such a layer: its pages go to OCR, and without OCR they are left
unread with a finding that says why (never a wrong number)."""

from __future__ import annotations

import pytest

from exact_cells import tables_of, wrong_cells
from garbled import render_uncompressed, untitled
from pdf_drawn import SWAP, drawn, lone_digit, swapped_digits
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
        meta = load_pdf(path.read_bytes(), path.name, {"ocr": False}).meta
        assert "digit_map" not in meta and "doubted_digits" not in meta


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


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_lookalike_swaps_are_never_read(rendered, engine):
    """A map swapping only look-alikes (3-8, 5-6, 1-7; 0, 2, 4, 9 kept): the
    fonts' most drawn digits are honest, the swapped ones have the wrong holes
    (an 8 said to be 3) or the other's shape (a 7 said to be 1)."""
    expected, pdf = rendered
    doc, report, findings = read(untitled(drawn(pdf, "lookalike")), ocr=False, engine=engine)
    assert doc.meta["digit_map"]
    assert wrong_cells(report, tables_of(expected)) == []
    assert any("数字与字形不符" in f.message for f in findings)


def test_a_title_font_drawing_the_year_only_is_judged(rendered):
    """The title's own face draws 2, 0 and 3 (four digits in all) and maps them
    to other digits: its page is not read, the year is never the one it says."""
    expected, pdf = rendered
    doc, report, _ = read(untitled(drawn(pdf, "title-swap")), ocr=False)
    assert doc.meta["digit_map"] == "1"
    lied = "".join(SWAP[d] for d in str(expected.year))
    assert not any(lied in line.text for line in doc.lines)
    assert report.year in (None, expected.year)
    assert wrong_cells(report, tables_of(expected)) == []


def test_holes_are_told_in_every_face_measured():
    """8 closes two counters, 0 4 6 9 one, the rest none: in the renderer's
    faces as PDFium gives their outlines (the holes rule rests on it)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw
    from weasyprint import HTML

    from zfxxgk.ingest.pdf_glyphs import holes, outline

    for family in ("Noto Serif CJK SC", "AR PL UKai CN", "DejaVu Sans"):
        html = f"<p style=\"font-family: '{family}'\">0123456789</p>"
        page = pdfium.PdfDocument(HTML(string=html).write_pdf())[0]
        tp = page.get_textpage()
        font = raw.FPDFTextObj_GetFont(raw.FPDFText_GetTextObject(tp.raw, 0))
        counts = "".join(str(holes(outline(raw, font, 0x30 + d))) for d in range(10))
        assert counts == "1000101021", family


def test_rules_on_glyphs():
    """The judgement on made-up distances: one honest face, the same face's
    digits under a 3-8 swap (holes), a lone 7 said to be 1 (shape)."""
    from zfxxgk.ingest.pdf_digits import _verdict
    from zfxxgk.ingest.pdf_glyphs import Glyph

    def face(digit: int, holes: int) -> Glyph:  # near its own digit, far from others
        return Glyph(tuple(5 if d == digit else 60 for d in range(10)), holes)

    honest = {0x30 + d: face(d, h) for d, h in enumerate((1, 0, 0, 0, 1, 0, 1, 0, 2, 0))}
    honest[0x39] = face(9, 1)
    assert not _verdict(honest, 10)
    swapped = dict(honest)
    swapped[0x33], swapped[0x38] = honest[0x38], honest[0x33]
    assert _verdict(swapped, 10)
    assert _verdict({0x33: honest[0x38]}, 1)  # a lone 8 said to be 3: two holes
    assert _verdict({0x31: honest[0x37], 0x30: honest[0x30]}, 2)  # a 7 said to be 1
    assert not _verdict({0x31: honest[0x31], 0x30: honest[0x30]}, 2)


def _lone(expected, kind: str, table: str = "", swap: bool = True, seed: int = 0,
          figure: str = r"\d+") -> bytes:
    from pdf_shapes import html_of

    return lone_digit(html_of(expected, "plain"), kind, seed, table, swap, figure)


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
@pytest.mark.parametrize("kind", ["lone-italic", "lone-swap"])
def test_a_lone_digit_font_is_read_where_the_identities_confirm_it(rendered, kind, engine):
    """One digit of a figure of table 三 in a face of its own whose map lies (an
    italic 7 said to be 1; a bold digit under a full swap): the italic was read
    as the map says (a wrong number), the bold one lost its whole page. Now the
    page is read and the figure settled by the identities (the glyph's look-alike)."""
    expected = rendered[0]
    doc, report, findings = read(_lone(expected, kind, "applications"), ocr=False, engine=engine)
    assert "digit_map" not in doc.meta and doc.meta["doubted_digits"]
    assert wrong_cells(report, tables_of(expected)) == []
    assert tables_of(report) == tables_of(expected)
    kept = [f for f in findings if f.rule == "F-VALUE" and "字形存疑" in f.message]
    assert len(kept) == 1 and kept[0].severity == "warning"


def test_a_lone_digit_in_table_four_is_its_own_cell(rendered):
    """In table 四's row of fifteen a doubted digit alone in its cell keeps its
    place (it split the row in two, and its group was left ambiguous)."""
    expected = rendered[0]
    for seed in range(2):
        doc, report, findings = read(_lone(expected, "lone-swap", "review_litigation", seed=seed,
                                           figure=r"\d"), ocr=False)
        assert tables_of(report) == tables_of(expected), seed
        assert any("字形存疑" in f.message for f in findings)


def test_a_lone_digit_font_without_an_identity_is_left_null(rendered):
    """The same in table 二 (no identity binds its cells): null with F-VALUE, never
    the map's digit."""
    expected = rendered[0]
    doc, report, findings = read(_lone(expected, "lone-swap", "active"), ocr=False)
    assert wrong_cells(report, tables_of(expected)) == []
    unread = [f for f in findings if f.rule == "F-VALUE" and "不符" in f.message]
    assert len(unread) == 1 and unread[0].severity == "error"
    assert report.cell(unread[0].cells[0]) is None


def test_an_honest_lone_italic_digit_is_read(rendered):
    """An italic 1 or 7 set apart whose map is right (a cell typed in italics):
    read as printed, whichever way its glyph leans."""
    expected = rendered[0]
    for seed in range(3):
        doc, report, _ = read(_lone(expected, "lone-italic", "applications", swap=False, seed=seed),
                              ocr=False)
        assert "digit_map" not in doc.meta
        assert tables_of(report) == tables_of(expected)
