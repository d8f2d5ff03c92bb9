"""Table text shapes of scraped reports that the layouts of tests/layouts do not
print (bench/text_shapes_probe.py counts them on random reports): each is read
exactly, or a cell is left null with its finding, never another number."""

from __future__ import annotations

import random

import pytest

from exact_cells import tables_of, wrong_cells
from layouts import Style, write
from strategies import distinct_report
from zfxxgk.check import run
from zfxxgk.parse import parse_text


def _rewrite(text: str, fn) -> str:
    """Each tab-separated line of `text` (the tables of tab_exact) through `fn`."""
    out = []
    for line in text.split("\n"):
        out += fn(line) if "\t" in line else [line]
    return "\n".join(out)


def _lost(parsed, report) -> list[str]:
    return [f"{t}.{r}.{c}" for t, rows in tables_of(report).items() for r, cols in rows.items()
            for c, v in cols.items() if v is not None and getattr(parsed, t)[r][c] is None]


@pytest.mark.parametrize("template", ["2019", "2021"])
@pytest.mark.parametrize("drawn", ["│{}│", "┃{}┃", "{}", "｜{}｜"])
def test_tables_drawn_with_box_characters_read_as_pipes(template, drawn):
    report = distinct_report(template, seed=4)
    text = write("tab_exact", report, seed=2, style=Style.plain())
    bar = "┃" if "┃" in drawn else "｜" if "｜" in drawn else "│"
    rule = "├────┼────┼────┤" if bar == "│" else "━━━━━━━━━━━"

    def draw(line: str) -> list[str]:
        return [rule, drawn.format(bar.join(line.split("\t")))]

    parsed = parse_text(_rewrite(text, draw))
    assert wrong_cells(parsed, tables_of(report)) == []
    assert _lost(parsed, report) == []
    assert (parsed.agency, parsed.year, parsed.template) == (report.agency, report.year, template)


def _blanked(report, cells: list[tuple[str, str, str]]):
    for table, row, col in cells:
        getattr(report, table)[row][col] = None
    return report


_BLANKS = [("active", "rules", "repealed"), ("applications", "granted", "commercial"),
           ("applications", "total", "research"), ("review_litigation", "review", "pending")]


@pytest.mark.parametrize("mark", ["〇", "……", "-/-", "———", "－－"])
def test_blank_marks_are_null_with_their_finding(mark):
    report = _blanked(distinct_report("2021", seed=5), _BLANKS)
    text = write("tab_exact", report, seed=3, style=Style.plain().with_(blank=mark))
    parsed = parse_text(text)
    assert wrong_cells(parsed, tables_of(report)) == []
    assert _lost(parsed, report) == []
    shown = {code for n in parsed.notes if n.kind == "value_text" for code in n.cells}
    assert shown == {".".join(c) for c in _BLANKS}


def test_the_minus_sign_of_word_processors_reads_as_minus():
    report = distinct_report("2019", seed=6)
    for row in ("licensing", "fees"):
        report.active[row]["change"] = -report.active[row]["change"]
    text = write("tab_exact", report, seed=1, style=Style.plain())
    parsed = parse_text(text.replace("\t-", "\t−"))
    assert wrong_cells(parsed, tables_of(report)) == []
    assert _lost(parsed, report) == []


@pytest.mark.parametrize("minus, plus", [("减少{}", "增加{}"), ("减{}项", "增{}项")])
def test_a_change_printed_in_words_reads_with_its_sign(minus, plus):
    """2019 table 二's 本年增/减 as 减少3 / 增加5: the word is the sign (it was null)."""
    report = distinct_report("2019", seed=6)
    report.active["licensing"]["change"] = -report.active["licensing"]["change"]
    text = write("tab_exact", report, seed=1, style=Style.plain())
    for row in ("licensing", "fees"):
        value = report.active[row]["change"]
        shape = minus if value < 0 else plus
        text = _rewrite(text, lambda ln: [_note_cell(ln, "行政许可" if row == "licensing"
                                                     else "行政事业性收费", 2,
                                                     shape.replace("{}", str(abs(value))))])
    assert "减" in text and "增" in text
    parsed = parse_text(text)
    assert wrong_cells(parsed, tables_of(report)) == []
    assert _lost(parsed, report) == []


def _note_cell(line: str, label: str, index: int, shape: str) -> str:
    cells = line.split("\t")
    if cells[0] == label:
        cells[index] = shape.format(cells[index])
    return "\t".join(cells)


