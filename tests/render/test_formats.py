"""What each format promises beyond the round trip: the DOCX merges of the official
form, the XLSX identity sheet, accessible HTML and the fragment."""

from __future__ import annotations

import re

import io
from decimal import Decimal

import pytest

from strategies import distinct_report
from zfxxgk.model import Report
from zfxxgk.render import render
from zfxxgk.standard import get_template

from render_checks import load_expected


def _docx_structure(doc) -> list[list[list[tuple[str, str, str]]]]:
    """Per table, per row: (label text, gridSpan, vMerge) of each cell; value cells'
    text is dropped so a blank form and a filled one compare equal."""
    from docx.oxml.ns import qn

    out = []
    for table in doc.tables:
        rows = []
        for tr in table._tbl.findall(qn("w:tr")):
            cells = []
            for tc in tr.findall(qn("w:tc")):
                pr = tc.find(qn("w:tcPr"))
                span = pr.find(qn("w:gridSpan")) if pr is not None else None
                vm = pr.find(qn("w:vMerge")) if pr is not None else None
                text = "".join(t.text or "" for t in tc.iter(qn("w:t"))).strip().strip("\u3000")
                if text.replace(".", "").isdigit():
                    text = ""
                cells.append((text, span.get(qn("w:val")) if span is not None else "1",
                              (vm.get(qn("w:val")) or "continue") if vm is not None else ""))
            rows.append(cells)
        out.append(rows)
    return out


def test_docx_tables_have_the_official_forms_merges(samples):
    """Every label and every merge of our tables equals the blank official 2021 form's."""
    from docx import Document

    official = Document(str(samples / "template" / "official-2021-format.docx"))
    ours = Document(io.BytesIO(render(distinct_report("2021", seed=1), "docx")))
    assert _docx_structure(ours) == _docx_structure(official)


def test_docx_is_editable_word(tmp_path):
    from docx import Document
    from docx.oxml.ns import qn

    doc = Document(io.BytesIO(render(distinct_report("2019", seed=2), "docx")))
    assert {"年报标题", "年报正文", "年报表格"} <= {s.name for s in doc.styles}
    body = doc.styles["年报正文"].element.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
    assert body.get(qn("w:eastAsia")) == "仿宋_GB2312"
    t3 = doc.tables[1]._tbl
    assert t3.find(f"{qn('w:tblPr')}/{qn('w:tblLayout')}").get(qn("w:type")) == "fixed"
    header_rows = [tr for tr in t3.findall(qn("w:tr")) if tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None]
    assert len(header_rows) == 3


def test_docx_holds_text_with_control_characters_xml_cannot():
    """A report JSON's agency or part text with "\u000b", "\u0000" or "\u001b" (pasted
    from a form, a PDF's text) ended `render --to docx` in lxml's English traceback;
    Word's line break (U+000B) stays a break, the others are left out."""
    from docx import Document

    report = distinct_report("2021", seed=3)
    report.agency = "某某局\x0b办公室\x00"
    report.sections = {**(report.sections or {}), "1": "总体情况\x1b第一段\ufffe"}
    doc = Document(io.BytesIO(render(report, "docx")))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "某某局\n办公室" in text and "总体情况第一段" in text
    assert not re.search(r"[\x00\x1b\ufffe]", text)


def test_xlsx_values_as_reported_and_identity_sheet_marks_failures(samples):
    import openpyxl

    expected, report = load_expected(samples / "real-expected" / "hongze-district-2023.json")
    data = render(report, "xlsx")
    wb = openpyxl.load_workbook(io.BytesIO(data))
    names = wb.sheetnames
    assert names[-1] == "勾稽关系核验" and {"二、主动公开", "三、依申请公开", "四、复议诉讼"} <= set(names)
    for name in ("二、主动公开", "三、依申请公开", "四、复议诉讼"):
        ws = wb[name]
        assert ws.merged_cells.ranges  # merged headers
        assert not any(isinstance(c.value, str) and c.value.startswith("=")
                       for row in ws.iter_rows() for c in row), "a table cell holds a formula"
    t4 = wb["四、复议诉讼"]
    assert [c.value for c in t4[5]][:5] == [10, 1, 0, 0, 0]  # the published 0 total stays
    fees = [c for row in wb["二、主动公开"].iter_rows() for c in row if c.value == 7730.28][0]
    assert fees.number_format == "0.00"
    check = wb["勾稽关系核验"]
    formulas = [row[4].value for row in check.iter_rows(min_row=2)]
    assert all(str(f).startswith("=IF(") for f in formulas)
    cached = openpyxl.load_workbook(io.BytesIO(data), data_only=True)["勾稽关系核验"]
    failed = [(r[0].value, r[1].value) for r in cached.iter_rows(min_row=2) if r[4].value == "不一致"]
    assert failed == [("T4-1", "行政复议：总计=四项结果之和"),
                      ("T4-1", "行政诉讼·复议后起诉：总计=四项结果之和")]


