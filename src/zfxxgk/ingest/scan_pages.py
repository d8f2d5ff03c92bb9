"""The page images a scan's tables were read from, kept while the scan is loaded.

An OCR'd cell's provenance has its page and its box in the pixels of the upright,
deskewed page image OCR worked on. To show a reviewer the crop of a doubtful
cell, that image must be the one OCR saw: re-rendering and re-straightening the
source later could differ by a pixel or a degree. So while a document is loaded
the OCR reader hands each page that held a table to a sink (`ocr.set_page_sink`),
and this module keeps them as greyscale JPEG bytes by page number. Pages of text
(prose only) are not kept: no cell is on them.
"""

from __future__ import annotations

import io
from contextlib import contextmanager
from typing import Iterator

# Quality of a kept page: the crops are for reading digits, not for printing.
JPEG_QUALITY = 75


def encode_page(image) -> bytes:
    """A greyscale page array -> JPEG bytes (a scan's noise makes PNG several times
    larger for no gain in legibility)."""
    from PIL import Image

    buf = io.BytesIO()
    Image.fromarray(image).convert("L").save(buf, "JPEG", quality=JPEG_QUALITY)
    return buf.getvalue()


@contextmanager
def collecting() -> Iterator[dict[int, bytes]]:
    """Within the block, pages OCR reads a table from are collected into the
    yielded dict (page number -> JPEG bytes)."""
    from .ocr import set_page_sink

    pages: dict[int, bytes] = {}
    set_page_sink(lambda number, image: pages.__setitem__(number, encode_page(image)))
    try:
        yield pages
    finally:
        set_page_sink(None)


__all__ = ["collecting", "encode_page"]
