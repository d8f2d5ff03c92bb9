"""The one place where a PDF page without a text layer is handed to OCR.

The PDF loader (`ingest/pdf.py`) has a single page loop. A page without a text
layer is given to `read_textless_page`, which asks the OCR reader for the
page's lines: every page of a scan (pictures, at most a printed page number
each), and in a PDF with text, each page that is only a picture (a table pasted
as an image). OCR lives in `zfxxgk.ingest.ocr`; this module only defines the
contract, so OCR never needs a page loop of its own:

    # zfxxgk/ingest/ocr/__init__.py
    def read_page(page, number: int) -> list[OcrLine] | None: ...

`page` is a `pypdfium2.PdfPage` (render it with
``page.render(scale=dpi / 72).to_pil()``; its size in points is
``page.get_size()``), `number` the 1-based page number. Return the page's lines
top to bottom, or None when OCR cannot read it (no engine, no language data, an
empty picture). A line's `top` is in PDF points from the top of the page, as the
loader's own lines are, so OCR lines interleave with text of other pages and the
page furniture filter applies to them too.

When every page of a scan comes back None the file is a scan as before:
`meta["scan"]` and the F-TABLE findings "扫描件，无文字层". When OCR reads something, the Document says so: ``meta["ocr"]`` = the pages read by
OCR (comma separated), and a scan read by OCR has kind ``pdf-ocr``, so findings
and provenance can tell a number read from pixels from one read from a text
layer. OCR lines of a picture page in a text PDF join that page's lines.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OcrLine:
    """One line OCR read on a page: `top` in points from the page's top edge.
    A table read from the picture is one OcrLine with `grid` (rows of cell texts,
    None where a merged cell reaches) and `cells` (the same shape: each cell's
    (confidence, (x0, y0, x1, y1) in the page image's pixels), or None)."""

    top: float
    text: str = ""
    grid: tuple | None = None
    cells: tuple | None = None


def read_textless_page(page, number: int) -> list[OcrLine] | None:
    """The lines OCR reads on a page without a text layer, or None (nothing
    read). `page` is a `pypdfium2.PdfPage`."""
    from .ocr import read_page

    lines = read_page(page, number) or []
    return [line for line in lines if line.text.strip() or line.grid] or None


__all__ = ["OcrLine", "read_textless_page"]
