"""Office packages beyond the plain case: Word and Excel files saved as Strict Open
XML (other namespaces and relationship types for the same parts) are read as the
usual kind, exactly; a workbook's document properties are a late source of the
body's name and the year, as a Word file's are."""

from __future__ import annotations

import io
import re
import zipfile

import ingest_fixtures as F
from samples import differences
from zfxxgk.api import report_from_bytes
from zfxxgk.check import run
from zfxxgk.ingest.ooxml import is_strict, transitional
from zfxxgk.ingest.xlsx import load_xlsx
from zfxxgk.model import report_to_dict

_TRANSITIONAL = re.compile(rb"http://schemas\.openxmlformats\.org/"
                           rb"(wordprocessingml|spreadsheetml|drawingml|officeDocument)/2006/([\w-]+)")


def _strict(data: bytes) -> bytes:
    """The package as Word's and Excel's "Strict Open XML" save writes it: every
    transitional namespace and relationship type under its Strict name."""
    def name(m: re.Match) -> bytes:
        renamed = {b"extended-properties": b"extendedProperties"}.get(m.group(2), m.group(2))
        return b"http://purl.oclc.org/ooxml/" + m.group(1) + b"/" + renamed

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in src.infolist():
            body = src.read(item)
            z.writestr(item, _TRANSITIONAL.sub(name, body) if item.filename.endswith((".xml", ".rels"))
                       else body)
    return out.getvalue()


def test_strict_word_and_excel_files_are_read_exactly():
    for data, name in ((F.docx_report(), "年报.docx"), (F.xlsx_report(), "年报.xlsx")):
        strict = _strict(data)
        assert is_strict(strict) and not is_strict(data)
        report = report_to_dict(report_from_bytes(strict, name))
        assert differences(F.expected(), report) == [], name


def test_a_transitional_package_is_passed_on_untouched():
    data = F.docx_report()
    assert transitional(data) is data
    assert transitional(b"PK\x03\x04 not a zip") == b"PK\x03\x04 not a zip"


def _with_title(data: bytes, title: str) -> bytes:
    """The workbook with its sheets' title lines (row 1) taken out and `title` as its
    document property instead (File > Properties > 标题)."""
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(data))
    for ws in wb.worksheets:
        assert F.AGENCY in str(ws.cell(1, 1).value)
        ws.delete_rows(1)
    wb.properties.title, wb.properties.creator = title, "Administrator"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_an_excel_files_title_property_names_the_body_when_the_sheets_do_not():
    title = f"{F.AGENCY}{F.YEAR}年政府信息公开工作年度报告"
    data = _with_title(F.xlsx_report(), title)
    assert load_xlsx(data).meta == {"doc_title": title, "doc_author": "Administrator", "doc_file": "Excel"}
    report = report_from_bytes(data, "sheet.xlsx")
    assert report.agency == F.AGENCY and report.year == F.YEAR
    noted = [f.message for f in run(report) if f.rule == "F-META" and "Excel 文件属性" in f.message]
    assert noted and F.AGENCY in noted[0]


def test_the_sheets_own_title_wins_over_the_property():
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(F.xlsx_report()))
    wb.properties.title = "青禾市另一局2019年政府信息公开工作年度报告"
    out = io.BytesIO()
    wb.save(out)
    report = report_from_bytes(out.getvalue(), "年报.xlsx")
    assert (report.agency, report.year) == (F.AGENCY, F.YEAR)
    assert not [f for f in run(report) if f.rule == "F-META" and "文件属性" in f.message]


def _renamed_main(data: bytes) -> bytes:
    """The Word file with its main part named word/document2.xml (Word for the web's
    name), the package's relationships pointing at it."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in src.infolist():
            body = src.read(item)
            if item.filename in ("_rels/.rels", "[Content_Types].xml"):
                body = body.replace(b"word/document.xml", b"word/document2.xml")
            z.writestr(item.filename.replace("document.xml", "document2.xml"), body)
    return out.getvalue()


def test_a_word_file_whose_main_part_has_another_name_is_read_exactly():
    """Refused before as a file of no known kind (no word/document.xml in it)."""
    data = _renamed_main(F.docx_report())
    assert "word/document2.xml" in zipfile.ZipFile(io.BytesIO(data)).namelist()
    report = report_from_bytes(data, "r.docx")
    assert differences(F.expected(), report_to_dict(report)) == []
