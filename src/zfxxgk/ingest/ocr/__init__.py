"""Reading reports published as pictures: scanned PDF pages, PNG, JPEG and TIFF
files, pictures inside Word files and web pages.

A pipeline of small functions (`page.read_page`): page image -> upright, flat
and deskewed (`geometry`) -> ruling lines and grids of cells, merged cells
resolved (`rulings`) -> each cell cut into text lines (`cells`) -> recognised in
batches by PP-OCR on onnxruntime (`engine`, models shipped in the wheel) -> the
tab lines every other loader produces (`lines`). The parser, the identities and
the checks see an ordinary Document; each OCR'd cell's confidence and box ride
along in `Line.ocr` into provenance, where the checker's F-OCR rule finds them.
"""

from __future__ import annotations

import os
from typing import Callable, Iterable

from ...errors import InputError, TooLarge
from ..document import Document

# Longer scans are refused: a report is a handful of pages; a book is no report.
MAX_OCR_PAGES = int(os.environ.get("ZFXXGK_OCR_MAX_PAGES", "60"))

Progress = Callable[[int, int], None]
_progress: Progress | None = None


def set_progress(callback: Progress | None) -> None:
    """Who hears "page k of n done" (the sandbox's worker sends it to the parent,
    which draws the progress bar and restarts its per-page clock)."""
    global _progress
    _progress = callback


PageSink = Callable[[int, object], None]
_page_sink: PageSink | None = None


def set_page_sink(callback: PageSink | None) -> None:
    """Who keeps the upright page images that tables were read from, as
    (page number, greyscale array): the cells' boxes are in their pixels, so the
    web app can show the crop of a flagged cell (ingest/scan_pages.py)."""
    global _page_sink
    _page_sink = callback


def check_page_count(count: int, source: str | None) -> None:
    if count > MAX_OCR_PAGES:
        raise TooLarge(f"扫描件（图片）有 {count} 页需要文字识别，超过 {MAX_OCR_PAGES} 页的上限；"
                       "请只提供年度报告的页面，或用 --no-ocr 跳过文字识别", source=source)


def read_images(images: Iterable, total: int, numbers: Iterable[int] | None = None) -> list:
    """The items of each greyscale page image, reporting progress. `numbers`:
    the pages the images are (default 1, 2, ... `total`), when only some pages of
    a document of `total` pages are pictures (an OFD's scanned pages): kept page
    images must carry the page number the cells' provenance names."""
    pages = range(1, total + 1) if numbers is None else numbers
    return [_read(image, number, total) for number, image in zip(pages, images)]


def _read(image, number: int, total: int, bilevel: bool | None = None) -> list:
    """One greyscale page image's items; the page handed to the sink if it holds
    a table, and its progress reported. `bilevel`: the page is a black-and-white
    scan (None: judged from the image)."""
    from .page import read_page as read_image

    read = read_image(image, bilevel)
    if _page_sink is not None and read.image is not None \
            and any(item.grid is not None for item in read.items):
        _page_sink(number, read.image)
    if _progress is not None:
        _progress(number, total)
    return read.items


# Resolution a scanned PDF page is rendered at for OCR.
PDF_DPI = 200


def read_page(page, number: int):
    """The PDF loader's hook (`pdf.ocr_pages`): a `pypdfium2.PdfPage` without a
    text layer -> its `pdf.Item`s (tables with each cell's confidence and box),
    top in points. Pages beyond MAX_OCR_PAGES make the whole file refused."""
    from .colour import grey_page
    from .lines import ocr_lines

    total = len(page.pdf) if getattr(page, "pdf", None) is not None else number
    check_page_count(total, None)
    width, height = page.get_size()
    scale = min(PDF_DPI / 72, 3600 / max(width, height, 1))
    # in colour: a red seal and a pen's blue are taken out before the page is
    # made grey (colour.py)
    image = grey_page(page.render(scale=scale).to_pil())
    # a black-and-white picture is two-valued no more once rendered larger: told
    # by its bit depth (page.py reads such a page enlarged and smoothed)
    bilevel = _bilevel_scale(page)
    return ocr_lines(_read(image, number, total, bilevel is not None and bilevel < scale),
                     1 / scale) or None


def _bilevel_scale(page) -> float | None:
    """Pixels per point of a scanned page that is one black-and-white picture
    (1 bit a pixel: a fax, a scanner's B/W mode), or None for any other page."""
    import pypdfium2.raw as pdfium_c

    try:
        pictures = list(page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=2))
        if len(pictures) != 1 or pictures[0].get_metadata().bits_per_pixel != 1:
            return None
        left, _, right, _ = pictures[0].get_bounds()
        return pictures[0].get_px_size()[0] / max(right - left, 1.0)
    except Exception:  # noqa: BLE001  (a damaged object: rendered as before)
        return None


def load_image(data: bytes, source: str | None = None, ocr: bool = True) -> Document:
    """A PNG, JPEG or (multi-page) TIFF file of a report -> Document."""
    from .images import NAMES, count_pages, image_kind, iter_pages
    from .lines import page_lines

    kind = image_kind(data)
    name = NAMES.get(kind or "", "图片")
    if not ocr:
        raise InputError(f"这是 {name} 图片；已关闭文字识别（--no-ocr），无法读取图片中的报告",
                         source=source)
    count = count_pages(data, source)
    check_page_count(count, source)
    pages = read_images(iter_pages(data, source, max_pages=MAX_OCR_PAGES), count)
    # (a long picture's pieces: `count` is at most as many, known from the headers)
    return Document(lines=page_lines(pages), source=source, kind="image",
                    meta={"ocr": ",".join(str(k) for k in range(1, len(pages) + 1)),
                          "pages": str(len(pages))})


__all__ = ["MAX_OCR_PAGES", "check_page_count", "load_image", "read_images", "read_page",
           "set_page_sink", "set_progress"]
