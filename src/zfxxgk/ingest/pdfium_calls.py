"""PDFium's per-character and per-segment functions, called without ctypes'
argument conversion.

pypdfium2 declares every function's argument types, so ctypes converts and
checks each argument on every call: measured here at 0.67 µs a call, against
0.30 µs for the same function declared without argument types, while PDFium's
own work in a character's box is a few dozen nanoseconds. A page of a report
takes about three calls per character and three per path segment, so the
reader calls these second prototypes of the same C functions (same library,
same addresses). Without declared types, the caller passes exactly what C
expects: the handles pypdfium2 returns (ctypes pointers), Python ints for
`int` indexes, and `ctypes.byref` or ctypes arrays for out-parameters; handles
returned by these prototypes are ctypes pointers again, never bare ints (a
64-bit address passed as a Python int would be cut to a C int).
"""

from __future__ import annotations

import ctypes
from functools import cache
from types import SimpleNamespace


def _bare(func, restype):
    """`func` (a pypdfium2 function) as a prototype without argument types."""
    address = ctypes.cast(func, ctypes.c_void_p).value
    bare = ctypes.CFUNCTYPE(restype)(address)
    bare.argtypes = None
    return bare


@cache
def calls() -> SimpleNamespace:
    """The functions by short name (`text_*`: text page; `page_*`, `path_*`,
    `segment_*`: page objects), created once per process. Those whose success
    flag the reader never looks at (it reads their out-parameters) return
    nothing here: ctypes then converts no result either."""
    import pypdfium2.raw as raw

    c_int, c_double = ctypes.c_int, ctypes.c_double
    return SimpleNamespace(
        text_is_generated=_bare(raw.FPDFText_IsGenerated, c_int),
        text_matrix=_bare(raw.FPDFText_GetMatrix, None),
        text_font_size=_bare(raw.FPDFText_GetFontSize, c_double),
        text_loose_box=_bare(raw.FPDFText_GetLooseCharBox, None),
        text_origin=_bare(raw.FPDFText_GetCharOrigin, None),
        text_char_box=_bare(raw.FPDFText_GetCharBox, None),
        text_object=_bare(raw.FPDFText_GetTextObject, raw.FPDFText_GetTextObject.restype),
        text_object_at=_bare(raw.FPDFText_GetTextObject, ctypes.c_void_p),  # an address
        text_object_font=_bare(raw.FPDFTextObj_GetFont, ctypes.c_void_p),
        text_render_mode=_bare(raw.FPDFTextObj_GetTextRenderMode, c_int),
        object_fill=_bare(raw.FPDFPageObj_GetFillColor, c_int),
        page_object=_bare(raw.FPDFPage_GetObject, raw.FPDFPage_GetObject.restype),
        form_object=_bare(raw.FPDFFormObj_GetObject, raw.FPDFFormObj_GetObject.restype),
        object_type=_bare(raw.FPDFPageObj_GetType, c_int),
        object_matrix=_bare(raw.FPDFPageObj_GetMatrix, None),
        path_draw_mode=_bare(raw.FPDFPath_GetDrawMode, None),
        path_count=_bare(raw.FPDFPath_CountSegments, c_int),
        path_segment=_bare(raw.FPDFPath_GetPathSegment, raw.FPDFPath_GetPathSegment.restype),
        segment_type=_bare(raw.FPDFPathSegment_GetType, c_int),
        segment_point=_bare(raw.FPDFPathSegment_GetPoint, None),
        segment_close=_bare(raw.FPDFPathSegment_GetClose, c_int),
        glyph_segment=_bare(raw.FPDFGlyphPath_GetGlyphPathSegment,
                            raw.FPDFGlyphPath_GetGlyphPathSegment.restype),
    )


__all__ = ["calls"]
