"""PDFium (pypdfium2) as the PDF engine: a page -> `PageContent`.

PDFium is C++: it gives every character with its box and every path object of a
page for a small fraction of what pdfminer's pure-Python interpretation costs.
Characters come from the text page (PDFium's own spaces and line breaks, marked
"generated", are left out: pdfminer has none); ruling edges from the path
objects, walked into form XObjects with their matrices.

A page turned by /Rotate is read as a viewer shows it (`display`: the page's
space turned, as pdfminer's interpreter turns it), so its hidden text is left
out as any page's; so is a page whose text runs sideways (`Sideways`), a page
whose content is all turned by one small angle is read turned back (`Skewed`),
and annotations that hold figures are drawn into the page first (`shown_page`).
Whether a font draws other digits than its text says is judged while the text
page is open (`pdf_digits`).
A page cropped from its media box keeps only the characters the crop box
shows, as pdfplumber's reading does (`page_content`). A page this module
cannot describe exactly as pdfplumber would is refused with `Unsupported`
(characters mirrored or turned two ways, a cropped page also turned): the loader then reads that page with pdfplumber and says so
in the Document's meta. A slanted or faint character is a watermark's: both
engines leave it out (`pdf_layout.slanted`, `faint`). Text nobody sees on the
printed page is no text of it: PDFium's text page holds it
all the same, so the text objects drawn invisible (render mode 3 or 7: a
searchable scan's OCR layer, a producer's leftovers) or faint by their fill
opacity (black at 20%: `faint_over_white`), and characters off the page, are
left out here (the invisible ones kept apart as `PageContent.layer`, and so is
text a picture hides: `pdf_covered`), as is white text on the white paper.
"""

from __future__ import annotations

import ctypes
import math
from types import SimpleNamespace

from . import pdf_digits
from .pdf_digits import PageDigits
from .pdf_layout import Char, Edge, Matrix, PageContent, multiply, skew, slanted, tilt
from .pdf_objects import PageObjects, address
from .pdf_text import candidates_in
from .pdfium_calls import calls


class Unsupported(Exception):
    """A page whose geometry this reader does not reproduce exactly."""


class Skewed(Exception):
    """Most characters of a page turned by the same small angle (`pdf_layout.skew`): a
    scanned sheet traced back into vectors, or text placed by OCR software
    along the scan's slightly slanted rows. `degrees`: their angle, counter-
    clockwise. The page is read turned back by it (`page_content`)."""

    def __init__(self, degrees: float):
        super().__init__(f"page skewed by {degrees:.2f} degrees")
        self.degrees = degrees


class Sideways(Unsupported):
    """Text turned by a quarter or half turn on the page as shown: `turn`, the
    /Rotate that shows it upright (a landscape table drawn sideways on a
    portrait page, which a reader reads by turning the sheet)."""

    def __init__(self, turn: int):
        super().__init__(f"text turned by {turn}")
        self.turn = turn

    @staticmethod
    def of(a: float, b: float, c: float, d: float) -> Unsupported:
        """The exception for a character of matrix `a b c d`: Sideways when it is
        turned (not mirrored, not slanted), else Unsupported."""
        def zero(v: float) -> bool:
            return abs(v) < 1e-6

        if zero(a) and zero(d) and b * c < 0:
            return Sideways(90 if b > 0 else 270)
        if zero(b) and zero(c) and a < 0 and d < 0:
            return Sideways(180)
        return Unsupported("rotated or mirrored text")


