"""A note mark printed right after a figure (12¹, 12①, 12⑴) is no digit of it: NFKC
turns ¹ and ① into 1, and 12¹ was read as 121. The cell is a figure with a note,
left unread (null, F-VALUE) like 3（注）."""

from __future__ import annotations

import re

import pytest

from exact_cells import tables_of, wrong_cells
from layouts import write
from strategies import distinct_report
from zfxxgk.parse import parse_text
from zfxxgk.parse.cells import classify


@pytest.mark.parametrize("raw", ["12¹", "12①", "１２①", "12⑴", "3.5²", "12❶"])
def test_a_figure_with_a_note_mark_is_no_number(raw):
    assert classify(raw).kind == "text"


@pytest.mark.parametrize("raw,kind", [("①属于国家秘密", "text"), ("12", "number"), ("１２", "number")])
def test_marks_elsewhere_are_left_as_they_were(raw, kind):
    assert classify(raw).kind == kind


@pytest.mark.parametrize("layout", ["markdown", "tab_exact", "spaces", "pdf_text"])
def test_a_row_with_note_marks_reads_no_wrong_number(layout):
    report = distinct_report("2021", seed=4)
    lines = write(layout, report, seed=1).split("\n")
    rows = [i for i, line in enumerate(lines) if len(re.findall(r"\d+", line)) >= 3]
    for i in rows[3:5]:
        lines[i] = re.sub(r"(?<=\d)(?=[ \t|]|$)", "①", lines[i], count=1)
    assert wrong_cells(parse_text("\n".join(lines)), tables_of(report)) == []
