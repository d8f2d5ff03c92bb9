"""Word markup the project's own files never have, as offices' files do: tracked
changes, hidden runs, field codes, content controls around tables, rows and cells,
and a layout table holding the report. What Word prints is read; what it does not
(an old number deleted, moved away or hidden) is never read."""

from __future__ import annotations

import io
import re
import zipfile

import ingest_fixtures as F
from samples import differences
from zfxxgk.api import report_from_bytes
from zfxxgk.ingest.docx import load_docx
from zfxxgk.model import report_to_dict

NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _docx(body: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", f'<?xml version="1.0"?><w:document {NS}><w:body>{body}'
                                        "</w:body></w:document>")
    return buf.getvalue()


def _package(body: str, relationship: str, parts: dict[str, bytes]) -> bytes:
    """A DOCX of `body` whose document has one relationship and the parts it names."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", f'<?xml version="1.0"?><w:document {NS}><w:body>{body}'
                                        "</w:body></w:document>")
        z.writestr("word/_rels/document.xml.rels",
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   f'{relationship}</Relationships>')
        for name, data in parts.items():
            z.writestr(name, data)
    return buf.getvalue()


def _p(inner: str) -> str:
    return f"<w:p>{inner}</w:p>"


def _r(text: str, tag: str = "t", props: str = "") -> str:
    return f"<w:r>{f'<w:rPr>{props}</w:rPr>' if props else ''}<w:{tag}>{text}</w:{tag}></w:r>"


def _tc(inner: str) -> str:
    return f"<w:tc>{_p(inner)}</w:tc>"


def _sdt(inner: str) -> str:
    return f"<w:sdt><w:sdtPr><w:alias w:val='x'/></w:sdtPr><w:sdtContent>{inner}</w:sdtContent></w:sdt>"


def _lines(body: str) -> list[tuple]:
    return [(line.text, line.table) for line in load_docx(_docx(body)).lines]


def test_deleted_moved_hidden_runs_and_field_codes_are_not_read():
    cells = [
        _r("规章"),
        '<w:del w:id="1"><w:r><w:delText>9</w:delText></w:r></w:del><w:ins w:id="2">' + _r("12") + "</w:ins>",
        _r("99", props="<w:vanish/>") + _r("13") + _r("8", props='<w:vanish w:val="false"/>'),
        '<w:moveFrom w:id="3">' + _r("5") + '</w:moveFrom><w:moveTo w:id="4">' + _r("14") + "</w:moveTo>",
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>' + _r(" =10+5 ", "instrText")
        + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + _r("15")
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
    ]
    row = "<w:tr>" + "".join(_tc(c) for c in cells) + "</w:tr>"
    assert _lines(f"<w:tbl>{row}</w:tbl>") == [("规章\t12\t138\t14\t15", 1)]  # vanish off: printed


def test_a_hidden_run_in_a_paragraph_is_not_read():
    assert _lines(_p(_r("上年为") + _r("17", props="<w:vanish/>") + _r("本年为23"))) == [("上年为本年为23", None)]


def test_tables_rows_and_cells_inside_content_controls_are_read():
    row1 = "<w:tr>" + _tc(_r("行政处罚")) + _sdt(_tc(_r("31"))) + "</w:tr>"
    row2 = _sdt("<w:tr>" + _tc(_r("行政强制")) + _tc(_r("32")) + "</w:tr>")
    body = _sdt(_p(_r("二、主动公开政府信息情况"))) + _sdt(f"<w:tbl>{row1}{row2}</w:tbl>") \
        + f'<w:customXml w:element="t"><w:tbl>{row1}</w:tbl></w:customXml>'
    assert _lines(body) == [("二、主动公开政府信息情况", None), ("行政处罚\t31", 1), ("行政强制\t32", 1),
                            ("行政处罚\t31", 2)]


def test_a_layout_table_holding_the_report_is_read_as_its_blocks():
    inner = "<w:tbl><w:tr>" + _tc(_r("行政许可")) + _tc(_r("41")) + "</w:tr></w:tbl>"
    frame = f"<w:tbl><w:tr><w:tc>{_p(_r('某某县2024年政府信息公开工作年度报告'))}{inner}<w:p/></w:tc></w:tr></w:tbl>"
    assert _lines(frame) == [("某某县2024年政府信息公开工作年度报告", None), ("行政许可\t41", 1)]


def test_a_report_with_hidden_old_numbers_inside_content_controls_parses_exactly():
    """Every number has an old one hidden before it, and every table sits in a content
    control (a form template): the parse is the printed report."""
    data = F.docx_report()
    src = zipfile.ZipFile(io.BytesIO(data))
    xml = src.read("word/document.xml").decode("utf-8")
    xml = re.sub(r"<w:r>((?:<w:rPr>.*?</w:rPr>)?)<w:t>(\d+)</w:t></w:r>",
                 lambda m: _r(str(int(m.group(2)) + 1), props="<w:vanish/>") + m.group(0), xml)
    xml = re.sub(r"<w:tbl>.*?</w:tbl>", lambda m: _sdt(m.group(0)), xml, flags=re.S)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for item in src.infolist():
            z.writestr(item, xml.encode("utf-8") if item.filename == "word/document.xml"
                       else src.read(item.filename))
    report = report_from_bytes(out.getvalue(), "r.docx")
    assert differences(F.expected(), report_to_dict(report)) == []


def test_a_table_in_a_text_box_is_a_table_and_its_fallback_copy_is_not_read():
    """PDF-to-Word converters put tables in text boxes; Word saves each box twice
    (mc:Choice, and mc:Fallback for old readers)."""
    table = "<w:tbl><w:tr>" + _tc(_r("行政处罚")) + _tc(_r("61")) + "</w:tr></w:tbl>"
    mc = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    box = f"<w:pict><w:txbxContent>{table}{_p(_r('注：单位为件'))}</w:txbxContent></w:pict>"
    anchored = _p(_r("表二") + f'<w:r><mc:AlternateContent {mc}><mc:Choice Requires="wps">{box}'
                  f"</mc:Choice><mc:Fallback>{box}</mc:Fallback></mc:AlternateContent></w:r>")
    assert _lines(anchored) == [("表二", None), ("行政处罚\t61", 1), ("注：单位为件", None)]


def test_an_imported_html_chunk_is_read_in_its_place():
    """HTML-to-Word exporters wrap the page in a .docx as a chunk Word imports on
    opening (w:altChunk); its tables number on from the tables before it."""
    table = "<w:tbl><w:tr>" + _tc(_r("行政许可")) + _tc(_r("81")) + "</w:tr></w:tbl>"
    rel = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    body = table + f'<w:altChunk {rel} r:id="chunk1"/>' + table
    page = ("<html><head><meta charset='gbk'></head><body><p>行政处罚情况</p><table><tr><td>行政处罚</td>"
            "<td>82</td></tr></table></body></html>").encode("gbk")
    data = _package(body, '<Relationship Id="chunk1" Type="http://schemas.openxmlformats.org/officeDocument/'
                          '2006/relationships/aFChunk" Target="afchunk.htm"/>', {"word/afchunk.htm": page})
    lines = [(ln.text, ln.table) for ln in load_docx(data).lines]
    assert lines == [("行政许可\t81", 1), ("行政处罚情况", None), ("行政处罚\t82", 2), ("行政许可\t81", 3)]


def test_a_non_breaking_hyphen_is_a_minus_sign():
    """Word's non-breaking hyphen (w:noBreakHyphen) keeps a minus on its number's line;
    dropped, -12 would read as 12."""
    row = "<w:tr>" + _tc(_r("规章")) + _tc("<w:r><w:noBreakHyphen/><w:t>12</w:t></w:r>") + "</w:tr>"
    assert _lines(f"<w:tbl>{row}</w:tbl>") == [("规章\t-12", 1)]


def test_struck_runs_and_rows_deleted_with_changes_tracked_are_not_read():
    """An old figure struck through beside the new one is read by no one as the figure;
    a deleted row whose text a generator left in w:t is still deleted."""
    struck = _r("21", props="<w:strike/>") + _r("22") + _r("3", props='<w:dstrike w:val="0"/>')
    gone = '<w:tr><w:trPr><w:del w:id="5" w:author="a"/></w:trPr>' + _tc(_r("行政强制")) + _tc(_r("9")) + "</w:tr>"
    kept = "<w:tr>" + _tc(_r("行政强制")) + "<w:tc><w:tcPr><w:cellDel/></w:tcPr><w:p/></w:tc>" + _tc(struck) + "</w:tr>"
    assert _lines(f"<w:tbl>{gone}{kept}</w:tbl>") == [("行政强制\t223", 1)]


def test_a_converters_ghost_column_is_no_blank_value():
    head = "<w:tr>" + _tc(_r("项目")) + '<w:tc><w:tcPr><w:gridSpan w:val="3"/></w:tcPr>' \
        + _p(_r("申请人情况")) + "</w:tc></w:tr>"
    sub = "<w:tr>" + _tc("") + _tc(_r("自然人")) + _tc("") + _tc(_r("总计")) + "</w:tr>"
    body = "<w:tr>" + _tc(_r("本年新收")) + _tc(_r("12")) + _tc("") + _tc(_r("13")) + "</w:tr>"
    assert _lines(f"<w:tbl>{head}{sub}{body}</w:tbl>")[-1] == ("本年新收\t12\t13", 1)


def _with_worksheet_object(prog_id: str, relationship: str, name: str, workbook: bytes) -> bytes:
    """A Word file whose parts 二 and 三 have an embedded worksheet object between them
    (Insert > Object > Excel), stored as word/embeddings/`name`."""
    ole = ('<w:r><w:object xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:r="http://schemas.'
           'openxmlformats.org/officeDocument/2006/relationships"><o:OLEObject Type="Embed" '
           f'ProgID="{prog_id}" r:id="rId9"/></w:object></w:r>')
    body = _p(_r("二、主动公开政府信息情况")) + _p(ole) + _p(_r("三、收到和处理政府信息公开申请情况"))
    return _package(body, '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                          f'relationships/{relationship}" Target="embeddings/{name}"/>',
                    {f"word/embeddings/{name}": workbook})


def test_an_embedded_excel_worksheet_is_read_in_its_place():
    """Insert > Object > Excel: the page shows the worksheet's picture, the table is
    the embedded workbook (word/embeddings/*.xlsx)."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["行政许可", 91])
    sheet = io.BytesIO()
    wb.save(sheet)
    data = _with_worksheet_object("Excel.Sheet.12", "package", "Microsoft_Excel_Worksheet.xlsx",
                                  sheet.getvalue())
    assert [(ln.text, ln.table) for ln in load_docx(data).lines] == [
        ("二、主动公开政府信息情况", None), ("行政许可\t91", 1), ("三、收到和处理政府信息公开申请情况", None)]


def test_a_row_starting_further_right_keeps_its_cells_in_their_columns():
    """w:gridBefore (pasted and converted tables): the row's cells are in the grid's
    later columns, so the ghost column under the header is still told from a blank."""
    head = "<w:tr>" + _tc(_r("项目")) + '<w:tc><w:tcPr><w:gridSpan w:val="3"/></w:tcPr>' \
        + _p(_r("申请人情况")) + "</w:tc></w:tr>"
    sub = "<w:tr>" + _tc("") + _tc(_r("自然人")) + _tc("") + _tc(_r("总计")) + "</w:tr>"
    shifted = '<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>' + _tc(_r("21")) + _tc("") + _tc("") + "</w:tr>"
    lines = load_docx(_docx(f"<w:tbl>{head}{sub}{shifted}</w:tbl>")).lines
    assert (lines[-1].text, lines[-1].cols) == ("21\t", (2, 4))


def test_a_superscript_note_mark_is_no_digit_of_the_figure():
    cell = _r("12") + _r("1", props='<w:vertAlign w:val="superscript"/>') \
        + _r("3", props='<w:vertAlign w:val="baseline"/>')
    row = "<w:tr>" + _tc(_r("规章")) + _tc(cell) + "</w:tr>"
    assert _lines(f"<w:tbl>{row}</w:tbl>") == [("规章\t123", 1)]


def test_an_embedded_excel_97_worksheet_is_converted_and_read_in_its_place(monkeypatch, tmp_path):
    """An Excel 97-2003 worksheet object (ProgID Excel.Sheet.8, an OLE file in
    word/embeddings) goes through LibreOffice as any .xls (here a stand-in program
    that writes the workbook LibreOffice would); without a converter it is left unread."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["行政许可", 91])
    wb.save(tmp_path / "converted.xlsx")
    program = tmp_path / "soffice"
    program.write_text('#!/bin/sh\nwhile [ "$1" != "--outdir" ]; do shift; done\n'
                       f'mkdir -p "$2" && cp {tmp_path / "converted.xlsx"} "$2/in.xlsx"\n')
    program.chmod(0o755)
    xls = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 200 + "Workbook".encode("utf-16-le")
    data = _with_worksheet_object("Excel.Sheet.8", "oleObject", "Microsoft_Excel_97-2003_Worksheet.xls", xls)
    monkeypatch.setenv("ZFXXGK_SOFFICE", str(program))
    assert [(ln.text, ln.table) for ln in load_docx(data).lines] == [
        ("二、主动公开政府信息情况", None), ("行政许可\t91", 1), ("三、收到和处理政府信息公开申请情况", None)]
    monkeypatch.setenv("ZFXXGK_SOFFICE", "")
    assert [ln.text for ln in load_docx(data).lines] == ["二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况"]


def test_a_merge_across_by_hmerge_is_one_cell_not_blanks_after_it():
    """Word 97's merge across (w:hMerge restart/continue, kept by converted files): the
    continuing cells were read as empty cells, blanks after the row's label."""
    def merged(text: str, n: int) -> str:
        return ('<w:tc><w:tcPr><w:hMerge w:val="restart"/></w:tcPr>' + _p(_r(text)) + "</w:tc>"
                + '<w:tc><w:tcPr><w:hMerge/></w:tcPr><w:p/></w:tc>' * (n - 1))
    head = "<w:tr>" + merged("第二十条第（一）项", 3) + "</w:tr>"
    row = "<w:tr>" + merged("一、本年新收政府信息公开申请数量", 2) + _tc(_r("12")) + "</w:tr>"
    lines = load_docx(_docx(f"<w:tbl>{head}{row}</w:tbl>")).lines
    assert [(ln.text, ln.cols) for ln in lines] == [("第二十条第（一）项", (1,)),
                                                   ("一、本年新收政府信息公开申请数量\t12", (1, 3))]


def test_a_vertical_merge_continued_where_none_started_is_a_cell_of_its_own():
    """A table split inside a merge (a converter's page break) leaves w:vMerge on cells
    of the second table's first row, and a merge's first cell may lose its restart:
    such a continuation was dropped with its figure (the row lost); as LibreOffice
    reads it, it is a cell. A continuation below a restart still belongs to the merge."""
    def cell(text: str, merge: str = "") -> str:
        return f"<w:tc><w:tcPr>{merge}</w:tcPr>" + _p(_r(text) if text else "") + "</w:tc>"
    go_on, start = "<w:vMerge/>", '<w:vMerge w:val="restart"/>'
    split = "<w:tr>" + cell("", go_on) + cell("2.其他法律行政法规禁止公开") + cell("7", go_on) + "</w:tr>"
    plain = "<w:tr>" + cell("甲") + cell("乙") + cell("丙") + "</w:tr>" \
        + "<w:tr>" + cell("丁") + cell("8", go_on) + cell("戊") + "</w:tr>"
    merged = "<w:tr>" + cell("己") + cell("庚", start) + cell("辛") + "</w:tr>" \
        + "<w:tr>" + cell("壬") + cell("99", go_on) + cell("癸") + "</w:tr>"
    lines = load_docx(_docx(f"<w:tbl>{split}</w:tbl><w:tbl>{plain}{merged}</w:tbl>")).lines
    assert [(ln.text, ln.cols) for ln in lines] == [
        ("\t2.其他法律行政法规禁止公开\t7", (1, 2, 3)), ("甲\t乙\t丙", (1, 2, 3)), ("丁\t8\t戊", (1, 2, 3)),
        ("己\t庚\t辛", (1, 2, 3)), ("壬\t癸", (1, 3))]
