"""PDF reports -> `Document` (pdfplumber).

The ruled tables of a report are read as tables: each row becomes one tab line
(`grid.table_lines`), so a vertical group label, a label wrapped over three lines
or a blank cell keeps its place instead of being guessed back from flattened
text. Text outside the tables becomes lines in reading order, interleaved with
the rows by their height on the page. When no page has a table the whole file
goes through `page.extract_text()`, the text path the parser was built on. A
file without a text layer (a scan) is a Document without lines whose
`meta["scan"]` makes the parser and checker report it (F-TABLE), since a
reviewer needs to hear "this is a scan", not "this is not a report".

Stages, each a small function: `page_items` (one page -> positioned text lines
and table rows), `join_split_rows` (a row broken over a page put back together),
`items_to_lines` (pages -> numbered lines, tables continued over a page break
keeping their number). Hostile files are the sandbox's business
(`ingest/sandbox.py`); here only the page count is capped.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Any

from ..errors import InputError, TooLarge
from .document import Document, Line
from .grid import table_lines
from ..settings import Resolvable

MAX_PAGES = 300
# Page numbers and running heads that may sit between two parts of one table.
_FURNITURE = re.compile(r"^\s*(?:[-—–]\s*\d{1,3}\s*[-—–]|第\s*\d{1,3}\s*页.*|\d{1,3}(?:\s*/\s*\d{1,3})?)\s*$")


def is_page_furniture(text: str) -> bool:
    return not text.strip() or bool(_FURNITURE.match(text))


# Visible characters a page of a scan may still carry (a page number, a stamp's
# caption) before the file counts as having a text layer.
SCAN_CHARS_PER_PAGE = 20


@dataclass(frozen=True)
class PdfOptions(Resolvable):
    """`tables`: read ruled tables as tables (False: text only, as the `.txt`
    samples were made); `max_pages`: longer files are refused."""

    tables: bool = True
    max_pages: int = MAX_PAGES

    def __post_init__(self) -> None:
        if not isinstance(self.max_pages, int) or self.max_pages <= 0:
            raise ValueError(f"max_pages must be a positive int, got {self.max_pages!r}")



@dataclass(frozen=True)
class Item:
    """A text line or a table row on a page, with its height for ordering."""

    top: float
    text: str | None = None
    grid: list | None = None  # a table: its rows (pdfplumber cells, None = merged)
    columns: int = 0


def open_pdf(data: bytes, source: str | None = None):
    """pdfplumber's PDF, or a Chinese InputError for encrypted and broken files."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pdf.pages  # noqa: B018 — the page tree is read here, and broken files fail here
        return pdf
    except Exception as e:  # pdfminer raises many kinds; all mean "cannot read this file"
        cause = e.__cause__ or e.__context__ or e
        if isinstance(e, (PDFPasswordIncorrect, PDFEncryptionError)) or isinstance(
                cause, (PDFPasswordIncorrect, PDFEncryptionError)) or "password" in str(e).lower():
            raise InputError("PDF 文件已加密（设有打开密码或不支持的加密方式），请先取消加密后再试",
                             source=source) from None
        raise InputError(f"PDF 文件已损坏或格式不正确，无法读取（{type(cause).__name__}）",
                         source=source) from None


def load_pdf(data: bytes, source: str | None = None,
             options: PdfOptions | dict[str, Any] | None = None) -> Document:
    opts = PdfOptions.resolve(options)
    pdf = open_pdf(data, source)
    with pdf:
        count = max(len(pdf.pages), declared_pages(pdf))
        if count > opts.max_pages:
            raise TooLarge(f"PDF 有 {count} 页，超过 {opts.max_pages} 页的上限，不像年度报告",
                           source=source)
        chars = 0
        imaged = 0
        pages: list[list[Item]] = []
        for page in pdf.pages:
            if page.images:
                imaged += 1
            if opts.tables:
                deduped = page.dedupe_chars()
                chars += _visible(deduped.chars)
                pages.append(page_items(deduped))
            else:
                chars += _visible(page.chars)
        if is_scan(chars, imaged, count):
            return ocr_document(data, source, count)
        if any(it.grid is not None for items in pages for it in items):
            return Document(lines=items_to_lines(join_split_rows(pages)), source=source,
                            kind="pdf")
        # no ruled table anywhere: the text path, page by page
        texts = [page.dedupe_chars().extract_text() or "" for page in pdf.pages]
    return Document(lines=text_lines(texts), source=source, kind="pdf-text")


def declared_pages(pdf) -> int:
    """The page count the page tree claims (`/Count`). A file may claim 200,000
    pages while repeating one page object, which pdfplumber reads as one page: the
    claim alone marks it as no annual report (and no scan to report)."""
    from pdfminer.pdftypes import resolve1

    try:
        count = resolve1(resolve1(pdf.doc.catalog.get("Pages")).get("Count"))
    except Exception:  # a broken tree: the pages pdfplumber found are what counts
        return 0
    return count if isinstance(count, int) else 0


