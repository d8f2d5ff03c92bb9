"""A PDF's properties where Chinese producers leave them out of the Info
dictionary's text strings: the title as raw GBK/GB18030 bytes (read as PDFDocEncoding
it is Latin mojibake, "ÇàºÌÊÐ..."), or only in the XMP metadata (dc:title). The
report's body names neither agency nor year, so the property decides, through the
same witness path as a proper Info title (test_pdf_properties.py)."""

from __future__ import annotations

import re
import zlib

import pytest

from test_pdf_properties import AGENCY, PREFACE, TITLE, _property_notes
from strategies import distinct_report
from zfxxgk.ingest.pdf import load_pdf
from zfxxgk.ingest.pdf_info import MAX_XMP, legacy_text, xmp_title
from zfxxgk.parse import parse_document

ENGINES = ["pdfium", "pdfplumber"]
FULL = TITLE.format(a=AGENCY, y=2023)


@pytest.fixture(scope="module")
def report_pdf():
    """A report printed by WeasyPrint (uncompressed, so its catalog can be
    replaced) with no title line nor Info title: the body names no agency or year."""
    pytest.importorskip("weasyprint")
    from html import escape

    from weasyprint import HTML

    from zfxxgk.render.html import render_html
    from zfxxgk.render.layout import build

    expected = distinct_report("2021", seed=31, agency=AGENCY, year=2023)
    html = re.sub(r"<title>.*?</title>", "", render_html(build(expected)))
    html = re.sub(r"<h1>.*?</h1>\s*<p>.*?</p>", f"<h1>{escape('政府信息公开工作年度报告')}</h1>{PREFACE}",
                  html, count=1, flags=re.S)
    html = re.sub(r'<p class="signature">.*?</p>', "", html)
    return expected, HTML(string=html).write_pdf(uncompressed_pdf=True)


def _update(data: bytes, objects: dict[int, bytes], info: int | None = None) -> bytes:
    """`data` with an incremental update (re)defining `objects` and, with `info`,
    pointing the trailer's /Info at that object (else at the last one's)."""
    root = re.findall(rb"/Root (\d+) 0 R", data)[-1]
    size = int(re.findall(rb"/Size (\d+)", data)[-1])
    prev = int(re.findall(rb"startxref\s+(\d+)", data)[-1])
    out = bytearray(data)
    offsets = {}
    for number, body in sorted(objects.items()):
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n"
    for number, off in sorted(offsets.items()):
        out += b"%d 1\n%010d 00000 n \n" % (number, off)
    size = max(size, *(n + 1 for n in objects))
    if info is None:  # an update's trailer repeats the Info entry it keeps
        info = int((re.findall(rb"/Info (\d+) 0 R", data) or [0])[-1])
    extra = b"/Info %d 0 R " % info if info else b""
    out += b"trailer\n<< /Size %d /Root %s 0 R %s/Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (
        size, root, extra, prev, xref)
    return bytes(out)


def _literal(raw: bytes) -> bytes:
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _with_info(data: bytes, **entries: bytes) -> bytes:
    number = int(re.findall(rb"/Size (\d+)", data)[-1])
    body = b"<< " + b" ".join(b"/%s %s" % (k.encode(), _literal(v)) for k, v in entries.items()) + b" >>"
    return _update(data, {number: body}, info=number)


def _with_xmp(data: bytes, packet: bytes, flate: bool = False) -> bytes:
    root = int(re.findall(rb"/Root (\d+) 0 R", data)[-1])
    catalog = re.search(rb"\n%d 0 obj\s*(<<.*?>>)\s*endobj" % root, data, re.S).group(1)
    number = int(re.findall(rb"/Size (\d+)", data)[-1])
    stream = zlib.compress(packet) if flate else packet
    head = b"<< /Type /Metadata /Subtype /XML /Length %d %s>>" % (
        len(stream), b"/Filter /FlateDecode " if flate else b"")
    catalog = catalog[:-2] + b" /Metadata %d 0 R>>" % number
    return _update(data, {root: catalog, number: head + b"\nstream\n" + stream + b"\nendstream"})


