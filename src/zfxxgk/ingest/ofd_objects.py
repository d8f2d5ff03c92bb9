"""An OFD page's graphic objects -> characters, ruling edges and pictures.

OFD (GB/T 33190) lays a page out in millimetres with y growing downwards; the
PDF stages (`pdf_layout`, `pdf_grid`, `pdf_text`) work in points with y growing
downwards too. So the only conversion is the scale, done once here, where every
object's own matrix (`CTM`) and box (`Boundary`) put its points on the page:
after this module an OFD page is a `PageContent` like any PDF page, and tables
are found by the same grid code.

Read: `TextObject` (each `TextCode`'s characters, placed by X, Y and DeltaX,
whose ``g N d`` shorthand repeats d N times; text is Unicode already, so fonts
need not be read), `PathObject` (`AbbreviatedData` straight pieces: the thin
strokes and thin filled rectangles tables are ruled with), `ImageObject` (its box
and media, for OCR), and the containers `PageBlock` and `CompositeObject`. An
object marked invisible is skipped. Annotations and signatures (seals) live
outside the page content and are never read, so a seal never becomes text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Callable

from .pdf_layout import Char, Edge, Matrix, multiply, path_edges

PT_PER_MM = 72 / 25.4
# Nesting of blocks and composite objects a page may have (a hostile file's
# recursion stops here; real files nest two or three deep).
MAX_DEPTH = 16
# How far a glyph reaches above its baseline, as a share of the font size (the
# box runs from the descent to descent + size, as pdfplumber boxes characters).
ASCENT = 0.88

# Larger coordinates (millimetres) are no place on any page: a hostile file's.
LIMIT = 1e7

IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def local(tag) -> str:
    """An element's name without its namespace (producers differ in prefixes)."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def kids(element, name: str) -> list:
    return [e for e in element if local(e.tag) == name]


def numbers(text: str | None) -> list[float]:
    """The numbers of an attribute such as ``"10 20 30 40"``; bad ones end the list."""
    if not text:
        return []
    try:  # the usual case, at C speed
        out = [float(token) for token in text.split()]
        if all(-LIMIT <= value <= LIMIT for value in out):
            return out
    except ValueError:
        pass
    out = []
    for token in text.split():
        try:
            value = float(token)
        except ValueError:
            break
        if not -LIMIT <= value <= LIMIT:  # NaN or absurd: not a place on a page
            break
        out.append(value)
    return out


def deltas(text: str | None) -> list[float]:
    """DeltaX/DeltaY: numbers, where ``g N d`` stands for N times d."""
    tokens = (text or "").split()
    out: list[float] = []
    i = 0
    while i < len(tokens) and len(out) < 100_000:
        if tokens[i] == "g" and i + 2 < len(tokens):
            count, value = numbers(tokens[i + 1]), numbers(tokens[i + 2])
            if not count or not value:
                break
            out.extend(value * max(0, min(int(count[0]), 10_000)))
            i += 3
            continue
        value = numbers(tokens[i])
        if not value:
            break
        out.append(value[0])
        i += 1
    return out


def apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def placement(element, outer: Matrix) -> Matrix:
    """Where an object's own coordinates go on the page: its CTM, then its
    Boundary's origin, then whatever holds it."""
    ctm = numbers(element.get("CTM"))
    box = numbers(element.get("Boundary"))
    own = tuple(ctm) if len(ctm) == 6 else IDENTITY
    shift = (1.0, 0.0, 0.0, 1.0, box[0], box[1]) if len(box) >= 2 else IDENTITY
    return multiply(multiply(own, shift), outer)  # type: ignore[arg-type]


@dataclass
class Picture:
    """An ImageObject: its box on the page (points, x0 top x1 bottom) and the
    resource ID of its media."""

    box: tuple[float, float, float, float]
    resource: str


@dataclass
class PageObjects:
    chars: list[Char] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    pictures: list[Picture] = field(default_factory=list)


# Resource ID -> a CompositeGraphicUnit element (its Content holds objects).
Composites = Callable[[str], object | None]
_INVISIBLE = ("false", "0")


def read_layer(container, objects: PageObjects, composites: Composites,
               outer: Matrix = (PT_PER_MM, 0.0, 0.0, PT_PER_MM, 0.0, 0.0), depth: int = 0) -> None:
    """Every visible object of a Layer (or a PageBlock, or a composite's
    Content) into `objects`, in drawing order. `outer` maps the container's
    millimetres to page points."""
    if depth > MAX_DEPTH:
        return
    for element in container:
        name = local(element.tag)
        if element.get("Visible", "true").lower() in _INVISIBLE:
            continue
        if name == "TextObject":
            text_chars(element, placement(element, outer), objects.chars)
        elif name == "PathObject":
            if _painted(element):
                objects.edges.extend(path_object_edges(element, placement(element, outer)))
        elif name == "ImageObject":
            objects.pictures.append(Picture(_unit_box(placement(element, outer)),
                                            element.get("ResourceID", "")))
        elif name == "PageBlock":
            read_layer(element, objects, composites, outer, depth + 1)
        elif name == "CompositeObject":
            unit = composites(element.get("ResourceID", ""))
            for content in kids(unit, "Content") if unit is not None else ():
                read_layer(content, objects, composites, placement(element, outer), depth + 1)


