"""Web archives: Word's "single file web page" (.mht, published renamed .doc) and a
browser's MHTML are read as the page they hold, not as quoted-printable text."""

from __future__ import annotations

import base64
import quopri
from pathlib import Path

import ingest_fixtures as F
from samples import differences
from zfxxgk.api import report_from_bytes
from zfxxgk.ingest import detect
from zfxxgk.ingest.load import load_document
from zfxxgk.ingest.mht import picture, split_mht
from zfxxgk.model import report_to_dict

B = "----=_NextPart_01DA5F1C.3E2B7A10"


def word_mht(page: bytes) -> bytes:
    """As Word saves it: the page quoted-printable in its own code page, then the
    file list part."""
    return (b"MIME-Version: 1.0\r\nX-Document-Type: Document\r\nContent-Type: multipart/related; "
            b'boundary="' + B.encode() + b'"\r\n\r\n' + "此文档为“单个文件网页”。".encode("gb18030")
            + b"\r\n\r\n--" + B.encode() + b"\r\nContent-Location: file:///C:/8F2A/report.htm\r\n"
            b"Content-Transfer-Encoding: quoted-printable\r\nContent-Type: text/html; "
            b'charset="gb2312"\r\n\r\n' + quopri.encodestring(page) + b"\r\n--" + B.encode()
            + b"\r\nContent-Location: file:///C:/8F2A/report.files/image001.png\r\n"
            b"Content-Transfer-Encoding: base64\r\nContent-Type: image/png\r\n\r\n"
            + base64.encodebytes(b"\x89PNG fake") + b"\r\n--" + B.encode() + b"--\r\n")


def test_a_word_web_archive_renamed_doc_parses_exactly():
    data = word_mht(F.html_report("gbk"))
    assert detect.sniff(data) == "html"
    report = report_from_bytes(data, "报告.doc")
    assert differences(F.expected(), report_to_dict(report)) == []


