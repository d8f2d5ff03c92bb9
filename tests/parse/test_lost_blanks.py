"""Rows run together that may also have lost a blank cell: a cell printed as
nothing goes with the separators, so the run holds fewer numbers than the row has
cells. The classes bench/combo_probe.py found (two kinds of damage in one row),
with made-up figures: every cell is read exactly or left null."""

from __future__ import annotations

from exact_cells import tables_of, wrong_cells
from layouts import Style, write
from strategies import distinct_report
from zfxxgk.parse import parse_text


def _glued(expected, label: str, width: int, blank: int | None) -> tuple[str, str]:
    """`expected` in tab_exact with the cell `blank` of the row labelled `label`
    (`width` cells) printed empty and that row's label and numbers run together."""
    text = write("tab_exact", expected, seed=1, style=Style.plain())
    line = next(ln for ln in text.split("\n") if label in ln and "\t" in ln)
    cells = line.split("\t")
    values = cells[-width:]
    if blank is not None:
        values[blank] = ""
    glued = "\t".join(cells[:-width]) + "".join(values)
    return text.replace(line, glued), glued


def test_table_two_run_that_may_hold_a_lost_blank_is_not_cut_into_every_cell():
    """行政规范性文件 34 | blank | 3 run together: `行政规范性文件343`. Its only cut into
    the three cells, 3|4|3, was read (本年制发 3, 本年废止 4); a blank printed as
    nothing may have gone with the separators (34|blank|3, 3|blank|43...), and
    table 二 has no identity to tell: the row stays null with its readings."""
    expected = distinct_report("2021", seed=2)
    row = expected.active["normative_docs"]
    row.update(issued=None, repealed=34, in_force=3)
    text, glued = _glued(expected, "行政规范性文件", 3, 0)
    assert glued.endswith("行政规范性文件343")
    report = parse_text(text)
    assert wrong_cells(report, tables_of(expected)) == []
    assert list(report.active["normative_docs"].values()) == [None] * 3
    assert any(n.kind == "ambiguous" and "active.normative_docs.issued" in n.cells
               for n in report.notes)


def test_table_two_run_with_every_cell_printed_is_still_null_without_prose():
    """The same row printed in full (3|4|3) reads the same: the text cannot tell it
    from a row that lost a blank, so it is not read either (a lost cell, not a wrong one)."""
    expected = distinct_report("2021", seed=2)
    expected.active["normative_docs"].update(issued=3, repealed=4, in_force=3)
    text, glued = _glued(expected, "行政规范性文件", 3, None)
    assert glued.endswith("行政规范性文件343")
    report = parse_text(text)
    assert list(report.active["normative_docs"].values()) == [None] * 3


T3_HEAD = ("三、收到和处理政府信息公开申请情况\n"
           "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况\n"
           "\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计\n"
           "三、本年度办理结果\n（五）不予处理\t1．信访举报投诉类申请")


def _complaints(run: str) -> list:
    report = parse_text(T3_HEAD + run + "\n")
    return list(report.applications["not_processed.complaint"].values())


def test_run_whose_own_total_is_its_only_witness_is_not_cut_to_fit_it():
    """`6314223474106673` printed for 6|3142|2|3474|1|0 with a wrong 总计 6673 (or
    with a blank lost): one cut adds up by accident, 6|31|422|34|74|106|673, and
    no other row can confirm or refute it. It was read; now it is a candidate."""
    assert _complaints("6314223474106673") == [None] * 7


def test_run_of_one_digit_a_cell_is_still_read_by_its_own_total():
    """Seven digits for seven cells have one cut only, which a wrong total or a
    lost blank would fail: 1|2|0|0|1|0 and 总计 4 is read."""
    assert _complaints("1200104") == [1, 2, 0, 0, 1, 0, 4]


def test_table_four_run_that_lost_a_blank_total_is_not_cut_to_fit_it():
    """Table 四 run together with the 总计 of 未经复议直接起诉 blank (its parts 0|0|0|33):
    `…6480003368…` reads 0|0|0|3|3, every group adding up. Table 四 has no identity
    with other rows, so the row stays null."""
    expected = distinct_report("2021", seed=2)
    expected.review_litigation["suit_direct"].update(upheld=0, corrected=0, other=0,
                                                     pending=33, total=None)
    text = write("tab_exact", expected, seed=1, style=Style.plain())
    line = next(ln for ln in text.split("\n") if ln.startswith("229\t"))
    report = parse_text(text.replace(line, line.replace("\t", "")))
    assert wrong_cells(report, tables_of(expected)) == []
    assert all(v is None for g in report.review_litigation.values() for v in g.values())


def test_spaced_row_that_lost_blanks_is_not_cut_inside_a_number_to_fit_its_total():
    """2|930|34|blank|blank|3|987 with the blanks lost and a stray space in 987:
    `2 930 34 3 9 87`. Cutting 930 into 9|30 makes the row add up (总计 87), beside
    the readings with cells missing; that cut was read, now only the other rows'
    confirmation would read it."""
    text = T3_HEAD.replace("（五）不予处理\t1．信访举报投诉类申请", "（六）其他处理\t1．申请人无正当理由"
                           "逾期不补正、行政机关不再处理其政府信息公开申请\t2\t930\t34\t3\t9 87")
    report = parse_text(text + "\n")
    assert set(report.applications["other.no_correction"].values()) == {None}
