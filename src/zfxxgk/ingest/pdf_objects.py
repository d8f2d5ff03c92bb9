"""One PDFium page's objects walked once: the ruling edges of its painted paths
(into form XObjects, through their matrices), the boxes of its pictures, and the
text objects nobody sees (drawn invisible, faint, or hidden by a picture drawn
over them: `pdf_covered`). Kept apart from `pdf_pdfium`, which reads the
characters: this part looks at objects, not at the text page.
"""

from __future__ import annotations

import ctypes
from itertools import repeat

from .pdf_covered import MIN_SHARE, hidden_texts, unseen_white
from .pdf_layout import FAINT, WHITE, Edge, Matrix, faint_over_white, multiply, path_edges
from .pdfium_calls import calls


def address(handle) -> int | None:
    """A PDFium handle's address: the key a text object is known by on both sides."""
    return ctypes.cast(handle, ctypes.c_void_p).value


_CHUNK = 4096  # page objects listed at once
_INVISIBLE = (3, 7)  # FPDF_TEXTRENDERMODE_INVISIBLE, _CLIP
_LIGHT = 255 * FAINT - 0.5  # an opaque faint colour's red, at least
_FILLED = (0, 2, 4, 6)  # the render modes that fill the glyphs


class PageObjects:
    """One page's walk over its objects: PDFium's functions, the constants and
    the out-parameters bound once (a page has thousands of objects)."""

    def __init__(self, raw, page, corner: tuple[float, float]):
        api = self.api = calls()
        self.raw, self.page, self.corner = raw, page, corner
        self.kinds = (raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_IMAGE, raw.FPDF_PAGEOBJ_FORM)
        self.moveto, self.bezierto = raw.FPDF_SEGMENT_MOVETO, raw.FPDF_SEGMENT_BEZIERTO
        self.matrix = (ctypes.c_float * 6)()  # FS_MATRIX
        self.modes = (ctypes.c_int * 2)()  # fill, stroke
        self.point = (ctypes.c_float * 2)()  # x, y
        self.mode_refs = (ctypes.byref(self.modes), ctypes.byref(self.modes, 4))
        self.point_refs = (ctypes.byref(self.point), ctypes.byref(self.point, 4))
        self.segment, self.segment_type = api.path_segment, api.segment_type
        self.pictures: list[tuple[float, float, float, float]] = []  # image objects' boxes
        self.text_kind = raw.FPDF_PAGEOBJ_TEXT
        self.fill = (ctypes.c_uint * 4)()  # R, G, B, A
        self.fill_refs = [ctypes.byref(self.fill, 4 * k) for k in range(4)]
        self.hidden: dict[int, bool] = {}  # text object's address -> drawn invisible (else faint)
        self.drawn: list[tuple] = []  # every text object and its form's matrix, in drawing order
        self.covers: list[tuple] = []  # each image: texts drawn before it, its box, the object
        self.fills: list[tuple] = []  # each filled path and its form's matrix
        self.whites: list[tuple] = []  # each text object filled opaque white and its matrix

    def walk(self, form, ctm: Matrix, edges: list[Edge], depth: int = 0) -> int:
        """Edges of the painted paths under the page (or inside `form`), appended
        to `edges`; returns the number of image objects met."""
        if depth > 8:  # forms nested deeper than any producer writes: drawn nothing we need
            return 0
        raw, api = self.raw, self.api
        count = raw.FPDFFormObj_CountObjects(form) if form else raw.FPDFPage_CountObjects(self.page)
        get_object, parent = (api.form_object, form) if form else (api.page_object, self.page)
        object_type, object_matrix, m = api.object_type, api.object_matrix, self.matrix
        path, image, form_kind = self.kinds
        text_kind = self.text_kind
        images = 0
        texts = []
        for chunk in range(0, count, _CHUNK):  # objects and kinds listed in C, a chunk
            numbers = range(chunk, min(count, chunk + _CHUNK))  # at a time: most are text
            objects = list(map(get_object, repeat(parent, len(numbers)), numbers))
            kinds = list(map(object_type, objects))
            images += kinds.count(image)
            for obj, kind in zip(objects, kinds):
                if kind == path or kind == form_kind:
                    object_matrix(obj, m)
                    here = multiply(m[:], ctm)
                    if kind == form_kind:
                        images += self.walk(obj, here, edges, depth + 1)
                    else:
                        edges.extend(self.path_edges(obj, here))
                        if self.modes[0]:  # filled: a ground white text may be printed on
                            self.fills.append((obj, ctm))  # (its bounds hold its matrix)
                elif kind == image:
                    self.pictures.append(self.picture_box(obj, ctm))
                    self.covers.append((len(self.drawn), self.pictures[-1], obj))
                elif kind == text_kind:
                    texts.append(obj)
                    self.drawn.append((obj, ctm))
        if texts:
            self.note_hidden(texts, ctm)
        return images

    def note_hidden(self, texts: list, ctm: Matrix) -> None:
        """Records the text objects nobody sees on the page: drawn invisible
        (render mode 3, or 7: a clip only) or filled faint by their colour and
        opacity; those filled white are kept for `note_white`. Most text is
        opaque and dark: two comparisons let it pass."""
        api, hidden, fill, light = self.api, self.hidden, self.fill, _LIGHT
        object_fill, (r0, r1, r2, r3) = api.object_fill, self.fill_refs
        for obj, mode in zip(texts, map(api.text_render_mode, texts)):
            if mode in _INVISIBLE:
                hidden[address(obj)] = True
            elif mode in _FILLED and object_fill(obj, r0, r1, r2, r3) and (
                    fill[0] >= light or fill[3] < 255):
                r, g, b, a = (v / 255 for v in fill[:])
                if faint_over_white(r, g, b, a):
                    hidden[address(obj)] = False
                elif min(r, g, b) >= WHITE and a == 1:
                    self.whites.append((obj, ctm))

    def note_white(self) -> None:
        """Records the text objects filled white on the white paper as faint
        (`pdf_covered.unseen_white`): on no filled path of another colour and
        no picture. Looked at only on a page with white text."""
        if not self.whites:
            return
        fill, white = self.fill, 255 * WHITE
        grounds = [self.picture_box(obj, ctm) for obj, ctm in self.fills
                   if self.api.object_fill(obj, *self.fill_refs) and min(fill[:3]) < white]
        texts = [self.picture_box(obj, ctm) for obj, ctm in self.whites]
        for k in unseen_white(texts, grounds + self.pictures):
            self.hidden[address(self.whites[k][0])] = False

    def note_covered(self, page_area: float) -> None:
        """Records the text objects a picture hides as drawn invisible: under an
        opaque picture drawn after them, or white over a page-size one (a scan's
        OCR layer drawn as text: `pdf_covered`). Looked at only on a page with a
        picture big enough to hide a table."""
        big = [c for c in self.covers
               if (c[1][2] - c[1][0]) * (c[1][3] - c[1][1]) >= MIN_SHARE * page_area]
        if not big or not self.drawn:
            return
        has_transparency = self.raw.FPDFPageObj_HasTransparency
        pictures = [(before, box, not has_transparency(obj)) for before, box, obj in big]
        texts = [(self.picture_box(obj, ctm), self._white(obj)) for obj, ctm in self.drawn]
        for k in hidden_texts(texts, pictures, page_area):
            self.hidden[address(self.drawn[k][0])] = True

    def _white(self, obj) -> bool:
        """Whether a text object is filled opaque white."""
        fill = self.fill
        return self.api.text_render_mode(obj) in _FILLED and \
            bool(self.api.object_fill(obj, *self.fill_refs)) and \
            min(fill[:3]) >= 255 * WHITE and fill[3] == 255

    def picture_box(self, obj, ctm: Matrix) -> tuple[float, float, float, float]:
        """An image object's box on the page (its bounds, in the space of the
        form it sits in, taken through the form's matrix `ctm`)."""
        ends = [ctypes.c_float() for _ in range(4)]
        self.raw.FPDFPageObj_GetBounds(obj, *map(ctypes.byref, ends))
        x0, y0, x1, y1 = (v.value for v in ends)
        a, b, c, d, e, f = ctm
        left, top = self.corner
        xs, ys = [], []
        for x, y in ((x0, y0), (x0, y1), (x1, y0), (x1, y1)):
            xs.append(a * x + c * y + e - left)
            ys.append(top - (b * x + d * y + f))
        return (min(xs), min(ys), max(xs), max(ys))

    def path_edges(self, path, ctm: Matrix) -> list[Edge]:
        api = self.api
        fill, stroke = self.mode_refs
        api.path_draw_mode(path, fill, stroke)
        if self.modes[:] == [0, 0]:
            return []  # neither filled nor stroked: pdfminer never sees it
        a, b, c, d, e, f = ctm
        left, top = self.corner
        segment, segment_type, segment_point = self.segment, self.segment_type, api.segment_point
        xy = self.point
        at_x, at_y = self.point_refs
        count = api.path_count(path)
        segments = list(map(segment, repeat(path, count), range(count)))
        kinds = list(map(segment_type, segments))
        moveto, bezierto = self.moveto, self.bezierto
        ops: list[str] = []
        points: list[tuple[float, float]] = []
        start = (0.0, 0.0)
        bezier = 0
        for k, seg in enumerate(segments):
            kind = kinds[k]
            if kind == bezierto:
                bezier += 1
            if kind != bezierto or bezier % 3 == 0:  # a curve: its end point
                segment_point(seg, at_x, at_y)
                px, py = xy[:]
                point = (a * px + c * py + e - left, top - (b * px + d * py + f))
                if kind == moveto:
                    start = point
                ops.append("m" if kind == moveto else "c" if kind == bezierto else "l")
                points.append(point)
            # a close mid-subpath only repeats a point (zero-length edges): asked at ends
            last = k + 1 == len(kinds) or kinds[k + 1] == moveto
            if last and api.segment_close(seg):
                ops.append("h")
                points.append(start)
        return path_edges("".join(ops), points, self.modes[1] == 0)