def test_a_browser_archive_names_its_charset_only_in_the_part_header():
    page = "<html><body><p>某某镇2024年政府信息公开工作年度报告</p><table><tr><td>行政许可</td>" \
           "<td>71</td></tr></table></body></html>"
    data = (b'From: <Saved by Blink>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n'
            b'\ttype="text/html";\r\n\tboundary="' + B.encode() + b'"\r\n\r\n--' + B.encode()
            + b"\r\nContent-Type: text/html; charset=gbk\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + base64.encodebytes(page.encode("gbk")) + b"\r\n--" + B.encode() + b"--\r\n")
    lines = [(line.text, line.table) for line in load_document(data, "p.mhtml").lines]
    assert lines == [("某某镇2024年政府信息公开工作年度报告", None), ("行政许可\t71", 1)]


def test_the_archived_pictures_are_found_by_the_name_the_page_gives_them():
    _, pictures = split_mht(word_mht(b"<html><body><img src='report.files/image001.png'></body></html>"))
    assert picture("report.files/image001.png", pictures) == b"\x89PNG fake"
    assert picture("file:///C:/8F2A/report.files/image001.png", pictures) == b"\x89PNG fake"
    assert picture("report.files/image002.png", pictures) is None


def _part(location: str, page: str, kind: str = "text/html; charset=\"gb2312\"") -> bytes:
    return (f"\r\n--{B}\r\nContent-Location: {location}\r\nContent-Transfer-Encoding: quoted-printable\r\n"
            f"Content-Type: {kind}\r\n\r\n").encode("gb18030") + quopri.encodestring(page.encode("gb18030"))


def test_excels_archive_of_a_workbook_is_read_sheet_by_sheet_in_the_workbooks_order():
    """Excel's "single file web page" of a workbook opens with a frameset (it was "no
    report"); the sheets are the parts its x:WorksheetSource entries name, in that
    order, whatever the parts' order; the tab strip is no sheet. The parts' names are
    Chinese in the file's code page (a Header object, not text, to the email module)."""
    meta = '<meta http-equiv=Content-Type content="text/html; charset=gb2312">'
    frames = (f"<html xmlns:x='urn:schemas-microsoft-com:office:excel'><head>{meta}<!--[if gte mso 9]><xml>"
              "<x:ExcelWorkbook><x:ExcelWorksheets><x:ExcelWorksheet><x:Name>封面</x:Name>"
              '<x:WorksheetSource HRef="年报.files/sheet002.htm"/></x:ExcelWorksheet><x:ExcelWorksheet>'
              '<x:Name>表</x:Name><x:WorksheetSource HRef="年报.files/sheet001.htm"/></x:ExcelWorksheet>'
              "</x:ExcelWorksheets></x:ExcelWorkbook></xml><![endif]--></head>"
              '<frameset rows="*,39"><frame src="年报.files/sheet002.htm"><frame src="年报.files/tabstrip.htm">'
              "<noframes><body><p>此页面使用了框架，而您的浏览器不支持框架。</p></body></noframes></frameset></html>")
    base = "file:///C:/8F2A/年报.files/"
    data = (b"MIME-Version: 1.0\r\nX-Document-Type: Workbook\r\nContent-Type: multipart/related; boundary=\""
            + B.encode() + b'"\r\n' + _part("file:///C:/8F2A/年报.htm", frames)
            + _part(base + "sheet001.htm", f"<html><head>{meta}</head><body><table><tr><td>行政许可</td>"
                                           "<td>71</td></tr></table></body></html>")
            + _part(base + "tabstrip.htm", "<html><body><table><tr><td>封面</td><td>表</td></tr></table></body></html>")
            + _part(base + "sheet002.htm", f"<html><head>{meta}</head><body><table><tr><td>某某镇2024年政府信息"
                                           "公开工作年度报告</td></tr></table></body></html>")
            + f"\r\n--{B}--\r\n".encode())
    lines = [line.text for line in load_document(data, "年报.xls").lines]
    assert lines == ["某某镇2024年政府信息公开工作年度报告", "行政许可\t71"]


def test_a_sheet_declared_gb_2312_80_is_read_as_gbk_as_a_web_page_is():
    """Web pages and Excel's archives read a declared charset one way
    (`encoding.declared_charset`); the archive's sheets knew four of the GBK
    family's six names, and a sheet declared gb_2312-80 (no codec's name to Python)
    was read as UTF-8: every Chinese character U+FFFD."""
    meta = '<meta http-equiv=Content-Type content="text/html; charset=gb_2312-80">'
    frames = ("<html xmlns:x='urn:schemas-microsoft-com:office:excel'><head><!--[if gte mso 9]><xml>"
              "<x:ExcelWorkbook><x:ExcelWorksheets><x:ExcelWorksheet><x:Name>表</x:Name>"
              '<x:WorksheetSource HRef="年报.files/sheet001.htm"/></x:ExcelWorksheet>'
              "</x:ExcelWorksheets></x:ExcelWorkbook></xml><![endif]--></head>"
              '<frameset rows="*,39"><frame src="年报.files/sheet001.htm"></frameset></html>')
    data = (b"MIME-Version: 1.0\r\nX-Document-Type: Workbook\r\nContent-Type: multipart/related; boundary=\""
            + B.encode() + b'"\r\n' + _part("file:///C:/8F2A/年报.htm", frames)
            + _part("file:///C:/8F2A/年报.files/sheet001.htm", f"<html><head>{meta}</head><body><table>"
                    "<tr><td>行政许可</td><td>71</td></tr></table></body></html>", "text/html")
            + f"\r\n--{B}--\r\n".encode())
    assert [line.text for line in load_document(data, "年报.xls").lines] == ["行政许可\t71"]


def test_excels_web_page_of_a_workbook_reads_its_sheets_beside_it_and_the_walk_takes_the_page_only(tmp_path):
    """Excel's "web page" (年报.htm and 年报.files/): the page is a frameset, the sheets
    are files in the folder beside it, read with the page in the workbook's order; the
    folder's files (sheets, tab strip, Word's header.htm, pictures) are no inputs of
    their own. A folder of that name with no page beside it is walked as any."""
    from zfxxgk.ingest.walk import walk

    meta = '<meta http-equiv=Content-Type content="text/html; charset=gb2312">'
    frames = (f"<html><head>{meta}<!--[if gte mso 9]><xml><x:ExcelWorkbook><x:ExcelWorksheets>"
              '<x:ExcelWorksheet><x:Name>封面</x:Name><x:WorksheetSource HRef="年报.files/sheet002.htm"/>'
              '</x:ExcelWorksheet><x:ExcelWorksheet><x:Name>表</x:Name><x:WorksheetSource '
              'HRef="年报.files/sheet001.htm"/></x:ExcelWorksheet></x:ExcelWorksheets></x:ExcelWorkbook></xml>'
              '<![endif]--></head><frameset rows="*,39"><frame src="年报.files/sheet002.htm">'
              '<frame src="年报.files/tabstrip.htm"></frameset></html>')
    folder = tmp_path / "年报.files"
    folder.mkdir()
    (tmp_path / "年报.htm").write_bytes(frames.encode("gb18030"))
    (folder / "sheet001.htm").write_bytes(f"<html><head>{meta}</head><body><table><tr><td>行政许可</td>"
                                          "<td>71</td></tr></table></body></html>".encode("gb18030"))
    (folder / "sheet002.htm").write_bytes(f"<html><head>{meta}</head><body><table><tr><td>某某镇2024年"
                                          "政府信息公开工作年度报告</td></tr></table></body></html>".encode("gb18030"))
    (folder / "tabstrip.htm").write_text("<html><body><a href=sheet001.htm>表</a></body></html>")
    (folder / "header.htm").write_text("<html><body><p>页眉</p></body></html>")
    (tmp_path / "其他.files").mkdir()
    (tmp_path / "其他.files" / "报告.txt").write_text("某某镇2024年政府信息公开工作年度报告", encoding="utf-8")
    items = list(walk([str(tmp_path)]))
    assert sorted(Path(item.source).relative_to(tmp_path).as_posix() for item in items) == [
        "其他.files/报告.txt", "年报.htm"]
    page = next(item for item in items if item.source.endswith("年报.htm"))
    lines = [line.text for line in load_document(page.data, page.source).lines]
    assert lines == ["某某镇2024年政府信息公开工作年度报告", "行政许可\t71"]
