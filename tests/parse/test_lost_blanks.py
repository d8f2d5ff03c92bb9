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

