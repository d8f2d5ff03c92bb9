"""The grid mapping every tabled format shares (ingest/grid.py)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from zfxxgk.ingest.grid import SPANNED, cell_text, expand_spans, row_cells, table_lines


def test_wrapped_labels_join_without_spaces():
    assert cell_text("三\n、\n本\n年\n度") == "三、本年度"
    assert cell_text("（二）部分公开（区分处理的，只计这一情 形，不\n计其他情形）") == \
        "（二）部分公开（区分处理的，只计这一情 形，不计其他情形）"
    assert cell_text("Word\nfile") == "Word file"
    assert cell_text("\xa0") == "" and cell_text(None) == ""
    assert cell_text("a\tb") == "a b"


def test_spans_expand_and_print_once():
    grid = expand_spans([[("A", 2, 1), ("B", 1, 2)], [("1", 1, 1), ("2", 1, 1)]], 10)
    assert grid == [["A", "B", SPANNED], [SPANNED, "1", "2"]]
    lines = table_lines(grid, table=5, first_number=7)
    assert [(ln.number, ln.text, ln.table, ln.row, ln.cols) for ln in lines] == [
        (7, "A\tB", 5, 1, (1, 2)), (8, "1\t2", 5, 2, (2, 3))]


def test_blank_cells_stay_between_tabs_and_empty_rows_go():
    assert row_cells(["规章", "", "3"]) == (["规章", "", "3"], (1, 2, 3))
    assert table_lines([["", SPANNED], ["x", ""]], 1, 1)[0].row == 2


def test_hostile_spans_are_clipped():
    grid = expand_spans([[("x", 100000, 100000)], [("y", 1, 1)]], 50)
    assert len(grid[0]) == 50 and grid[1][0] is SPANNED and len(grid) == 2


@given(st.lists(st.lists(st.tuples(st.sampled_from(["", "1", "a"]), st.integers(1, 4),
                                   st.integers(1, 4)), max_size=6), max_size=6))
def test_every_position_once(rows):
    """Each source cell starts exactly one grid position; the rest are SPANNED."""
    grid = expand_spans(rows, 40)
    started = sum(1 for row in grid for c in row if c is not SPANNED)
    assert started <= sum(len(r) for r in rows)
    assert all(len(row) <= 40 for row in grid)


def test_an_empty_spacer_column_under_a_header_span_is_left_out():
    """A PDF-to-Word converter's ghost column: the header spans over it, body rows
    have an empty cell there between label and figures."""
    from zfxxgk.ingest.grid import drop_spacer_columns, expand_spans

    rows = [[("表头", 1, 1), ("申请人情况", 1, 3)],
            [("", 1, 1), ("自然人", 1, 1), ("", 1, 1), ("其他", 1, 1)],
            [("本年新收", 1, 1), ("12", 1, 1), ("", 1, 1), ("", 1, 1)]]
    starts: list = []
    grid = expand_spans(rows, 10, starts)
    drop_spacer_columns(grid, starts)
    assert [row_cells(r)[0] for r in grid] == [["表头", "申请人情况"], ["", "自然人", "其他"],
                                               ["本年新收", "12", ""]]


def test_a_blank_column_with_its_own_header_or_under_a_title_row_is_kept():
    """Blank values are facts: a column whose header starts in it is data, and a title
    spanning the whole table (no other text in its row) makes no column a spacer."""
    from zfxxgk.ingest.grid import drop_spacer_columns, expand_spans

    rows = [[("三、收到和处理政府信息公开申请情况", 1, 4)],
            [("本年新收", 1, 1), ("12", 1, 1), ("", 1, 1), ("13", 1, 1)],
            [("上年结转", 1, 1), ("14", 1, 1), ("", 1, 1), ("15", 1, 1)]]
    for head in ([], [[("", 1, 1), ("自然人", 1, 1), ("其他", 1, 1), ("总计", 1, 1)]]):
        starts: list = []
        grid = expand_spans(rows[:1] + head + rows[1:], 10, starts)
        drop_spacer_columns(grid, starts)
        assert row_cells(grid[-1])[0] == ["上年结转", "14", "", "15"]
