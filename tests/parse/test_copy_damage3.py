"""Damage of copy and conversion, eleventh pass (bench/hunt4_probe.py): table 四's
columns or groups in another order, a 1 printed as a bar, headers cut into pieces
that join more than one way AND reordered in PDF text."""

from __future__ import annotations

import re

import pytest

from exact_cells import filled_cells, tables_of, wrong_cells
from layouts import Style, write
from strategies import distinct_report
from zfxxgk.parse import parse_text
from zfxxgk.parse.cells import split_line


def _lines(report) -> list[str]:
    return write("tab_exact", report, seed=1, style=Style.plain()).split("\n")


def _t4(lines: list[str]) -> tuple[int, int]:
    names = next(k for k, ln in enumerate(lines) if ln.startswith("结果维持"))
    return names, next(k for k in range(names, len(lines)) if re.match(r"\d", lines[k]))


@pytest.mark.parametrize("sep", ["\t", "   ", " | "])
def test_table_4_columns_in_another_order_are_read_by_the_header(sep):
    """Each group's five columns printed 总计 first, 结果纠正 before 结果维持: every
    group still totals itself, so only the header tells (read by place: 12 wrong)."""
    report = distinct_report("2021", seed=21)
    lines = _lines(report)
    names, nums = _t4(lines)
    order = [4, 1, 0, 3, 2]
    for k in (names, nums):
        cells = lines[k].split("\t")
        lines[k] = "\t".join(cells[g * 5 + m] for g in range(3) for m in order)
    parsed = parse_text("\n".join(lines).replace("\t", sep))
    assert wrong_cells(parsed, tables_of(report)) == []
    assert parsed.review_litigation == report.review_litigation


def test_table_4_litigation_groups_swapped_are_read_by_the_header():
    report = distinct_report("2021", seed=22)
    lines = _lines(report)
    names, nums = _t4(lines)
    cells = lines[nums].split("\t")
    lines[nums] = "\t".join(cells[:5] + cells[10:] + cells[5:10])
    lines[names - 1] = lines[names - 1].replace("未经复议直接起诉", "@").replace(
        "复议后起诉", "未经复议直接起诉").replace("@", "复议后起诉")
    parsed = parse_text("\n".join(lines))
    assert parsed.review_litigation == report.review_litigation


def test_table_4_in_another_order_run_together_is_not_read_by_place():
    """Under a header in another order, fourteen numbers (one lost) cannot be put
    back in their columns: null, never read by the form's places."""
    report = distinct_report("2021", seed=23)
    lines = _lines(report)
    names, nums = _t4(lines)
    order = [1, 0, 2, 3, 4]
    cells = lines[names].split("\t")
    lines[names] = "\t".join(cells[g * 5 + m] for g in range(3) for m in order)
    cells = lines[nums].split("\t")
    lines[nums] = "\t".join([cells[g * 5 + m] for g in range(3) for m in order][:-1])
    parsed = parse_text("\n".join(lines))
    assert wrong_cells(parsed, tables_of(report)) == []


@pytest.mark.parametrize("line, cell", [
    ("行政许可 | 376 | -350 | 34|", "34丨"),          # 341 with its 1 a bar
    ("（三）不予公开1.属于国家秘密 | |1 | 174", "丨1"),  # 11
    ("行政事业性收费   338   8872.05|", "8872.05丨"),  # PDF text: no bar separates its cells
    ("规章 | 3|5 | 17", "3丨5"),
])
def test_a_bar_touching_a_digit_is_no_separator(line, cell):
    """A 1 a text layer printed as | : read as a separator it parted the figure,
    and its other digits were read (34 for 341, 1 for 11). The cell is no figure."""
    cells = split_line(line)
    assert cell in [c.text for c in cells]
    assert next(c for c in cells if c.text == cell).value is None


def test_a_compact_markdown_row_keeps_its_bars():
    assert [c.value for c in split_line("|规章|120|188|204|")] == [None, 120, 188, 204]


