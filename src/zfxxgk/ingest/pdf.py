"""PDF reports -> `Document`: one page loop over either engine, then pure stages.

Each page is read as `PageContent` (characters and ruling edges) by PDFium, or by
pdfplumber where PDFium cannot (`pdf_pages.py` decides and records it). The ruled
tables of a report are read as tables by the pure grid stages (`pdf_grid.py`):
each row becomes one tab line (`grid.table_lines`), so a vertical group label, a
label wrapped over three lines or a blank cell keeps its place instead of being
guessed back from flattened text. Text outside the tables becomes lines
(`pdf_text.py`), interleaved with the rows by their height on the page. When no
page has a table the whole file is read as page text, the text path the parser
was built on. A file without a text layer (a scan), a page of a text PDF
that is only a picture, and a page whose text layer cannot be decoded (a font
without a usable ToUnicode map: `text_layer.py`) are handed page by page to OCR
(`ocr_pages`, the one hook OCR plugs into); so is a text page with a picture
big enough to be a pasted table (`pdf_pictures.py`), of which only what the
picture holds is kept. What OCR read is recorded (`meta["ocr"]`: its pages; a
scan read by OCR has kind ``pdf-ocr``), so findings and provenance can tell a
number read from pixels from one read from a text layer. A scan with nothing
read is a Document without lines whose `meta["scan"]` makes the parser and
checker report it (F-TABLE), since a reviewer needs to hear "this is a scan",
not "this is not a report".

Stages, each a small function: `page_items` (one page -> positioned text lines
and table rows; two pages printed on one sheet read side by side, `pdf_columns`;
what a browser printed around a page left out, `page_lines`), `join_split_rows` (a row broken over a page put back together),
`items_to_lines` (pages -> numbered lines, tables continued over a page break
keeping their number). Hostile files are the sandbox's business
(`ingest/sandbox.py`); here only the page count is capped.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from operator import attrgetter
from typing import Any

from ..errors import TooLarge
from ..settings import Resolvable
from . import pdf_columns, pdf_grid, pdf_pictures, pdf_text, pdf_wide, text_layer
from .document import Document, Line
from .grid import table_lines
from .pdf_layout import Char, Edge, PageContent
from .pdf_pages import ENGINES, PageSource, has_text

MAX_PAGES = 300
# Page numbers and running heads that may sit between two parts of one table.
_FURNITURE = re.compile(r"^\s*(?:[-—–]\s*\d{1,3}\s*[-—–]|第\s*\d{1,3}\s*页.*|\d{1,3}(?:\s*/\s*\d{1,3})?)\s*$")


# What a browser prints around a page (the date and the page's title at the top,
# its address and "2/5" at the bottom), when a clerk prints the portal's page to
# PDF: the first or last line of a page holding an address or opening with a
# date and time. Its numbers beside a table's last row would join the row.
_BROWSER = re.compile(r"(?:https?|file)://|\bwww\.[\w-]+\.|^\s*\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}"
                      r"\s*[,，]?\s*(?:上午|下午)?\s*\d{1,2}:\d{2}")


def is_page_furniture(text: str) -> bool:
    return not text.strip() or bool(_FURNITURE.match(text))


def page_lines(chars: list[Char]) -> list[tuple[float, str]]:
    """A page's text lines as (top, text), without what a browser printed
    around it (`_BROWSER`: its first and last line only)."""
    lines = pdf_text.text_lines(chars)
    for end in (-1, 0):
        if lines and _BROWSER.search(lines[end][1]):
            del lines[end]
    return lines


# Visible characters a page of a scan may still carry (a page number, a stamp's
# caption) before the file counts as having a text layer.
SCAN_CHARS_PER_PAGE = 20


@dataclass(frozen=True)
class PdfOptions(Resolvable):
    """`tables`: read ruled tables as tables (False: text only, as the `.txt`
    samples were made); `max_pages`: longer files are refused; `engine`: "pdfium"
    (pdfplumber only for the pages PDFium cannot read) or "pdfplumber" (every
    page, the referee the differential tests compare with; environment
    ZFXXGK_PDF_ENGINE, read by sandbox workers too)."""

    tables: bool = True
    max_pages: int = MAX_PAGES
    ocr: bool = True  # pages without a text layer are read by OCR (False: --no-ocr)
    engine: str = field(default_factory=lambda: os.environ.get("ZFXXGK_PDF_ENGINE", "pdfium"))

    def __post_init__(self) -> None:
        if self.engine not in ENGINES:
            raise ValueError(f"engine must be one of {ENGINES}, got {self.engine!r}")
        if not isinstance(self.max_pages, int) or self.max_pages <= 0:
            raise ValueError(f"max_pages must be a positive int, got {self.max_pages!r}")



@dataclass(frozen=True)
class Item:
    """A text line or a table on a page, with its height for ordering (points
    from the page's top). OCR gives what it reads on a page as these too."""

    top: float
    text: str | None = None
    grid: list | None = None  # a table: its rows (cell texts, None = merged)
    columns: int = 0
    ocr: tuple | None = None  # read by OCR: (confidence, box) per grid cell; of a text line, one
    rulings: tuple | None = None  # a ruled table: its rows' tops, then its bottom (`pdf_wide`)
    merges: tuple | None = None  # a ruled table: `pdf_grid.merges`, row by row as `grid`


def load_pdf(data: bytes, source: str | None = None,
             options: PdfOptions | dict[str, Any] | None = None) -> Document:
    opts = PdfOptions.resolve(options)
    with PageSource(data, source, opts.engine) as pdf:
        if pdf.count > opts.max_pages:
            raise TooLarge(f"PDF 有 {pdf.count} 页，超过 {opts.max_pages} 页的上限，不像年度报告",
                           source=source)
        contents = [pdf.content(n) for n in range(1, pdf.count + 1)]
        meta = pdf.meta()
        chars = [pdf_text.page_chars(c.chars, c.twins) if opts.tables else c.chars for c in contents]
        layered = _layer_read(chars, contents, meta, opts.ocr)
        garbled = _without_garbled(chars, meta, [n for n, c in enumerate(contents, 1) if c.lying])
        doubted = [str(n) for n, c in enumerate(contents, 1) if c.doubted and n not in garbled]
        if doubted:  # the parser reads their figures only where the identities confirm them
            meta["doubted_digits"] = ",".join(doubted)
        scan, textless = scan_and_textless(chars, contents)
        pictured = {} if scan else pictured_pages(chars, contents, textless)
        ocr_pictures = opts.ocr and pictured and pdf.count <= _ocr_page_limit()
        wanted = {*textless, *garbled, *(pictured if ocr_pictures else ())}
        read = ocr_pages(pdf, sorted(wanted)) if opts.ocr else {}
    if pictured and not ocr_pictures:  # the parser says why a table there may be missing
        meta["pictures"] = ",".join(map(str, pictured))
    read = keep_read(read, pictured, meta)
    if scan:
        return ocr_document(read, source, pdf.count, _scan_kind(meta, contents, garbled))
    if not opts.tables:
        chars = [[] if n in garbled else chars[n - 1] if n in layered
                 else pdf_text.page_chars(c.chars, c.twins) for n, c in enumerate(contents, 1)]
    return pages_document(chars, contents, read, pictured, meta, source, "pdf", opts.tables)


def keep_read(read: dict[int, list[Item]], pictured: dict, meta: dict) -> dict[int, list[Item]]:
    """What OCR read that the document keeps: on a text page with pictures, only what
    the pictures hold (the rest is text); the pages kept are named in `meta["ocr"]`."""
    for n, boxes in pictured.items():
        held = pdf_pictures.inside(read.pop(n, []), boxes)
        if held:
            read[n] = held
    if read:
        meta["ocr"] = ",".join(map(str, sorted(read)))
    return read


def pages_document(chars: list[list[Char]], contents: list[PageContent],
                   read: dict[int, list[Item]], pictured: dict, meta: dict,
                   source: str | None, kind: str, tables: bool = True) -> Document:
    """A page-based file's text pages and OCR's readings -> Document, the same for
    every loader of positioned text (PDF, OFD): ruled tables when any page has one
    (`kind`), else the text path page by page (`kind`-text)."""
    if tables:
        pages = [page_items(cs, c) for cs, c in zip(chars, contents)]
        for n, lines in read.items():
            pages[n - 1] = sorted(pages[n - 1] + lines, key=_TOP)
        if any(it.grid is not None and not pdf_wide.lone(it) for items in pages for it in items):
            pages = join_split_rows(pdf_wide.join_wide(pages, _body))
            return Document(lines=items_to_lines(pages), source=source,
                            kind=kind, meta=meta)
    texts = ["\n".join(text for cs, _ in pdf_columns.split_columns(chars[n], c.edges)
                       for _, text in page_lines(cs)) for n, c in enumerate(contents)]
    for n, lines in read.items():
        ocr_text = "\n".join(it.text or "" for it in lines)
        texts[n - 1] = f"{texts[n - 1]}\n{ocr_text}" if n in pictured else ocr_text
    return Document(lines=text_lines(texts), source=source, kind=f"{kind}-text", meta=meta)


def pictured_pages(chars: list[list[Char]], contents: list[PageContent], textless) -> dict:
    """Page number -> the pictures OCR should read on that text page (a table
    pasted as a picture: `pdf_pictures`); pages OCR reads whole are left out."""
    out = {}
    for n, (cs, c) in enumerate(zip(chars, contents), 1):
        if c.pictures and cs and n not in textless:
            boxes = pdf_pictures.text_pictures(cs, c)
            if boxes:
                out[n] = boxes
    return out


def _layer_read(chars: list[list[Char]], contents: list[PageContent], meta: dict,
                ocr: bool) -> list[int]:
    """The pages whose only text is drawn invisible, read from that text (named
    in `meta["invisible_text"]`): a page without pictures (its text drawn as
    outlines by a converter that kept the text itself invisible for searching),
    and, without OCR, a searchable scan (a scanner's OCR layer over the page's
    picture). With OCR a scan's picture is read instead: a scanner's layer may
    hold misread digits, and OCR's own reading comes with its confidence and
    the tables' identities; the pages read from a scanner's layer are named in
    `meta["ocr_layer"]` too (its digits come without any confidence)."""
    pages = [n for n, c in enumerate(contents, 1)
             if c.layer and not has_text(chars[n - 1]) and not (ocr and c.images)]
    for n in pages:
        chars[n - 1] = pdf_text.dedupe(list(contents[n - 1].layer))
    if pages:
        meta["invisible_text"] = ",".join(map(str, pages))
    scanned = [n for n in pages if contents[n - 1].images]  # a scanner's layer: a finding says so
    if scanned:
        meta["ocr_layer"] = ",".join(map(str, scanned))
    return pages


def _ocr_page_limit() -> int:
    """OCR refuses a file of more pages than this (a book is no report): a long
    text PDF with a photo in it is read from its text, as it always was, rather
    than refused for the picture."""
    from importlib import import_module

    # the module the OCR hook is taken from (`ocr_pages`), not a copy bound earlier
    return getattr(import_module(".ocr", __package__), "MAX_OCR_PAGES", MAX_PAGES)


def _without_garbled(chars: list[list[Char]], meta: dict, lying: list[int]) -> list[int]:
    """The pages whose text layer is unusable (`text_layer.unusable`: a font
    without a usable ToUnicode map; `lying`: a font whose map gives other
    digits than it draws, `pdf_digits`), emptied in `chars` so that their
    nonsense is never read as text, and named in `meta["garbled"]` (the lying
    ones in `meta["digit_map"]` too, unless their map is unusable anyway: a
    map giving letters for CJK characters also gives digits for glyphs that
    are none): OCR reads them like the pages of a scan, and without OCR the
    parser says why they were not read."""
    unusable = text_layer.unusable_pages(chars)
    lying = [n for n in lying if n not in unusable]
    if lying:
        meta["digit_map"] = ",".join(map(str, lying))
    garbled = sorted({*unusable, *lying})
    for n in garbled:
        chars[n - 1] = []
    if garbled:
        meta["garbled"] = ",".join(map(str, garbled))
    return garbled


def _scan_kind(meta: dict, contents: list[PageContent], garbled: list[int]) -> dict:
    """`meta` with `scan_kind` when a file counted as a scan is no scan: its
    text layer is unusable ("garbled"; "digit_map" when its only fault is fonts
    drawing other digits than the text says), or its text is drawn as outlines
    (shapes drawn, but no character and no picture on any page: "outlines";
    blank pages stay a scan). The checker's reason names the cause, so the
    publisher knows what to fix."""
    if garbled:
        lying = set(meta.get("digit_map", "").split(","))
        kind = "digit_map" if {str(n) for n in garbled} <= lying else "garbled"
        return {**meta, "scan_kind": kind}
    if not any(c.images for c in contents) and any(c.edges for c in contents):
        return {**meta, "scan_kind": "outlines"}
    return meta


def scan_and_textless(chars: list[list[Char]], contents: list[PageContent]) -> tuple:
    """(whether the file is a scan, the pages OCR reads: every page of a scan,
    else the pages that are only a picture). Visible characters are counted
    only when every page has a picture: otherwise `is_scan` asks only for one."""
    imaged = sum(1 for c in contents if c.images)
    if imaged == len(contents):
        visible = sum(1 for cs in chars for c in cs if c.text.strip())
    else:
        visible = int(any(map(has_text, chars)))
    if is_scan(visible, imaged, len(contents)):
        return True, range(1, len(contents) + 1)
    return False, [n for n, (cs, c) in enumerate(zip(chars, contents), 1)
                   if c.images and not has_text(cs)]


def is_scan(chars: int, imaged_pages: int, pages: int) -> bool:
    """No text layer: no visible character at all, or pictures on every page with
    no more text than page furniture. Such a file is a report nobody can read by
    machine, not "not a report": the parser and the checker say so (F-TABLE)."""
    if chars == 0:
        return True
    return imaged_pages == pages and chars <= SCAN_CHARS_PER_PAGE * pages


def ocr_pages(pdf: PageSource, numbers) -> dict[int, list[Item]]:
    """The one place where pages without a text layer are handed to OCR, so OCR
    never needs a page loop of its own: page number -> the items OCR read there,
    top to bottom, for the pages it read anything on.

    The hook is ``zfxxgk.ingest.ocr.read_page(page, number) -> list[Item] | None``:
    `page` a `pypdfium2.PdfPage` (rendered with ``page.render(scale=dpi / 72)``;
    its size in points is ``page.get_size()``), `number` 1-based; None when
    nothing was read. An item's `top` is in PDF points, as the loader's own items
    are, so OCR lines interleave with the page's text and the page furniture
    filter applies to them too; a table read from the picture keeps each cell's
    (confidence, box in the page image's pixels) in `Item.ocr` for provenance."""
    document = pdf.pdfium_document() if numbers else None
    if document is None:
        return {}
    from .ocr import read_page

    read = {n: read_page(document[n - 1], n) or [] for n in numbers if n <= len(document)}
    read = {n: [it for it in items if it.grid or (it.text or "").strip()] for n, items in read.items()}
    # a page number alone is nothing read: the scan stays a scan
    return {n: sorted(items, key=_TOP) for n, items in read.items()
            if not all(it.grid is None and _PAGE_NUMBER.fullmatch(it.text or "") for it in items)}


_PAGE_NUMBER = re.compile(r"[\s\d\-—–_·.第页共/()（）]*")


_TOP = attrgetter("top")


def ocr_document(read: dict, source: str | None, pages: int, meta: dict) -> Document:
    """A scan: what OCR read becomes text lines, kind ``pdf-ocr`` with
    `meta["ocr"]` naming the pages. Nothing read leaves the scan a scan: a
    Document without lines whose `meta["scan"]` tells the parser why, so that it
    notes each table as unreadable because of the scan (`Note(..., reason="scan")`)
    instead of the usual "table not found"."""
    if not read:
        return Document(lines=[], source=source, kind="pdf-scan",
                        meta={"scan": "true", "pages": str(pages), **meta})
    items = [read.get(n, []) for n in range(1, pages + 1)]
    return Document(lines=items_to_lines(items), source=source, kind="pdf-ocr",
                    meta={**meta, "pages": str(pages)})


def text_lines(page_texts: list[str]) -> list[Line]:
    """The fallback: `extract_text()` of each page, lines numbered through the file."""
    pieces = [(p, raw) for p, text in enumerate(page_texts, 1) for raw in text.split("\n")]
    return [Line(n, raw, p) for n, (p, raw) in enumerate(pieces, 1)]


def page_items(chars: list[Char], content: PageContent) -> list[Item]:
    """One page's table rows and the text lines outside its tables, top to bottom;
    a sheet of two pages (or a page of two columns: `pdf_columns`) left side
    first, its right side's items placed below the left side's."""
    parts = pdf_columns.split_columns(chars, content.edges)
    if len(parts) == 1:
        return _part_items(chars, content.edges)
    return [replace(it, top=it.top + k * _BELOW) for k, (cs, edges) in enumerate(parts)
            for it in _part_items(cs, edges)]


_BELOW = 1e5  # points: below anything on a page


def _part_items(chars: list[Char], edges: list[Edge]) -> list[Item]:
    """A page's (or one side's) items. A "table" of one column is a frame drawn
    around prose (WPS draws those): its text is read as text; one of figures
    may be the last piece of a table printed in pieces (`pdf_wide.lone_column`),
    kept as a table until the pieces are joined."""
    tables = []
    found = pdf_grid.find_tables(edges)
    at = pdf_grid.centres(chars) if found else None
    for table in found:
        grid = pdf_grid.extract(table, chars, at)
        if pdf_grid.is_data_table(grid) or pdf_wide.lone_column(grid):
            tables.append((table, grid))
    boxes = [t.bbox for t, _ in tables]
    outside = pdf_grid.outside(chars, boxes, at) if boxes else chars
    items = [Item(top, text=text) for top, text in page_lines(outside)]
    for table, grid in tables:
        items.append(Item(table.bbox[1], grid=grid, columns=table.columns, rulings=_rulings(table),
                          merges=pdf_grid.merges(table)))
    items.sort(key=_TOP)
    return items


def _rulings(table: pdf_grid.Table) -> tuple[float, ...]:
    """Each row's top, then the table's bottom, in points below the table's top."""
    top = table.bbox[1]
    return tuple(min(b[1] for b in row if b is not None) - top for row in table.rows) + (
        table.bbox[3] - top,)


# How a row label begins: 一、 （三） 1. — a row that starts so is a row of its own.
_ROW_MARKER = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.．、])")
_NUMERIC = re.compile(r"^[\d\s.,，]+$")