def open_document(data: bytes):
    """PDFium's document; raises `pypdfium2.PdfiumError` for files it cannot open.
    A file with a form has its form environment set up before any page is
    loaded: a form whose fields hold values without appearance streams, asking
    the viewer to draw them (/NeedAppearances, as simple form fillers save it),
    is drawn as a viewer draws it; without the environment PDFium draws those
    fields blank, and the figures typed into them were lost (`shown_page`)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pdf = pdfium.PdfDocument(data)
    if raw.FPDF_GetFormType(pdf.raw) != raw.FORMTYPE_NONE:
        pdf.init_forms()
    return pdf


def shown_page(pdf, index: int):
    """Page `index` of `pdf` with the annotations that may hold its figures
    drawn into its content (`FPDFPage_Flatten`, as the page is shown): a filled
    form's field values, text typed over the page with a PDF editor's typewriter
    tool, a stamp. They are drawn from each annotation's appearance stream, which
    PDFium's text page does not read: a report whose figures were typed into
    its PDF form read as a table of blanks. Links and comments are left alone."""
    import pypdfium2.raw as raw

    page = pdf[index]
    count = raw.FPDFPage_GetAnnotCount(page.raw)
    kinds = set()
    for k in range(max(0, count)):
        annot = raw.FPDFPage_GetAnnot(page.raw, k)
        if annot:
            kinds.add(raw.FPDFAnnot_GetSubtype(annot))
            raw.FPDFPage_CloseAnnot(annot)
    typed = {raw.FPDF_ANNOT_WIDGET, raw.FPDF_ANNOT_FREETEXT, raw.FPDF_ANNOT_STAMP}
    if not kinds & typed or raw.FPDFPage_Flatten(page.raw, raw.FLAT_NORMALDISPLAY) != \
            raw.FLATTEN_SUCCESS:
        return page
    page.close()  # PDFium reads the flattened content when the page is loaded again
    return pdf[index]


def page_content(page) -> PageContent:
    """Characters, ruling edges and the number of pictures of one page, placed on
    the page as a viewer shows it (a page turned by /Rotate: `display`), or as
    the reader turns a sheet whose text runs sideways (`Sideways`). A page
    cropped from its media box (/CropBox) keeps the media box's coordinates and
    only the characters whose middle lies in the crop box, what a viewer shows
    and pdfplumber reads (`pdf_plumber.page_content`); a page both cropped and
    turned is pdfplumber's (its crop box is not turned with the page)."""
    box, crop = tuple(page.get_mediabox()), tuple(page.get_cropbox())
    cropped = crop != box
    if cropped and page.get_rotation() % 360:
        raise Unsupported("cropped page turned by /Rotate")
    try:
        found = _upright(page, box, page.get_rotation())
    except Sideways as e:
        if cropped:
            raise Unsupported("cropped page with sideways text") from None
        try:
            found = _upright(page, box, page.get_rotation() + e.turn)
        except Sideways:  # text running two ways: pdfplumber's
            raise Unsupported("text turned two ways") from None
    return _cropped(found, box, crop) if cropped else found


def _upright(page, box: tuple, rotation: int) -> PageContent:
    """`_content`, turned back by the angle of a skewed page (`Skewed`):
    its characters and rulings read as the upright page the scan was of
    (they were all left out as a watermark's, and the rulings as slanted lines)."""
    try:
        return _content(page, box, rotation)
    except Skewed as e:
        return _content(page, box, rotation, e.degrees)


def _cropped(found: PageContent, box: tuple, crop: tuple) -> PageContent:
    """`found` with only the characters (and the invisible layer's) whose middle
    lies in `crop` (both boxes in the page's space, y up), twins renumbered."""
    left, right = crop[0] - box[0], crop[2] - box[0]
    top, bottom = box[3] - crop[3], box[3] - crop[1]

    def inside(c: Char) -> bool:
        return left <= (c.x0 + c.x1) / 2 <= right and top <= (c.top + c.bottom) / 2 <= bottom

    kept = [i for i, c in enumerate(found.chars) if inside(c)]
    renumbered = {old: new for new, old in enumerate(kept)}
    twins = tuple(renumbered[k] for k in found.twins or () if k in renumbered)
    return found._replace(chars=[found.chars[i] for i in kept], twins=twins,
                          layer=tuple(c for c in found.layer if inside(c)))


def _content(page, box: tuple, rotation: int, skewed: float = 0.0) -> PageContent:
    """The page's content as shown, turned back by `skewed` degrees about its middle."""
    import pypdfium2.raw as raw

    turn, width, height = display(box, rotation)
    if skewed:
        turn = multiply(turn, _turn_about(-skewed, width / 2, height / 2))
    edges: list[Edge] = []
    walker = PageObjects(raw, page.raw, (0.0, height))
    images = walker.walk(None, turn, edges)
    walker.note_covered(width * height)
    walker.note_white()
    chars, twins, layer, digits = page_chars(raw, page, turn, (width, height), walker.hidden)
    return PageContent(chars, edges, images, tuple(twins), tuple(walker.pictures), tuple(layer),
                       digits.lies, bool(digits.doubted))