_KINDS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]


def _t3(report, order, head):
    """Table 三 with its columns in `order` under the header lines `head` (PDF text)."""
    lines = _lines(report)
    i = next(k for k, ln in enumerate(lines) if "自然人" in ln)
    j = next(k for k, ln in enumerate(lines) if ln.startswith("四、政府"))
    for k in range(i + 1, j):
        cells = lines[k].split("\t")
        if len(cells) == 8:
            lines[k] = "\t".join([cells[0]] + [cells[1 + m] for m in order])
    return "\n".join(lines[:i] + head + lines[i + 1:]).replace("\t", "   ")


def test_table_3_header_whole_names_spread_over_lines_in_pdf_text_is_not_read_by_place():
    """The kinds centred over three lines of PDF text, each whole, in another order:
    names on different lines keep no order, and those of each line are in the
    form's (科研机构 社会公益组织 / 法律服务机构 其他 / 商业企业), so the form's order was
    read (wrong in four columns). Several orders fit: null."""
    report = distinct_report("2021", seed=24)
    order = [0, 2, 4, 1, 3, 5, 6]
    head = ["申请人情况", "自然人   法人或其他组织   总计", "科研机构   社会公益组织",
            "法律服务机构   其他", "商业企业"]
    sub = [order[k] for k in range(1, 6)]
    assert sub == [2, 4, 1, 3, 5]
    parsed = parse_text(_t3(report, order, head))
    assert wrong_cells(parsed, tables_of(report)) == []
    assert parsed.applications["received"]["natural_person"] is None


def test_table_3_header_cut_with_a_name_whole_and_reordered_is_not_read_by_place():
    """PDF text: 商业企业 and 自然人 whole on different lines among other names'
    pieces: the line naming 自然人 ordered the columns (wrong). Either can come
    first: null."""
    report = distinct_report("2021", seed=25)
    order = [4, 5, 2, 6, 1, 0, 3]
    head = ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）   法律服务   其   科研机   总   商业企业",
            "机构   他   构   计   自然人   社会公益组织"]
    parsed = parse_text(_t3(report, order, head))
    assert wrong_cells(parsed, tables_of(report)) == []


def test_two_level_header_wrapped_and_laid_out_by_position_is_read_in_its_order():
    """pdftotext -layout: the kinds cut over three lines, 其他 alone on the middle
    one; the pieces one above the other make the names, left to right (here in
    another order than the form's: 科研机构 first)."""
    report = distinct_report("2021", seed=26)
    order = [0, 2, 1, 3, 4, 5, 6]
    head = ["                                              申请人情况",
            "                                                    法人或其他组织",
            "                                   自然人                                      总计",
            "                                 科研机    商业企     社会公      法律服",
            "                                                               其他",
            "                                  构      业      益组织      务机构"]
    text = _t3(report, order, head)
    parsed = parse_text(text)
    assert wrong_cells(parsed, tables_of(report)) == []
    assert filled_cells(parsed) >= {c for c in filled_cells(report) if c[0] == "applications"}


def test_table_2_header_cut_and_reordered_with_a_whole_name_is_not_read_by_place():
    """Table 二's block header cut in PDF text, 本年废止件数 and 现行有效件数 whole on
    different lines among 本年制 / 发件数, the columns moved: either whole name can
    come first, and the form's order was read (wrong). Null."""
    report = distinct_report("2021", seed=27)
    lines = _lines(report)
    i = next(k for k, ln in enumerate(lines) if ln.startswith("信息内容\t本年制发件数"))
    for k in (i + 1, i + 2):
        c = lines[k].split("\t")
        lines[k] = "\t".join([c[0], c[2], c[3], c[1]])
    lines[i:i + 1] = ["信息内容   本年废止件数   本年制", "现行有效件数   发件数"]
    parsed = parse_text("\n".join(lines).replace("\t", "   "))
    assert wrong_cells(parsed, tables_of(report)) == []
