"""Ruling lines -> tables -> grids of cells, merged cells resolved.

The same idea as reading a PDF's drawn lines, on pixels: long thin runs of ink
are kept by morphological opening with a long flat (or tall) kernel; their
positions, clustered, are the row and column boundaries of each table; two
neighbouring base cells with no rule between them are one merged cell.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..grid import connected
from .cells import runs, segments
from .seals import on_ring

# A rule must cover this share of a boundary between two base cells for them to
# count as separate cells.
_SEPARATE = 0.8
# A table is at least this share of the page's width: a report's tables run
# across the page (or fill the picture they were pasted as); the long strokes of
# a bold title also survive the masks' opening, as a box of a few characters.
_MIN_WIDTH = 0.2
# Rules closer than this (pixels at the working scale) are one rule drawn twice.
MERGE_PX = 8


@dataclass(frozen=True)
class Cell:
    """A cell of a table: its top-left grid position, spans and pixel box."""

    row: int
    col: int
    rowspan: int
    colspan: int
    box: tuple[int, int, int, int]  # x0, y0, x1, y1 in page pixels


@dataclass(frozen=True)
class Table:
    box: tuple[int, int, int, int]
    rows: int
    cols: int
    cells: tuple[Cell, ...]


def line_masks(binary: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(horizontal rules, vertical rules) as masks: ink that survives opening with
    a kernel longer than any character."""
    import cv2

    h, w = binary.shape
    hk = cv2.getStructuringElement(cv2.MORPH_RECT, (max(20, w // 40), 1))
    vk = cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(20, h // 80)))
    horizontal = cv2.morphologyEx(binary, cv2.MORPH_OPEN, hk)
    vertical = cv2.morphologyEx(binary, cv2.MORPH_OPEN, vk)
    # close small gaps of broken (scanned, blurred) rules
    horizontal = cv2.dilate(horizontal, cv2.getStructuringElement(cv2.MORPH_RECT, (9, 3)))
    vertical = cv2.dilate(vertical, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 9)))
    return horizontal, vertical


def table_boxes(horizontal: np.ndarray, vertical: np.ndarray,
                min_side: int = 60) -> list[tuple[int, int, int, int]]:
    """Boxes of the connected frameworks of rules that have at least two of each
    kind of rule (a lone underline or a page border is no table)."""
    import cv2

    both = cv2.bitwise_or(horizontal, vertical)
    count, _, stats, _ = cv2.connectedComponentsWithStats(both, connectivity=8)
    boxes = []
    for k in range(1, count):
        x, y, w, h, _ = stats[k]
        if w < min_side or h < min_side:
            continue
        sub_h = horizontal[y:y + h, x:x + w]
        sub_v = vertical[y:y + h, x:x + w]
        if len(_positions(sub_h.any(axis=1))) >= 2 and len(_positions(sub_v.any(axis=0))) >= 2:
            boxes.append((int(x), int(y), int(x + w), int(y + h)))
    boxes.sort(key=lambda b: (b[1], b[0]))
    return boxes


def _positions(profile: np.ndarray) -> list[int]:
    """Centres of the runs of True in a 1-D profile, runs closer than MERGE_PX
    joined (fewer than MERGE_PX blank pixels between them)."""
    return [(a + b - 1) // 2 for a, b in segments(profile, MERGE_PX)]


def boundaries(mask: np.ndarray, axis: int, min_share: float = 0.08) -> list[int]:
    """Positions of rules in a table's mask along `axis` (0: rows of horizontal
    rules, 1: columns of vertical rules) that span at least `min_share` of it."""
    length = mask.shape[1 - axis]
    coverage = (mask > 0).sum(axis=1 - axis)
    out = []
    for a, b in segments(coverage >= max(10, min_share * length), MERGE_PX):
        # where the rule is: the run's best covered columns, not its middle (a
        # CJK stroke beside a rule survives the opening on a short image, half
        # a page, and the middle of the two was no rule: the column was lost)
        best = coverage[a:b] >= 0.9 * coverage[a:b].max()
        peak = int(coverage[a:b].argmax())
        lo, hi = next((c, d) for c, d in runs(best) if c <= peak < d)
        out.append(a + (lo + hi - 1) // 2)
    return out


def spanning(mask: np.ndarray, candidates: list[int], across: list[int], axis: int,
             share: float = 0.85) -> list[int]:
    """The candidate rules that run the whole way across at least one band between
    two rules of the other direction. A column of thin digits ("1" over "1") or a
    dash survives the morphological opening, but never reaches from one rule to
    the next: a real rule does."""
    keep = []
    for pos in candidates:
        # the rule's strip, along the rule (axis 1: a vertical rule at x=pos, its
        # bands between horizontal rules), across it
        strip = mask[:, max(0, pos - 4):pos + 5] if axis == 1 else mask[max(0, pos - 4):pos + 5].T
        for a, b in zip(across, across[1:]):
            if b - a >= 4 and (strip[a:b].max(axis=1) > 0).mean() >= share:
                keep.append(pos)
                break
    return keep


def open_ends(positions: list[int], length: int) -> list[int]:
    """Rule positions with the table's own edges added where rules of the other
    direction run on past the last rule: a table broken by a page break has no
    bottom rule on the first page (nor a top rule on the next), yet its vertical
    rules reach down to the cut, and the row there is a row. A rule's crossing and
    the masks' dilation overhang by a few pixels, which is no row. Two rules at
    least must be drawn: a lone cross of two lines is no table."""
    if len(positions) < 2:
        return positions
    gaps = np.diff(positions)
    least = max(12, 0.25 * float(np.median(gaps)))
    out = list(positions)
    if out[0] > least:
        out.insert(0, 0)
    if length - 1 - out[-1] > least:
        out.append(length - 1)
    return out


def _covered(segment: np.ndarray) -> bool:
    return segment.size > 0 and (segment > 0).mean() >= _SEPARATE


def grid_cells(horizontal: np.ndarray, vertical: np.ndarray, ys: list[int],
               xs: list[int]) -> list[Cell]:
    """Base cells between consecutive rules, joined where no rule separates them
    (union-find over the base grid); every group is reported by its bounding box
    in base cells. Coordinates are those of the masks given (the table's box)."""
    rows, cols = len(ys) - 1, len(xs) - 1
    joined: list[tuple[int, int]] = []  # neighbouring base cells without a rule between
    pad = 3
    for r in range(rows):
        for c in range(cols):
            y0, y1 = ys[r] + pad, ys[r + 1] - pad
            x0, x1 = xs[c] + pad, xs[c + 1] - pad
            # (a cell narrower than the padding has an empty segment: not covered)
            if c + 1 < cols and not _covered(
                    vertical[y0:y1, max(0, xs[c + 1] - 4):xs[c + 1] + 5].max(axis=1)):
                joined.append((r * cols + c + 1, r * cols + c))
            if r + 1 < rows and not _covered(
                    horizontal[max(0, ys[r + 1] - 4):ys[r + 1] + 5, x0:x1].max(axis=0)):
                joined.append(((r + 1) * cols + c, r * cols + c))
    cells = []
    for members in connected(rows * cols, joined):
        rows_of, cols_of = [i // cols for i in members], [i % cols for i in members]
        r0, r1, c0, c1 = min(rows_of), max(rows_of), min(cols_of), max(cols_of)
        cells.append(Cell(r0, c0, r1 - r0 + 1, c1 - c0 + 1,
                          (xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1])))
    cells.sort(key=lambda cell: (cell.row, cell.col))
    return cells


def _off_ring(mask: np.ndarray, positions: list[int], axis: int, origin: tuple[int, int],
              seals: list[tuple[int, int, int]]) -> list[int]:
    """The rules at `positions` of a table's mask (its top-left at `origin` on the
    page) less those that are a seal's ring: on a greyscale scan the ring's side
    runs nearly straight down a row or two, and was a column boundary of its own
    through the cells under it (the header's 总计 read as "1" and "计"). Such a
    rule has all its ink on the ring and is curved; a rule the ring runs along
    is straight, and is put where it is, not between it and the ring."""
    keep: list[int] = []
    for pos in positions:
        a = max(0, pos - MERGE_PX)  # the run the position is the centre of
        strip = mask[:, a:pos + MERGE_PX + 1] if axis == 1 else mask[a:pos + MERGE_PX + 1].T
        ys, xs = np.nonzero(strip)  # along the rule, across it
        at = (xs + a + origin[0], ys + origin[1]) if axis == 1 else (ys + origin[0], xs + a + origin[1])
        share = on_ring(*at, seals).mean() if ys.size else 0.0
        if share < _BESIDE:
            keep.append(pos)
            continue
        a = max(0, pos - 2 * MERGE_PX)  # wider: the edges of a rule lie inside
        wide = mask[:, a:pos + 2 * MERGE_PX + 1] if axis == 1 else mask[a:pos + 2 * MERGE_PX + 1].T
        along = wide[strip.any(axis=1)] > 0  # the candidate's length only
        if share < _ON_RING or _straight(along):
            # a rule the ring runs beside: the position is the rule's, not
            # between it and the ring (where a cell's edge finds no rule)
            pos = a + int(along.sum(axis=0).argmax())
            if not keep or pos - keep[-1] >= MERGE_PX:
                keep.append(pos)
    return keep


def _straight(strip: np.ndarray) -> bool:
    """Whether a strip of rule mask (along the rule, across it) holds a straight
    line: along most of its inked length, its ink begins (or ends) in one place.
    A ring's side is as long as a row and its stroke as wide as a rule's mask,
    yet both its edges drift across the strip (a rule it runs along keeps one)."""
    rows = strip[strip.any(axis=1)]
    if rows.size == 0:
        return False
    first = rows.argmax(axis=1)
    last = strip.shape[1] - 1 - rows[:, ::-1].argmax(axis=1)
    inside = [first[first > 0], last[last < strip.shape[1] - 1]]  # not cut by the strip
    return any(edge.size and _level(edge) >= _STRAIGHT * len(rows) for edge in inside)


def _level(edge: np.ndarray) -> int:
    """How many of an edge's positions lie within a pixel of its most common one."""
    counts = np.bincount(edge)
    return int(max(counts[max(0, c - 1):c + 2].sum() for c in range(len(counts))))


# Share of a rule's ink on a seal's ring for it to be taken for the ring (if it is
# not straight), and share of its length along which a straight rule's edge
# stays within a pixel of one place (a ring's side, along four fifths at most).
_ON_RING = 0.95
_STRAIGHT = 0.92
# Share of a rule's ink on a ring above which the ring runs beside it.
_BESIDE = 0.2


def find_tables(binary: np.ndarray, masks: tuple[np.ndarray, np.ndarray] | None = None,
                seals: list[tuple[int, int, int]] = ()) -> list[Table]:
    """Every ruled table on a page, top to bottom, with its cells in page pixels
    (`masks`: the page's `line_masks`, when already made; `seals`: the rings of
    seals on it, `seals.seal_circles`)."""
    horizontal, vertical = masks if masks is not None else line_masks(binary)
    tables = []
    for x0, y0, x1, y1 in table_boxes(horizontal, vertical):
        if x1 - x0 < _MIN_WIDTH * binary.shape[1]:
            continue  # the strokes of a big bold title, a seal's frame: no table
        sub_h = horizontal[y0:y1, x0:x1]
        sub_v = vertical[y0:y1, x0:x1]
        ys = boundaries(sub_h, 0)
        xs = spanning(sub_v, boundaries(sub_v, 1), ys, axis=1)
        ys = spanning(sub_h, ys, xs, axis=0)
        if seals:
            xs = _off_ring(sub_v, xs, 1, (x0, y0), seals)
            ys = _off_ring(sub_h, ys, 0, (x0, y0), seals)
        ys = open_ends(ys, y1 - y0)
        xs = open_ends(xs, x1 - x0)
        if len(ys) < 2 or len(xs) < 2:
            continue
        cells = grid_cells(sub_h, sub_v, ys, xs)
        placed = tuple(Cell(c.row, c.col, c.rowspan, c.colspan,
                            (c.box[0] + x0, c.box[1] + y0, c.box[2] + x0, c.box[3] + y0))
                       for c in cells)
        tables.append(Table((x0, y0, x1, y1), len(ys) - 1, len(xs) - 1, placed))
    return tables


def erase_rules(grey: np.ndarray, binary: np.ndarray, masks: tuple[np.ndarray, np.ndarray],
                tables: list[Table], band: int = 8) -> tuple[np.ndarray, np.ndarray]:
    """The page and its ink without the tables' ruling lines: rule pixels (and the
    blurred fringe beside them) along every cell's edges painted paper-white. A
    cell's text crop is padded, and a sliver of rule caught in the padding was read
    as "L", "1" or "|" beside a digit. Only ink along the cells' edges is erased: a
    tall "1" inside a cell survives the rule masks' opening too."""
    import cv2

    near = np.zeros(binary.shape, dtype=bool)
    for table in tables:
        for cell in table.cells:
            x0, y0, x1, y1 = cell.box
            a, b = max(0, x0 - band), x1 + band
            near[max(0, y0 - band):y0 + band, a:b] = True
            near[max(0, y1 - band):y1 + band, a:b] = True
            a, b = max(0, y0 - band), y1 + band
            near[a:b, max(0, x0 - band):x0 + band] = True
            near[a:b, max(0, x1 - band):x1 + band] = True
    on = (cv2.dilate(cv2.bitwise_or(*masks), np.ones((5, 5), np.uint8)) > 0) & near
    grey = grey.copy()
    grey[on] = 255
    binary = binary.copy()
    binary[on] = 0
    return grey, binary


__all__ = ["MERGE_PX", "Cell", "Table", "boundaries", "erase_rules", "open_ends", "find_tables", "grid_cells",
           "line_masks", "table_boxes"]
