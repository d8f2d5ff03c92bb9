"""Tables ruled only across (三线表): a rule on top, one under the header, one at
the bottom, sometimes one under each row, and no vertical rule at all.

`rulings` needs rules both ways; here the columns come from the text's own
alignment and the rows, where no rule parts them, from its lines. The grid is
drawn as rules would have drawn it, and `rulings.grid_cells` makes the cells:

- the long horizontal rules of the page, outside the ruled tables, are grouped
  into tables: two rules belong to one table while the text between them looks
  like a table's rows (blocks of ink far apart, or many blocks, or a heading
  centred over the columns); a heading or prose between two tables starts at
  the left and is one block a line, or a few where punctuation leaves a gap;
- a column boundary is where lines of the table have a gap between two blocks
  of ink more often than ink (a label running over two columns, a header
  centred over several, crosses it: in that row it is no boundary, and the
  cells there are one merged cell);
- below the header, a band between two rules holding several lines of figures
  is parted at the widest blank between each two of those lines (a label
  wrapped over three lines stays with its figures), except in a column where
  ink crosses the cut (a group label beside several rows).

A number is never moved into another column: text is only ever cut at blank
pixels, and a cell line holding two blocks of figures (a boundary missed) is
doubted by the page reader (`split_line`).
"""

from __future__ import annotations

import numpy as np

from . import cells as ink
from .rulings import MERGE_PX, Cell, Table, boundaries, grid_cells

# A rule across a table is at least this share of the page's width.
_RULE = 0.4
# Blocks of ink on a line this many line heights apart are two cells' texts.
_GAP = 0.8
# Blocks this far apart are columns for sure; the gap a heading's "、" leaves
# is narrower.
_APART = 2.0
# A line starting further right than this (line heights) from a table's left
# edge is no heading or prose between two tables (a paragraph's first line is
# indented by two characters).
_INDENT = 3.0
# The space between two lines of one cell's text, in line heights, at most;
# rows stand further apart (the cells' padding above and below).
_LEADING = 0.3
# A line of this many blocks is a table's (a line of prose has at most three or
# four, parted where its punctuation leaves a gap).
_MANY = 6
# A column whose blocks of ink are this many line heights wide (the median) is
# the labels' column: figures are a few digits.
_WORDS = 3.5
# A line of text taller than this (line heights) is several lines run together.
_TALL = 1.6


def find_tables(binary: np.ndarray, horizontal: np.ndarray, ruled: list[Table]) -> list[Table]:
    """The tables ruled only across, in page pixels, outside the `ruled` ones."""
    import cv2

    rules = _long_rules(horizontal, ruled)
    if len(rules) < 2:
        return []
    text = binary.copy()
    text[cv2.dilate(horizontal, np.ones((5, 5), np.uint8)) > 0] = 0
    height = _char_height(text)
    out = []
    for group in _groups(rules, text, height):
        table = _table(group, text, horizontal, height)
        if table is not None:
            out.append(table)
    return out


def _char_height(text: np.ndarray) -> float:
    """The height of a character: the upper quartile of the heights of the blobs
    of ink (a page's run of inked rows spans a table row of wrapped labels)."""
    import cv2

    _, _, stats, _ = cv2.connectedComponentsWithStats(text, connectivity=8)
    return ink.line_height([int(h) for h in stats[1:, cv2.CC_STAT_HEIGHT] if h > 2])


def _long_rules(horizontal: np.ndarray, ruled: list[Table]) -> list[tuple[int, int, int]]:
    """(y, x0, x1) of each horizontal rule at least _RULE of the page wide (x1 its
    last pixel: a rule may run to the image's edge), top to bottom, not on a
    ruled table."""
    w = horizontal.shape[1]
    out = []
    for a, b in ink.segments(horizontal.any(axis=1), MERGE_PX):
        cols = np.flatnonzero(horizontal[a:b].any(axis=0))
        y = (a + b - 1) // 2
        if cols.size < _RULE * w or any(t.box[1] - MERGE_PX <= y <= t.box[3] + MERGE_PX
                                        for t in ruled):
            continue
        out.append((y, int(cols[0]), int(cols[-1])))
    return out


def _blocks(row: np.ndarray, height: float, gap: float = _GAP) -> list[tuple[int, int]]:
    """A line's blocks of ink (its inked columns), joined across gaps narrower than
    `gap` line heights (between characters and digits)."""
    return ink.segments(row, max(2, int(gap * height)))


