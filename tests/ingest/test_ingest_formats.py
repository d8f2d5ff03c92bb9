"""Every format the project generates parses exactly: HTML (GBK declared gb2312,
table 三 split over two <table>s, &nbsp; blanks, portal navigation and metadata),
DOCX (merged cells both ways) and XLSX (merged cells, a sheet per table or one)."""

from __future__ import annotations

import pytest

import ingest_fixtures as F
from samples import differences
from zfxxgk.ingest import detect
from zfxxgk.api import report_from_bytes
from zfxxgk.ingest.load import load_document
from zfxxgk.model import report_to_dict

CASES = {
    "html-utf8-split": lambda: F.html_report("utf-8"),
    "html-gbk-split": lambda: F.html_report("gbk"),
    "html-one-table": lambda: F.html_report("utf-8", split=False, nbsp_blanks=False),
    "docx": lambda: F.docx_report(),
    "docx-split": lambda: F.docx_report(split=True),
    "xlsx-sheets": lambda: F.xlsx_report(),
    "xlsx-one-sheet": lambda: F.xlsx_report(one_sheet=True),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_generated_file_parses_exactly(name):
    report = report_from_bytes(CASES[name](), name)
    assert differences(F.expected(), report_to_dict(report)) == []


@pytest.mark.parametrize("name", sorted(CASES))
def test_blank_cells_stay_blank(name):
    report = report_from_bytes(CASES[name](), name)
    assert report.applications["withheld.enforcement_file"]["research"] is None
    assert report.applications["withheld.enforcement_file"]["commercial"] == \
        F.VALUES["applications"]["withheld.enforcement_file"]["commercial"]
    assert report.review_litigation["suit_after_review"]["pending"] is None


@pytest.mark.parametrize("name,kind", [("html-gbk-split", "html"), ("docx", "docx"),
                                       ("xlsx-sheets", "xlsx")])
def test_detected_by_content(name, kind):
    assert detect.sniff(CASES[name]()) == kind


def test_provenance_points_at_table_and_row():
    report = report_from_bytes(F.docx_report(), "r.docx")
    prov = report.provenance["applications.withheld.state_secret.total"]
    # table 1 is 二, 2 is 三; 三's row 8 is （三）不予公开 1.属于国家秘密 (3 header rows first)
    assert (prov.table, prov.row) == (2, 8)
    assert prov.text == str(F.VALUES["applications"]["withheld.state_secret"]["total"])
    report = report_from_bytes(F.xlsx_report(), "r.xlsx")
    prov = report.provenance["review_litigation.review.upheld"]
    assert (prov.table, prov.row) == (3, 6)  # sheet 3, title + heading + 3 header rows


def test_html_gbk_declared_gb2312_keeps_gbk_only_characters():
    doc = load_document(F.html_report("gbk"), "p.html")
    assert doc.encoding == "gb18030"
    assert any("王喆" in line.text for line in doc.lines)


def test_html_navigation_and_scripts_are_dropped():
    doc = load_document(F.html_report("utf-8"), "p.html")
    text = doc.text
    assert "首页" not in text and "当前位置" not in text and "版权所有" not in text
    assert "var nav" not in text


def test_html_split_table_keeps_one_number():
    doc = load_document(F.html_report("utf-8", split=True), "p.html")
    row = next(line for line in doc.lines if "1.本机关不掌握相关政府信息" in line.text)
    total = next(line for line in doc.lines if line.text.startswith("（七）总计"))
    assert row.table == total.table == 3 and row.row == 16
    assert row.text.startswith("\t（四）无法提供\t")  # the blank residue cell of the second part


def test_html_portal_metadata():
    report = report_from_bytes(F.html_report("gbk"), "p.html")
    assert str(report.portal_date) == "2025-01-20"
    assert report.agency == F.AGENCY
    report = report_from_bytes(F.html_report("gbk", agency_in_title=False), "p.html")
    assert report.agency == F.AGENCY  # from 发布机构, the body names none


def test_merged_cells_are_printed_once():
    doc = load_document(F.docx_report(), "r.docx")
    line = next(line for line in doc.lines if line.text.startswith("行政许可"))
    assert line.text == f"行政许可\t{F.VALUES['active']['licensing']['decisions']}"
    assert line.cols == (1, 2)
    assert sum("三、本年度办理结果" in line.text for line in doc.lines) == 1


def test_markdown_goes_through_the_text_path():
    assert detect.sniff("| 规章 | 1 | 0 | 11 |\n".encode()) == detect.TEXT


@pytest.mark.parametrize("name", ["docx", "xlsx-sheets", "html-one-table"])
def test_provenance_names_the_source_column(name):
    """A finding about a cell points at its column in the original table."""
    report = report_from_bytes(CASES[name](), name)
    prov = report.provenance
    first = prov["applications.withheld.state_secret.natural_person"].col
    last = prov["applications.withheld.state_secret.total"].col
    assert first is not None and last - first == 6
    assert prov["applications.received.total"].col == last
    review = [prov[f"review_litigation.review.{c}"].col
              for c in ("upheld", "corrected", "other", "pending", "total")]
    assert review == list(range(review[0], review[0] + 5))
    assert prov["review_litigation.suit_after_review.total"].col == review[0] + 14