def _painted(path) -> bool:
    """A path is drawn when it is stroked (the default) or filled."""
    return path.get("Stroke", "true").lower() not in _INVISIBLE \
        or path.get("Fill", "false").lower() not in _INVISIBLE


def _unit_box(m: Matrix) -> tuple[float, float, float, float]:
    """An image fills the unit square of its own space: its box on the page."""
    corners = [apply(m, x, y) for x, y in ((0, 0), (1, 0), (0, 1), (1, 1))]
    xs, ys = [p[0] for p in corners], [p[1] for p in corners]
    return min(xs), min(ys), max(xs), max(ys)


def advance(char: str, size: float) -> float:
    """A glyph's width when the file does not give the step to the next one:
    full size for CJK and full-width forms, half for the rest."""
    return size if unicodedata.east_asian_width(char) in ("W", "F") else size / 2


def text_chars(text_object, m: Matrix, out: list[Char]) -> None:
    """The characters of a TextObject, each boxed on the page. A TextCode
    without X or Y goes on from where the previous one ended."""
    size = (numbers(text_object.get("Size")) or [0.0])[0]
    font = text_object.get("Font", "")
    hscale = (numbers(text_object.get("HScale")) or [1.0])[0]
    upright = abs(m[1]) < 1e-9 and abs(m[2]) < 1e-9 and m[0] > 0 and m[3] > 0
    scale = (abs(m[0] * m[3] - m[1] * m[2])) ** 0.5
    x = y = 0.0
    for code in kids(text_object, "TextCode"):
        text = code.text or ""
        given_x, given_y = numbers(code.get("X")), numbers(code.get("Y"))
        x = given_x[0] if given_x else x
        y = given_y[0] if given_y else y
        dx, dy = deltas(code.get("DeltaX")), deltas(code.get("DeltaY"))
        for i, ch in enumerate(text):
            width = advance(ch, size) * hscale
            out.append(_char(ch, m, x, y, width, size, upright, font, scale))
            x += dx[i] if i < len(dx) else (dx[-1] if dx else width)
            y += dy[i] if i < len(dy) else 0.0


def _char(ch: str, m: Matrix, x: float, y: float, width: float, size: float,
          upright: bool, font: str, scale: float) -> Char:
    """One glyph's box: from the baseline's ascent to its descent, mapped to the page."""
    top, bottom = y - ASCENT * size, y + (1 - ASCENT) * size
    if upright:
        (x0, t), (x1, b) = apply(m, x, top), apply(m, x + width, bottom)
    else:
        corners = [apply(m, px, py) for px in (x, x + width) for py in (top, bottom)]
        x0, x1 = min(p[0] for p in corners), max(p[0] for p in corners)
        t, b = min(p[1] for p in corners), max(p[1] for p in corners)
    return Char(ch, x0, x1, t, b, upright, font, round(size * scale, 3))


_TOKEN = re.compile(r"[A-Za-z]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
# Operands each command of AbbreviatedData takes.
_OPERANDS = {"S": 2, "M": 2, "L": 2, "Q": 4, "B": 6, "A": 7, "C": 0}


def subpaths(data: str | None) -> list[tuple[str, list[tuple[float, float]]]]:
    """AbbreviatedData -> straight subpaths as (ops, points), ops in the PDF
    layout's letters: ``m`` move, ``l`` line, ``h`` close (with the start point).
    A curve or arc cannot rule a table: it ends the straight run and the next
    one starts at its end point."""
    tokens = _TOKEN.findall(data or "")[:200_000]
    out: list[tuple[str, list]] = []
    ops, points = "", []
    i = 0
    while i < len(tokens):
        command = tokens[i]
        need = _OPERANDS.get(command)
        args = numbers(" ".join(tokens[i + 1:i + 1 + (need or 0)]))
        if need is None or len(args) != need:
            break  # damaged data: what was read so far stands
        i += 1 + need
        if command == "C":  # closed: the next piece starts over at the start point
            if len(ops) > 1:
                out.append((ops + "h", points + [points[0]]))
                ops, points = "m", [points[0]]
            continue
        end = (args[-2], args[-1]) if args else None
        if command == "L" and ops:
            ops, points = ops + "l", points + [end]
            continue
        if len(ops) > 1:
            out.append((ops, points))
        ops, points = "m", [end]
    if len(ops) > 1:
        out.append((ops, points))
    return out


def path_object_edges(path, m: Matrix) -> list[Edge]:
    """The ruling edges of a PathObject, on the page in points."""
    edges: list[Edge] = []
    for ops, points in subpaths(kids_text(path, "AbbreviatedData")):
        placed = [apply(m, x, y) for x, y in points]
        edges.extend(path_edges(ops, [(round(x, 3), round(y, 3)) for x, y in placed]))
    return edges


def kids_text(element, name: str) -> str:
    found = kids(element, name)
    return (found[0].text or "") if found else ""


__all__ = ["IDENTITY", "PT_PER_MM", "PageObjects", "Picture", "apply", "deltas", "kids",
           "kids_text", "local", "numbers", "placement", "read_layer", "subpaths",
           "text_chars"]