def _body(items: list[Item]) -> list[Item]:
    return [it for it in items if it.grid is not None or not is_page_furniture(it.text or "")]


def join_split_rows(pages: list[list[Item]]) -> list[list[Item]]:
    """A row the producer let break across a page (LibreOffice and Word do unless
    told not to) arrives as two rows: the numbers and the start of the label on
    one page, the rest of the label alone on the next. The fragment is put back
    into its row, so the label reads whole and no row of blanks is invented."""
    out = [list(items) for items in pages]
    for p, upper, lower in pdf_wide.seams(out, _body):
        if not row_fragment(upper.grid[-1], lower.grid[0]):
            continue
        merged = [a if not (b or "").strip() else f"{a}\n{b}"
                  for a, b in zip(upper.grid[-1], lower.grid[0])]
        out[p - 1][out[p - 1].index(upper)] = Item(upper.top, grid=upper.grid[:-1] + [merged],
                                                   columns=upper.columns, merges=upper.merges)
        k = out[p].index(lower)
        if len(lower.grid) > 1:
            tail = lower.merges and ([set()] + lower.merges[0][2:], lower.merges[1][1:])
            out[p][k] = Item(lower.top, grid=lower.grid[1:], columns=lower.columns, merges=tail)
        else:
            del out[p][k]
    return out


