"""Table 二 rows of numbers set off by single spaces, where a stray space inside
one number and a blank cell lost beside it read the same (``规章 2 454 568`` for
空|2|454568; bench/blank_probe.py). Such a row is read as printed unless something
the report says doubts it: the table's other rows setting their cells off otherwise
(the row lost its cells' borders), or a figure of the prose. Made-up figures."""

from __future__ import annotations

import re

from exact_cells import tables_of, wrong_cells
from layouts import Style, write
from strategies import distinct_report
from zfxxgk.parse import parse_text

RULES = "active.rules."


def _report(rules: tuple):
    expected = distinct_report("2019", seed=4)
    expected.active["rules"].update(zip(("made", "published", "public_total"), rules))
    return expected


def _with_row(text: str, label: str, printed: str) -> str:
    line = next(ln for ln in text.split("\n") if ln.startswith(label + " |"))
    return text.replace(line, f"{label} {printed}")


def _single_spaced(text: str) -> str:
    """Every ` | ` of the text a single space (PDF text of a table without rules)."""
    return re.sub(r" *\| *", " ", text)


def _doubt(report) -> str | None:
    return next((n.data.get("doubt") for n in report.notes
                 if n.kind == "ambiguous" and RULES + "made" in n.cells), None)


def test_row_that_lost_its_borders_among_bordered_rows_stays_null():
    """The other rows print ` | ` between cells; 规章 alone single spaces, the blank
    cell gone with its border: 2|454|568 was read (three wrong cells)."""
    expected = _report((None, 2, 454568))
    text = _with_row(write("spaces", expected, seed=1, style=Style.plain()), "规章", "2 454 568")
    report = parse_text(text)
    assert wrong_cells(report, tables_of(expected)) == []
    assert list(report.active["rules"].values()) == [None] * 3
    assert _doubt(report) == "spacing"


def test_row_breaking_t2_2_in_a_single_spaced_table_is_read_as_printed():
    """All single spaced, the spacing tells nothing; 2|736|87 puts 对外公开总数量 (87)
    under 本年新公开数量 (736), which tables printed so do as often as a stray space
    and a lost blank: no witness, read as printed (the checker warns, T2-2)."""
    expected = _report((2, 736, 87))
    text = _single_spaced(write("spaces", expected, seed=1, style=Style.plain()))
    assert "规章 2 736 87" in text
    report = parse_text(text)
    assert list(report.active["rules"].values()) == [2, 736, 87]


def test_single_spaced_row_of_a_single_spaced_table_is_read_as_printed():
    """Nothing doubts 2|454|568 in a table printed all so: read as printed."""
    expected = _report((2, 454, 568))
    text = _single_spaced(write("spaces", expected, seed=1, style=Style.plain()))
    assert "规章 2 454 568" in text
    report = parse_text(text)
    assert list(report.active["rules"].values()) == [2, 454, 568]
    assert wrong_cells(report, tables_of(expected)) == []
