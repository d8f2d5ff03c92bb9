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
from typing import NamedTuple

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


def _length(e: Edge) -> float:
    return e.bottom - e.top if e.orientation == "v" else e.x1 - e.x0


def snap(edges: list[Edge]) -> list[Edge]:
    """Vertical edges moved to the mean x of their cluster, horizontal to the mean top."""
    out: list[Edge] = []
    for orientation, key in (("v", lambda e: e.x0), ("h", lambda e: e.top)):
        group = [e for e in edges if e.orientation == orientation]
        for cluster in cluster_by(group, key, SNAP):
            mean = sum(key(e) for e in cluster) / len(cluster)
            for e in cluster:
                d = mean - key(e)
                out.append(Edge("v", e.x0 + d, e.top, e.x1 + d, e.bottom) if orientation == "v"
                           else Edge("h", e.x0, e.top + d, e.x1, e.bottom + d))
    return out


def join(edges: list[Edge]) -> list[Edge]:
    """Edges on one line that touch or nearly touch become one edge."""
    def line(e: Edge):
        return (e.orientation, e.top if e.orientation == "h" else e.x0)

    out: list[Edge] = []
    for (orientation, _), group in groupby(sorted(edges, key=line), key=line):
        vertical = orientation == "v"
        start = (lambda e: e.top) if vertical else (lambda e: e.x0)
        end = (lambda e: e.bottom) if vertical else (lambda e: e.x1)
        joined: list[Edge] = []
        for e in sorted(group, key=start):
            last = joined[-1] if joined else None
            if last is not None and start(e) <= end(last) + JOIN:
                if end(e) > end(last):
                    joined[-1] = last._replace(bottom=e.bottom) if vertical \
                        else last._replace(x1=e.x1)
            else:
                joined.append(e)
        out.extend(joined)
    return out


def rulings(edges: list[Edge]) -> list[Edge]:
    """The page's edges as table rulings: long enough, snapped, joined."""
    edges = [e for e in edges if _length(e) >= 1]
    return [e for e in join(snap(edges)) if _length(e) >= MIN_LENGTH]


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
    for p in sorted(points):
        by_x[p[0]].append(p)
        by_y[p[1]].append(p)

    def linked(p, q) -> bool:
        if p[0] == q[0] and not points[p][0].isdisjoint(points[q][0]):
            return True
        return p[1] == q[1] and not points[p][1].isdisjoint(points[q][1])

    out: list[Box] = []
    for p in sorted(points):
        column, row = by_x[p[0]], by_y[p[1]]
        below = column[column.index(p) + 1:]  # both lists are in sorted order
        right = row[row.index(p) + 1:]
        found = _smallest(p, below, right, points, linked)
        if found:
            out.append(found)
    return out


def _smallest(p, below, right, points, linked) -> Box | None:
    for b in below:
        if not linked(p, b):
            continue
        for r in right:
            if not linked(p, r):
                continue
            corner = (r[0], b[1])
            if corner in points and linked(corner, r) and linked(corner, b):
                return (p[0], p[1], corner[0], corner[1])
    return None


def tables(boxes: list[Box]) -> list[Table]:
    """Cells sharing corners -> tables of more than one cell, top to bottom."""
    parent = list(range(len(boxes)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[tuple[float, float], int] = {}
    for i, (x0, top, x1, bottom) in enumerate(boxes):
        for corner in ((x0, top), (x0, bottom), (x1, top), (x1, bottom)):
            if corner in owner:
                parent[find(i)] = find(owner[corner])
            else:
                owner[corner] = i
    groups: dict[int, list[Box]] = defaultdict(list)
    for i, box in enumerate(boxes):
        groups[find(i)].append(box)
    found = [g for g in groups.values() if len(g) > 1]
    found.sort(key=lambda g: min((b[1], b[0]) for b in g))
    return [_table(g) for g in found]


def _table(boxes: list[Box]) -> Table:
    lefts = sorted({b[0] for b in boxes})
    rows = []
    for _, row in groupby(sorted(boxes, key=lambda b: (b[1], b[0])), key=lambda b: b[1]):
        at = {b[0]: b for b in row}
        rows.append([at.get(x) for x in lefts])
    bbox = (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))
    return Table(bbox, rows, len(lefts))


def find_tables(edges: list[Edge]) -> list[Table]:
    return tables(cells(intersections(rulings(edges))))


def extract(table: Table, chars: list[Char]) -> list[list[str | None]]:
    """The table's grid: each cell's text from the characters whose centre lies
    in it (left and top edges in, right and bottom out), in page order; None
    where a merged cell covers the position."""
    x0, top, x1, bottom = table.bbox
    centres = []
    for i, c in enumerate(chars):
        x, y = (c.x0 + c.x1) / 2, (c.top + c.bottom) / 2
        if x0 <= x < x1 and top <= y < bottom:
            centres.append((y, i, x, c))
    centres.sort()
    heights = [m[0] for m in centres]
    grid: list[list[str | None]] = []
    for row in table.rows:
        present = [b for b in row if b is not None]
        in_row = centres[bisect_left(heights, min(b[1] for b in present)):
                         bisect_left(heights, max(b[3] for b in present))]
        grid.append([None if b is None else _cell(in_row, b) for b in row])
    return grid


def _cell(in_row: list[tuple], box: Box) -> str:
    inside = sorted((i, c) for y, i, x, c in in_row
                    if box[0] <= x < box[2] and box[1] <= y < box[3])
    return cell_text([c for _, c in inside])


def is_data_table(grid: list[list[str | None]]) -> bool:
    """A "table" of one column is a frame drawn around prose (WPS draws those)."""
    return any(sum(c is not None for c in row) >= 2 for row in grid)


__all__ = ["Table", "cells", "extract", "find_tables", "intersections", "is_data_table",
           "join", "rulings", "snap", "tables"]
