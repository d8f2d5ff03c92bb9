"""Whether a PDF font draws the digits its text layer says it draws.

A font's ToUnicode map can give other digits for the digits it draws (a map
written for another subset of the font, a producer's off-by-one): the page
shows 2023 and 10, the text says 1710 and 37. Every figure read from such a
text layer is a wrong number, the worst outcome, and the text alone cannot
tell (`text_layer` judges scripts, not which digit a glyph is). PDFium gives a
glyph's outline for the character the map names (`FPDFFont_GetGlyphPath`
looks the code up through the font's map), so each digit a page's text
claims is drawn small (SIDE x SIDE cells, in black and white) and compared
with the digits of the reference faces in `digit_shapes.txt` (song, hei, kai
and Latin serif, sans and mono faces, made by scripts/digit_shapes.py): a
digit whose drawing lies more than CONTRADICT times farther from its own
digit than from another contradicts the map. A font whose SAMPLE most drawn
digits all contradict it, or whose only digit lies more than LONE times
farther, lies; the loader then reads the pages it draws digits on as pages
whose text layer cannot be decoded (OCR, or left unread with a finding),
never its digits. Measured:
the real samples' faces (宋体, 仿宋_GB2312, 仿宋, 楷体, 方正仿宋, Times New
Roman) keep every digit within 1.0 of its own, and each reference face left
out of the references within 1.05; a digit drawn as another lies 37 to 84
times farther when its face is a reference, and mostly above 1.5 when it is
not (a few look-alike pairs, 3 and 8, 5 and 6, lower: a map swapping only
such a pair goes unseen). Pure Python on purpose (no numpy, no imaging
library to import): some 0.25 ms a glyph, SAMPLE glyphs a font that draws
at least FEW digits.
"""

from __future__ import annotations

import ctypes
import math
import weakref
from collections import Counter
from functools import cache

from .pdfium_calls import calls

SIDE = 16  # the compared drawing's side, in cells: SIDE * SIDE bits
CONTRADICT = 1.5
LONE = 3.0  # a font drawing one digit only: one glyph must contradict plainly
_PIECES = 3  # straight pieces a Bézier curve is cut into
SAMPLE = 2  # digits of a font judged a document (`lying_digits`)
FEW = 6  # digits a font draws in a document before it is judged
# the Bernstein weights of the points a Bézier curve is cut at
_WEIGHTS = [((1 - u) ** 3, 3 * (1 - u) ** 2 * u, 3 * (1 - u) * u * u, u ** 3)
            for u in (s / _PIECES for s in range(1, _PIECES + 1))]


@cache
def references() -> tuple[tuple[int, ...], ...]:
    """The reference faces' digits, per digit the faces' drawings (`drawing`)."""
    from importlib.resources import files

    rows = files(__package__).joinpath("digit_shapes.txt").read_text("ascii").split()
    faces = [rows[k:k + 10] for k in range(0, len(rows), 10)]
    return tuple(tuple(int(face[d], 16) for face in faces) for d in range(10))


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


def _digit(code: int) -> int:
    """The value of a digit's code point: 0-9, or fullwidth ０-９ (Chinese text's)."""
    return code - (0xFF10 if code >= 0xFF10 else 0x30)


def contradiction(raw, font, code: int) -> float:
    """How many times farther the glyph `font` draws for the digit `code` (ASCII
    or fullwidth) lies from that digit than from the nearest other digit (each
    digit's distance: to its nearest reference face); 0 without a glyph."""
    contours = outline(raw, font, code)
    if not contours:
        return 0.0
    shape = drawing(contours)
    distance = [min((shape ^ ref).bit_count() for ref in faces) for faces in references()]
    own = distance.pop(_digit(code))
    return own / max(min(distance), 1)


_VERDICTS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def verdicts(document) -> dict:
    """The font name -> digit -> `contradiction` cache of one open document (and
    (None, font name) -> the digits it drew so far)."""
    return _VERDICTS.setdefault(document, {})


def lying_digits(raw, tp, codes: list[int], indexes, verdicts: dict) -> bool:
    """Whether a font drawing digits among the text page's characters `indexes`
    (`codes`: every character's code point) lies: the SAMPLE digits it is said
    to draw most look like other digits, or its only one plainly does (LONE).
    At most SAMPLE of a font's digits are judged a document (`verdicts`: font name -> digit ->
    `contradiction`), the most frequent on the pages first: a map written for
    another subset or shifted by one moves most digits, and each glyph judged
    costs some 0.25 ms. A font is judged once it has drawn FEW digits in the
    document: a title's or a heading's few (2023, 一) wait for more, and a
    page whose figures lie has its table's and its prose's fonts judged."""
    api = calls()
    text_object, object_font = api.text_object_at, api.text_object_font
    fonts: dict[int, Counter] = {}  # font address -> its digits' counts
    objects: dict[int, Counter] = {}  # text object address -> its font's
    for i in indexes:
        code = codes[i]
        if 0x30 <= code <= 0x39 or 0xFF10 <= code <= 0xFF19:
            obj = text_object(tp, i)
            counts = objects.get(obj)
            if counts is None:
                font = (object_font(ctypes.c_void_p(obj)) if obj else None) or 0
                counts = fonts.get(font)
                if counts is None:
                    counts = fonts[font] = Counter()
                objects[obj] = counts
            counts[code] += 1
    name = ctypes.create_string_buffer(256)
    for address, digits in fonts.items():
        if address:
            font = ctypes.cast(address, type(raw.FPDFTextObj_GetFont.restype()))
            raw.FPDFFont_GetBaseFontName(font, name, 256)
            drawn = verdicts[None, name.value] = verdicts.get((None, name.value), 0) + sum(
                digits.values())
            if drawn >= FEW and _lies(raw, font, name.value, digits, verdicts):
                return True
    return False


def _lies(raw, font, name: bytes, digits: Counter, verdicts: dict) -> bool:
    """Whether `font` (named `name`) lies, judged by the SAMPLE digits it draws most."""
    judged = verdicts.setdefault(name, {})
    for code, _ in digits.most_common():
        if len(judged) >= SAMPLE:
            break
        if code not in judged:
            judged[code] = contradiction(raw, font, code)
    if len(judged) == 1:
        return next(iter(judged.values())) > LONE
    return sum(ratio > CONTRADICT for ratio in judged.values()) >= SAMPLE


__all__ = ["CONTRADICT", "FEW", "LONE", "SAMPLE", "SIDE", "contradiction", "drawing", "lying_digits",
           "outline", "references", "verdicts"]
