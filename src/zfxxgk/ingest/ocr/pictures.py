"""Pictures inside a Word file or a web page: the tables offices paste as images.

The loader notes where each picture sits among its own lines; the pictures worth
reading (a ruled table, or a picture the size of a page: not a logo or a seal)
are read as pages, and their lines are spliced in at those places. Lines and
tables are then numbered afresh in document order, so table numbers count the
pictured tables too. A picture's lines carry its ordinal as their page.
"""

from __future__ import annotations

from ..document import Line

# A picture smaller than this on both sides holds no table worth reading.
PAGE_SIDE = 700


def worth_reading(image) -> bool:
    """A ruled table is in it, or it is as big as a page of text."""
    from . import geometry, rulings

    if min(image.shape) >= PAGE_SIDE and max(image.shape) >= 1.2 * PAGE_SIDE:
        return True
    return bool(rulings.find_tables(geometry.binarize(image)))


def splice(lines: list[Line], pictures: list[tuple[int, bytes]], source: str | None,
           meta: dict[str, str]) -> list[Line]:
    """`lines` with the lines read from `pictures` ((index in lines before which
    the picture sits, its bytes)) inserted; `meta["ocr"]` names the ordinals of
    the pictures that were read, if any."""
    from . import check_page_count, read_images
    from .images import decode_pages
    from .lines import page_lines

    chosen = []
    for index, data in pictures:
        chosen += [(index, image) for image in decode_pages(data, source) if worth_reading(image)]
    if not chosen:
        return lines
    check_page_count(len(chosen), source)
    pages = read_images([image for _, image in chosen], len(chosen))
    read: dict[int, list[Line]] = {}
    for ordinal, items in enumerate(pages, 1):
        for line in page_lines([[]] * (ordinal - 1) + [items]):
            read.setdefault(chosen[ordinal - 1][0], []).append(line)
    out: list[Line] = []
    for k in range(len(lines) + 1):
        out.extend(read.get(k, []))
        if k < len(lines):
            out.append(lines[k])
    meta["ocr"] = ",".join(str(k) for k in range(1, len(chosen) + 1))
    return _renumber(out)


def _renumber(lines: list[Line]) -> list[Line]:
    """Line numbers 1..n; tables numbered in order of first appearance (a table
    of a picture and one of the text are told apart by their origin)."""
    tables: dict[tuple[bool, int], int] = {}
    for n, line in enumerate(lines, 1):
        line.number = n
        if line.table is not None:
            key = (line.ocr is not None, line.table if line.ocr is None else line.table * 1000 + (line.page or 0))
            line.table = tables.setdefault(key, len(tables) + 1)
    return lines


__all__ = ["splice", "worth_reading"]
