"""Damage of copy, export and re-typing (bench/hunt2_probe.py): table 二's columns
in another order than the form's, read by the header's names or left null; table
三's （六）其他处理 group heading run into a sub-row's abbreviated label, never read
as 2019's single （六） row."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from exact_cells import filled_cells, tables_of, wrong_cells
from layouts import Style, write
from strategies import distinct_report
from zfxxgk.parse import parse_text
from zfxxgk.parse.cells import classify


def _t2_columns(report, order: list[int], header_order: list[int] | None = None) -> str:
    """tab_exact text with each table 二 block of three columns printed in `order`
    (the form's indices); its header in `header_order` (default: `order`)."""
    head = order if header_order is None else header_order
    out = []
    for line in write("tab_exact", report, seed=1, style=Style.plain()).split("\n"):
        cells = line.split("\t")
        if len(cells) == 4 and (cells[0] == "信息内容" or cells[1].lstrip("-").isdigit()):
            pick = head if cells[0] == "信息内容" else order
            line = "\t".join([cells[0]] + [cells[1 + i] if i < 3 else "" for i in pick])
        out.append(line)
    return "\n".join(out)


@pytest.mark.parametrize("template", ["2021", "2019"])
@pytest.mark.parametrize("order", [[1, 0, 2], [2, 0, 1]])
def test_table_2_columns_in_another_order_are_read_by_the_header(template, order):
    """本年废止件数 printed before 本年制发件数: read by place, every number of the
    block went to its neighbour's column."""
    report = distinct_report(template, seed=21)
    parsed = parse_text(_t2_columns(report, order))
    assert wrong_cells(parsed, tables_of(report)) == []
    assert parsed.active == report.active
    assert list(parsed.active["rules"]) == list(report.active["rules"])  # the form's key order


def test_table_2_header_out_of_order_without_each_column_leaves_the_rows_null():
    """A header naming two of the three columns out of the form's order (one cut
    off): which number is whose it does not say; the rows are null with a note."""
    report = distinct_report("2021", seed=22)
    text = _t2_columns(report, [1, 0, 2], header_order=[1, 0, 3])
    parsed = parse_text(text)
    assert wrong_cells(parsed, tables_of(report)) == []
    assert all(v is None for v in parsed.active["rules"].values())
    assert any(n.kind == "misaligned" and "active.rules.issued" in n.cells for n in parsed.notes)
    assert parsed.active["licensing"] == report.active["licensing"]


@pytest.mark.parametrize("short", ["1.逾期不补正", "1.不补正"])
def test_sixth_group_heading_before_an_abbreviated_sub_row(short):
    """（六）其他处理1.逾期不补正: read as 2019's single （六） row with the sub-row's
    numbers (a wrong number in seven cells), the sub-rows lost."""
    report = distinct_report("2021", seed=23)
    text = write("tab_exact", report, seed=1, style=Style.plain())
    long = "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
    assert long in text
    parsed = parse_text(text.replace(long, short))
    assert wrong_cells(parsed, tables_of(report)) == []
    assert "other" not in parsed.applications
    assert filled_cells(parsed) == filled_cells(report)


@pytest.mark.parametrize("raw,value", [("4、571", 4571), ("1、234、567", 1234567), ("1o5", 105),
                                       ("2I", 21), ("2〇5", 205), ("I0", 10)])
def test_retyped_figures_are_the_numbers_they_show(raw, value):
    """A thousands mark typed as 、, a 0 or 1 typed as o, I or 〇 beside real digits:
    text, so the row's cells were lost (a whole table where every total has four
    digits)."""
    cell = classify(raw)
    assert cell.kind == "number" and cell.value == value


@pytest.mark.parametrize("raw", ["1、23", "12、", "3、其他", "I", "II", "〇", "lo", "oo"])
def test_other_marks_and_letters_stay_no_count(raw):
    assert classify(raw).kind != "number"


@pytest.mark.parametrize("layout", ["tab_exact", "spaces", "pdf_text"])
def test_a_retyped_report_reads_exactly(layout):
    report = distinct_report("2021", seed=24)
    lines = write(layout, report, seed=1, style=Style.plain()).split("\n")
    for i, line in enumerate(lines):
        if len(re.findall(r"\d+", line)) >= 3 and "年" not in line:  # a table row
            line = re.sub(r"(?<![\d.])(\d)(\d{3})(?![\d.])", r"\1、\2", line)  # 4、571
            # in a number of three digits (one damage a cell)
            line = re.sub(r"(?<![\d、〇I])(\d)0(\d)(?![\d、〇I])", r"\1〇\2", line, count=1)
            lines[i] = re.sub(r"(?<![\d、〇I])(\d)1(\d)(?![\d、〇I])", r"\1I\2", line, count=1)
    parsed = parse_text("\n".join(lines))
    assert wrong_cells(parsed, tables_of(report)) == []
    assert tables_of(parsed) == tables_of(report)


def test_a_lone_letter_for_a_figure_keeps_the_rest_of_its_row():
    """A cell 1 typed as I, alone: its row was split in two and lost whole; the
    cell alone is null now, with a note saying what was printed."""
    report = distinct_report("2021", seed=25)
    report.applications["not_processed.duplicate"]["natural_person"] = 1
    text = write("tab_exact", report, seed=1, style=Style.plain()).replace("2.重复申请\t1\t", "2.重复申请\tI\t")
    parsed = parse_text(text)
    row = dict(report.applications["not_processed.duplicate"], natural_person=None)
    assert parsed.applications["not_processed.duplicate"] == row
    assert any(n.kind == "value_text" and n.cells == ["applications.not_processed.duplicate.natural_person"]
               for n in parsed.notes)


@pytest.mark.parametrize("template", ["2021", "2019"])
def test_table_4_without_its_header_is_read_where_its_groups_total(template):
    """Table 四's fifteen counts under part 四 without the header lines (left out
    when copied): the table was not found. Read in the form's order where each
    group of five totals itself; a row whose totals do not hold is not."""
    report = distinct_report(template, seed=26)
    lines = write("tab_exact", report, seed=1, style=Style.plain()).split("\n")
    a = next(i for i, ln in enumerate(lines) if ln.startswith("四、政府"))
    b = next(i for i, ln in enumerate(lines) if ln.startswith("五、"))
    body = [ln for ln in lines[a:b] if not ("\t" in ln and not re.search(r"\d", ln))]
    text = "\n".join(lines[:a] + body + lines[b:])
    parsed = parse_text(text)
    assert parsed.review_litigation == report.review_litigation
    row = next(ln for ln in body if re.fullmatch(r"[\d\t]+", ln))
    figures = row.split("\t")
    figures[4] = str(int(figures[4]) + 1)  # the first group's total no longer holds
    parsed = parse_text(text.replace(row, "\t".join(figures)))
    assert all(v is None for cols in parsed.review_litigation.values() for v in cols.values())


@pytest.mark.parametrize("layout", ["tab_exact", "spaces", "pdf_text"])
def test_legal_kinds_merged_into_one_column(layout):
    """Table 三 with 自然人 | 法人或其他组织 | 总计 (the five kinds summed): the whole
    table was lost. 自然人 and 总计 are read; the five kinds are null with a note the
    checker reports (F-TABLE), and no blank-cell finding for them."""
    from zfxxgk.check import run

    report = distinct_report("2021", seed=27)
    lines = write("tab_exact", report, seed=1, style=Style.plain()).split("\n")
    for i, line in enumerate(lines):
        cells = line.split("\t")
        if "自然人" in line:
            lines[i] = "\t".join([cells[0], "自然人", "法人或其他组织", "总计"])
        elif len(cells) == 8 and cells[-1].isdigit():
            legal = sum(int(v) for v in cells[2:7])
            lines[i] = "\t".join([cells[0], cells[1], str(legal), cells[7]])
    sep = {"tab_exact": "\t", "spaces": " | ", "pdf_text": "   "}[layout]
    parsed = parse_text("\n".join(lines).replace("\t", sep))
    assert wrong_cells(parsed, tables_of(report)) == []
    for row, cols in report.applications.items():
        got = parsed.applications[row]
        assert (got["natural_person"], got["total"]) == (cols["natural_person"], cols["total"])
        assert [got[k] for k in ("commercial", "research", "nonprofit", "legal_service",
                                 "other_org")] == [None] * 5
    merged = [n for n in parsed.notes if n.kind == "merged_columns"]
    assert len(merged) == 1 and "applications.received.commercial" in merged[0].cells
    findings = run(parsed)
    said = [f for f in findings if "合为一栏" in f.message]
    assert said and said[0].rule == "F-TABLE"
    assert not any("空白不等于0" in f.message and "applications" in " ".join(f.cells) for f in findings)


@pytest.mark.parametrize("final_first", [False, True])
def test_table_3_pasted_twice_in_its_part_takes_the_copy_that_adds_up(final_first):
    """A draft of table 三 and the final one both left in part 三, no caption: the
    first copy was read, a wrong number in every cell the draft printed otherwise.
    The draft's 一、本年新收 is the final's, so its columns break T3-1: the final
    copy, which keeps every identity, is read, said by F-TABLE (both copies adding
    up: tests/parse/test_copy_damage2.py)."""
    from zfxxgk.check import run

    report = distinct_report("2021", seed=28)
    draft = distinct_report("2021", seed=29)
    draft.applications["received"] = dict(report.applications["received"])  # alike
    mine, theirs = (write("tab_exact", r, seed=1, style=Style.plain()).split("\n")
                    for r in (report, draft))

    def rows(lines):
        a = next(i for i, ln in enumerate(lines) if ln.startswith("三、收到"))
        b = next(i for i, ln in enumerate(lines) if ln.startswith("四、政府"))
        return a, b, lines[a + 2:b]

    a, b, final = rows(mine)
    both = final + rows(theirs)[2] if final_first else rows(theirs)[2] + final
    parsed = parse_text("\n".join(mine[:a + 2] + both + mine[b:]))
    assert wrong_cells(parsed, tables_of(report)) == []
    assert parsed.applications["received"] == report.applications["received"]
    assert parsed.applications == report.applications
    note = next(n for n in parsed.notes if n.kind == "table_twice")
    assert note.data["chosen"] == ("first" if final_first else "second")
    assert "applications.granted.total" in note.cells
    assert "applications.received.total" not in note.cells
    said = [f for f in run(parsed) if "同一部分印了两份" in f.message]
    assert said and said[0].rule == "F-TABLE" and "读取的是符合勾稽关系的" in said[0].message


def test_one_row_printed_twice_keeps_its_first_reading():
    """A row repeated by a slip is no second copy: read as before."""
    report = distinct_report("2021", seed=30)
    lines = write("tab_exact", report, seed=1, style=Style.plain()).split("\n")
    k = next(i for i, ln in enumerate(lines) if ln.startswith("2.重复申请"))
    parsed = parse_text("\n".join(lines[:k + 1] + [lines[k]] + lines[k + 1:]))
    assert tables_of(parsed) == tables_of(report)


def test_a_captioned_second_copy_is_no_draft():
    """The area's table after the body's, said by a sentence (全区汇总情况如下表。):
    the body's copy is read, as before, not nulled where the two differ."""
    report = distinct_report("2021", seed=31)
    area = distinct_report("2021", seed=32)
    mine, theirs = (write("tab_exact", r, seed=1, style=Style.plain()).split("\n")
                    for r in (report, area))
    b = next(i for i, ln in enumerate(mine) if ln.startswith("四、政府"))
    c = next(i for i, ln in enumerate(theirs) if ln.startswith("三、收到"))
    d = next(i for i, ln in enumerate(theirs) if ln.startswith("四、政府"))
    text = "\n".join(mine[:b] + ["全区汇总情况如下表。"] + theirs[c + 2:d] + mine[b:])
    parsed = parse_text(text)
    assert parsed.applications == report.applications
    assert not any(n.kind == "table_twice" for n in parsed.notes)


@pytest.mark.parametrize("raw,value,unit", [("24,714件", 24714, "件"), ("2，556.74万元", Decimal("2556.74"), "万元"),
                                            ("１，２３４ 项", 1234, "项"), ("1,234,567次", 1234567, "次")])
def test_a_grouped_figure_with_its_unit_is_that_figure(raw, value, unit):
    """24,714件 (thousands marked and a unit, as typed into a web page's cells): was
    text, so the cell was lost, and every total of four digits with it
    (bench/hunt5_probe.py unit_grouped)."""
    cell = classify(raw)
    assert (cell.kind, cell.value, cell.unit) == ("unit", value, unit)


@pytest.mark.parametrize("raw", ["24,71件", "2,5567万元", ",234件"])
def test_a_misgrouped_figure_with_a_unit_stays_no_number(raw):
    assert classify(raw).kind == "text"
