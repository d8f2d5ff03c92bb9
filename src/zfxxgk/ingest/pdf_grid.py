"""Ruling edges -> intersections -> cells -> tables -> grids of cell text.

Pure functions of `pdf_layout.Edge` and `Char` lists, shared by both PDF engines:
the table logic exists once. The rules are pdfplumber's "lines" strategy, the
reference the samples were checked with: edges within 3 points of each other
are snapped to their mean position and joined where they meet or nearly meet;
edges shorter than 3 points are dropped; a vertical and a horizontal edge within
3 points of crossing make an intersection; a cell is the smallest rectangle of
four intersections connected by edges; cells sharing a corner form a table. A
grid row lists, for each distinct left edge in the table, the cell starting
there or None (a position covered by a merged cell, `grid.SPANNED`).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from itertools import groupby
from operator import itemgetter
from typing import NamedTuple

from .grid import connected
from .pdf_layout import Char, Edge
from .pdf_text import cell_text, cluster_by

SNAP = 3.0
JOIN = 3.0
MIN_LENGTH = 3.0
INTERSECT = 3.0

Box = tuple[float, float, float, float]  # x0, top, x1, bottom


class Table(NamedTuple):
    bbox: Box
    rows: list[list[Box | None]]
    columns: int


_new = tuple.__new__  # an Edge from its fields without NamedTuple's keyword handling


def snap(edges: list[Edge]) -> list[Edge]:
    """Vertical edges moved to the mean x of their cluster, horizontal to the mean top."""
    out: list[Edge] = []
    # (orientation, the Edge fields moved: x0 and x1, or top and bottom)
    for orientation, start, end in (("v", 1, 3), ("h", 2, 4)):
        key = itemgetter(start)
        for cluster in cluster_by([e for e in edges if e[0] == orientation], key, SNAP):
            mean = sum(map(key, cluster)) / len(cluster)
            for e in cluster:
                d = mean - e[start]
                fields = list(e)
                fields[start], fields[end] = e[start] + d, e[end] + d
                out.append(_new(Edge, fields))
    return out


def join(edges: list[Edge]) -> list[Edge]:
    """Edges on one line that touch or nearly touch become one edge: horizontal
    lines first, each line from its top (left) end."""
    out: list[Edge] = []
    # (orientation, the line's position, an edge's start and end) as Edge fields
    for orientation, at, start, end in (("h", 2, 1, 3), ("v", 1, 2, 4)):
        line = [e for e in edges if e[0] == orientation]
        line.sort(key=itemgetter(at, start))  # stable: ties keep the input order
        last = None
        for e in line:
            if last is not None and e[at] == last[at] and e[start] <= last[end] + JOIN:
                if e[end] > last[end]:
                    fields = list(last)
                    fields[end] = e[end]
                    last = out[-1] = _new(Edge, fields)
            else:
                out.append(e)
                last = e
    return out


def rulings(edges: list[Edge]) -> list[Edge]:
    """The page's edges as table rulings: long enough, snapped, joined."""
    edges = [e for e in edges if (e[4] - e[2] if e[0] == "v" else e[3] - e[1]) >= 1]
    return [e for e in join(snap(edges))
            if (e[4] - e[2] if e[0] == "v" else e[3] - e[1]) >= MIN_LENGTH]


def intersections(edges: list[Edge]) -> dict[tuple[float, float], tuple[set, set]]:
    """(x, top) -> (vertical edges, horizontal edges) crossing there. Horizontal
    edges are looked up by their height, so a page of rules costs no V x H pairs."""
    verticals = [e for e in edges if e.orientation == "v"]
    horizontals = sorted((e for e in edges if e.orientation == "h"), key=lambda e: e.top)
    tops = [h.top for h in horizontals]
    points: dict[tuple[float, float], tuple[set, set]] = {}
    for v in verticals:
        lo = bisect_left(tops, v.top - INTERSECT)
        hi = bisect_right(tops, v.bottom + INTERSECT)
        for h in horizontals[lo:hi]:
            if (v.top <= h.top + INTERSECT and v.bottom >= h.top - INTERSECT
                    and h.x0 - INTERSECT <= v.x0 <= h.x1 + INTERSECT):
                v_set, h_set = points.setdefault((v.x0, h.top), (set(), set()))
                v_set.add(v[1:])
                h_set.add(h[1:])
    return points