def _turn_about(degrees: float, x: float, y: float) -> Matrix:
    """The matrix turning by `degrees` counter-clockwise about the point x y."""
    a = math.radians(degrees)
    cos, sin = math.cos(a), math.sin(a)
    return (cos, sin, -sin, cos, x - cos * x + sin * y, y - sin * x - cos * y)


def display(box: tuple[float, float, float, float], rotation: int) -> tuple[Matrix, float, float]:
    """(the matrix from the page's space to the page as shown, y up and its
    lower left corner at 0 0; the shown width and height) for a media box and
    a /Rotate of 0, 90, 180 or 270 (turned clockwise, as a viewer turns it and
    as pdfminer's interpreter does): a landscape table a printer driver stored
    on a portrait sheet turned by 90 reads as the landscape page it shows."""
    x0, y0, x1, y1 = box
    turns = {0: (1.0, 0.0, 0.0, 1.0, -x0, -y0), 90: (0.0, -1.0, 1.0, 0.0, -y0, x1),
             180: (-1.0, 0.0, 0.0, -1.0, x1, y1), 270: (0.0, 1.0, -1.0, 0.0, y1, -x0)}
    rotation %= 360
    if rotation not in turns:
        raise Unsupported("page rotation not a multiple of 90")
    width, height = x1 - x0, y1 - y0
    return turns[rotation], *((height, width) if rotation in (90, 270) else (width, height))


def page_chars(raw, page, turn: Matrix, box: tuple[float, float],
               hidden: dict | None = None) -> tuple[list[Char], list[int], list[Char], PageDigits]:
    """The text page's characters, boxed as pdfminer boxes them: from the origin
    along the advance width, from the font's descent up by the font size (a
    vertical font: from its origin up by the font size), on the page as shown
    (`turn`, `box`: `display`). The font name only
    tells duplicates apart: it is looked up for possible twins only, whose
    indexes are returned with the characters. The characters of `hidden` text
    objects (address -> drawn invisible, `PageObjects.hidden`) and those off the
    page are left out; the invisible ones are returned third; fourth, whether
    a font draws other digits than its map says, and the digits doubted
    (`pdf_digits.PageDigits`; those characters given as doubted digits)."""
    textpage = page.get_textpage()
    try:
        tp = textpage.raw
        codes = _codes(raw, tp, raw.FPDFText_CountChars(tp))
        api = calls()
        shown, unseen = _hidden_indexes(api, tp, len(codes), hidden or {})
        if turn[:4] == (1.0, 0.0, 0.0, 1.0):  # upright: the page's origin moved only
            at = (-turn[4], box[1] - turn[5])
        else:
            api, at = _turned(api, turn), (0.0, box[1])
        tilts: list[float] = []
        chars, where, groups = _boxed_chars(api, tp, codes, *at, box, shown, tilts)
        angle = skew(tilts, len(chars))
        if angle is not None:
            raise Skewed(angle)
        layer = _boxed_chars(api, tp, codes, *at, box, unseen, [])[0] if unseen else []
        twins = candidates_in(groups.values())
        name, flags = ctypes.create_string_buffer(256), ctypes.c_int()
        for k in twins:  # the font tells twins apart: asked only here
            raw.FPDFText_GetFontInfo(tp, where[k], name, 256, flags)
            chars[k] = chars[k]._replace(font=name.value.decode("utf-8", "replace"))
        digits = pdf_digits.lying_digits(raw, tp, codes, shown, pdf_digits.verdicts(page.pdf))
        if digits.doubted:
            _doubt(chars, where, digits.doubted)
        return chars, twins, layer, digits
    finally:
        textpage.close()


def _doubt(chars: list[Char], where: list[int], doubted: tuple[tuple[int, str], ...]) -> None:
    """The characters at the text page indexes of `doubted` (digits of a doubted font,
    `pdf_digits`) given as its doubted characters, in place (`where`: each character's index)."""
    wanted = dict(doubted)
    for k, i in enumerate(where):
        if i in wanted:
            chars[k] = chars[k]._replace(text=wanted[i])


