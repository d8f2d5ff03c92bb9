"""pdfminer's reading of a page without the text nobody sees on it.

pdfminer lays out every glyph a content stream shows, whatever its text render
mode, and ignores the graphics state dictionaries (`gs`) that set a fill
opacity. So pdfplumber read a searchable scan's OCR layer and a producer's
invisible leftovers (render mode 3 or 7), and black text at 8% opacity, as
printed text, where PDFium's reader leaves them out (`pdf_pdfium`): on a page
only pdfplumber reads (the referee, or the fallback for a page PDFium cannot
describe) a hidden digit after each number turned 25 into 259. Here the page
is laid out by pdfplumber's own device and interpreter, taught both: the
characters drawn invisible are kept apart (as PDFium's `PageContent.layer`),
the faint ones (`pdf_layout.faint_over_white`) dropped, and the characters a
picture hides kept apart as PDFium keeps them (`pdf_covered`).
"""

from __future__ import annotations

from functools import cache

from .pdf_covered import hidden_texts
from .pdf_layout import WHITE, faint_over_white

_INVISIBLE = (3, 7)  # text render modes that paint nothing: invisible, clip only


def lay_out(page) -> list:
    """Lays `page` (pdfplumber's) out into its `layout` as pdfplumber would, the
    hidden characters left out; returns the invisible ones (pdfminer's LTChar)."""
    if hasattr(page, "_layout"):
        return []
    device_class, interpreter_class = _classes()
    from pdfplumber.utils.exceptions import PdfminerException

    device = device_class(page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams)
    try:
        interpreter_class(page.pdf.rsrcmgr, device).process_page(page.page_obj)
    except Exception as e:  # as pdfplumber's own layout reports a failure
        raise PdfminerException(e) from e
    page._layout = device.get_result()
    return device.layer + _covered(page._layout)


def _covered(layout) -> list:
    """The characters a picture hides (`pdf_covered`), taken out of the page's
    layout and returned: under an opaque picture painted after them, or white
    on a page-size picture."""
    from pdfminer.layout import LTChar, LTFigure, LTImage

    objs = getattr(layout, "_objs", None)
    if not objs or not any(isinstance(o, (LTFigure, LTImage)) for o in objs):
        return []
    chars, pictures = [], []
    for o in objs:
        if isinstance(o, LTChar):
            chars.append(o)
        elif isinstance(o, (LTFigure, LTImage)):
            pictures += [(len(chars), (i.x0, i.y0, i.x1, i.y1), _opaque(i))
                         for i in _images(o, LTImage)]
    texts = [((c.x0, c.y0, c.x1, c.y1), min(rgb(getattr(c.graphicstate, "ncolor", None))) >= WHITE)
             for c in chars]
    hidden = hidden_texts(texts, pictures, (layout.x1 - layout.x0) * (layout.y1 - layout.y0))
    if not hidden:
        return []
    gone = {id(chars[k]) for k in hidden}
    layout._objs = [o for o in objs if id(o) not in gone]
    return [chars[k] for k in sorted(hidden)]


def _images(obj, image_class) -> list:
    """The images in a layout object (a figure holds the image it draws)."""
    if isinstance(obj, image_class):
        return [obj]
    return [i for o in getattr(obj, "_objs", ()) for i in _images(o, image_class)]


def _opaque(image) -> bool:
    """Whether an image paints every pixel of its box (no soft mask, no mask)."""
    stream = getattr(image, "stream", None)
    attrs = getattr(stream, "attrs", {}) or {}
    return not any(key in attrs for key in ("SMask", "Mask", "ImageMask"))


def rgb(color) -> tuple[float, float, float]:
    """A fill colour as RGB 0..1 (gray, RGB or CMYK as PDFium converts them);
    black for a pattern or anything else."""
    if isinstance(color, (int, float)):
        color = (color,)
    if not isinstance(color, (tuple, list)) or not all(isinstance(v, (int, float)) for v in color):
        return (0.0, 0.0, 0.0)
    if len(color) == 1:
        return (color[0],) * 3
    if len(color) == 3:
        return tuple(color)
    if len(color) == 4:
        c, m, y, k = color
        return ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    return (0.0, 0.0, 0.0)


@cache
def _classes() -> tuple[type, type]:
    """(the device, the interpreter), made once: pdfplumber is imported lazily."""
    from pdfminer.pdfinterp import PDFGraphicState, PDFPageInterpreter
    from pdfminer.pdftypes import dict_value, resolve1
    from pdfminer.psparser import literal_name
    from pdfplumber.page import PDFPageAggregatorWithMarkedContent

    class State(PDFGraphicState):
        """The graphics state with its fill opacity (`ca`), kept through q/Q."""

        alpha = 1.0

        def copy(self) -> "State":
            new = State()
            new.__dict__.update(self.__dict__)
            return new

    class Interpreter(PDFPageInterpreter):
        def init_state(self, ctm) -> None:
            super().init_state(ctm)
            self.graphicstate = State()

        def do_gs(self, name) -> None:
            """Takes the fill opacity from the named graphics state dictionary."""
            try:
                states = dict_value(dict_value(self.resources).get("ExtGState"))
                alpha = resolve1(dict_value(states.get(literal_name(name))).get("ca"))
            except Exception:  # a damaged dictionary sets nothing, as before
                return
            if isinstance(alpha, (int, float)) and isinstance(self.graphicstate, State):
                self.graphicstate.alpha = min(1.0, max(0.0, float(alpha)))

    class Device(PDFPageAggregatorWithMarkedContent):
        mode = 0

        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self.layer: list = []

        def render_string(self, textstate, seq, ncs, graphicstate) -> None:
            self.mode = textstate.render
            super().render_string(textstate, seq, ncs, graphicstate)

        def render_char(self, matrix, font, fontsize, scaling, rise, cid, ncs,
                        graphicstate) -> float:
            adv = super().render_char(matrix, font, fontsize, scaling, rise, cid, ncs,
                                      graphicstate)
            alpha = getattr(graphicstate, "alpha", 1.0)
            if self.mode in _INVISIBLE:
                self.layer.append(self.cur_item._objs.pop())
            elif alpha < 1.0 and faint_over_white(*rgb(graphicstate.ncolor), alpha):
                self.cur_item._objs.pop()
            return adv

    return Device, Interpreter


__all__ = ["lay_out", "rgb"]
