"""PDFium (pypdfium2) as the PDF engine: a page -> `PageContent`.

PDFium is C++: it gives every character with its box and every path object of a
page for a small fraction of what pdfminer's pure-Python interpretation costs.
Characters come from the text page (PDFium's own spaces and line breaks, marked
"generated", are left out: pdfminer has none); ruling edges from the path
objects, walked into form XObjects with their matrices.

A page this module cannot describe exactly as pdfplumber would is refused with
`Unsupported` (rotated pages, pages cropped from their media box, characters
that are rotated or mirrored): the loader then reads that page with pdfplumber
and says so in the Document's meta.
"""

from __future__ import annotations

import ctypes

from .pdf_layout import Char, Edge, PageContent, path_edges
from .pdf_text import twin_candidates


class Unsupported(Exception):
    """A page whose geometry this reader does not reproduce exactly."""


def open_document(data: bytes):
    """PDFium's document; raises `pypdfium2.PdfiumError` for files it cannot open."""
    import pypdfium2 as pdfium

    return pdfium.PdfDocument(data)


def page_content(page) -> PageContent:
    """Characters, ruling edges and the number of pictures of one page."""
    import pypdfium2.raw as raw

    if page.get_rotation() % 360:
        raise Unsupported("rotated page")
    box = page.get_mediabox()
    if tuple(page.get_cropbox()) != tuple(box):
        raise Unsupported("cropped page")
    origin_x, origin_y, height = box[0], box[1], box[3] - box[1]
    edges: list[Edge] = []
    images = _walk_objects(raw, page.raw, None, (1.0, 0.0, 0.0, 1.0, 0.0, 0.0),
                           (origin_x, origin_y + height), edges)
    chars, twins = page_chars(raw, page, origin_x, origin_y + height)
    return PageContent(chars, edges, images, tuple(twins))


def page_chars(raw, page, origin_x: float, page_top: float) -> tuple[list[Char], list[int]]:
    """The text page's characters, boxed as pdfminer boxes them: from the origin
    along the advance width, from the font's descent up by the font size (a
    vertical font: from its origin up by the font size). The font name only
    tells duplicates apart: it is looked up for possible twins only, whose
    indexes are returned with the characters."""
    textpage = page.get_textpage()
    try:
        tp = textpage.raw
        count = raw.FPDFText_CountChars(tp)
        codes = _codes(raw, tp, count)
        loose, matrix = raw.FS_RECTF(), raw.FS_MATRIX()
        left, right, low, high = (ctypes.c_double() for _ in range(4))
        ox, oy = ctypes.c_double(), ctypes.c_double()
        name = ctypes.create_string_buffer(256)
        flags = ctypes.c_int()
        chars: list[Char] = []
        where: list[int] = []  # each character's index on the text page
        # (font size, scale, box height) -> whether PDFium boxed the character by
        # the font's ascent and descent (its loose box differs from the ink box)
        boxed: dict[tuple, bool] = {}
        for i, code in enumerate(codes):
            if code in _MAYBE_GENERATED and raw.FPDFText_IsGenerated(tp, i):
                continue  # PDFium's own word and line breaks: pdfminer has none
            raw.FPDFText_GetMatrix(tp, i, matrix)
            if matrix.b != 0 or matrix.c != 0 or matrix.a <= 0 or matrix.d <= 0:
                raise Unsupported("rotated or mirrored text")
            em = raw.FPDFText_GetFontSize(tp, i)
            size = em * matrix.d
            raw.FPDFText_GetLooseCharBox(tp, i, loose)
            if abs(loose.right - loose.left - em) < 1e-3 and abs(em - size) > 1e-3:
                # vertical writing (PDFium's box is unscaled): one font size square
                raw.FPDFText_GetCharOrigin(tp, i, ox, oy)
                x0, base = ox.value - origin_x, page_top - oy.value
                x1 = x0 + size
            else:
                x1 = loose.right - origin_x
                key = (em, matrix.d, loose.top - loose.bottom)
                metrics = boxed.get(key)
                if metrics is None:  # asked once per font size and box height
                    raw.FPDFText_GetCharBox(tp, i, left, right, low, high)
                    metrics = boxed[key] = abs(loose.bottom - low.value) > 1e-4 \
                        or abs(loose.top - high.value) > 1e-4
                if metrics:
                    x0, base = loose.left - origin_x, page_top - loose.bottom  # to the descent
                else:  # PDFium boxed the ink: the font descriptor has no ascent and
                    raw.FPDFText_GetCharOrigin(tp, i, ox, oy)  # descent; pdfminer takes 0
                    x0, base = ox.value - origin_x, page_top - oy.value
            chars.append(Char(chr(code), x0, x1, base - size, base, True, "", size))
            where.append(i)
        twins = twin_candidates(chars)
        for k in twins:  # the font tells twins apart: asked only here
            raw.FPDFText_GetFontInfo(tp, where[k], name, 256, flags)
            chars[k] = chars[k]._replace(font=name.value.decode("utf-8", "replace"))
        return chars, twins
    finally:
        textpage.close()