def _packet(*items: tuple[str, str], extra: str = "") -> bytes:
    lis = "".join(f'<rdf:li xml:lang="{lang}">{text}</rdf:li>' for lang, text in items)
    return (f'<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>{extra}'
            '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
            'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">'
            '<pdf:Producer>WPS</pdf:Producer><dc:creator><rdf:Seq><rdf:li>Administrator</rdf:li>'
            f'</rdf:Seq></dc:creator><dc:title><rdf:Alt>{lis}</rdf:Alt></dc:title>'
            '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>').encode()


def _check(expected, data: bytes, engine: str, author: str | None = None) -> None:
    doc = load_pdf(data, "报告.pdf", {"engine": engine})
    assert doc.meta["doc_title"] == FULL and doc.meta.get("doc_author") == author
    report = parse_document(doc)
    assert (report.agency, report.year) == (AGENCY, 2023)
    assert report.applications == expected.applications
    notes = _property_notes(report)
    assert any(m.startswith("机关名称取自 PDF 文件属性“标题”") and AGENCY in m for m in notes), notes
    assert any(m.startswith("年度取自 PDF 文件属性“标题”：2023") for m in notes), notes


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("codec", ["gbk", "gb18030", "utf-8"])
def test_a_title_in_legacy_bytes_names_agency_and_year(report_pdf, engine, codec):
    """Title and author as GBK or GB18030 bytes, or UTF-8 with no mark. The
    author's 画 is BB AD in GBK: PDFDocEncoding leaves 0xAD undefined (PDFium gives
    U+0000), so only the file's own bytes restore it."""
    expected, data = report_pdf
    assert b"\xad" in "画院办公室".encode("gbk")
    data = _with_info(data, Title=FULL.encode(codec), Author="画院办公室".encode(codec),
                      Creator=b"WPS")
    _check(expected, data, engine, author="画院办公室")


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("flate", [False, True])
def test_only_an_xmp_title_names_agency_and_year(report_pdf, engine, flate):
    """dc:title's x-default alternative wins over one listed before it."""
    expected, data = report_pdf
    packet = _packet(("en-US", "Annual report"), ("x-default", FULL))
    _check(expected, _with_xmp(data, packet, flate), engine)


@pytest.mark.parametrize("engine", ENGINES)
def test_garbled_or_hostile_properties_name_nothing(report_pdf, engine):
    """Bytes that read as no Chinese text, and an XMP packet expanding an entity
    into the title or too large to read, give no title and no agency."""
    expected, data = report_pdf
    entity = '<!DOCTYPE x [<!ENTITY t "%s">]>' % FULL
    hostile = _packet(("x-default", "&t;"), extra=entity)
    # 0xFF leads nothing in GB18030, and the bytes are no UTF-8
    garbage = "政府信息".encode("gbk") + b"\xff\xfe\x80" + "年报".encode("gbk")
    for pdf in (_with_xmp(_with_info(data, Title=garbage), hostile),
                _with_xmp(data, _packet(("x-default", FULL)) + b" " * MAX_XMP, flate=True)):
        doc = load_pdf(pdf, "report.pdf", {"engine": engine})
        assert "doc_title" not in doc.meta
        assert parse_document(doc).agency is None


def test_legacy_text_recovers_chinese_keeps_latin_and_drops_garbage():
    assert legacy_text(FULL.encode("gbk")) == FULL
    marks = "（2023年）政府信息公开—年报·“统计”"
    assert legacy_text(marks.encode("gb18030")) == marks
    assert legacy_text(FULL.encode("utf-8")) == FULL
    assert legacy_text(b"Administrator") is None  # plain ASCII: PDFDocEncoding
    assert legacy_text("Müller".encode("latin-1")) is None  # Latin text, read as such
    assert legacy_text("Café".encode("latin-1")) is None
    assert legacy_text(b"\xfe\xff" + FULL.encode("utf-16-be")) is None
    assert legacy_text(bytes([0xC4, 0xEA, 0xB6, 0xC8, 0xFF, 0x80])) == ""  # broken: left out
    assert legacy_text("Report ab报".encode("gbk")) is None  # one ideograph: no Chinese


def test_xmp_title_prefers_x_default_and_expands_nothing():
    assert xmp_title(_packet(("zh-CN", "甲"), ("x-default", "乙"))) == "乙"
    assert xmp_title(_packet(("zh-CN", "甲"))) == "甲"
    assert xmp_title(b"<x") == "" and xmp_title(b"") == ""
    doctype = '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/hostname">]>'
    external = _packet(("x-default", "&e;"), extra=doctype)
    assert xmp_title(external) == ""
