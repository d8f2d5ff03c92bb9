"""Pictures on a text page of a PDF: a table pasted as a screenshot.

Offices often type the prose of a report and paste the statistics tables as a
picture (a screenshot of a spreadsheet, a scanned signed table). The page has
a text layer, so it is no scan, yet the numbers a reader sees are only pixels.
A picture big enough to hold a table, with (almost) no text over it, is read
by OCR: the page goes to the OCR hook, and what it reads inside the pictures'
heights is put among the page's own text lines; what it reads elsewhere on the
page (the text the layer already has) is dropped. A picture behind text (a
letterhead, a watermark under the words) has characters over it and is left.
"""

from __future__ import annotations

from .pdf_layout import Char, PageContent

Box = tuple[float, float, float, float]

# Points: a table pasted as a picture spans much of the text width and at least
# a header and a row; a seal, a logo or a signature is smaller.
MIN_WIDTH = 200.0
MIN_HEIGHT = 72.0
# Characters a picture may carry over it and still be read (a caption, a page
# number printed across it): more are text the layer already has.
MAX_CHARS_OVER = 10


def text_pictures(chars: list[Char], content: PageContent) -> list[Box]:
    """The boxes of the pictures on a text page that OCR should read."""
    big = [b for b in content.pictures if b[2] - b[0] >= MIN_WIDTH and b[3] - b[1] >= MIN_HEIGHT]
    return [b for b in big if _chars_over(chars, b) <= MAX_CHARS_OVER]


def _chars_over(chars: list[Char], box: Box) -> int:
    x0, top, x1, bottom = box
    return sum(1 for c in chars if x0 <= (c.x0 + c.x1) / 2 <= x1 and top <= (c.top + c.bottom) / 2 <= bottom)


# Points: OCR places a table's top on its ruling, which may sit on the
# picture's very edge (or a pixel above it, once rendered and deskewed).
EDGE = 6.0


def inside(items: list, boxes: list[Box]) -> list:
    """The items (`pdf.Item`, top in points) OCR read within the pictures' heights."""
    return [it for it in items
            if any(top - EDGE <= it.top <= bottom for _, top, _, bottom in boxes)]


__all__ = ["inside", "text_pictures"]