def _visible(chars: list[dict]) -> int:
    return sum(1 for c in chars if c.get("text", "").strip())


def is_scan(chars: int, imaged_pages: int, pages: int) -> bool:
    """No text layer: no visible character at all, or pictures on every page with
    no more text than page furniture. Such a file is a report nobody can read by
    machine, not "not a report": the parser and the checker say so (F-TABLE)."""
    if chars == 0:
        return True
    return imaged_pages == pages and chars <= SCAN_CHARS_PER_PAGE * pages


def scan_document(source: str | None, pages: int) -> Document:
    """A Document without lines whose `meta["scan"]` tells the parser why: it then
    notes each table as unreadable because of the scan (`Note(..., reason="scan")`)
    instead of the usual "table not found"."""
    return Document(lines=[], source=source, kind="pdf-scan",
                    meta={"scan": "true", "pages": str(pages)})


def ocr_document(data: bytes, source: str | None, pages: int) -> Document:
    """A scan: each page handed to OCR (`pdf_ocr`, the hook OCR plugs into). What
    OCR reads becomes text lines, kind ``pdf-ocr`` with `meta["ocr"]` naming the
    pages; nothing read (or no OCR installed) leaves the scan a scan."""
    from .pdf_ocr import page_reader, read_textless_page

    reader = page_reader()
    if reader is None:
        return scan_document(source, pages)
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        read = {n: read_textless_page(pdf[n - 1], n, reader)
                for n in range(1, min(len(pdf), pages) + 1)}
    finally:
        pdf.close()
    read = {n: lines for n, lines in read.items() if lines}
    if not read:
        return scan_document(source, pages)
    items = [sorted((Item(line.top, text=line.text) for line in read.get(n, [])),
                    key=lambda it: it.top) for n in range(1, pages + 1)]
    return Document(lines=items_to_lines(items), source=source, kind="pdf-ocr",
                    meta={"ocr": ",".join(map(str, sorted(read))), "pages": str(pages)})


def text_lines(page_texts: list[str]) -> list[Line]:
    """The fallback: `extract_text()` of each page, lines numbered through the file."""
    lines: list[Line] = []
    for p, text in enumerate(page_texts, 1):
        for raw in text.split("\n"):
            lines.append(Line(len(lines) + 1, raw, p))
    return lines


def page_items(page) -> list[Item]:
    """One page's table rows and the text lines outside its tables, top to bottom.
    A "table" of one column is a frame drawn around prose (WPS draws those): its
    text is read as text."""
    tables = [t for t in page.find_tables() if _is_data_table(t)]
    outside = page.filter(_outside_of([t.bbox for t in tables])) if tables else page
    items = [Item(line["top"], text=line["text"]) for line in outside.extract_text_lines()]
    for t in tables:
        items.append(Item(t.bbox[1], grid=t.extract(), columns=len(t.columns)))
    items.sort(key=lambda it: it.top)
    return items


def _outside_of(boxes: list[tuple]):
    """Test for `page.filter`: a character belongs to a table when its centre lies
    in the table's box, as pdfplumber assigns characters to cells. Any overlap is
    too much: a heading set right under a table (LibreOffice leaves no gap) reaches
    half a point above the table's bottom rule with its ascent, and would be lost."""
    def keep(obj: dict) -> bool:
        if obj.get("object_type") != "char":
            return True
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)
    return keep


def _is_data_table(table) -> bool:
    return any(sum(c is not None for c in row.cells) >= 2 for row in table.rows)


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
    for p in range(1, len(out)):
        before, here = _body(out[p - 1]), _body(out[p])
        if not (before and here and before[-1].grid and here[0].grid):
            continue
        upper, lower = before[-1], here[0]
        if not row_fragment(upper.grid[-1], lower.grid[0]):
            continue
        merged = [a if not (b or "").strip() else f"{a}\n{b}"
                  for a, b in zip(upper.grid[-1], lower.grid[0])]
        out[p - 1][out[p - 1].index(upper)] = Item(upper.top, grid=upper.grid[:-1] + [merged],
                                                   columns=upper.columns)
        k = out[p].index(lower)
        if len(lower.grid) > 1:
            out[p][k] = Item(lower.top, grid=lower.grid[1:], columns=lower.columns)
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
        body = [it for it in items if it.grid is not None or not is_page_furniture(it.text or "")]
        for k, it in enumerate(items):
            if it.grid is None:
                lines.append(Line(len(lines) + 1, it.text or "", p))
                continue
            continued = last is not None and bool(body) and body[0] is it
            if continued:
                number, first_row = last[0], last[2] + 1
            else:
                table_no += 1
                number, first_row = table_no, 1
            lines.extend(table_lines(it.grid, number, len(lines) + 1, page=p,
                                     first_row=first_row))
            last = (number, it.columns, first_row + len(it.grid) - 1)
        if body and body[-1].grid is None:
            last = None
    return lines


__all__ = ["MAX_PAGES", "PdfOptions", "is_scan", "join_split_rows", "load_pdf", "open_pdf",
           "row_fragment", "scan_document"]
