"""What a PDF page is made of, engine-neutral: characters and ruling edges.

Both engines (PDFium in `pdf_pdfium.py`, pdfplumber in `pdf_plumber.py`) reduce a
page to `PageContent`: its characters with boxes in points from the page's top
left, and its ruling edges (the thin rectangles and line segments a table is drawn
with). Every later stage (`pdf_text.py`, `pdf_grid.py`) is a pure function of
these, so the tables and text lines cannot depend on which engine read the page.

Geometry follows pdfplumber's conventions, the reference the loader was checked
against: a character's box runs from the font's descent to descent + font size
(not the glyph's ink), `top` grows downwards, and a path is split into lines,
rectangles and polylines the way pdfminer does.
"""

from __future__ import annotations

import math
from typing import NamedTuple


Matrix = tuple[float, float, float, float, float, float]  # a b c d e f (row-vector convention)


def multiply(inner: Matrix, outer: Matrix) -> Matrix:
    """The matrix applying `inner` first, then `outer` (PDF's and OFD's CTM chains)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
            e * A + f * C + E, e * B + f * D + F)


class Char(NamedTuple):
    """One character; `font` and `size` only tell duplicates apart."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    upright: bool = True
    font: str = ""
    size: float = 0.0


class Edge(NamedTuple):
    """A ruling: "h" (top == bottom) or "v" (a line that is not horizontal counts
    as vertical at its left end, as pdfplumber counts it)."""

    orientation: str
    x0: float
    top: float
    x1: float
    bottom: float


class PageContent(NamedTuple):
    """`twins`: the indexes of the only characters that may be duplicates, when
    the engine found them while reading (None: not known, all are examined);
    `pictures`: each picture's box (x0, top, x1, bottom), points from the top
    left, as characters are boxed (a table pasted as a picture is found by it);
    `layer`: the characters drawn invisible (text render mode 3 or 7), kept out
    of `chars`: a searchable scan's OCR layer, or a producer's leftovers;
    `lying`: a font on the page draws other digits than its text says
    (`pdf_digits`): the page's text layer cannot be believed; `doubted`: some
    of its digits are given as doubted (`pdf_digits.DOUBTED`)."""

    chars: list[Char]
    edges: list[Edge]
    images: int
    twins: tuple[int, ...] | None = None
    pictures: tuple[tuple[float, float, float, float], ...] = ()
    layer: tuple[Char, ...] = ()
    lying: bool = False
    doubted: bool = False


# Text a reader does not read as the report's: a watermark (政务公开, 仅供参考, the
# portal's name) drawn over the page, across the tables' cells, slanted or in a
# faint colour, and the ring of a seal's text. Both engines leave it out, so that
# it never joins a cell's number or a label (开5, 0仅供参考).
FAINT = 0.7  # every channel at least this light (C0C0C0, D0D0D0, light red)
WHITE = 0.98  # white text is no watermark: it is printed on a dark header cell


def slanted(a: float, b: float, c: float, d: float) -> bool:
    """Whether a character's matrix turns it by an angle that is no multiple of
    90 degrees (a turned or upright character keeps a report's text)."""
    straight, turned = abs(a) + abs(d), abs(b) + abs(c)
    return turned > 1e-3 * straight and straight > 1e-3 * turned


# A skew: characters turned by at least a rounding's angle and at most SKEW
# degrees, all by the same angle within SKEW_SPREAD (a scanned sheet traced back
# into vectors, OCR software's text placed along a scan's slanted rows); a
# watermark is turned far more (30 to 45 degrees), a seal's ring text by every angle.
SKEW = 5.0
SKEW_SPREAD = 0.5


def tilt(a: float, b: float, c: float, d: float) -> float | None:
    """The angle in degrees (counter-clockwise, y up) a slanted character's
    matrix turns it by, when it is upright but for that (not mirrored, within
    a quarter turn); None otherwise."""
    return math.degrees(math.atan2(b, a)) if a > 0 and d > 0 and slanted(a, b, c, d) else None