def row_fragment(upper: list, lower: list) -> bool:
    """Whether `lower` (first row on a page) is the rest of `upper` (last row on the
    page before): same cells (a merged cell in `lower` must be merged in `upper`
    too), text only where `upper` has label text, so never a number, and no row
    marker (一、 （一） 1.) at its start, which would make it a row of its own."""
    if len(upper) != len(lower):
        return False
    texts = [(j, c) for j, c in enumerate(lower) if c is not None and c.strip()]
    if not texts or _ROW_MARKER.match(texts[0][1]):
        return False
    if any(c is None and upper[j] is not None for j, c in enumerate(lower)):
        return False
    return all(isinstance(upper[j], str) and upper[j].strip() and not _NUMERIC.match(upper[j])
               for j, _ in texts)


def items_to_lines(pages: list[list[Item]]) -> list[Line]:
    """Pages of items -> numbered lines. A table that opens a page right after a
    table that closed the previous one, with as many columns, is the same table
    continued: it keeps the number and its rows go on counting."""
    lines: list[Line] = []
    table_no = 0
    last: tuple[int, int, int] | None = None  # (table number, columns, rows so far)
    for p, items in enumerate(pages, 1):
        body = _body(items)
        for k, it in enumerate(items):
            if it.grid is None:
                lines.append(Line(len(lines) + 1, it.text or "", p, ocr=it.ocr))
                continue
            continued = last is not None and bool(body) and body[0] is it
            if continued:
                number, first_row = last[0], last[2] + 1
            else:
                table_no += 1
                number, first_row = table_no, 1
            above, ends = it.merges or (None, None)
            lines.extend(table_lines(it.grid, number, len(lines) + 1, page=p,
                                     first_row=first_row, ocr=it.ocr, above=above, ends=ends))
            last = (number, it.columns, first_row + len(it.grid) - 1)
        if body and body[-1].grid is None:
            last = None
    return lines


__all__ = ["MAX_PAGES", "PdfOptions", "is_scan", "join_split_rows", "keep_read", "load_pdf", "page_lines",
           "page_items", "pages_document", "pictured_pages", "row_fragment", "scan_and_textless"]
