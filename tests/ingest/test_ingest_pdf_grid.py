"""The pure PDF table stages (ingest/pdf_grid.py) on generated rulings.

Tables are drawn as a printer draws them: rules as thin lines or as rectangles,
edges a little off their line (within the 3-point snap), broken into pieces
(within the 3-point join), some inner vertical rules left out (merged cells).
The stages must find the grid that was drawn, and must agree with pdfplumber's
own table functions, the reference they reproduce."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from zfxxgk.ingest.pdf_grid import extract, find_tables
from zfxxgk.ingest.pdf_layout import Char, Edge, rect_edges


@st.composite
def ruled_tables(draw):
    """(edges, column lefts, row tops, merged (row, column) positions)."""
    cols = draw(st.lists(st.integers(20, 120), min_size=2, max_size=7))
    rows = draw(st.lists(st.integers(12, 40), min_size=2, max_size=12))
    xs = [50.0]
    for w in cols:
        xs.append(xs[-1] + w)
    ys = [80.0]
    for h in rows:
        ys.append(ys[-1] + h)
    jitter = st.floats(-1.2, 1.2, allow_nan=False)
    merged = set()
    edges: list[Edge] = []
    for y in ys:  # horizontal rules, sometimes in two pieces with a small gap
        y += draw(jitter)
        cut = draw(st.sampled_from([None, 1, len(xs) - 2]))
        if cut is None or cut <= 0:
            edges.append(Edge("h", xs[0], y, xs[-1], y))
        else:
            gap = draw(st.floats(0, 2.5))
            edges += [Edge("h", xs[0], y, xs[cut], y), Edge("h", xs[cut] + gap, y, xs[-1], y)]
    for j, x in enumerate(xs):  # vertical rules, inner ones left out row by row
        x += draw(jitter)
        for i in range(len(rows)):
            inner = 0 < j < len(xs) - 1
            if inner and draw(st.integers(0, 5)) == 0:
                merged.add((i, j))
                continue
            if draw(st.booleans()):
                edges.append(Edge("v", x, ys[i], x, ys[i + 1]))
            else:  # a thin filled rectangle, as WPS draws its rules
                edges += rect_edges(x - 0.25, ys[i], x + 0.25, ys[i + 1])
    return edges, xs, ys, merged


def _as_plumber(edges: list[Edge]) -> list[dict]:
    return [{"orientation": e.orientation, "x0": e.x0, "x1": e.x1, "top": e.top,
             "bottom": e.bottom, "width": e.x1 - e.x0, "height": e.bottom - e.top,
             "object_type": "line"} for e in edges]


@settings(max_examples=150, deadline=None)
@given(ruled_tables())
def test_stages_agree_with_pdfplumbers_table_functions(drawn):
    from pdfplumber import table as T
    from pdfplumber.utils import filter_edges

    edges = drawn[0]
    theirs = filter_edges(T.merge_edges(filter_edges(_as_plumber(edges), min_length=1),
                                        3, 3, 3, 3), min_length=3)
    cells = T.intersections_to_cells(T.edges_to_intersections(theirs, 3, 3))
    expected = sorted(sorted(t) for t in T.cells_to_tables(cells))
    assert sorted(sorted(c for row in t.rows for c in row if c) for t in find_tables(edges)) \
        == expected


@settings(max_examples=150, deadline=None)
@given(ruled_tables())
def test_the_drawn_grid_is_found(drawn):
    edges, xs, ys, merged = drawn
    tables = find_tables(edges)
    assert len(tables) == 1
    table = tables[0]
    assert len(table.rows) == len(ys) - 1
    # a position is None exactly where the rule on its left was left out
    for i, row in enumerate(table.rows):
        if len(row) == len(xs) - 1:
            assert [j for j, cell in enumerate(row) if cell is None] == \
                sorted(j for r, j in merged if r == i)


def test_cell_text_from_character_centres():
    """Characters belong to the cell holding their centre; merged positions are None."""
    edges = (rect_edges(0, 0, 200, 40) + [Edge("h", 0, 20, 200, 20), Edge("v", 100, 0, 100, 20)])
    (table,) = find_tables(edges)

    def char(text, x, top):
        return Char(text, x, x + 10, top, top + 10)

    chars = [char("甲", 10, 5), char("乙", 120, 5), char("丙", 10, 25), char("1", 150, 25),
             char("外", 300, 5)]
    # a gap of more than 3 points between characters is a space
    assert extract(table, chars) == [["甲", "乙"], ["丙 1", None]]
