"""A report's figures typed into its PDF as annotations, made from a rendering.

A clerk fills the template's PDF form, or types the figures over the printed
table with a PDF editor's typewriter or stamp tool: the figures then live in
annotations' appearance streams, not in the page's content, and a text layer
read from the content alone has blanks where they stand. Here each number of
each page is moved into a stamp annotation (the one kind PDFium writes
appearance objects into; a form field's value and typed text are drawn the
same way), set in Helvetica where it stood. `formed` makes those stamps the
fields of a form whose values (/V) have no appearance stream, the form asking
the viewer to draw them (/NeedAppearances true), as simple form fillers save
it. Used by bench/pdf_engines_probe.py and tests/ingest/test_pdf_hidden.py.
"""

from __future__ import annotations

import ctypes
import io
import re
import zlib


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


_STAMP = re.compile(rb"<</AP<</N (\d+) 0 R >>/Rect\[([^\]]*)\]/Subtype/Stamp/Type/Annot>>")
_OBJECT = re.compile(rb"(?:^|\n)(\d+) 0 obj\r?\n")


def formed(data: bytes) -> bytes:
    """`data` with every number a text field's value (/V) without an
    appearance stream, the form marked /NeedAppearances: an incremental update
    of the file `typed` saves (its stamps become the fields)."""
    base = typed(data)
    objects = {int(m[1]): (m.end(), base.index(b"endobj", m.end())) for m in _OBJECT.finditer(base)}
    body = {n: base[a:b].strip() for n, (a, b) in objects.items()}
    size = int(re.search(rb"/Size (\d+)", base[base.rindex(b"trailer"):])[1])
    new, fields = {}, []
    font = size
    new[font] = b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica/Encoding/WinAnsiEncoding>>"
    for n, text in body.items():
        if b"/Subtype/Stamp" not in text:
            continue

        def field(m, page=n):
            number = size + 1 + len(fields)
            fields.append(number)
            value = _shown(body[int(m[1])])
            new[number] = (b"<</Type/Annot/Subtype/Widget/FT/Tx/T(f%d)/V(%s)/Rect[%s]/F 4/P %d 0 R"
                           b"/DA(/Helv 0 Tf 0 g)>>" % (number, value, m[2], page))
            return b"%d 0 R " % number

        new[n] = _STAMP.sub(field, text)
    root = int(re.search(rb"/Root (\d+) 0 R", base[base.rindex(b"trailer"):])[1])
    form = b"/AcroForm<</Fields[%s]/NeedAppearances true/DA(/Helv 0 Tf 0 g)/DR<</Font<</Helv %d 0 R>>>>>>" % (
        b" ".join(b"%d 0 R" % f for f in fields), font)
    new[root] = body[root][:-2] + form + b">>"
    return _appended(base, new, root, size + 1 + len(fields))


def _shown(stream_object: bytes) -> bytes:
    """The text a stamp's appearance stream shows (`[<3231>] TJ`: ASCII codes)."""
    raw = stream_object[stream_object.index(b"stream") + 6:].lstrip(b"\r\n")
    raw = raw[:raw.rindex(b"endstream")]
    content = zlib.decompress(raw) if b"FlateDecode" in stream_object else raw
    return b"".join(bytes.fromhex(h.decode()) for h in re.findall(rb"<([0-9A-Fa-f]+)>", content))


def _appended(base: bytes, new: dict, root: int, size: int) -> bytes:
    """`base` with the objects `new` appended as an incremental update."""
    out = io.BytesIO()
    out.write(base if base.endswith(b"\n") else base + b"\n")
    offsets = {}
    for n in sorted(new):
        offsets[n] = out.tell()
        out.write(b"%d 0 obj\n%s\nendobj\n" % (n, new[n]))
    xref = out.tell()
    out.write(b"xref\n")
    for n in sorted(offsets):
        out.write(b"%d 1\n%010d 00000 n \n" % (n, offsets[n]))
    prev = int(base[base.rindex(b"startxref") + 9:].split()[0])
    out.write(b"trailer\n<</Size %d/Root %d 0 R/Prev %d>>\nstartxref\n%d\n%%%%EOF\n"
              % (size, root, prev, xref))
    return out.getvalue()
