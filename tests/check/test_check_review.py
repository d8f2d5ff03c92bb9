"""The plain-text review a person reads in a terminal."""

from __future__ import annotations

from zfxxgk.check import format_review, run
from zfxxgk.check.engine import finding


def test_review_groups_by_severity_with_names_lines_and_suggestions(consistent, put):
    r = consistent()
    put(r, "review_litigation.review.total", 0)
    put(r, "applications.granted.commercial", None)
    line = r.provenance["review_litigation.review.total"].line
    r.source_lines[line] = "行政复议\t3\t1\t2\t1\t0"
    text = format_review(r, run(r))
    assert text.startswith("测试街道办事处2023年政府信息公开工作年度报告\n")
    assert "核查结果：错误1项，警告1项，提示" in text
    assert text.index("错误（1）") < text.index("警告（1）") < text.index("提示（")
    assert "  [T4-1] 行政复议的总计（0）不等于" in text
    assert "单元格：行政复议（总计、结果维持、结果纠正、其他结果、尚未审结）" in text
    assert f"位置：第{line}行  “行政复议 3 1 2 1 0”" in text
    assert "建议：核对行政复议的总计或各项结果的数字" in text
    assert "[F-BLANK] （一）予以公开有空白单元格：商业企业" in text


def test_review_of_a_clean_report(consistent):
    r = consistent()
    text = format_review(r, run(r))
    assert "核查结果：错误0项，警告0项，提示0项" in text
    assert "未发现问题。" in text


def test_review_without_agency_or_place(consistent):
    r = consistent()
    r.agency, r.year, r.provenance = None, None, None
    text = format_review(r, [finding(r, "F-META", [], "未找到报告标题")])
    assert text.startswith("（未识别机关名称）政府信息公开工作年度报告")
    assert "位置：" not in text
    assert "  [F-META] 未找到报告标题" in text


def test_a_cell_read_from_a_table_is_placed_by_table_and_row_on_every_face(consistent, put):
    """A cell read from a Word, Excel or web table without a text line is placed as
    `第2张表第5行` in the terminal review, the HTML review page and the web's list
    alike (the last two printed no place at all)."""
    from zfxxgk.app.review_pages import review_page
    from zfxxgk.model import Provenance
    from zfxxgk.web.reports.presentation import findings_for_page

    r = consistent()
    put(r, "review_litigation.review.total", 0)
    r.provenance["review_litigation.review.total"] = Provenance(table=2, row=5, text="0")
    findings = [f for f in run(r) if f.rule == "T4-1"]
    assert "位置：第2张表第5行" in format_review(r, findings)
    assert "位置：第2张表第5行" in review_page(r, findings)
    [shown] = findings_for_page([f.to_dict() for f in findings], r.template)
    assert shown["place"] == "第2张表第5行"
