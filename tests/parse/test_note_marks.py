"""A note mark printed before or after a figure (57¹, ¹57, 57①, ①57, 57⑴) is no
digit of it: NFKC turns ¹ and ① into 1, and 57¹ was read as 571, ①57 as 157. The
figure is read without its mark; a mark that cannot be told from a figure (a cell of
marks alone, ¹ or ⁵⁷, or a mark between digits, 5①7) leaves the cell unread (null,
F-VALUE) like 3（注）."""

from __future__ import annotations

import re

import pytest

from exact_cells import TABLES, tables_of, wrong_cells
from layouts import write
from strategies import distinct_report
from zfxxgk.api import report_from_bytes
from zfxxgk.parse import parse_text
from zfxxgk.parse.cells import classify
from zfxxgk.render import render


@pytest.mark.parametrize("raw,value", [
    ("57¹", 57), ("57①", 57), ("５７①", 57), ("57⑴", 57), ("57❶", 57), ("57¹²", 57),
    ("¹57", 57), ("①57", 57), ("① 57", 57), ("57 ¹", 57), ("57₁", 57), ("57⓪", 57),
    ("57㉑", 57), ("1,234¹", 1234), ("-3¹", -3)])
def test_a_figure_with_a_note_mark_is_read_without_it(raw, value):
    cell = classify(raw)
    assert (cell.kind, cell.value, cell.raw) == ("number", value, raw)


def test_a_decimal_and_a_unit_keep_their_figure():
    assert str(classify("3.5²").value) == "3.5"
    assert (classify("12万元¹").value, classify("12万元¹").unit) == (12, "万元")


@pytest.mark.parametrize("raw,text", [("¹", "¹"), ("①", "①"), ("⁵⁷", "⁵⁷"), ("-¹", "-¹"), ("①②", "①②"),
                                      ("5①7", "5*7")])
def test_a_mark_that_cannot_be_told_from_a_figure_is_no_number(raw, text):
    # F-VALUE shows the cell as printed (印作“⁵⁷”, not “57”), or the mark as one (5*7)
    assert (classify(raw).kind, classify(raw).text) == ("text", text)


@pytest.mark.parametrize("raw,kind", [("①属于国家秘密", "text"), ("12", "number"), ("１２", "number"),
                                      ("⑴", "text")])
def test_marks_elsewhere_are_left_as_they_were(raw, kind):
    assert classify(raw).kind == kind
    assert classify("①属于国家秘密").text == "1属于国家秘密"  # the label keeps its item number


@pytest.mark.parametrize("layout", ["markdown", "tab_exact", "spaces", "pdf_text"])
def test_a_row_with_note_marks_reads_no_wrong_number(layout):
    report = distinct_report("2021", seed=4)
    lines = write(layout, report, seed=1).split("\n")
    rows = [i for i, line in enumerate(lines) if len(re.findall(r"\d+", line)) >= 3]
    for i in rows[3:5]:
        lines[i] = re.sub(r"(?<=\d)(?=[ \t|]|$)", "①", lines[i], count=1)
    assert wrong_cells(parse_text("\n".join(lines)), tables_of(report)) == []


@pytest.mark.parametrize("mark", ["{}¹", "{}①", "¹{}", "①{}"])
def test_a_web_pages_marked_figures_are_read(mark):
    """A web page whose every figure carries a note mark as a character, not <sup>."""
    report = distinct_report("2021", seed=4)
    page = re.sub(r"(<td[^>]*data-cell[^>]*>)(-?\d+)(</td>)",
                  lambda m: m[1] + mark.format(m[2]) + m[3], render(report, "html"))
    assert page.count(mark.format("")) > 100
    parsed = report_from_bytes(page.encode(), "r.html")
    assert wrong_cells(parsed, tables_of(report)) == []
    for table in TABLES:
        for row, cols in getattr(report, table).items():
            got = (getattr(parsed, table) or {}).get(row, {})
            assert {c: got.get(c) for c, v in cols.items() if v is not None} \
                == {c: v for c, v in cols.items() if v is not None}, (table, row)
