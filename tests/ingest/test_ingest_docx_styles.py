"""Word runs hidden through their styles, and a Word file whose report is an imported
RTF document or Word file (altChunk)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import ingest_fixtures as F
from samples import differences
from test_ingest_docx_markup import NS, _package
from zfxxgk.api import report_from_bytes
from zfxxgk.errors import InputError
from zfxxgk.ingest import legacy
from zfxxgk.ingest.docx import load_docx
from zfxxgk.model import report_to_dict

RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
STYLES = (f'<?xml version="1.0"?><w:styles {NS}>'
          '<w:style w:type="character" w:styleId="Base"><w:rPr><w:vanish/></w:rPr></w:style>'
          '<w:style w:type="character" w:styleId="Old"><w:basedOn w:val="Base"/></w:style>'
          '<w:style w:type="character" w:styleId="Struck"><w:rPr><w:strike/></w:rPr></w:style>'
          '<w:style w:type="paragraph" w:styleId="OldPara"><w:rPr><w:vanish/></w:rPr></w:style>'
          '<w:style w:type="character" w:styleId="Shown"><w:rPr><w:vanish w:val="0"/></w:rPr></w:style>'
          "</w:styles>")
DATA = Path(__file__).resolve().parent / "data"
needs_soffice = pytest.mark.skipif(legacy.soffice() is None and os.environ.get("CI") != "true",
                                   reason="LibreOffice (soffice) not installed")


def _styled(body: str) -> list[tuple]:
    rel = f'<Relationship Id="s1" Type="{RELS}/styles" Target="styles.xml"/>'
    doc = load_docx(_package(body, rel, {"word/styles.xml": STYLES.encode()}))
    return [(line.text, line.table) for line in doc.lines]


def _r(text: str, style: str = "", props: str = "") -> str:
    rpr = (f'<w:rStyle w:val="{style}"/>' if style else "") + props
    return f"<w:r>{f'<w:rPr>{rpr}</w:rPr>' if rpr else ''}<w:t>{text}</w:t></w:r>"


def _tc(*paragraphs: str) -> str:
    return "<w:tc>" + "".join(paragraphs) + "</w:tc>"


def test_runs_hidden_by_their_character_or_paragraph_style_are_not_read():
    shown = '<w:vanish w:val="false"/>'
    cells = [
        _tc(f"<w:p>{_r('规章')}</w:p>"),
        _tc(f"<w:p>{_r('9', 'Old')}{_r('12')}</w:p>"),  # vanish through w:basedOn
        _tc(f"<w:p>{_r('7', 'Struck')}{_r('13')}</w:p>"),
        _tc(f'<w:p><w:pPr><w:pStyle w:val="OldPara"/></w:pPr>{_r("5")}</w:p><w:p>{_r("14")}</w:p>'),
        # the run's own formatting wins over its style, its style over the paragraph's
        _tc(f"<w:p>{_r('8', 'Old', shown)}</w:p>"),
        _tc(f'<w:p><w:pPr><w:pStyle w:val="OldPara"/></w:pPr>{_r("6", "Shown")}</w:p>'),
    ]
    row = "<w:tr>" + "".join(cells) + "</w:tr>"
    assert _styled(f"<w:tbl>{row}</w:tbl>") == [("规章\t12\t13\t14\t8\t6", 1)]


def test_a_style_sheet_that_hides_nothing_changes_nothing():
    body = f"<w:p>{_r('上年为17')}</w:p>"
    assert _styled(body) == [("上年为17", None)]


def _rtf_chunk(rtf: bytes) -> bytes:
    body = f'<w:altChunk xmlns:r="{RELS}" r:id="chunk1"/>'
    rel = f'<Relationship Id="chunk1" Type="{RELS}/aFChunk" Target="afchunk.rtf"/>'
    return _package(body, rel, {"word/afchunk.rtf": rtf})


@needs_soffice
def test_an_imported_rtf_chunk_is_read_through_libreoffice():
    data = _rtf_chunk((DATA / "libreoffice.rtf").read_bytes())
    report = report_from_bytes(data, "r.docx")
    assert differences(F.expected(), report_to_dict(report)) == []


def test_an_imported_rtf_chunk_without_libreoffice_is_refused_naming_the_cause(monkeypatch):
    monkeypatch.setenv("ZFXXGK_SOFFICE", "")
    with pytest.raises(InputError) as info:
        report_from_bytes(_rtf_chunk((DATA / "libreoffice.rtf").read_bytes()), "r.docx")
    message = info.value.message
    assert "RTF" in message and "altChunk" in message and "libreoffice-writer-nogui" in message


def test_an_imported_word_file_is_read_in_its_place_its_own_chunks_not():
    """Document-assembly tools merge Word files as chunks (w:altChunk of a .docx); a
    chunk inside the imported file is not followed (one level: no endless nesting)."""
    table = "<w:tbl><w:tr><w:tc><w:p>{}</w:p></w:tc><w:tc><w:p>{}</w:p></w:tc></w:tr></w:tbl>"
    page = b"<html><body><table><tr><td>\xe8\xa1\x8c\xe6\x94\xbf\xe5\xbc\xba\xe5\x88\xb6</td><td>5</td></tr></table></body></html>"
    inner = _package(table.format(_r("行政处罚"), _r("82")) + f'<w:altChunk xmlns:r="{RELS}" r:id="c2"/>',
                     f'<Relationship Id="c2" Type="{RELS}/aFChunk" Target="inner.htm"/>',
                     {"word/inner.htm": page, "[Content_Types].xml": b"<Types/>"})
    body = table.format(_r("行政许可"), _r("81")) + f'<w:altChunk xmlns:r="{RELS}" r:id="c1"/>'
    data = _package(body, f'<Relationship Id="c1" Type="{RELS}/aFChunk" Target="part.docx"/>',
                    {"word/part.docx": inner})
    lines = [(ln.text, ln.table) for ln in load_docx(data).lines]
    assert lines == [("行政许可\t81", 1), ("行政处罚\t82", 2)]