def skew(tilts: list[float], upright: int) -> float | None:
    """The angle a page's content is turned by, when the characters turned by a
    small angle (`tilts`) outnumber the `upright` ones and agree on it."""
    if len(tilts) <= upright:
        return None
    tilts = sorted(tilts)
    middle = tilts[len(tilts) // 2]
    return middle if abs(middle) <= SKEW and tilts[-1] - tilts[0] <= SKEW_SPREAD else None


def faint(red: float, green: float, blue: float) -> bool:
    """Whether a fill colour (channels 0..1) is light, but not white."""
    return min(red, green, blue) >= FAINT and min(red, green, blue) < WHITE


CLEAR = 0.05  # a fill opacity at most this draws nothing a reader sees


def faint_over_white(red: float, green: float, blue: float, alpha: float) -> bool:
    """Whether a fill colour of opacity `alpha` (channels 0..1; the ExtGState's
    ``ca``) is `faint` as painted on white, or next to transparent: black text
    at 20% opacity is a watermark as much as light grey text is."""
    if alpha <= CLEAR:
        return True
    return faint(*(1 - alpha * (1 - v) for v in (red, green, blue)))


_new = tuple.__new__  # an Edge from its fields, without NamedTuple's keyword handling


# A rule drawn through a rotation (a page turned by a printer driver, a form
# placed turned or scaled) is off its axis by rounding only, some 1e-13 of a
# point: within this slope it is still horizontal or vertical. pdfminer asks
# for exact equality, and would read such a rule as a slanted line, dropping it.
TILT = 1e-3


def axis(width: float, height: float) -> str | None:
    """"h" or "v" for a segment whose box is `width` x `height` (both >= 0) and
    that lies along an axis within TILT; None for a slanted one."""
    if height <= TILT * width:
        return "h"
    if width <= TILT * height:
        return "v"
    return None


def line_edge(p0: tuple[float, float], p1: tuple[float, float]) -> Edge:
    """A two-point path in top-down coordinates (a slanted line counts as
    vertical, as pdfplumber counts it)."""
    (ax, ay), (bx, by) = p0, p1
    x0, x1 = (bx, ax) if bx < ax else (ax, bx)
    top, bottom = (by, ay) if by < ay else (ay, by)
    return aligned_edge(axis(x1 - x0, bottom - top) or "v", x0, top, x1, bottom)


def aligned_edge(orientation: str, x0: float, top: float, x1: float, bottom: float) -> Edge:
    """The edge with the rounding that tilts it taken out (a slanted "v" kept)."""
    if orientation == "h" and top != bottom:
        top = bottom = (top + bottom) / 2
    elif orientation == "v" and x0 != x1 and axis(x1 - x0, bottom - top) == "v":
        x0 = x1 = (x0 + x1) / 2
    return _new(Edge, (orientation, x0, top, x1, bottom))


def rect_edges(x0: float, top: float, x1: float, bottom: float) -> list[Edge]:
    return [_new(Edge, ("h", x0, top, x1, top)), _new(Edge, ("h", x0, bottom, x1, bottom)),
            _new(Edge, ("v", x0, top, x0, bottom)), _new(Edge, ("v", x1, top, x1, bottom))]


def polyline_edges(points: list[tuple[float, float]]) -> list[Edge]:
    """Straight pieces of any other path (a polygon, a curve's chords): only the
    horizontal and vertical ones can rule a table."""
    out = []
    for (ax, ay), (bx, by) in zip(points, points[1:]):
        x0, x1, top, bottom = min(ax, bx), max(ax, bx), min(ay, by), max(ay, by)
        orientation = axis(x1 - x0, bottom - top)
        if orientation is not None:
            out.append(aligned_edge(orientation, x0, top, x1, bottom))
    return out


# A rectangle filled and not stroked, at least this big both ways, is a cell's
# shading (a zebra row, a shaded head or label column), not a rule: a table
# shaded without borders would otherwise be cut into the shaded cells alone,
# the numbers of its plain rows in no cell. Borders drawn as filled rectangles
# are thin one way.
BACKGROUND = 6.0


def shading(width: float, height: float) -> bool:
    """Whether a filled, unstroked rectangle of this size is a background."""
    return width >= BACKGROUND and height >= BACKGROUND


def subpath_edges(ops: str, points: list[tuple[float, float]],
                  filled_only: bool = False) -> list[Edge]:
    """One subpath (ops like ``mlllh``, one end point per op, ``h`` given the start
    point) -> its edges: a line, a rectangle or a polyline, classified as pdfminer
    classifies painted paths; none for a rectangle of `shading` (`filled_only`:
    the path is filled, not stroked)."""
    if ops[:1] != "m" or len(ops) != len(points):
        return []
    if len(ops) > 3 and ops.endswith("lh") and points[-2] == points[0]:
        ops, points = ops[:-2] + "h", points[:-2] + points[-1:]
    if ops in ("ml", "mlh"):
        return [line_edge(points[0], points[1])]
    if ops in ("mlllh", "mllll"):
        (ax, ay), (bx, by), (cx, cy), (dx, dy), end = points
        closed = points[0] == end
        square = (_near(ax, bx) and _near(by, cy) and _near(cx, dx) and _near(dy, ay)) or \
                 (_near(ay, by) and _near(bx, cx) and _near(cy, dy) and _near(dx, ax))
        if closed and square:
            if filled_only and shading(abs(cx - ax), abs(cy - ay)):
                return []
            return rect_edges(min(ax, cx), min(ay, cy), max(ax, cx), max(ay, cy))
    return polyline_edges(points)


def _near(a: float, b: float) -> bool:
    """Equal but for rounding (a rectangle drawn through a rotation)."""
    return abs(a - b) <= 1e-6 * (1 + abs(a))


def path_edges(ops: str, points: list[tuple[float, float]],
               filled_only: bool = False) -> list[Edge]:
    """A painted path, possibly of several subpaths (each begins with ``m``)."""
    if ops.find("m", 1) < 0:  # one subpath: the usual rule or rectangle
        return subpath_edges(ops, points, filled_only)
    edges: list[Edge] = []
    start = 0
    for i in range(1, len(ops) + 1):
        if i == len(ops) or ops[i] == "m":
            edges.extend(subpath_edges(ops[start:i], points[start:i], filled_only))
            start = i
    return edges


__all__ = ["Char", "Edge", "Matrix", "PageContent", "aligned_edge", "axis", "faint",
           "faint_over_white", "line_edge", "multiply", "path_edges", "polyline_edges",
           "rect_edges", "shading", "skew", "slanted", "subpath_edges", "tilt"]