def _band_lines(text: np.ndarray, y0: int, y1: int, x0: int, x1: int, height: float,
                gap: float = _GAP) -> list:
    """The text lines between two rules, as (top, bottom, blocks) on the page."""
    band = text[y0:y1, x0:x1]
    if not band.any():
        return []
    spans = [piece for a, b in ink.line_spans(band, height) for piece in _thin(band, a, b, height)]
    return [(y0 + a, y0 + b,
             [(x0 + c, x0 + d) for c, d in _blocks(band[a:b].any(axis=0), height, gap)])
            for a, b in spans]


def _thin(band: np.ndarray, a: int, b: int, height: float) -> list[tuple[int, int]]:
    """A run of inked rows cut into lines at most _TALL line heights tall, each
    cut at its least inked row: a header's lines run into one another where a
    word is centred beside two lines ("总计" beside "结果/维持"), and the words
    of the line above would cross every gap of the line below."""
    if b - a <= _TALL * height:
        return [(a, b)]
    margin = int(0.5 * height)
    counts = (band[a + margin:b - margin] > 0).sum(axis=1)
    cut = a + margin + int(np.argmin(counts))
    return _thin(band, a, cut, height) + _thin(band, cut, b, height)


def _groups(rules: list, text: np.ndarray, height: float) -> list[list]:
    """Runs of rules that bound one table: consecutive rules stay together while
    the band between them is blank and thin (a double rule), has a line of
    blocks far apart or of many blocks (a dense header's words), or has no
    line that starts at the rules' left end (a heading centred over the next
    rows: headings and prose between two tables start there); a group must
    hold a line of three blocks at least."""
    groups: list[list] = [[rules[0]]]
    widest: list[int] = [0]
    for upper, lower in zip(rules, rules[1:]):
        x0, x1 = min(upper[1], lower[1]), max(upper[2], lower[2])
        lines = _band_lines(text, upper[0] + 3, lower[0] - 2, x0, x1, height)
        apart = _band_lines(text, upper[0] + 3, lower[0] - 2, x0, x1, height, _APART)
        if any(len(blocks) >= 2 for _, _, blocks in apart) or \
                any(len(blocks) >= _MANY for _, _, blocks in lines) or \
                (lines and all(blocks[0][0] > x0 + _INDENT * height for _, _, blocks in lines)) or \
                (not lines and lower[0] - upper[0] < 2 * height):
            groups[-1].append(lower)
            widest[-1] = max([widest[-1]] + [len(blocks) for _, _, blocks in lines])
        else:
            groups.append([lower])
            widest.append(0)
    return [g for g, most in zip(groups, widest) if len(g) >= 2 and most >= 3]


def _table(group: list, text: np.ndarray, horizontal: np.ndarray, height: float) -> Table | None:
    """One table from its rules: columns from the text's alignment, rows from the
    rules and, below the header, from the lines of figures."""
    x0, x1 = min(r[1] for r in group), max(r[2] for r in group)
    y0, y1 = group[0][0], group[-1][0]
    if y1 - y0 < 2 * height:
        return None
    sub_t = text[y0:y1 + 1, x0:x1 + 1]
    sub_h = horizontal[y0:y1 + 1, x0:x1 + 1].copy()
    ys = boundaries(sub_h, 0)
    bands = [_band_lines(sub_t, a + 3, b - 2, 0, x1 - x0, height) for a, b in zip(ys, ys[1:])]
    xs = [0] + _columns([ln for band in bands for ln in band], x1 - x0 + 1, height) + [x1 - x0]
    if len(xs) < 4:
        return None
    body = [ln for band in bands[1:] for ln in band]
    ys = _rows(sub_t, sub_h, ys, xs, _label_column(body, xs, height), height)
    if len(ys) < 2:
        return None
    sub_v = _verticals(sub_t, ys, xs, height)
    cells = grid_cells(sub_h, sub_v, ys, xs)
    if sum(c.rowspan * c.colspan for c in cells) > (len(ys) - 1) * (len(xs) - 1):
        return None  # a merged cell that is no rectangle: its box would cover others
    placed = tuple(Cell(c.row, c.col, c.rowspan, c.colspan,
                        (c.box[0] + x0, c.box[1] + y0, c.box[2] + x0, c.box[3] + y0)) for c in cells)
    return Table((x0, y0, x1, y1), len(ys) - 1, len(xs) - 1, placed)