@pytest.mark.parametrize("shape", ["{}（注）", "约{}", "{}*", "<{}>", "{}万"])
def test_a_number_printed_with_words_is_null_and_its_row_stays_in_place(shape):
    """A value cell holding words or marks beside its number ("-44375*") is no
    count: null with its finding; before, the cells left were read as a run of
    digits to be cut (802 as 80|2) or the row was lost."""
    report = distinct_report("2019", seed=7)
    text = write("tab_exact", report, seed=1, style=Style.plain())
    noted = {("行政事业性收费", 2): "active.fees.change",
             ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 3): "applications.partly_granted.research",
             ("二、上年结转政府信息公开申请数量", 1): "applications.carried_in.natural_person"}
    for (label, index), _ in noted.items():
        text = _rewrite(text, lambda ln: [_note_cell(ln, label, index, shape)])
    parsed = parse_text(text)
    assert wrong_cells(parsed, tables_of(report)) == []
    assert sorted(_lost(parsed, report)) == sorted(noted.values())
    shown = {code for n in parsed.notes if n.kind == "value_text" for code in n.cells}
    assert set(noted.values()) <= shown


def test_table_four_with_thousands_set_off_by_full_width_commas():
    report = distinct_report("2021", seed=8)
    report.review_litigation["suit_direct"]["upheld"] += 12000
    report.review_litigation["suit_direct"]["total"] += 12000
    text = write("tab_exact", report, seed=1, style=Style.plain())
    big = str(report.review_litigation["suit_direct"]["total"])
    text = text.replace(f"\t{big}\t", f"\t{big[:-3]}，{big[-3:]}\t")
    assert "，" + big[-3:] in text
    parsed = parse_text(text)
    assert wrong_cells(parsed, tables_of(report)) == []
    assert _lost(parsed, report) == []


def test_invisible_characters_of_web_editors_inside_numbers_and_labels():
    """&#8203; (zero-width space), soft hyphens and a stray BOM print nothing: the
    cell holding one is the number a reader sees."""
    report = distinct_report("2021", seed=9)
    text = write("tab_exact", report, seed=1, style=Style.plain())
    marks = "\u200b\u00ad\ufeff\u2060"

    def hide(line: str) -> list[str]:
        cells = line.split("\t")
        return ["\t".join(c + marks[i % 4] if c[-1:].isdigit() else c for i, c in enumerate(cells))]

    parsed = parse_text(_rewrite(text, hide))
    assert wrong_cells(parsed, tables_of(report)) == []
    assert _lost(parsed, report) == []


@pytest.mark.parametrize("mark", ["—", "--", "/", "无"])
@pytest.mark.parametrize("layout", ["cell_per_line", "inner_text"])
def test_one_cell_per_line_with_blank_marks(layout, mark):
    """A blank cell's mark on a line of its own ("— |", or "—" alone as a page's
    innerText prints a table) is a cell: the cells after it keep their places."""
    report = _blanked(distinct_report("2021", seed=5), _BLANKS)
    style = Style.plain().with_(blank=mark)
    if layout == "cell_per_line":
        text = write("cell_per_line", report, seed=3, style=style)
    else:
        text = _rewrite(write("tab_exact", report, seed=3, style=style),
                        lambda line: [c for c in line.split("\t") if c])
    parsed = parse_text(text)
    assert wrong_cells(parsed, tables_of(report)) == []
    assert _lost(parsed, report) == []


def test_a_remark_after_the_numbers_is_no_value_cell():
    """Words with a number after a row's numbers (a remarks column: "含网上办理3件")
    are no cell of the row: its numbers are read as printed."""
    report = distinct_report("2021", seed=10)
    text = write("tab_exact", report, seed=1, style=Style.plain())
    text = _rewrite(text, lambda ln: [ln + "\t含网上办理3件" if ln.startswith(("行政许可", "一、本年新收"))
                                      else ln])
    parsed = parse_text(text)
    assert wrong_cells(parsed, tables_of(report)) == []
    assert _lost(parsed, report) == []


def test_letter_spaced_labels_with_their_item_numbers_in_spaced_rows():
    """PDF text of a justified label: every character set off ("1 . 申 请 人 …",
    "3 . 其 他") with the row's numbers after it. The item number is part of the
    label, no cell (the 2021 （六） rows were lost as a 2019 single row)."""
    report = distinct_report("2021", seed=11)
    text = write("tab_exact", report, seed=1, style=Style.plain())

    def spaced(line: str) -> list[str]:
        cells = line.split("\t")
        if not cells[-1].isdigit():
            return [line]
        return [" ".join(" ".join(cells[0].replace(" ", "")).split() + cells[1:])]

    parsed = parse_text(_rewrite(text, spaced))
    assert "1 . 申 请 人" in _rewrite(text, spaced)
    assert wrong_cells(parsed, tables_of(report)) == []
    assert _lost(parsed, report) == []


