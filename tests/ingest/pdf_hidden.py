"""Text a reader of the printed page never sees, added to a rendered report.

Real PDFs carry text that is in the file but not on the page: a searchable
scan's OCR layer and a producer's leftovers drawn invisible (text render mode
3), a watermark in black made faint by a fill opacity (ExtGState ``ca``), text
placed beyond the page's edge or in a margin the crop box cuts off. Each maker
puts a digit right after every number of the page (a reader that takes it
would read 25 as 259), so that reading the hidden text shows as a wrong cell.
Used by tests/ingest/pdf_shapes.py (its "+" shapes) and the tests.
"""

from __future__ import annotations

import ctypes
import io

HIDDEN = ("invisible", "alpha", "grey", "offpage", "cropped")
_MARGIN = 40.0  # points the crop box cuts off at the right
_SCALE = 0.75  # set as WeasyPrint sets text (CSS pixels in points): one run with it


def hide(data: bytes, how: str, digit: str = "9") -> bytes:
    """`data` with `digit` added after each number of each page, `how` (one of
    HIDDEN) hidden: drawn invisible, at 8% opacity, in light grey (a watermark
    in the numbers' own size), beyond the right edge of the page at the
    number's height, or in a right margin the crop box cuts off. Each is drawn
    right after the text object it follows (a reader meets it in the middle of
    the page's text, as a watermark stamped by a tool that edits the page)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pdf = pdfium.PdfDocument(data)
    for page in pdf:
        width, height = page.get_size()
        objects = [o.get_bounds() for o in page.get_objects(max_depth=1)]
        added = []
        for x1, base, size in _numbers(page, height):
            at = next((k + 1 for k, (left, low, right, high) in enumerate(objects)
                       if left <= x1 - 1 <= right and low <= height - base + 1 <= high), None)
            if how == "offpage":
                x1 = width + 30.0
            elif how == "cropped":
                x1 = width - _MARGIN / 2
            added.append((at, x1 + 0.2, height - base, size))
        for at, x, y, size in sorted(added, key=lambda a: -(a[0] or 0)):
            _text(pdf, page, raw, digit, x, y, size, how, at)
        if how == "cropped":
            page.set_cropbox(0, 0, width - _MARGIN, height)
        page.gen_content()
    buf = io.BytesIO()
    pdf.save(buf)
    return buf.getvalue()


def _numbers(page, height: float) -> list[tuple[float, float, float]]:
    """(right edge, baseline from the top, font size) of each run of digits."""
    from zfxxgk.ingest.pdf_pdfium import page_content

    out, run = [], []
    for c in page_content(page).chars + [None]:
        if c is not None and c.text.isdigit() and (not run or abs(c.x0 - run[-1].x1) < 1.5):
            run.append(c)
            continue
        if run:
            out.append((run[-1].x1, run[-1].bottom - run[-1].size * 0.2, run[-1].size))
        run = [c] if c is not None and c.text.isdigit() else []
    return out


def _text(pdf, page, raw, digit: str, x: float, y: float, size: float, how: str,
          at: int | None) -> None:
    obj = raw.FPDFPageObj_NewTextObj(pdf.raw, b"Helvetica", ctypes.c_float(size / _SCALE))
    text = ctypes.create_unicode_buffer(digit)
    raw.FPDFText_SetText(obj, ctypes.cast(text, ctypes.POINTER(raw.FPDF_WCHAR)))
    if how == "invisible":
        raw.FPDFTextObj_SetTextRenderMode(obj, raw.FPDF_TEXTRENDERMODE_INVISIBLE)
    grey = 208 if how == "grey" else 0
    raw.FPDFPageObj_SetFillColor(obj, grey, grey, grey, 20 if how == "alpha" else 255)
    raw.FPDFPageObj_Transform(obj, _SCALE, 0, 0, _SCALE, x, y)
    if at is None:
        raw.FPDFPage_InsertObject(page.raw, obj)
    else:
        raw.FPDFPage_InsertObjectAtIndex(page.raw, obj, at)


def searchable(data: bytes, scale: float = 2.0, picture: bool = True, under: bool = False) -> bytes:
    """`data` as a scanner's searchable PDF: each page a picture of itself, its
    text kept over the picture drawn invisible (render mode 3), its rules gone;
    without `picture`, the text only made invisible (as a converter leaves it
    under text it draws as outlines); with `under`, the text left as it was
    drawn and the picture painted over it (a tool that hides its layer so)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pdf = pdfium.PdfDocument(data)
    for page in pdf:
        width, height = page.get_size()
        bitmap = page.render(scale=scale)
        for obj in list(page.get_objects(max_depth=1)):
            if obj.type == raw.FPDF_PAGEOBJ_TEXT:
                if not under:
                    raw.FPDFTextObj_SetTextRenderMode(obj.raw, raw.FPDF_TEXTRENDERMODE_INVISIBLE)
            elif picture:
                page.remove_obj(obj)
        if not picture:
            page.gen_content()
            continue
        image = pdfium.PdfImage.new(pdf)
        image.set_bitmap(bitmap, pages=[page])
        image.set_matrix(pdfium.PdfMatrix().scale(width, height))
        page.insert_obj(image)
        page.gen_content()
    buf = io.BytesIO()
    pdf.save(buf)
    return buf.getvalue()