def _columns(lines: list, width: int, height: float) -> list[int]:
    """Column boundaries (inside the table): the middles of the runs of x where
    more lines have a gap between two of their blocks than have ink, and two at
    least have such a gap. Of two such runs with no block between them (a
    header's word crossing part of one gap) the stronger is kept."""
    gaps = np.zeros(width, dtype=np.int32)
    crossed = np.zeros(width, dtype=np.int32)
    for _, _, blocks in lines:
        for (_, end), (start, _) in zip(blocks, blocks[1:]):
            gaps[end:start] += 1
        for a, b in blocks:
            crossed[a:b] += 1
    runs = ink.runs((gaps >= 2) & (gaps > crossed))
    score = [int((gaps[a:b] - crossed[a:b]).sum()) for a, b in runs]
    blocks = [blk for _, _, found in lines for blk in found]
    k, slack = 0, max(2, int(0.25 * height))  # a block's edge blurred into the gap
    while k + 1 < len(runs):  # two boundaries with no block between: one gap, cut by a header
        if not any(runs[k][1] - slack <= a and b <= runs[k + 1][0] + slack for a, b in blocks):
            weaker = k if score[k] < score[k + 1] else k + 1
            del runs[weaker], score[weaker]
        else:
            k += 1
    return [(a + b) // 2 for a, b in runs]


def _rows(text: np.ndarray, horizontal: np.ndarray, ys: list[int], xs: list[int],
          labels: int, height: float) -> list[int]:
    """Row boundaries: the rules, and in each band below the header (the first
    band) a cut between each two lines of the figures' columns. Each is drawn
    into `horizontal` over the columns no ink crosses there (a rule printed
    across only some columns says less than the ink: the column left of a
    group's label may be blank). Left of the labels, a group's label beside
    several rows has lines closer than rows are: no rule is drawn where that
    column has ink within _LEADING lines of it."""
    cuts = []
    for a, b in list(zip(ys, ys[1:]))[1:]:
        spans = ink.line_spans(text[a + 3:b - 2, xs[labels + 1]:], height)
        for (_, end), (start, _) in zip(spans, spans[1:]):
            cut = _cut(text[a + 3 + end:a + 3 + start, xs[max(0, labels)]:])
            if cut is not None:
                cuts.append(a + 3 + end + cut)
    out = sorted(ys + cuts)
    for y in out[1:-1]:
        for c, (c0, c1) in enumerate(zip(xs, xs[1:])):
            near = 1 if c >= labels else max(1, int(_LEADING * height))
            if not text[max(0, y - near):y + near + 1, c0 + 1:c1].any():
                horizontal[max(0, y - 1):y + 2, c0:c1 + 1] = 255
    return out


def _label_column(lines: list, xs: list[int], height: float) -> int:
    """The rows' labels: the leftmost column whose blocks of ink are wide (words,
    not figures; a group's label left of it is a few characters a line); -1
    for a table of figures only (its own header's words are short too)."""
    for c, (c0, c1) in enumerate(zip(xs, xs[1:])):
        widths = [b - a for _, _, blocks in lines for a, b in blocks if c0 <= a < c1]
        if widths and float(np.median(widths)) >= _WORDS * height:
            return c
    return -1


def _cut(gap: np.ndarray) -> int | None:
    """The row (within `gap`, the rows between two lines of figures) to part two
    table rows at: the middle of the widest run of rows with the least ink."""
    if gap.shape[0] == 0:
        return None
    counts = (gap > 0).sum(axis=1)
    runs = ink.runs(counts == counts.min())
    a, b = max(runs, key=lambda r: r[1] - r[0])
    return (a + b) // 2


def _verticals(text: np.ndarray, ys: list[int], xs: list[int], height: float) -> np.ndarray:
    """A mask of the column rules the table would have had: the outer two down
    every row, each inner one down each row where no line's block of ink
    crosses it (digits a few pixels apart are one block: "40" centred under a
    boundary is not cut into "4" and "0")."""
    mask = np.zeros(text.shape, dtype=np.uint8)
    for a, b in zip(ys, ys[1:]):
        blocks = [blk for _, _, found in _band_lines(text, a + 1, b, 0, text.shape[1], height)
                  for blk in found]
        for k, x in enumerate(xs):
            if k in (0, len(xs) - 1) or not any(c <= x + 1 and x - 1 < d for c, d in blocks):
                mask[a:b + 1, x] = 255
    return mask


def split_line(line: np.ndarray, height: float) -> bool:
    """Whether a cell's text line (a binary crop) is two blocks of ink far apart:
    two columns' figures in one cell, where a column boundary was not found."""
    return len(_blocks(line.any(axis=0), height)) >= 2


__all__ = ["find_tables", "split_line"]