def cells(points: dict[tuple[float, float], tuple[set, set]]) -> list[Box]:
    """For each intersection, the smallest rectangle it opens whose four sides
    are drawn (the corners pairwise on one common edge)."""
    by_x: dict[float, list] = defaultdict(list)
    by_y: dict[float, list] = defaultdict(list)
    ordered = sorted(points)
    for p in ordered:
        by_x[p[0]].append(p)
        by_y[p[1]].append(p)
    out: list[Box] = []
    for p in ordered:
        column, row = by_x[p[0]], by_y[p[1]]
        below = column[column.index(p) + 1:]  # both lists are in sorted order
        right = row[row.index(p) + 1:]
        found = _smallest(p, below, right, points)
        if found:
            out.append(found)
    return out


def _smallest(p, below, right, points) -> Box | None:
    """The first corner below `p` and the first to its right that close a drawn
    rectangle: points on one column are linked by a common vertical edge, on
    one row by a common horizontal edge."""
    verticals, horizontals = points[p]
    for b in below:
        if verticals.isdisjoint(points[b][0]):
            continue
        for r in right:
            if horizontals.isdisjoint(points[r][1]):
                continue
            at = points.get((r[0], b[1]))
            if at is not None and not at[0].isdisjoint(points[r][0]) \
                    and not at[1].isdisjoint(points[b][1]):
                return (p[0], p[1], r[0], b[1])
    return None


def tables(boxes: list[Box]) -> list[Table]:
    """Cells sharing corners -> tables of more than one cell, top to bottom."""
    owner: dict[tuple[float, float], int] = {}  # corner -> the first cell with it
    shared = [(i, owner.setdefault(corner, i)) for i, (x0, top, x1, bottom) in enumerate(boxes)
              for corner in ((x0, top), (x0, bottom), (x1, top), (x1, bottom))]
    found = [[boxes[i] for i in group] for group in connected(len(boxes), shared) if len(group) > 1]
    found.sort(key=lambda g: min(map(_TOP_LEFT, g)))
    return [_table(g) for g in found]


_TOP_LEFT = itemgetter(1, 0)  # Box: top, x0
_BOX_TOP = itemgetter(1)


def _table(boxes: list[Box]) -> Table:
    lefts = sorted({b[0] for b in boxes})
    rows = []
    for _, row in groupby(sorted(boxes, key=_TOP_LEFT), key=_BOX_TOP):
        at = {b[0]: b for b in row}
        rows.append([at.get(x) for x in lefts])
    x0s, tops, x1s, bottoms = zip(*boxes)
    return Table((min(x0s), min(tops), max(x1s), max(bottoms)), rows, len(lefts))


def find_tables(edges: list[Edge]) -> list[Table]:
    return tables(cells(intersections(rulings(edges))))


class Centres(NamedTuple):
    """A page's characters by the height of their centre: `items` are
    (y, index, x, char) sorted by y then page order, `heights` their y."""

    heights: list[float]
    items: list[tuple[float, int, float, Char]]


def centres(chars: list[Char]) -> Centres:
    """Computed once per page for all its tables (`extract`). A centre that is
    not a number (a hostile file's) lies in no cell and would spoil the order."""
    items = []
    for i, c in enumerate(chars):
        _, x0, x1, top, bottom, _, _, _ = c
        y, x = (top + bottom) / 2, (x0 + x1) / 2
        if y == y and x == x:
            items.append((y, i, x, c))
    items.sort(key=_Y)  # stable: page order within one height
    return Centres([m[0] for m in items], items)


