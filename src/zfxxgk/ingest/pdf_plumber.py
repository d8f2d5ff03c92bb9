"""pdfplumber (pdfminer) as the PDF engine: the fallback and the referee.

Pages PDFium cannot read, or reads as empty while pdfplumber finds text, are
read here; the differential tests read every test PDF through both engines and
require the same Document. Only the raw material is taken from pdfplumber
(characters, edges, pictures): tables and lines come from the same pure stages
as for PDFium (`pdf_text.py`, `pdf_grid.py`).
"""

from __future__ import annotations

import io
import logging
import math

from ..errors import InputError
from . import pdf_info
from .pdf_info import legacy_text, stream_data
from .pdf_layout import (WHITE, Char, Edge, PageContent, aligned_edge, axis, faint, shading, skew,
                         slanted, tilt)
from .pdf_covered import unseen_white
from .pdf_plumber_hidden import lay_out, rgb

_log = logging.getLogger(__name__)


def open_pdf(data: bytes, source: str | None = None):
    """pdfplumber's PDF, or a Chinese InputError for encrypted and broken files."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pdf.pages  # noqa: B018 — the page tree is read here, and broken files fail here
        return pdf
    except Exception as e:  # pdfminer raises many kinds; all mean "cannot read this file"
        cause = e.__cause__ or e.__context__ or e
        if isinstance(e, (PDFPasswordIncorrect, PDFEncryptionError)) or isinstance(
                cause, (PDFPasswordIncorrect, PDFEncryptionError)) or "password" in str(e).lower():
            raise InputError("PDF 文件已加密（设有打开密码或不支持的加密方式），请先取消加密后再试",
                             source=source) from None
        # The parser's exception name means nothing to a clerk: it goes to the log only.
        _log.info("%s: PDF cannot be opened: %s: %s", source, type(cause).__name__, cause)
        raise InputError("PDF 文件已损坏或格式不正确，无法读取", source=source) from None


def declared_pages(pdf) -> int:
    """The page count the page tree claims (`/Count`). A file may claim 200,000
    pages while repeating one page object, which pdfplumber reads as one page: the
    claim alone marks it as no annual report (and no scan to report)."""
    from pdfminer.pdftypes import resolve1

    try:
        count = resolve1(resolve1(pdf.doc.catalog.get("Pages")).get("Count"))
    except Exception:  # a broken tree: the pages pdfplumber found are what counts
        return 0
    return count if isinstance(count, int) else 0


def document_info(pdf) -> dict[str, str]:
    """The information dictionary's text entries, decoded as PDFium decodes them
    (pdfplumber's own `metadata` knows only one byte order mark, and producers
    write the other too), so both engines give a file the same properties."""
    return {key: info_text(raw) for key, raw in raw_info(pdf).items()}


def raw_info(pdf) -> dict[str, bytes]:
    """The information dictionary's string entries as the file's bytes."""
    from pdfminer.pdftypes import resolve1

    out: dict[str, bytes] = {}
    for info in pdf.doc.info:
        for key, value in (info.items() if isinstance(info, dict) else ()):
            value = resolve1(value)
            if isinstance(value, bytes):
                out[str(key)] = value
    return out


def info_text(raw: bytes) -> str:
    """A PDF text string: UTF-16 with its byte order mark (either order), UTF-8
    with its mark, Chinese in legacy bytes (`pdf_info.legacy_text`: "" when
    garbage), else PDFDocEncoding."""
    from pdfminer.utils import decode_text

    if raw.startswith((b"\xfe\xff", b"\xff\xfe")):
        return raw[2:].decode("utf-16-be" if raw[0] == 0xFE else "utf-16-le", "ignore")
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", "ignore")
    legacy = legacy_text(raw)
    return decode_text(raw) if legacy is None else legacy


def xmp_title(pdf) -> str:
    """dc:title of the catalog's XMP metadata stream (`pdf_info.xmp_title`), ""
    when there is none or it is too large or filtered otherwise than by Flate."""
    from pdfminer.pdftypes import PDFStream, resolve1

    stream = resolve1(pdf.doc.catalog.get("Metadata"))
    if not isinstance(stream, PDFStream):
        return ""
    filters = resolve1(stream.get("Filter"))
    filters = [filters] if filters is not None and not isinstance(filters, list) else filters or []
    names = [str(getattr(resolve1(f), "name", f)) for f in filters]
    data = stream_data(stream.rawdata or b"", names)
    return pdf_info.xmp_title(data) if data else ""


def page_content(page) -> PageContent:
    """One pdfplumber page as engine-neutral content: the characters whose middle
    lies in the crop box (what a viewer shows and a printer prints: text in a
    margin the box cuts off, or beyond the page, is nobody's reading), those
    drawn invisible kept apart and faint ones left out (`pdf_plumber_hidden`)."""
    unseen = [page.process_object(c) for c in lay_out(page)]
    found, lines = page.chars, (e for e in page.edges if not _shading(e))
    back = _turned_back(page, found)
    if back is not None:  # a skewed page, read as the upright one it was
        found, lines = [back(c) for c in found], (back(e) for e in lines)
    chars = _chars(page, _seen(page, found))
    layer = tuple(_chars(page, unseen))
    edges = [edge for edge in map(_edge, lines) if edge is not None]
    pictures = tuple((i["x0"], i["top"], i["x1"], i["bottom"]) for i in page.images)
    return PageContent(chars, edges, len(page.images), None, pictures, layer)


def _turned_back(page, chars: list[dict]):
    """For a page whose characters are turned by one small angle (`pdf_layout.skew`),
    the function turning a character or a line back about the page's middle, as
    PDFium's reader turns such a page (`pdf_pdfium.Skewed`); else None. A
    character's box is its advance by its size about its turned middle."""
    tilts = [t for t in (tilt(*(c.get("matrix") or (1, 0, 0, 1))[:4]) for c in chars)
             if t is not None]
    angle = skew(tilts, len(chars) - len(tilts)) if tilts else None
    if angle is None:
        return None
    a = math.radians(angle)  # y down: turning back by -angle (y up) is turning by +angle
    cos, sin = math.cos(a), math.sin(a)
    mx, my = (page.bbox[0] + page.bbox[2]) / 2, (page.bbox[1] + page.bbox[3]) / 2

    def point(x: float, y: float) -> tuple[float, float]:
        return mx + cos * (x - mx) - sin * (y - my), my + sin * (x - mx) + cos * (y - my)

    def back(obj: dict) -> dict:
        if "text" in obj:
            x, y = point((obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2)
            half, size = (obj.get("adv") or obj["width"]) / 2, obj["size"]
            return {**obj, "matrix": (1, 0, 0, 1), "upright": True, "x0": x - half,
                    "x1": x + half, "top": y - size / 2, "bottom": y + size / 2}
        pts = obj.get("pts") or []
        if len(pts) != 2:
            return obj
        (x0, y0), (x1, y1) = point(*pts[0]), point(*pts[1])
        return {**obj, "x0": min(x0, x1), "x1": max(x0, x1), "top": min(y0, y1),
                "bottom": max(y0, y1)}

    return back


def _seen(page, chars: list[dict]) -> list[dict]:
    """`chars` without the white ones on the white paper (`pdf_covered.unseen_white`:
    on no filled area of another colour, no picture), as PDFium's reader leaves out."""
    whites = [k for k, c in enumerate(chars) if min(rgb(c.get("non_stroking_color"))) >= WHITE]
    if not whites:
        return chars
    grounds = [(o["x0"], o["top"], o["x1"], o["bottom"]) for o in page.rects + page.curves
               if o.get("fill") and min(rgb(o.get("non_stroking_color"))) < WHITE]
    grounds += [(i["x0"], i["top"], i["x1"], i["bottom"]) for i in page.images]
    boxes = [(chars[k]["x0"], chars[k]["top"], chars[k]["x1"], chars[k]["bottom"]) for k in whites]
    drop = {whites[k] for k in unseen_white(boxes, grounds)}
    return [c for k, c in enumerate(chars) if k not in drop]


def _chars(page, found: list[dict]) -> list[Char]:
    """pdfplumber's characters within the page's crop box, watermarks left out."""
    x0, top, x1, bottom = page.cropbox
    return [Char(c["text"], c["x0"], c["x1"], c["top"], c["bottom"], bool(c["upright"]),
                 c["fontname"], c["size"]) for c in found
            if x0 <= (c["x0"] + c["x1"]) / 2 <= x1 and top <= (c["top"] + c["bottom"]) / 2 <= bottom
            and not _watermark(c)]


def _watermark(char: dict) -> bool:
    """A slanted or faint character (`pdf_layout.slanted`, `faint`), as PDFium's
    reader leaves out."""
    matrix = char.get("matrix") or (1, 0, 0, 1)
    return slanted(*matrix[:4]) or faint(*rgb(char.get("non_stroking_color")))


def _shading(e: dict) -> bool:
    """An edge of a filled, unstroked rectangle of `pdf_layout.shading` (a
    cell's background), as PDFium's reader leaves out."""
    if e.get("object_type") != "rect_edge" or not e.get("fill") or e.get("stroke"):
        return False
    xs, ys = [p[0] for p in e["pts"]], [p[1] for p in e["pts"]]
    return shading(max(xs) - min(xs), max(ys) - min(ys))


def _edge(e: dict) -> Edge | None:
    """pdfplumber's edge classified as `pdf_layout` classifies PDFium's (`axis`:
    a rule off its axis by rounding stays a rule), a slanted line kept as
    pdfplumber's "v", a slanted curve piece (no orientation) dropped."""
    x0, top, x1, bottom = e["x0"], e["top"], e["x1"], e["bottom"]
    orientation = axis(x1 - x0, bottom - top) or e["orientation"]
    return aligned_edge(orientation, x0, top, x1, bottom) if orientation in ("h", "v") else None


__all__ = ["declared_pages", "open_pdf", "page_content"]