def test_one_number_set_off_by_spaces_in_a_row_of_blanks_is_not_cut():
    """A spaced row printing one number and its blanks as nothing (政府集中采购   100)
    reads as that number in one cell as well as its digits run together (10|0): no
    identity of table 二 tells which, so the cells stay null with the readings
    (before, the one cut was taken: 10 and 0, 2|0|5 for 205)."""
    report = distinct_report("2019", seed=12)
    report.active["procurement"] = {"items": 100, "amount": None}
    report.active["rules"] = {"made": 205, "published": None, "public_total": None}
    text = write("tab_exact", report, seed=1, style=Style.plain())
    parsed = parse_text(_rewrite(text, lambda ln: ["   ".join(ln.split("\t"))]))
    assert wrong_cells(parsed, tables_of(report)) == []
    assert parsed.active["procurement"] == {"items": None, "amount": None}
    assert parsed.active["rules"]["made"] is None
    open_cells = {code for n in parsed.notes for code in n.cells}
    assert {"active.procurement.items", "active.rules.made"} <= open_cells


def _with_subtotal(line: str, first: bool, sep: str = "\t") -> list[str]:
    """Table 三's rows with a 小计 column of the five kinds of 法人或其他组织 (after
    其他, or before 商业企业 when `first`), the header naming it."""
    cells = line.split("\t")
    at = 1 if first else 6
    if "自然人" in cells:
        k = cells.index("商业企业") if first else len(cells) - 1
        return [sep.join(cells[:k] + ["小计"] + cells[k:])]
    values = cells[-7:]
    if len(cells) != 8 or not all(v.isdigit() or not v for v in values):  # table 三's rows alone
        return [sep.join(cells)]
    sub = str(sum(int(v) for v in values[1:6] if v))
    return [sep.join(cells[:-7] + values[:at] + [sub] + values[at:])]


@pytest.mark.parametrize("first", [False, True])
def test_a_subtotal_column_in_table_three_is_no_cell(first):
    """A local form prints 小计 beside the five kinds of 法人或其他组织: read without
    it (before, the rows were misaligned and lost, or with blanks shifted: 小计 read
    as 总计)."""
    report = distinct_report("2021", seed=13)
    text = write("tab_exact", report, seed=1, style=Style.plain())
    parsed = parse_text(_rewrite(text, lambda ln: _with_subtotal(ln, first)))
    assert wrong_cells(parsed, tables_of(report)) == []
    assert _lost(parsed, report) == []


def test_a_subtotal_row_missing_a_cell_is_null_never_shifted():
    """Spaced text where a blank cell printed as nothing is lost: a row of seven
    numbers under eight columns cannot be placed; its cells stay null."""
    report = distinct_report("2021", seed=13)
    report.applications["received"]["research"] = None
    text = write("tab_exact", report, seed=1, style=Style.plain())
    text = _rewrite(text, lambda ln: [" ".join(_with_subtotal(ln, False)[0].split())])
    parsed = parse_text(text)
    assert wrong_cells(parsed, tables_of(report)) == []
    assert set(parsed.applications["received"].values()) == {None}
    assert _lost(parsed, report) == [f"applications.received.{c}" for c in report.applications["received"]
                                     if report.applications["received"][c] is not None]


def _kinds_swapped(line: str) -> list[str]:
    """Table 三 with 科研机构 and 社会公益组织 in each other's place, header and rows."""
    cells = line.split("\t")
    if "科研机构" in cells:
        a, b = cells.index("科研机构"), cells.index("社会公益组织")
    elif len(cells) == 8 and all(v.isdigit() for v in cells[1:]):
        a, b = 3, 4
    else:
        return [line]
    cells[a], cells[b] = cells[b], cells[a]
    return ["\t".join(cells)]


@pytest.mark.parametrize("glued", [False, True])
def test_table_three_columns_in_another_order_are_read_by_the_header(glued):
    """A portal prints 社会公益组织 before 科研机构, numbers alike: every identity holds
    either way, so the cells are placed by the header's names (were swapped: a wrong
    number in both columns of every row). Rows run together are cut the same way."""
    report = distinct_report("2021", seed=13)
    text = _rewrite(write("tab_exact", report, seed=1, style=Style.plain()), _kinds_swapped)
    assert "自然人\t商业企业\t社会公益组织\t科研机构" in text
    if glued:
        line = next(ln for ln in text.split("\n") if ln.startswith("（七）总计"))
        text = text.replace(line, line.replace("\t", ""))
    parsed = parse_text(text)
    assert wrong_cells(parsed, tables_of(report)) == []
    assert _lost(parsed, report) == []