_MAYBE_GENERATED = frozenset(map(ord, " \r\n"))


def _codes(raw, tp, count: int) -> list[int]:
    """Every character's code point: the page's text in one call, or one call
    per character when it holds surrogate pairs (its units then are no chars)."""
    buffer = (ctypes.c_ushort * (count + 1))()
    raw.FPDFText_GetText(tp, 0, count, buffer)
    units = list(buffer[:count])
    if any(0xD800 <= u <= 0xDFFF for u in units):
        return [raw.FPDFText_GetUnicode(tp, i) for i in range(count)]
    return units


_Matrix = tuple[float, float, float, float, float, float]


def _multiply(m: _Matrix, n: _Matrix) -> _Matrix:
    """m then n (PDF row-vector convention)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
            e * A + f * C + E, e * B + f * D + F)


def _walk_objects(raw, page, form, ctm: _Matrix, corner: tuple[float, float],
                  edges: list[Edge], depth: int = 0) -> int:
    """Edges of the painted paths under `page` (or inside `form`), appended to
    `edges`; returns the number of image objects met."""
    if depth > 8:  # forms nested deeper than any producer writes: drawn nothing we need
        return 0
    count = raw.FPDFFormObj_CountObjects(form) if form else raw.FPDFPage_CountObjects(page)
    images = 0
    m = raw.FS_MATRIX()
    for k in range(count):
        obj = raw.FPDFFormObj_GetObject(form, k) if form else raw.FPDFPage_GetObject(page, k)
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_IMAGE:
            images += 1
        elif kind in (raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM):
            raw.FPDFPageObj_GetMatrix(obj, m)
            here = _multiply((m.a, m.b, m.c, m.d, m.e, m.f), ctm)
            if kind == raw.FPDF_PAGEOBJ_FORM:
                images += _walk_objects(raw, page, obj, here, corner, edges, depth + 1)
            else:
                edges.extend(_path_edges(raw, obj, here, corner))
    return images


def _path_edges(raw, path, ctm: _Matrix, corner: tuple[float, float]) -> list[Edge]:
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    raw.FPDFPath_GetDrawMode(path, fill, stroke)
    if not fill.value and not stroke.value:
        return []  # neither filled nor stroked: pdfminer never sees it
    a, b, c, d, e, f = ctm
    left, top = corner
    x, y = ctypes.c_float(), ctypes.c_float()
    segments = [raw.FPDFPath_GetPathSegment(path, k)
                for k in range(raw.FPDFPath_CountSegments(path))]
    kinds = [raw.FPDFPathSegment_GetType(seg) for seg in segments]
    ops: list[str] = []
    points: list[tuple[float, float]] = []
    start = (0.0, 0.0)
    bezier = 0
    for k, seg in enumerate(segments):
        kind = kinds[k]
        if kind == raw.FPDF_SEGMENT_BEZIERTO:
            bezier += 1
        if kind != raw.FPDF_SEGMENT_BEZIERTO or bezier % 3 == 0:  # a curve: its end point
            raw.FPDFPathSegment_GetPoint(seg, x, y)
            point = (a * x.value + c * y.value + e - left, top - (b * x.value + d * y.value + f))
            if kind == raw.FPDF_SEGMENT_MOVETO:
                start = point
            ops.append("m" if kind == raw.FPDF_SEGMENT_MOVETO else
                       "c" if kind == raw.FPDF_SEGMENT_BEZIERTO else "l")
            points.append(point)
        # a close mid-subpath only repeats a point (zero-length edges): asked at ends
        last = k + 1 == len(kinds) or kinds[k + 1] == raw.FPDF_SEGMENT_MOVETO
        if last and raw.FPDFPathSegment_GetClose(seg):
            ops.append("h")
            points.append(start)
    return path_edges("".join(ops), points)


__all__ = ["Unsupported", "open_document", "page_content", "page_chars"]