_Y = itemgetter(0)
_X = itemgetter(2)


def extract(table: Table, chars: list[Char],
            at: Centres | None = None) -> list[list[str | None]]:
    """The table's grid: each cell's text from the characters whose centre lies
    in it (left and top edges in, right and bottom out), in page order; None
    where a merged cell covers the position. `at`: the page's `centres(chars)`,
    when several tables share them."""
    at = centres(chars) if at is None else at
    x0, top, x1, bottom = table.bbox
    inside = [m for m in at.items[bisect_left(at.heights, top):bisect_left(at.heights, bottom)]
              if x0 <= m[2] < x1]
    heights = [m[0] for m in inside]
    grid: list[list[str | None]] = []
    for row in table.rows:
        present = [b for b in row if b is not None]
        in_row = sorted(inside[bisect_left(heights, min(b[1] for b in present)):
                               bisect_left(heights, max(b[3] for b in present))], key=_X)
        xs = [m[2] for m in in_row]
        grid.append([None if b is None else _cell(in_row, xs, b) for b in row])
    return grid


def _cell(in_row: list[tuple], xs: list[float], box: Box) -> str:
    """The text of the characters of the row (sorted by x) whose centre is in `box`."""
    found = [m for m in in_row[bisect_left(xs, box[0]):bisect_left(xs, box[2])]
             if box[1] <= m[0] < box[3]]
    if len(found) > 1:
        found.sort(key=_INDEX)
    return cell_text([m[3] for m in found])


_INDEX = itemgetter(1)


def outside(chars: list[Char], boxes: list[Box], at: Centres) -> list[Char]:
    """The characters outside every table box (`at`: the page's `centres`). A
    character belongs to a table when its centre lies in the box, edges
    included, as cells take their characters. Any overlap is too much: a
    heading set right under a table (LibreOffice leaves no gap) reaches half a
    point above the table's bottom rule with its ascent, and would be lost."""
    inside: set[int] = set()
    for x0, top, x1, bottom in boxes:
        for _, i, x, _ in at.items[bisect_left(at.heights, top):bisect_right(at.heights, bottom)]:
            if x0 <= x <= x1:
                inside.add(i)
    return [c for i, c in enumerate(chars) if i not in inside] if inside else list(chars)


def merges(table: Table) -> tuple[list[set[int]], list[int]]:
    """Per row, (the 0-based columns a cell of a row above reaches down over,
    the 1-based last column a cell of the row or one above covers): what
    `grid.table_lines` makes `Line.above` and `Line.end`, so a row placed by
    its columns (`parse.grid_rows`) knows a figure cell drawn over two rows
    from one drawn over two columns. A position no cell covers before the
    row's end stays unexplained (read as the cell left of it spanning)."""
    lefts = [next(b[0] for b in column if b is not None) for column in zip(*table.rows)]
    above: list[set[int]] = []
    ends: list[int] = []
    tall: list[Box] = []  # cells of the rows so far
    for row in table.rows:
        top = min(b[1] for b in row if b is not None)
        down = [b for b in tall if b[1] < top - SNAP and b[3] > top + SNAP]
        covered = {j for j, x in enumerate(lefts) if row[j] is None
                   and any(b[0] - SNAP < x < b[2] - SNAP for b in down)}
        reach = [b[2] for b in row if b is not None] + [b[2] for b in down]
        above.append(covered)
        ends.append(sum(x < max(reach) - SNAP for x in lefts))
        tall = down + [b for b in row if b is not None]
    return above, ends


def is_data_table(grid: list[list[str | None]]) -> bool:
    """A "table" of one column is a frame drawn around prose (WPS draws those)."""
    return any(sum(c is not None for c in row) >= 2 for row in grid)


__all__ = ["Centres", "Table", "cells", "centres", "extract", "find_tables", "intersections",
           "is_data_table", "join", "merges", "outside", "rulings", "snap", "tables"]