@pytest.mark.parametrize("shape", ["约{}", "{}*", "{}（含{}）"])
def test_a_noted_number_in_a_spaced_row_is_null_and_the_rest_of_the_row_is_read(shape):
    """PDF text: a row's first number printed with a word or mark (约696, 5*) ran
    into the label, and a long noted figure (10180（含10180）) ended the row: the
    whole row was lost. Now only that cell is null, the row's others are read."""
    report = distinct_report("2021", seed=14)
    text = write("tab_exact", report, seed=1, style=Style.plain())
    noted = {("2.没有现成信息需要另行制作", 1): "applications.unavailable.needs_creation.natural_person",
             ("一、本年新收政府信息公开申请数量", 4): "applications.received.nonprofit",
             ("规章", 1): "active.rules.issued"}
    printed = shape.replace("{}", "{0}")  # the figure in each place of the shape
    for (label, index), _ in noted.items():
        text = _rewrite(text, lambda ln: [_note_cell(ln, label, index, printed)])
    parsed = parse_text(_rewrite(text, lambda ln: [" ".join(ln.split("\t"))]))
    assert wrong_cells(parsed, tables_of(report)) == []
    assert sorted(_lost(parsed, report)) == sorted(noted.values())


@pytest.mark.parametrize("template", ["2019", "2021"])
def test_a_stray_empty_cell_among_a_rows_figures_is_left_out_where_the_total_holds(template):
    """A spacer cell a converter left in another place in each row (web and Word
    tables): tables 三 and 四 are read, since each row's own total holds only
    without it; table 二's rows, with no total, stay null (a blank figure and a
    stray cell would read the same), never shifted."""
    report = distinct_report(template, seed=3)
    text = write("tab_exact", report, seed=2, style=Style.plain())

    def stray(line: str) -> list[str]:
        cells = line.split("\t")
        figures = [i for i, c in enumerate(cells) if c.strip().replace(".", "").isdigit()]
        if len(figures) < 3:
            return [line]
        at = figures[1 + len(line) % (len(figures) - 1)]
        return ["\t".join(cells[:at] + [""] + cells[at:])]

    parsed = parse_text(_rewrite(text, stray))
    assert wrong_cells(parsed, tables_of(report)) == []
    assert {c.split(".")[0] for c in _lost(parsed, report)} <= {"active"}
    assert parsed.provenance["review_litigation.review.total"].decided_by == "T4-1"
    assert parsed.provenance["applications.total.total"].decided_by == "T3-3"


@pytest.mark.parametrize("printed,alone", [("规章      65   16 0", False), ("规章        6 5     160", False),
                                           ("规章 65 16 0", True), ("规章    65    16    0", True)])
def test_a_lone_space_among_wider_ones_in_a_row_without_a_total_leaves_it_open(printed, alone):
    """Table 二 has no identity: 规章 65 16 0 in columns set off by wider spaces may
    be 65|16|0, or 160 split by a stray space beside a blank lost with its
    separator (|65|160). The row is null with its readings (F-INFERRED), never
    65|16|0 by default; evenly spaced numbers say nothing of the kind and are read."""
    report = distinct_report("2021", seed=3)
    text = write("pdf_text", report, seed=1, style=Style.plain())
    row = next(ln for ln in text.split("\n") if ln.startswith("规章 "))
    parsed = parse_text(text.replace(row, printed))
    values = [parsed.active["rules"][c] for c in ("issued", "repealed", "in_force")]
    if alone:
        assert values == [int(v) for v in printed.split()[1:]]
        return
    assert values == [None, None, None]
    said = [f for f in run(parsed) if f.rule == "F-INFERRED" and "active.rules.issued" in f.cells]
    assert said and said[0].severity == "warning" and "|65|160" in said[0].message


def test_table_four_as_three_rows_run_into_their_group_names():
    """Table 四 as three rows of five after their groups' names, each row's
    separators lost (``行政复议12014``): the digits were read as the name's end and
    the table was missing. Each row is its run, cut with its own total (T4-1);
    one digit a cell leaves one cut, read."""
    report = distinct_report("2021", seed=3)
    small = {"review": [1, 2, 0, 1, 4], "suit_direct": [0, 1, 0, 0, 1],
             "suit_after_review": [2, 0, 3, 1, 6]}
    for group, values in small.items():
        report.review_litigation[group] = dict(zip(report.review_litigation[group], values))
    text = write("tab_exact", report, seed=2, style=Style.plain())
    names = {"review": "行政复议", "suit_direct": "未经复议直接起诉",
             "suit_after_review": "复议后起诉"}

    def rows(line: str) -> list[str]:
        if line.split("\t") != [str(v) for vs in small.values() for v in vs]:
            return [line]
        return [names[g] + "".join(map(str, vs)) for g, vs in small.items()]

    parsed = parse_text(_rewrite(text, rows))
    assert wrong_cells(parsed, tables_of(report)) == []
    assert _lost(parsed, report) == []