def lying_page(pdf, index: int) -> PageDigits:
    """Whether a font on page `index` draws other digits than its text says,
    and the fonts doubted (`pdf_digits`), for a page another engine read."""
    import pypdfium2.raw as raw

    page = pdf[index]
    textpage = page.get_textpage()
    try:
        count = raw.FPDFText_CountChars(textpage.raw)
        codes = _codes(raw, textpage.raw, count)
        return pdf_digits.lying_digits(raw, textpage.raw, codes, range(count),
                                       pdf_digits.verdicts(pdf))
    finally:
        textpage.close()
        page.close()


def _hidden_indexes(api, tp, count: int, hidden: dict) -> tuple:
    """(the text page's indexes of the characters shown, those drawn invisible):
    each character's text object asked only on a page that has hidden ones."""
    if not hidden:
        return range(count), ()
    text_object = api.text_object
    shown, unseen = [], []
    for i in range(count):
        invisible = hidden.get(address(text_object(tp, i)))
        if invisible is None:
            shown.append(i)
        elif invisible:
            unseen.append(i)
    return shown, unseen


def _turned(api, turn: Matrix) -> SimpleNamespace:
    """`api` with the four calls that place a character giving it on the page
    as shown (`turn`: `display`), so `_boxed_chars` reads a turned page as an
    upright one: its matrix, loose and ink boxes and origin taken through
    `turn` (a quarter turn swaps a box's sides; the same out-parameters)."""
    ta, tb, tc, td, te, tf = turn

    def point(x: float, y: float) -> tuple[float, float]:
        return ta * x + tc * y + te, tb * x + td * y + tf

    def corners(x0, y0, x1, y1) -> tuple[float, float, float, float]:
        xs, ys = zip(point(x0, y0), point(x1, y1))
        return min(xs), min(ys), max(xs), max(ys)

    def text_matrix(tp, i, m) -> None:
        api.text_matrix(tp, i, m)
        a, b, c, d = m[:4]
        turned = (a * ta + b * tc, a * tb + b * td, c * ta + d * tc, c * tb + d * td)
        # a quarter turn by cos and sin leaves 1e-17 where 0 is meant
        m[0], m[1], m[2], m[3] = (0.0 if abs(v) < 1e-6 else v for v in turned)

    def text_loose_box(tp, i, r) -> None:  # FS_RECTF: left, top, right, bottom
        api.text_loose_box(tp, i, r)
        left, low, right, high = corners(r[0], r[3], r[2], r[1])
        r[0], r[1], r[2], r[3] = left, high, right, low

    def text_origin(tp, i, at_x, at_y) -> None:
        api.text_origin(tp, i, at_x, at_y)
        x, y = at_x._obj, at_y._obj
        x.value, y.value = point(x.value, y.value)

    def text_char_box(tp, i, *out) -> None:  # left, right, bottom, top
        api.text_char_box(tp, i, *out)
        v = [ref._obj for ref in out]
        box = corners(v[0].value, v[2].value, v[1].value, v[3].value)
        v[0].value, v[2].value, v[1].value, v[3].value = box

    return SimpleNamespace(**{**vars(api), "text_matrix": text_matrix,
                              "text_loose_box": text_loose_box, "text_origin": text_origin,
                              "text_char_box": text_char_box})


