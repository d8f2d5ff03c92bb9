"""A report's figures typed into its PDF as annotations, made from a rendering.

A clerk fills the template's PDF form, or types the figures over the printed
table with a PDF editor's typewriter or stamp tool: the figures then live in
annotations' appearance streams, not in the page's content, and a text layer
read from the content alone has blanks where they stand. Here each number of
each page is moved into a stamp annotation (the one kind PDFium writes
appearance objects into; a form field's value and typed text are drawn the
same way), set in Helvetica where it stood. Used by bench/pdf_engines_probe.py
and tests/ingest/test_pdf_hidden.py.
"""

from __future__ import annotations

import ctypes
import io


def typed(data: bytes) -> bytes:
    """`data` with every text object that is a number moved into an annotation."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pdf = pdfium.PdfDocument(data)
    for page in pdf:
        textpage = page.get_textpage()
        for obj in list(page.get_objects(max_depth=1)):
            text = _text(raw, obj, textpage) if obj.type == raw.FPDF_PAGEOBJ_TEXT else ""
            if text.isdigit():
                _annotate(pdf, page, raw, obj, text)
                page.remove_obj(obj)
        textpage.close()
        page.gen_content()
    buf = io.BytesIO()
    pdf.save(buf)
    return buf.getvalue()


def _text(raw, obj, textpage) -> str:
    size = raw.FPDFTextObj_GetText(obj.raw, textpage.raw, None, 0)
    buf = (ctypes.c_ushort * (size // 2 + 1))()
    raw.FPDFTextObj_GetText(obj.raw, textpage.raw, buf, size)
    return bytes(buf)[:size].decode("utf-16-le", "ignore").rstrip("\x00").strip()


def _annotate(pdf, page, raw, obj, text: str) -> None:
    left, bottom, right, top = obj.get_bounds()
    m = obj.get_matrix()
    size = ctypes.c_float()
    raw.FPDFTextObj_GetFontSize(obj.raw, ctypes.byref(size))
    annot = raw.FPDFPage_CreateAnnot(page.raw, raw.FPDF_ANNOT_STAMP)
    raw.FPDFAnnot_SetRect(annot, raw.FS_RECTF(left - 1, top + 1, right + 1, bottom - 1))
    new = raw.FPDFPageObj_NewTextObj(pdf.raw, b"Helvetica", size)
    units = text.encode("utf-16-le") + b"\0\0"  # FPDF_WIDESTRING: UTF-16, not wchar_t
    raw.FPDFText_SetText(new, (ctypes.c_ushort * (len(units) // 2)).from_buffer_copy(units))
    raw.FPDFPageObj_Transform(new, m.a, m.b, m.c, m.d, m.e, m.f)
    raw.FPDFAnnot_AppendObject(annot, new)
    raw.FPDFPage_CloseAnnot(annot)
