"""A font's digit glyphs as shapes: drawn small, compared with reference faces, holes counted.

`pdf_digits` asks whether a font draws the digits its ToUnicode map says it
draws; this module gives it what a glyph looks like. PDFium gives a glyph's
outline for the character the map names (`FPDFFont_GetGlyphPath` looks the
code up through the font's map). Two views of it:

  drawing   the outline filled in SIDE x SIDE cells, black and white, compared
            bit by bit with the digits of the reference faces in
            `digit_shapes.txt` (song, hei, kai and Latin serif, sans and mono
            faces, made by scripts/digit_shapes.py): near for a face like
            one of them, vaguer for a face unlike all (an italic's 8 lies as
            near to the references' 3 as to their 8)
  holes     the counters its outline closes (8 two, 0 4 6 9 one, 1 2 3 5 7
            none): the same in every face measured (85 faces: the references
            in every weight and slant, DejaVu's condensed and light, Noto's
            mono and Japanese and Korean, OpenSymbol, the real samples'
            宋体, 仿宋, 楷体, 方正 and Times New Roman), a mono 0's dot or
            slash a second; look-alikes whose drawings lie near (3 and 8, 5
            and 6) differ in them
  contours  how many closed paths the outline has: 1 + holes for a face
            drawing each digit in one piece (every face measured); asked
            without reading the points (a third of the calls), so a font's
            every digit can be screened cheaply

Pure Python on purpose (no numpy, no imaging library to import): some 0.3 ms
the outline, 0.4 ms the drawing, 0.1 ms the comparison, a glyph.
"""

from __future__ import annotations

import ctypes
import math
from functools import cache
from typing import NamedTuple

from .pdfium_calls import calls

SIDE = 16  # the compared drawing's side, in cells: SIDE * SIDE bits
_PIECES = 3  # straight pieces a Bézier curve is cut into
# the Bernstein weights of the points a Bézier curve is cut at
_WEIGHTS = [((1 - u) ** 3, 3 * (1 - u) ** 2 * u, 3 * (1 - u) * u * u, u ** 3)
            for u in (s / _PIECES for s in range(1, _PIECES + 1))]


class Glyph(NamedTuple):
    """A digit glyph as judged: its drawing's distance (bits) to each digit's
    nearest reference face, and the holes its outline closes."""

    distance: tuple[int, ...]
    holes: int


@cache
def references() -> tuple[tuple[int, ...], ...]:
    """The reference faces' digits, per digit the faces' drawings (`drawing`)."""
    from importlib.resources import files

    rows = files(__package__).joinpath("digit_shapes.txt").read_text("ascii").split()
    faces = [rows[k:k + 10] for k in range(0, len(rows), 10)]
    return tuple(tuple(int(face[d], 16) for face in faces) for d in range(10))


def glyph(raw, font, code: int) -> Glyph | None:
    """The glyph `font` draws for the character `code` (through its map), judged; None without one."""
    contours = outline(raw, font, code)
    if not contours:
        return None
    shape = drawing(contours)
    return Glyph(tuple(min((shape ^ ref).bit_count() for ref in faces) for faces in references()),
                 holes(contours))


def outline(raw, font, code: int) -> list[list[tuple[float, float]]]:
    """The closed contours of the glyph `font` draws for the character `code`
    (through its map), Bézier curves cut into _PIECES straight pieces; [] without one."""
    path = raw.FPDFFont_GetGlyphPath(font, code, 100.0)
    if not path:
        return []
    api = calls()
    get_segment, get_point, get_type = api.glyph_segment, api.segment_point, api.segment_type
    x, y = ctypes.c_float(), ctypes.c_float()
    at_x, at_y = ctypes.byref(x), ctypes.byref(y)
    contours: list[list[tuple[float, float]]] = []
    contour: list[tuple[float, float]] = []
    curve: list[tuple[float, float]] = []
    moveto, bezierto = raw.FPDF_SEGMENT_MOVETO, raw.FPDF_SEGMENT_BEZIERTO
    for k in range(raw.FPDFGlyphPath_CountGlyphSegments(path)):
        segment = get_segment(path, k)
        get_point(segment, at_x, at_y)
        kind = get_type(segment)
        if kind == bezierto:
            curve.append((x.value, y.value))
            if len(curve) == 3:
                contour += _bezier(contour[-1], *curve)
                curve = []
        elif kind == moveto or not contours:
            contour = [(x.value, y.value)]
            contours.append(contour)
        else:
            contour.append((x.value, y.value))
    return [c for c in contours if len(c) > 2]


