"""Table 三 printed by a spreadsheet in two pieces side by side, the left columns
on one page and the rest on the next (tests/ingest/wide_print.py): the pieces'
rows are joined back, and nothing else is joined."""

from __future__ import annotations

from functools import lru_cache

import pytest

from exact_cells import tables_of, wrong_cells
from strategies import distinct_report
from wide_print import wide_split
from zfxxgk.api import report_from_loaded
from zfxxgk.ingest.pdf import Item, load_pdf
from zfxxgk.ingest.pdf_wide import join_wide, joined_grid, lone_column


@lru_cache(maxsize=None)
def _report(template: str):
    return distinct_report(template, seed=900 if template == "2021" else 901)


@pytest.mark.parametrize("template,cut,titles", [
    ("2021", 6, False),  # figures without labels on the second page
    ("2021", 4, True),   # print titles: the label columns repeated
    ("2019", 9, False),  # the second piece one column (总计 alone)
    ("2021", 4, False),  # a heading row starting in the second piece only
])
def test_a_table_printed_in_two_pieces_reads_whole(template, cut, titles):
    """Every cell of table 三 read, in both engines (each read its piece as a
    table of its own: the figures without labels were lost, all of them)."""
    expected = _report(template)
    data = wide_split(expected, cut, titles)
    for engine in ("pdfium", "pdfplumber"):
        report = report_from_loaded(load_pdf(data, "wide.pdf", {"engine": engine}))
        assert wrong_cells(report, tables_of(expected)) == []
        assert tables_of(report) == tables_of(expected), engine


@pytest.mark.parametrize("cut,titles", [(6, False), (4, True)])
def test_figures_merged_down_in_a_piece_read_whole(cut, titles):
    """A figure cell drawn over two rows (an editor's merge) in a table printed
    in pieces: the joined table keeps each piece's merges, so the figure is
    placed as merged down and the cell under it filled by the identities as in
    one piece (the joined rows had no merges: every such cell was lost)."""
    expected = _report("2021")
    data = wide_split(expected, cut, titles, merged=True)
    for engine in ("pdfium", "pdfplumber"):
        report = report_from_loaded(load_pdf(data, "wide.pdf", {"engine": engine}))
        assert wrong_cells(report, tables_of(expected)) == []
        assert tables_of(report) == tables_of(expected), engine


def _table(grid, tops=None, height=None) -> Item:
    tops = tops if tops is not None else tuple(20.0 * k for k in range(len(grid)))
    return Item(0.0, grid=grid, columns=len(grid[0]),
                rulings=tuple(tops) + (height if height is not None else 20.0 * len(grid),))


_LEFT = [["情形", "自然人"], ["一、本年新收", "3"], ["二、上年结转", "1"], ["（七）总计", "4"]]


def test_a_table_continued_below_is_not_joined_beside():
    """A table whose rows go on at the top of the next page has its labels: as
    many rows of the same height do not make it the rest of the rows."""
    below = [["（一）予以公开", "2"], ["（二）部分公开", "1"], ["（三）不予公开", "0"],
             ["四、结转下年度", "1"]]
    assert joined_grid(_table(_LEFT), _table(below)) is None
    assert joined_grid(_table(_LEFT), _table([["商业企业"], ["0"], ["0"], ["0"]])) is not None


def test_pieces_of_other_heights_are_not_joined():
    right = [["商业企业"], ["0"], ["5"], ["5"]]
    assert joined_grid(_table(_LEFT), _table(right, height=95.0)) is None
    assert joined_grid(_table(_LEFT), _table(right, tops=(0.0, 20.0, 46.0, 60.0))) is None
    assert joined_grid(_table(_LEFT), _table(right)) == [a + b for a, b in zip(_LEFT, right)]


def test_a_row_starting_in_one_piece_only_is_merged_in_the_other():
    """A heading row the left piece's cells all span (自然人 over two rows)
    starts in the right piece only: it becomes a row of merged cells there."""
    left = [["情形", "自然人"], ["一、本年新收", "3"], ["二、上年结转", "1"], ["（七）总计", "4"]]
    right = [["法人或其他组织"], ["商业企业"], ["0"], ["5"], ["5"]]
    tops = (0.0, 10.0, 20.0, 40.0, 60.0)
    joined = joined_grid(_table(left, tops=(0.0, 20.0, 40.0, 60.0)), _table(right, tops=tops, height=80.0))
    assert joined == [["情形", "自然人", "法人或其他组织"], [None, None, "商业企业"],
                      ["一、本年新收", "3", "0"], ["二、上年结转", "1", "5"],
                      ["（七）总计", "4", "5"]]


def test_a_framed_column_of_prose_stays_text():
    """One ruled column of figures may be a piece; a frame around prose is not,
    and a piece left over is read as text, as before."""
    assert lone_column([["总计"], ["21"], ["0"], ["21"]])
    assert not lone_column([["本机关2023年共收到申请21件，均已按时办结。"], ["3"], ["4"], ["5"]])
    column = _table([["总计"], ["21"], ["0"], ["21"]])
    pages = join_wide([[Item(0.0, text="一、总体情况")], [column]], lambda items: items)
    assert [it.text for it in pages[1]] == ["总计", "21", "0", "21"]
    assert all(it.grid is None for it in pages[1])


def test_a_table_printed_twice_is_no_piece():
    """The same table closing one page and opening the next (a page printed
    twice): its label column repeats, but the rest is no piece of it."""
    assert joined_grid(_table(_LEFT), _table([list(r) for r in _LEFT])) is None