def test_xlsx_blank_is_blank_and_uncheckable():
    import openpyxl

    report = distinct_report("2021", seed=4)
    report.applications["total"]["natural_person"] = None
    wb = openpyxl.load_workbook(io.BytesIO(render(report, "xlsx")), data_only=True)
    results = {r[1].value: r[4].value for r in wb["勾稽关系核验"].iter_rows(min_row=2)}
    assert results["自然人列：一+二=（七）+四"] == "无法核验（有空白）"
    assert results["商业企业列：一+二=（七）+四"] == "一致"


def test_html_is_accessible_and_self_contained():
    html = render(distinct_report("2021", seed=6), "html")
    assert html.startswith("<!DOCTYPE html>") and "<style>" in html
    assert "<link" not in html and "<script" not in html and "http" not in html
    assert len(re.findall(r'<table data-table="\w+" aria-labelledby="part-[234]">', html)) == 3  # named by their headings
    assert 'scope="colgroup">申请人情况</th>' in html
    assert 'rowspan="3" colspan="3" scope="col">（本列数据的勾稽关系为' in html
    assert 'rowspan="8" scope="rowgroup">（三）不予公开</th>' in html
    assert "<thead>" in html


def test_html_fragment_is_bare_with_inline_style():
    frag = render(distinct_report("2021", seed=6), "html", fragment=True)
    assert frag.startswith("<article") and "<html" not in frag and "<head" not in frag
    assert "<style>" in frag and "&#34;" not in frag.split("</style>")[0]


def test_blank_and_money_printed_as_given():
    report = distinct_report("2021", seed=7)
    report.active["fees"]["amount"] = Decimal("25.3190")
    report.applications["granted"]["research"] = None
    md = render(report, "md")
    assert "| 行政事业性收费 | 25.3190 |" in md
    granted = next(line for line in md.splitlines() if "（一）予以公开" in line)
    cells = [c.strip() for c in granted.strip("|").split("|")]
    assert cells[3] == ""  # 科研机构 blank, not 0


def test_labels_come_from_the_standard():
    """Every official row label of both templates is printed, unchanged."""
    for code in ("2019", "2021"):
        md = render(distinct_report(code, seed=8), "md")
        for table in get_template(code).tables:
            for row in table.rows:
                assert row.label in md, row.label
            for col in table.columns:
                assert col.label in md, col.label


def test_table_two_caption_rows_keep_with_the_next_row():
    """表二's rows of headings only (第二十条第（五）项 and the 信息内容 line under it)
    keep with the row after them in HTML/PDF (class keep: break-after avoid) and Word
    (keep with next); figure rows do not."""
    from docx import Document
    from docx.oxml.ns import qn

    report = distinct_report("2021", seed=6)
    html = render(report, "html")
    kept = re.findall(r'<tr class="keep">(.*?)</tr>', html)
    assert any("第二十条第（五）项" in row for row in kept) and any("信息内容" in row for row in kept)
    assert not any("<td" in row for row in kept)
    t2 = Document(io.BytesIO(render(report, "docx"))).tables[0]._tbl
    def kept_text(tr):
        return "".join(t.text or "" for t in tr.iter(qn("w:t")))
    marked = [kept_text(tr) for tr in t2.findall(qn("w:tr")) if tr.find(f".//{qn('w:keepNext')}") is not None]
    assert any(t.startswith("第二十条第（五）项") for t in marked) and "行政处罚" not in "".join(marked)