def contours(raw, font, code: int) -> int:
    """How many closed paths the glyph `font` draws for `code` has (its
    segments' kinds read, not their points); 0 without a glyph."""
    path = raw.FPDFFont_GetGlyphPath(font, code, 100.0)
    if not path:
        return 0
    api = calls()
    get_segment, get_type, moveto = api.glyph_segment, api.segment_type, raw.FPDF_SEGMENT_MOVETO
    return sum(get_type(get_segment(path, k)) == moveto
               for k in range(raw.FPDFGlyphPath_CountGlyphSegments(path)))


def _bezier(p0, p1, p2, p3) -> list[tuple[float, float]]:
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = p0, p1, p2, p3
    return [(a * x0 + b * x1 + c * x2 + d * x3, a * y0 + b * y1 + c * y2 + d * y3)
            for a, b, c, d in _WEIGHTS]


def drawing(contours: list) -> int:
    """The glyph's contours filled (even-odd: a hole stays open), scaled to fit
    SIDE x SIDE keeping its proportions, centred: a cell is inked when its
    middle is inside. The SIDE * SIDE cells as the bits of an int, row by row
    (compared by counting the bits two drawings differ in)."""
    xs = [p[0] for c in contours for p in c]
    ys = [p[1] for c in contours for p in c]
    width, height = max(xs) - min(xs), max(ys) - min(ys)
    scale = SIDE / max(width, height, 1e-6)
    left = min(xs) - (SIDE - width * scale) / 2 / scale
    top = max(ys) + (SIDE - height * scale) / 2 / scale
    rows: list[list[float]] = [[] for _ in range(SIDE)]  # each row's crossings
    for contour in contours:  # in cells, a cell's middle at whole numbers, y down
        points = [((px - left) * scale - 0.5, (top - py) * scale - 0.5) for px, py in contour]
        for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1]):
            if y0 > y1:
                x0, y0, x1, y1 = x1, y1, x0, y0
            slope = (x1 - x0) / (y1 - y0) if y1 != y0 else 0.0
            for row in range(max(0, math.ceil(y0)), min(SIDE, math.ceil(y1))):
                rows[row].append(x0 + (row - y0) * slope)
    value = 0
    for row, crossings in enumerate(rows):
        crossings.sort()
        for a, b in zip(crossings[::2], crossings[1::2]):
            first, last = max(0, math.ceil(a)), min(SIDE - 1, math.floor(b))
            if last >= first:
                value |= ((1 << (last - first + 1)) - 1) << (row * SIDE + first)
    return value


def holes(contours: list) -> int:
    """The counters the outline closes: contours lying inside another and
    turning the other way round than the smallest one around them (fonts
    wind a counter against its outer path). Strokes drawn overlapping (some
    CJK faces build digits so) turn alike and add none."""
    areas = [_area(c) for c in contours]
    count = 0
    for k, contour in enumerate(contours):
        around = [j for j, other in enumerate(contours) if j != k and _inside(contour[0], other)]
        if around:
            nearest = min(around, key=lambda j: abs(areas[j]))
            count += (areas[nearest] > 0) != (areas[k] > 0)
    return count


def _area(contour: list) -> float:
    """Twice the signed area (positive: counter-clockwise)."""
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(contour, contour[1:] + contour[:1]))


def _inside(point: tuple[float, float], contour: list) -> bool:
    x, y = point
    inside = False
    for (x0, y0), (x1, y1) in zip(contour, contour[1:] + contour[:1]):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


__all__ = ["SIDE", "Glyph", "contours", "drawing", "glyph", "holes", "outline", "references"]
