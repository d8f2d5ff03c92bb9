"""One page image -> what is written on it: table grids with the text, confidence
and box of every cell, and prose lines in reading order.

Stages, each a function of the previous one's output: a watermark's faint
strokes made paper (`faint`), `upright` (page flat, upright, deskewed:
`geometry`), `rulings.find_tables` and `unruled.find_tables` (grids of cells;
the latter for tables ruled only across; a table whose rules lean squared
first, `keystone`), `_read_upright` (each cell cut into text-line crops),
`engine.recognize` (all crops of the page in one batched call), `_assemble`
(texts back into grids and lines). A page upside down is found by recognising a
few lines both ways round; two pages scanned side by side are cut at their
gutter and read one after the other.
A cell whose number is struck out, that a seal's ring crosses, or whose line
is two figures (one written by hand beside the printed one, apart from it or
not level with it) is read with no confidence: what the recogniser is sure of
there is not what is meant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from . import cells as ink
from . import engine, faint, geometry, keystone, reread, rulings, seals, unruled

Box = tuple[int, int, int, int]


@dataclass(frozen=True)
class OcrCell:
    """A cell's text as recognised, with the confidence of its least certain line
    (1.0 for a blank cell: no ink is no guess) and its box on the upright page;
    a doubtful number's `readings`: its first run's digits-only reading and what
    it read as again (`reread`), for the parser to compare."""

    text: str
    confidence: float
    box: Box
    readings: tuple[str, ...] = ()


@dataclass
class PageItem:
    """A prose line or a table, with its height on the page for ordering."""

    top: int
    text: str | None = None
    confidence: float = 1.0
    box: Box | None = None
    grid: list[list[OcrCell | None]] | None = None  # None = covered by a merged cell


@dataclass
class PageRead:
    items: list[PageItem] = field(default_factory=list)
    image: np.ndarray | None = None  # the upright page, for crops of flagged cells


def _lines_in(binary: np.ndarray, box: Box, height: float) -> list[Box]:
    """The text lines inside a box, as boxes on the page (blank: none)."""
    x0, y0, x1, y1 = box
    crop = ink.clean(binary[y0:y1, x0:x1], ink.speck_area(height))
    out = []
    for a, b in ink.line_spans(crop, height):  # (a blank crop has none)
        band = crop[a:b]
        cols = np.flatnonzero(band.any(axis=0))
        out.append((x0 + int(cols[0]), y0 + a, x0 + int(cols[-1]) + 1, y0 + b))
    return out


def _inset(cell: rulings.Cell) -> Box:
    x0, y0, x1, y1 = cell.box
    return (x0 + 3, y0 + 3, max(x0 + 3, x1 - 3), max(y0 + 3, y1 - 3))


def _table_height(binary: np.ndarray, table: rulings.Table) -> float:
    heights: list[int] = []
    for cell in table.cells:
        x0, y0, x1, y1 = _inset(cell)
        heights += [b - a for a, b in ink.runs(binary[y0:y1, x0:x1].any(axis=1))]
    return ink.line_height([h for h in heights if h > 2])


def _prose_boxes(binary: np.ndarray, tables: list[rulings.Table]) -> list[Box]:
    """Text lines outside the tables, top to bottom: runs of inked rows of the
    page with the tables blanked out, each cut at wide horizontal gaps."""
    rest = binary.copy()
    for t in tables:
        x0, y0, x1, y1 = t.box
        rest[max(0, y0 - 2):y1 + 3, max(0, x0 - 2):x1 + 3] = 0
    rest = _without_edge_bands(rest)
    heights = [b - a for a, b in ink.runs(rest.any(axis=1)) if b - a > 2]
    height = ink.line_height(heights)
    rest = ink.clean(rest, ink.speck_area(height))
    boxes: list[Box] = []
    for a, b in ink.line_spans(rest, height):
        band = rest[a:b]
        for c0, c1 in ink.segments(band.any(axis=0), gap=int(3 * height)):
            boxes.append((c0, a, c1, b))
    return boxes


def _without_edge_bands(binary: np.ndarray) -> np.ndarray:
    """The page's ink without long marks along its edges: a scanner's dark border,
    the edge of a sheet darker than the lid around it (a dark or grey scan, where
    the white wedges a skewed page leaves are lighter than the paper, so the paper
    along them binarises as ink). Such a band runs beside every line of text, and
    the rows of the page became one line: no prose was read. Ink wholly within
    the outermost strip of the page goes too: the band's broken pieces ("M", "5"
    read before the title), a band a little inside the edge (the white wedges
    lie outside it); a report's text keeps a margin far wider. Tables are found
    before, and their rules are not looked at here."""
    import cv2

    h, w = binary.shape
    m = max(1, int(_EDGE_MARGIN * max(h, w)))
    rows = ink.runs(binary.any(axis=1))
    strips = np.concatenate([binary[:m], binary[-m:]])
    if max((b - a for a, b in rows), default=0) < 0.25 * h and \
            not (strips.mean(axis=1) > 0.5 * 255).any():
        return binary  # text lines are lines, and no band along the top or bottom
    count, labels, stats, _ = cv2.connectedComponentsWithStats(binary, connectivity=8)
    x, y, bw, bh = (stats[1:, k] for k in range(4))  # component k + 1
    edge = (x == 0) | (y == 0) | (x + bw >= w) | (y + bh >= h)
    long = np.maximum(bw, bh) >= _EDGE_BAND * max(h, w)
    near = (x + bw <= m) | (y + bh <= m) | (x >= w - m) | (y >= h - m)  # a band's pieces
    out = binary.copy()
    for k in np.flatnonzero((edge & long) | near) + 1:  # each within its own box
        x0, y0, x1, y1 = stats[k, 0], stats[k, 1], stats[k, 0] + stats[k, 2], stats[k, 1] + stats[k, 3]
        out[y0:y1, x0:x1][labels[y0:y1, x0:x1] == k] = 0
    return out


# A mark touching the page's edge this share of the page's longer side long is
# a band, not a character; ink within this share of it from the edge is no text.
_EDGE_BAND = 0.05
_EDGE_MARGIN = 0.02


def _crop(grey: np.ndarray, box: Box, height: float) -> np.ndarray:
    """The box with a margin around it (cut at the page's edges)."""
    x0, y0, x1, y1 = box
    m = max(2, int(0.15 * height))
    return grey[max(0, y0 - m):y1 + m, max(0, x0 - m):x1 + m]


def _orientation(page: np.ndarray, candidates: list[int]) -> int:
    """Quarter turns (counter-clockwise) that make the page upright. The widest
    text lines found in each candidate turn are recognised as they are and turned
    by 180°; the reading the recogniser is surest of wins, and a turn must win
    clearly: digits read nearly as well upside down ("6" and "9", "0", "8"), and
    most scans are upright."""
    import cv2

    crops: list[np.ndarray] = []
    spans: list[tuple[int, int, int]] = []  # turn, first crop, count
    for q in candidates:
        turned = geometry.turn(page, q) if q else page
        binary = geometry.binarize(turned)
        rules = cv2.bitwise_or(*rulings.line_masks(binary))
        binary[cv2.dilate(rules, np.ones((5, 5), np.uint8)) > 0] = 0  # the text, without the rules
        boxes = _prose_boxes(binary, [])
        height = ink.line_height([b[3] - b[1] for b in boxes])
        sample = sorted((b for b in boxes if b[3] - b[1] <= 2.5 * height),
                        key=lambda b: b[2] - b[0], reverse=True)[:6]
        spans.append((q, len(crops), len(sample)))
        # a dozen characters tell up from down as well as a whole line does, at a
        # fraction of the recogniser's time
        crops += [_crop(turned, (b[0], b[1], min(b[2], b[0] + int(12 * height)), b[3]), height)
                  for b in sample]
    if not crops:
        return 0
    flipped = [np.ascontiguousarray(c[::-1, ::-1]) for c in crops]
    read = engine.recognize(crops + flipped)
    scores = {}
    for q, first, count in spans:
        for turn, offset in ((q, 0), (q + 2, len(crops))):
            scores[turn % 4] = sum(s * len(t) ** 0.5
                                   for t, s in read[offset + first: offset + first + count])
    best = max(scores, key=lambda t: scores[t])
    return best if scores[best] > 1.2 * scores[0] + 0.5 else 0


def upright(grey: np.ndarray, hand: np.ndarray | None = None) -> tuple:
    """(the page flat, upright and level, quarter turns, skew angle, the mask
    `hand` of the page (uint8, or None) taken along). A portrait page is
    levelled first, so its text lines are lines when the recogniser judges 0°
    against 180° (a dense table skewed by a degree has none); a page wider than
    tall may lie on its side, and so may one whose ink lines up in columns (a
    landscape table page scanned portrait): those are turned before they are
    levelled."""
    warp = geometry.sheet_warp(grey)
    flat = grey if warp is None else geometry.warped(grey, warp)
    if hand is not None and warp is not None:
        hand = geometry.warped(hand, warp, border=0)
    h, w = flat.shape
    if w > 1.1 * h or geometry.lines_run_down(flat):
        quarters = _orientation(flat, [0, 1])
        page, angle = geometry.deskew(geometry.turn(flat, quarters) if quarters else flat)
        if hand is not None:
            hand = geometry.rotate(geometry.turn(hand, quarters), angle, 0, nearest=True)
        return page, quarters, angle, hand
    level, angle = geometry.deskew(flat)
    quarters = _orientation(level, [0])
    if hand is not None:
        hand = geometry.turn(geometry.rotate(hand, angle, 0, nearest=True), quarters)
    return (geometry.turn(level, quarters) if quarters else level), quarters, angle, hand


def read_page(grey: np.ndarray, bilevel: bool | None = None) -> PageRead:
    """The whole pipeline for one page (a greyscale uint8 image). Two pages
    scanned side by side (a spread) are read as the left page, then the right:
    boxes stay on the whole image, and the right page's items come after the
    left's (their tops are counted on from the image's bottom). A black-and-white
    scan (`bilevel`; None: if the image is two-valued) is read enlarged and
    smoothed (`_enlarged`); its boxes and tops are given back on the page as it was.
    Where a pen wrote on a colour page (`colour.grey_page`: the array's `hand`),
    a cell it wrote in is not trusted as read."""
    hand = getattr(grey, "hand", None)
    hand = None if hand is None else hand.astype(np.uint8)
    grey = np.asarray(grey)
    if bilevel is None:
        bilevel = geometry.bilevel(grey)
    if not bilevel:  # (a black-and-white scan has no grey watermark left)
        grey = faint.lifted(grey)
    page, _, _, hand = upright(grey, hand)  # (levelled: interpolated, no longer two-valued)
    work, factor = _enlarged(page) if bilevel else (page, 1.0)
    hand = hand if factor == 1 else None
    cut = geometry.spread_gutter(work)
    if cut is None:  # (a page as read: a table's leaning rules squared, `keystone`)
        items, squared = _read_upright(work, square=factor == 1, hand=hand)
        page = squared if factor == 1 else page
    else:
        halves = [(slice(None), slice(None, cut)), (slice(None), slice(cut, None))]
        left, right = (_read_upright(np.ascontiguousarray(work[k]),
                                     hand=None if hand is None else hand[k])[0] for k in halves)
        items = left + [_shifted(it, cut, work.shape[0]) for it in right]
    if factor != 1:
        items = [_shifted(it, 0, 0, 1 / factor) for it in items]
    return PageRead(items, page)


def _enlarged(page: np.ndarray) -> tuple[np.ndarray, float]:
    """(the page to read, its scale) for a black-and-white scan (a fax, a
    scanner's B/W mode, saved 1-bit). Its letters are stairs of whole pixels:
    where its text is small the steps of a stroke are as wide as the stroke, and
    the recogniser lost most row labels and many digits of a 100 dpi fax
    (scan_probe fax: 213 of 398 cells lost). Enlarged to a 200 dpi scan's text
    height and smoothed, the strokes are strokes again. Grey scans are read as
    they are: their edges are already soft."""
    import cv2

    binary = geometry.binarize(page)
    tables = rulings.find_tables(binary)
    if tables:
        height = float(np.median([_table_height(binary, t) for t in tables]))
    else:
        height = _PROSE_TO_TABLE * ink.line_height([b[3] - b[1] for b in _prose_boxes(binary, [])])
    factor = min(_MAX_ENLARGE, _TEXT_HEIGHT / max(height, 1.0), _WORK_SIDE / max(page.shape))
    if factor < 1.15:
        return page, 1.0  # text big enough (a 200 dpi or finer B/W scan)
    big = cv2.resize(page, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)
    return cv2.GaussianBlur(big, (0, 0), 0.8 * factor), factor


# A table's text line is this many pixels high on a page rendered at 200 dpi;
# prose is set larger than table text by about 1.5.
_TEXT_HEIGHT = 24.0
_PROSE_TO_TABLE = 0.65
_MAX_ENLARGE = 2.0
_WORK_SIDE = 3600


def _shifted(item: PageItem, dx: int, dy: int, scale: float = 1.0) -> PageItem:
    """An item moved onto another image: boxes scaled by `scale` (an enlarged
    page's back onto the page) and moved right by `dx` (a spread's right page),
    its top (the reading order) scaled and moved down by `dy`."""
    def move(box: Box) -> Box:
        return (round(box[0] * scale) + dx, round(box[1] * scale), round(box[2] * scale) + dx,
                round(box[3] * scale))

    grid = None if item.grid is None else \
        [[None if c is None else OcrCell(c.text, c.confidence, move(c.box), c.readings) for c in row]
         for row in item.grid]
    return PageItem(round(item.top * scale) + dy, item.text, item.confidence,
                    None if item.box is None else move(item.box), grid)


def _read_upright(page: np.ndarray, square: bool = False,
                  hand: np.ndarray | None = None) -> tuple[list[PageItem], np.ndarray]:
    """Tables and prose of one upright page, and the page they were read on: with
    `square`, the page warped so that its table's leaning rules are upright
    (`keystone.warp`; boxes are on the page returned). `hand`: where a pen wrote
    on the page (a mask), or None."""
    binary = geometry.binarize(page)
    masks = rulings.line_masks(binary)
    ruled = rulings.find_tables(binary, masks)
    warp = keystone.warp(masks, ruled) if square and ruled else None
    if warp is not None:
        page = geometry.warped(page, warp)
        hand = None if hand is None else geometry.warped(hand, warp, border=0)
        binary = geometry.binarize(page)
        masks = rulings.line_masks(binary)
        ruled = rulings.find_tables(binary, masks)
    stamped = seals.seal_circles(page, binary) if ruled else []
    if stamped:  # a ring's sides are no rules: the tables found again without them
        ruled = rulings.find_tables(binary, masks, stamped)
    across = unruled.find_tables(binary, masks[0], ruled)
    tables = sorted(ruled + across, key=lambda t: t.box[1])
    prose = _prose_boxes(binary, tables)
    prose_height = ink.line_height([b[3] - b[1] for b in prose])
    text_page, text_ink = rulings.erase_rules(page, binary, masks, tables) if tables else (page, binary)
    crops: list[np.ndarray] = []
    plan: list[tuple[int, int, list[int], Box, bool, bool]] = []  # table, cell, crop ids, box, doubts
    for t_index, table in enumerate(tables):
        height = _table_height(binary, table)
        for c_index, cell in enumerate(table.cells):
            ids, lines = [], _lines_in(text_ink, _inset(cell), height)
            for box in lines:
                ids.append(len(crops))
                crops.append(_crop(text_page, box, height))
            doubt = _written_in(hand, _inset(cell), height) or seals.under_seal(cell.box, stamped) or \
                any(ink.struck(text_ink[b[1]:b[3], b[0]:b[2]], height) for b in lines) or \
                (table in across and
                 any(unruled.split_line(text_ink[b[1]:b[3], b[0]:b[2]], height) for b in lines))
            apart = any(ink.apart(ink.clean(text_ink[b[1]:b[3], b[0]:b[2]], ink.speck_area(height)),
                                  height) for b in lines)
            plan.append((t_index, c_index, ids, cell.box, doubt, apart))
    prose_ids = []
    for box in prose:
        prose_ids.append(len(crops))
        crops.append(_crop(page, box, prose_height))
    read = engine.recognize(crops, digits=True)
    return _assemble(tables, plan, prose, prose_ids, read, _second_readings(plan, crops, read)), page


def _second_readings(plan, crops, read) -> dict[int, tuple[str, ...]]:
    """Plan index -> the readings of each doubtful number cell of one line (no
    struck, sealed or written-in cell: its doubt is not the recogniser's): the
    first run's digits-only reading, then its line read again (`reread`)."""
    wanted = []
    for k, (_, _, ids, _, doubt, apart) in enumerate(plan):
        if len(ids) != 1 or doubt or apart:
            continue
        text, confidence = cell_reading(*read[ids[0]])
        if 0 < confidence < reread.DOUBT and re.search(r"\d", text) and not _CJK.search(text):
            wanted.append(k)
    again = reread.reread([crops[plan[k][2][0]] for k in wanted])
    return {k: (read[plan[k][2][0]][2], *more) for k, more in zip(wanted, again)}


def _written_in(hand: np.ndarray | None, box: Box, height: float) -> bool:
    """Whether a pen wrote in the box (more than a speck of its ink)."""
    if hand is None:
        return False
    x0, y0, x1, y1 = box
    return int(np.count_nonzero(hand[y0:y1, x0:x1])) >= max(_PEN_SPECK, 0.1 * height * height)


# Pixels of a pen's ink in a cell that are no more than a speck of colour.
_PEN_SPECK = 30


_NUMBER = re.compile(r"[-−－+]?\d+(\.\d+)?")
_CJK = re.compile(r"[\u3400-\u9fff]")
_DIGIT_LIKE = re.compile(r"[0-9A-Za-z]")


def cell_reading(text: str, confidence: float, digits: str, digit_confidence: float
                 ) -> tuple[str, float]:
    """One text line of a table cell: as read, or read as digits only when what was
    read is no number yet holds no Chinese and looks like one ("o", "L 0", "1O"):
    a number cell's ink misread as letters, or a sliver of rule read beside it.
    The digits-only reading carries its own (usually lower) confidence, so the
    identities or F-OCR still judge it."""
    clean = text.strip()
    if not clean or _NUMBER.fullmatch(clean.replace(",", "")) or _CJK.search(clean) \
            or not _DIGIT_LIKE.search(clean) or not digits:
        return text, confidence
    return digits, digit_confidence


def _cell_text(parts: list[tuple]) -> tuple[str, float]:
    """A cell's lines joined; a line that read as nothing (a speck, a rule's end)
    adds no text and no doubt, unless nothing in the cell read at all."""
    lines = [cell_reading(*p) for p in parts]
    read = [(t, c) for t, c in lines if t.strip()]
    if not read:
        return "", min((c for _, c in lines), default=1.0)
    return "\n".join(t for t, _ in read), min(c for _, c in read)


def _assemble(tables, plan, prose, prose_ids, read, again) -> list[PageItem]:
    items: list[PageItem] = []
    grids = [[[None] * t.cols for _ in range(t.rows)] for t in tables]
    for k, (t_index, c_index, ids, box, doubt, apart) in enumerate(plan):
        cell = tables[t_index].cells[c_index]
        text, confidence = _cell_text([read[i] for i in ids])
        # (a line of figures apart with Chinese in it is a label; a decimal's point
        # may be lost to the binarisation, its digits then stand apart)
        apart = apart and not _CJK.search(text) and "." not in text
        if (doubt or apart) and re.search(r"\d", text):
            # a number struck out and another written (which is meant?), digits
            # under a seal's ring (the recogniser is sure of what it could see),
            # or a figure written beside the printed one (read as one number)
            confidence = 0.0
        grids[t_index][cell.row][cell.col] = OcrCell(text, confidence, box, again.get(k, ()))
    for table, grid in zip(tables, grids):
        if any(c is not None and c.text.strip() for row in grid for c in row):
            # (a grid with no text in it is the edges of a picture's blocks)
            items.append(PageItem(table.box[1], grid=grid, box=table.box))
    for box, i in zip(prose, prose_ids):
        text, score = read[i][:2]
        if any(ch.isalnum() for ch in text):  # (specks read as 、 or …: no line)
            items.append(PageItem(box[1], text=text, confidence=score, box=box))
    items.sort(key=lambda it: (it.top, it.box[0] if it.box else 0))
    return items


__all__ = ["OcrCell", "PageItem", "PageRead", "cell_reading", "read_page"]
