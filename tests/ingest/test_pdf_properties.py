"""A PDF's document properties (the information dictionary's Title, Subject and
Author) as a late source of the body and year, trusted as a Word file's are
(tests/parse/test_meta_variants.py): only where the text names nothing, never a
producer's file name ("Microsoft Word - 文档1.docx"), a computer's owner or a clause,
and always said in an F-META note naming the PDF property."""

from __future__ import annotations

import re

import pytest

import hostile as H
from strategies import distinct_report
from zfxxgk.check import run
from zfxxgk.ingest.pdf import load_pdf
from zfxxgk.ingest.pdf_pages import document_properties
from zfxxgk.parse import parse_document

AGENCY = "青禾市云岭区住房和城乡建设局"
OTHER = "青禾市云岭区审计局"
TITLE = "{a}{y}年政府信息公开工作年度报告"
PREFACE = "<p>本报告根据《中华人民共和国政府信息公开条例》要求编制。</p>"


def _pdf(report, heading: str, preface: str = PREFACE, title: str = "", author: str = "",
         subject: str = "") -> bytes:
    """The project's HTML of `report` printed by WeasyPrint, with its heading and
    preface rewritten, no signature, and the PDF's Title/Author/Subject set (WeasyPrint
    writes them from <title>, <meta name=author> and <meta name=description>)."""
    from html import escape

    from weasyprint import HTML

    from zfxxgk.render.html import render_html
    from zfxxgk.render.layout import build

    html = render_html(build(report))
    html = re.sub(r"<title>.*?</title>", f"<title>{escape(title)}</title>" if title else "", html)
    head = "".join(f'<meta name="{k}" content="{escape(v)}">'
                   for k, v in (("author", author), ("description", subject)) if v)
    html = html.replace("</head>", head + "</head>", 1)
    html = re.sub(r"<h1>.*?</h1>\s*<p>.*?</p>", f"<h1>{escape(heading)}</h1>{preface}", html,
                  count=1, flags=re.S)
    html = re.sub(r'<p class="signature">.*?</p>', "", html)
    return HTML(string=html).write_pdf()


def _property_notes(report) -> list[str]:
    return [f.message for f in run(report) if f.rule == "F-META" and "文件属性" in f.message]


@pytest.fixture(scope="module")
def expected():
    pytest.importorskip("weasyprint")
    return distinct_report("2021", seed=31, agency=AGENCY, year=2023)


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_agency_and_year_only_in_the_title_property(expected, engine):
    data = _pdf(expected, "政府信息公开工作年度报告", title=TITLE.format(a=AGENCY, y=2023),
                author="Administrator")
    doc = load_pdf(data, "报告.pdf", {"engine": engine})
    assert (doc.meta["doc_title"], doc.meta["doc_file"]) == (TITLE.format(a=AGENCY, y=2023), "PDF")
    report = parse_document(doc)
    assert (report.agency, report.year, report.template) == (AGENCY, 2023, "2021")
    assert report.applications == expected.applications
    notes = _property_notes(report)
    assert len(notes) == 2, notes
    assert any(m.startswith("机关名称取自 PDF 文件属性“标题”") and AGENCY in m for m in notes)
    assert any(m.startswith("年度取自 PDF 文件属性“标题”：2023") for m in notes)
    kept = [n for n in report._notes if n.kind == "meta_from_properties"]
    assert {(n.data["what"], n.data["field"], n.data["file"]) for n in kept} == \
        {("agency", "标题", "PDF"), ("year", "标题", "PDF")}


def test_the_subject_stands_in_for_a_producers_title(expected):
    data = _pdf(expected, "政府信息公开工作年度报告", title="Microsoft Word - 文档1.docx",
                subject=TITLE.format(a=AGENCY, y=2023))
    report = parse_document(load_pdf(data, "报告.pdf"))
    assert (report.agency, report.year) == (AGENCY, 2023)
    assert any(m.startswith("机关名称取自 PDF 文件属性“主题”") for m in _property_notes(report))


def test_an_author_naming_a_body_of_an_area(expected):
    data = _pdf(expected, "2023年政府信息公开工作年度报告", author=AGENCY)
    report = parse_document(load_pdf(data, "报告.pdf"))
    assert (report.agency, report.year) == (AGENCY, 2023)
    assert [m for m in _property_notes(report) if m.startswith("机关名称取自 PDF 文件属性“作者”")]


@pytest.mark.parametrize("props", [
    {"title": "Microsoft Word - 文档1.docx"},
    {"title": f"Microsoft Word - {TITLE.format(a=OTHER, y=2022)}.docx"},
    {"title": f"根据《条例》规定，现将{TITLE.format(a=OTHER, y=2022)}公布如下"},
    {"author": "Administrator"}, {"author": "张三"},
    {"subject": f"关于印发{OTHER}工作要点的通知，请遵照执行"},
])
def test_junk_properties_give_no_agency_nor_year(expected, props):
    data = _pdf(expected, "政府信息公开工作年度报告", **props)
    report = parse_document(load_pdf(data, "report.pdf"))
    assert (report.agency, report.year) == (None, None), props
    assert _property_notes(report) == []
    assert any(f.rule == "F-META" and "机关名称" in f.message for f in run(report))


@pytest.mark.parametrize("heading, preface", [
    (TITLE.format(a=AGENCY, y=2023), PREFACE),
    ("2023年政府信息公开工作年度报告", f"<p>本报告由{AGENCY}根据《条例》要求编制。</p>"),
])
def test_the_texts_own_title_and_preface_win(expected, heading, preface):
    data = _pdf(expected, heading, preface, title=TITLE.format(a=OTHER, y=2020), author=OTHER)
    report = parse_document(load_pdf(data, "报告.pdf"))
    assert (report.agency, report.year) == (AGENCY, 2023)
    assert _property_notes(report) == []


@pytest.mark.parametrize("mark, codec", [(b"\xfe\xff", "utf-16-be"), (b"\xff\xfe", "utf-16-le"),
                                         (b"\xef\xbb\xbf", "utf-8")])
def test_properties_written_by_hand_read_the_same_through_both_engines(mark, codec):
    """An information dictionary as producers write it: the title in UTF-16 with a
    byte order mark of either order (the real samples' producer writes FF FE) or
    UTF-8 with its mark, the author in PDFDocEncoding with a control character, a
    non-text entry. A file without a text layer keeps them too."""
    title = TITLE.format(a=AGENCY, y=2023)
    info = (b"<< /Title <%s> /Author (Admin\\001istrator\\204) /Subject 12 /Creator (WPS) >>"
            % (mark + title.encode(codec)).hex().upper().encode())
    data = H.pdf_bytes([b"<< /Type /Catalog /Pages 2 0 R >>",
                        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>", info],
                       trailer_extra=b"/Info 4 0 R ")
    for engine in ("pdfium", "pdfplumber"):
        meta = load_pdf(data, "scan.pdf", {"engine": engine, "ocr": False}).meta
        got = {k: v for k, v in meta.items() if k.startswith("doc_")}
        assert got == {"doc_title": title, "doc_author": "Admin istrator—", "doc_file": "PDF"}, engine


def test_document_properties_keep_text_only_and_cut_it():
    assert document_properties({}) == {}
    assert document_properties({"Title": b"bytes", "Author": ["x"], "Subject": "  "}) == {}
    got = document_properties({"Title": "甲" * 500, "Author": "\x00乙局\ufeff", "Creator": "丙"})
    assert got == {"doc_title": "甲" * 200, "doc_author": "乙局", "doc_file": "PDF"}
