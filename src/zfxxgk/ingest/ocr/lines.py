"""Pages read by OCR -> the PDF loader's page items (`pdf.Item`, what its OCR
hook returns) -> the numbered `Line`s every loader produces.

Scanned PDF pages, image files and embedded pictures all go the same way: each
page's items become `pdf.Item`s (a table as one item with its grid and each
cell's confidence and box), and the PDF loader's own `items_to_lines` numbers
them, so a table continued on the next page keeps its number whatever the
picture came from, and `grid.table_lines` writes the tab lines the parser reads.
"""

from __future__ import annotations

from ..document import Line
from ..pdf import Item, items_to_lines
from .page import PageItem


def ocr_lines(items: list[PageItem], scale: float = 1.0) -> list[Item]:
    """A page's items as the PDF loader's; `scale` turns pixels into the PDF's points."""
    out = []
    for it in items:
        top = it.top * scale
        if it.grid is None:  # (a line's confidence rides along: its figures may be a table's)
            out.append(Item(top, text=it.text or "",
                            ocr=None if it.box is None else ((it.confidence, it.box),)))
            continue
        grid = [[None if c is None else c.text for c in row] for row in it.grid]
        cells = tuple(tuple(None if c is None else
                            (c.confidence, c.box) + ((c.readings,) if c.readings else ())
                            for c in row)
                      for row in it.grid)
        out.append(Item(top, grid=grid, columns=len(grid[0]) if grid else 0, ocr=cells))
    return out


def page_lines(pages: list[list[PageItem]]) -> list[Line]:
    """Pages of items (page 1 first) -> numbered lines, as the PDF loader numbers them."""
    return items_to_lines([sorted(ocr_lines(page), key=lambda it: it.top) for page in pages])


__all__ = ["ocr_lines", "page_lines"]
