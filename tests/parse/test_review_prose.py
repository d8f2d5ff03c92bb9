"""Table 四 printed as three rows of five after their groups' names, each run
together (``行政复议2113034``): a run may have lost a blank cell with its separators
(2|1|1|30|34 and 21|13|0|空|34 both add up), so the group's own total reads none
and the table stayed null (bench/combo_probe.py t4_rows_run). Where part 四's prose
states the group's figures and one reading alone agrees, that reading is read,
named as the prose's (decided_by 正文). Made-up figures."""

from __future__ import annotations

import pytest

from exact_cells import tables_of, wrong_cells
from layouts import Style, write
from strategies import distinct_report
from zfxxgk.parse import parse_text
from zfxxgk.parse.figures import prose_figures

GROUPS = {"review": [2, 1, 1, 30, 34], "suit_direct": [2, 2, 1, 37, 42],
          "suit_after_review": [1, 33, 10, 0, 44]}
NAMES = {"review": "行政复议", "suit_direct": "未经复议直接起诉", "suit_after_review": "复议后起诉"}
COLS = ("upheld", "corrected", "other", "pending", "total")


def _runs(sentence: str):
    """A report whose table 四 prints its three groups each run together after its
    name, with `sentence` in part 四."""
    expected = distinct_report("2021", seed=3)
    for group, values in GROUPS.items():
        expected.review_litigation[group] = dict(zip(COLS, values))
    text = write("tab_exact", expected, seed=1, style=Style.plain())
    row = "\t".join(str(v) for g in GROUPS.values() for v in g)
    assert row in text
    runs = "\n".join(NAMES[g] + "".join(map(str, v)) for g, v in GROUPS.items())
    text = text.replace(row, runs).replace("\n五、", f"\n{sentence}\n五、", 1)
    return expected, parse_text(text)


def test_prose_stating_a_groups_figures_reads_its_run():
    expected, report = _runs("本年度发生政府信息公开行政复议34件，其中维持2件；未经复议直接起诉42件。")
    assert wrong_cells(report, tables_of(expected)) == []
    assert list(report.review_litigation["review"].values()) == GROUPS["review"]
    assert report.provenance["review_litigation.review.pending"].decided_by == "正文"
    # 42 alone leaves 2|2|1|37|42 and 22|1|3|空|42 …: its parts null, the total
    # (the run's end, and the prose's) read
    assert report.review_litigation["suit_direct"] == {
        "upheld": None, "corrected": None, "other": None, "pending": None, "total": 42}
    assert report.provenance["review_litigation.suit_direct.total"].decided_by == "正文"
    assert set(report.review_litigation["suit_after_review"].values()) == {None}


@pytest.mark.parametrize("sentence", [
    "上年度发生政府信息公开行政复议34件，其中维持2件。",  # another year's figures
    "",
])
def test_without_a_deciding_figure_the_runs_stay_null(sentence):
    expected, report = _runs(sentence)
    assert wrong_cells(report, tables_of(expected)) == []
    assert set(report.review_litigation["review"].values()) == {None}


def test_the_total_alone_reads_the_total_only():
    """行政复议34件 and a run ending in 34: 2|1|1|30|34 and 21|13|0|空|34 both
    agree, so the parts stay null; the total is printed twice and is read."""
    expected, report = _runs("本年度发生政府信息公开行政复议34件。")
    assert wrong_cells(report, tables_of(expected)) == []
    assert report.review_litigation["review"] == {
        "upheld": None, "corrected": None, "other": None, "pending": None, "total": 34}


@pytest.mark.parametrize("said", [4, 134, 30])
def test_a_total_the_run_cannot_end_with_is_not_read(said):
    """The prose's total read only where the run ends with its digits and the
    digits before them can be parts no larger than it (34 printed, 4 said: 2113|0|4
    would need parts adding to more than 4)."""
    expected, report = _runs(f"本年度发生政府信息公开行政复议{said}件。")
    assert report.review_litigation["review"]["total"] is None


def test_table_four_figures_of_the_prose():
    said = prose_figures(["本年度发生行政复议3件（维持2件、纠正1件），未经复议直接起诉1件，复议后起诉2件。"])
    assert said == {"review_litigation.review.total": 3, "review_litigation.review.upheld": 2,
                    "review_litigation.review.corrected": 1,
                    "review_litigation.suit_direct.total": 1,
                    "review_litigation.suit_after_review.total": 2}
    # 行政诉讼 alone sums two groups; a lawsuit's 维持 is no 行政复议 result
    assert prose_figures(["发生行政复议2件，行政诉讼3件，维持1件。"]) == {
        "review_litigation.review.total": 2}