def _boxed_chars(api, tp, codes: list[int], origin_x: float, page_top: float,
                 box: tuple[float, float], indexes,
                 tilts: list[float]) -> tuple[list[Char], list[int], dict]:
    """(characters, each one's index on the text page, the characters grouped
    by code and size for `candidates_in`) of the text page's `indexes`; a
    slanted watermark's characters and those whose middle lies off the page
    (`box`: its width and height) left out (a faint one's are not among the
    `indexes`: `PageObjects.note_hidden`). Three calls a character (matrix, font
    size, loose box): the origin only for vertical fonts and fonts without
    ascent and descent (`_Origins`), the ink box once per font size and box
    height. One loop, its rare turns in helpers: it runs for every character."""
    is_generated, get_matrix, font_size, loose_box = (
        api.text_is_generated, api.text_matrix, api.text_font_size, api.text_loose_box)
    matrix, loose = (ctypes.c_float * 6)(), (ctypes.c_float * 4)()  # FS_MATRIX, FS_RECTF
    origins = _Origins(api, tp, origin_x, page_top)
    boxed = origins.boxed  # (font size, scale, box height) -> `_Origins.by_metrics`
    new, maybe_generated = tuple.__new__, _MAYBE_GENERATED
    chars: list[Char] = []
    where: list[int] = []
    groups: dict[tuple, list] = {}  # (code, size) -> (top, x0, index) of the characters
    width2, height2 = 2 * box[0], 2 * box[1]  # a middle off the page: its sum beyond these
    for i in indexes:
        code = codes[i]
        if code in maybe_generated and is_generated(tp, i):
            continue  # PDFium's own word and line breaks: pdfminer has none
        get_matrix(tp, i, matrix)
        a, b, c, d = matrix[:4]
        if b != 0 or c != 0 or a <= 0 or d <= 0:
            _not_upright(a, b, c, d, tilts)
            continue  # a watermark's or a seal's character
        em = font_size(tp, i)
        size = em * d
        loose_box(tp, i, loose)
        left, top, right, bottom = loose[:]  # a slice: iterating an array costs 4x more
        if abs(right - left - em) < 1e-3 and abs(em - size) > 1e-3:
            # vertical writing (PDFium's box is unscaled): one font size square
            x0, base = origins.at(i)
            x1 = x0 + size
        else:
            x1 = right - origin_x
            metrics = boxed.get((em, d, top - bottom))
            if metrics is None:  # asked once per font size and box height
                metrics = origins.by_metrics(i, em, d, top, bottom)
            if metrics:
                x0, base = left - origin_x, page_top - bottom  # to the descent
            else:  # PDFium boxed the ink: the font descriptor has no ascent and
                x0, base = origins.at(i)  # descent; pdfminer takes 0
        char_top = base - size
        if not (0 <= x0 + x1 <= width2 and 0 <= char_top + base <= height2):
            continue  # beyond the page's edge: printed nowhere
        groups.setdefault((code, size), []).append((char_top, x0, len(chars)))
        chars.append(new(Char, (chr(code), x0, x1, char_top, base, True, "", size)))
        where.append(i)
    return chars, where, groups


def _not_upright(a: float, b: float, c: float, d: float, tilts: list[float]) -> None:
    """A character of matrix `a b c d` that is not upright: slanted (a
    watermark's, a seal's: left out; its small tilt noted in `tilts` for a
    skewed page, `Skewed`), else turned or mirrored (`Sideways.of`, raised)."""
    if not slanted(a, b, c, d):
        raise Sideways.of(a, b, c, d)
    angle = tilt(a, b, c, d)
    if angle is not None:
        tilts.append(angle)


class _Origins:
    """Where characters start on the page, for `_boxed_chars`: a character's
    origin (left, baseline), and whether PDFium boxed a font size's characters
    by the font's ascent and descent (asked once per font size, scale and box
    height: `_by_metrics`)."""

    __slots__ = ("api", "tp", "x", "y", "refs", "origin_x", "page_top", "boxed")

    def __init__(self, api, tp, origin_x: float, page_top: float):
        self.api, self.tp = api, tp
        self.x, self.y = ctypes.c_double(), ctypes.c_double()
        self.refs = ctypes.byref(self.x), ctypes.byref(self.y)
        self.origin_x, self.page_top = origin_x, page_top
        self.boxed: dict[tuple, bool] = {}

    def at(self, i: int) -> tuple[float, float]:
        """(left, baseline) of character `i`'s origin on the page."""
        self.api.text_origin(self.tp, i, *self.refs)
        return self.x.value - self.origin_x, self.page_top - self.y.value

    def by_metrics(self, i: int, em: float, scale: float, top: float, bottom: float) -> bool:
        """Whether character `i`'s loose box (`top`, `bottom`) differs from its
        ink box (boxed by the font's ascent and descent), kept in `boxed`."""
        metrics = self.boxed[em, scale, top - bottom] = _by_metrics(self.api, self.tp, i, top, bottom)
        return metrics


def _by_metrics(api, tp, i: int, top: float, bottom: float) -> bool:
    """Whether character `i`'s loose box (`top`, `bottom`) differs from its ink box."""
    box = [ctypes.c_double() for _ in range(4)]
    api.text_char_box(tp, i, *map(ctypes.byref, box))
    _, _, low, high = (v.value for v in box)
    return abs(bottom - low) > 1e-4 or abs(top - high) > 1e-4


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


__all__ = ["Sideways", "Unsupported", "lying_page", "shown_page", "open_document", "page_content",
           "page_chars"]
