"""Pages read by OCR -> the contract of the PDF loader's OCR hook (`OcrLine`s,
ingest/pdf_ocr.py) -> the numbered `Line`s every loader produces.

Scanned PDF pages, image files and embedded pictures all go the same way: each
page's items become OcrLines (a table as one OcrLine with its grid and each
cell's confidence and box), and the PDF loader's own `items_to_lines` numbers
them, so a table continued on the next page keeps its number whatever the
picture came from, and `grid.table_lines` writes the tab lines the parser reads.
"""

from __future__ import annotations

from ..document import Line
from ..pdf_ocr import OcrLine
from .page import PageItem


def ocr_lines(items: list[PageItem], scale: float = 1.0) -> list[OcrLine]:
    """A page's items as OcrLines; `scale` turns pixels into the PDF's points."""
    out = []
    for it in items:
        top = it.top * scale
        if it.grid is None:
            out.append(OcrLine(top, it.text or ""))
            continue
        grid = tuple(tuple(None if c is None else c.text for c in row) for row in it.grid)
        cells = tuple(tuple(None if c is None else (c.confidence, c.box) for c in row)
                      for row in it.grid)
        out.append(OcrLine(top, "", grid=grid, cells=cells))
    return out


def page_lines(pages: list[list[PageItem]]) -> list[Line]:
    """Pages of items (page 1 first) -> numbered lines, as the PDF loader numbers them."""
    from ..pdf import items_to_lines, ocr_items

    return items_to_lines([ocr_items(ocr_lines(page)) for page in pages])


__all__ = ["ocr_lines", "page_lines"]
