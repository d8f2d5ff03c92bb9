"""Which engine reads each page of a PDF: PDFium first, pdfplumber where it must.

PDFium (`pdf_pdfium.py`) reads a page's characters and rulings many times faster
than pdfminer. pdfplumber (`pdf_plumber.py`) reads:

- the whole file, when PDFium cannot open it (pdfplumber then gives the same
  Chinese messages as before for encrypted and broken files, or reads what
  PDFium could not);
- a page PDFium cannot describe exactly (text turned two ways or mirrored,
  a cropped page turned by /Rotate or with sideways text) or fails on (a
  page turned by /Rotate, or whose text runs sideways, and a cropped page
  PDFium reads as shown);
- a page on which PDFium finds no text while pdfplumber finds some (a page
  whose only text is drawn invisible, a searchable scan's, is PDFium's; both
  engines keep such text apart: `pdf_plumber_hidden`).

`fallback` names the pages pdfplumber read; the loader records them in the
Document's meta (`pdf_engine`, `pdf_fallback`), so a difference between the
engines can always be traced to the pages concerned. The file's properties
(Title, Subject, Author of the information dictionary) are read by the engine
that opened it, as `doc_*` fields the parser may take a body or year from; legacy
Chinese bytes and an XMP-only title through pdfminer (`pdf_info`), once a file.
"""

from __future__ import annotations

import re

from . import pdf_info, pdf_plumber
from .document import property_meta
from .pdf_digits import PageDigits
from .pdf_layout import Char, PageContent

ENGINES = ("pdfium", "pdfplumber")


def has_text(chars: list[Char]) -> bool:
    """Whether any character is visible (not white space)."""
    return any(c.text.strip() for c in chars)


# the information dictionary's entries a report may name its body and year in
# (File > Properties): a late witness, taken by the parser only where the text names
# nothing, as a Word file's properties are (ingest/docx.py, parse/meta.py)
_PROPERTIES = (("Title", "doc_title"), ("Subject", "doc_subject"), ("Author", "doc_author"))
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ufeff\ufffe\uffff]+")


def document_properties(info: dict, program: str = "PDF") -> dict[str, str]:
    """Title, subject and author of a PDF's information dictionary (or an OFD's
    DocInfo) as `doc_*` meta fields, control characters out (`property_meta`)."""
    return property_meta({key: _CONTROL.sub(" ", value) if isinstance(value := info.get(name), str)
                          else None for name, key in _PROPERTIES}, program)


def _guarded(call, default):
    """`call()`, or `default` when it fails on the file: an engine's error is no
    verdict on the file, the other engine may read it. Memory and recursion
    limits are the sandbox's to report, and pass (no second engine to exhaust)."""
    try:
        return call()
    except (MemoryError, RecursionError):
        raise
    except Exception:
        return default


class PageSource:
    """The pages of one PDF as `PageContent`, numbered from 1."""

    def __init__(self, data: bytes, source: str | None, engine: str = "pdfium"):
        """`engine`: one of ENGINES (checked by `pdf.PdfOptions`)."""
        self.data, self.source = data, source
        self.fallback: list[int] = []
        self._plumber = None
        self._pdfium = None
        if engine == "pdfium":
            self._pdfium = self._open_pdfium()
        if self._pdfium is None:
            plumber = self._open_plumber()  # raises the Chinese message for a bad file
            self.count = max(len(plumber.pages), pdf_plumber.declared_pages(plumber))
            self.engine = "pdfplumber"
        else:
            self.count = len(self._pdfium)
            self.engine = "pdfium"

    def _open_pdfium(self):
        from .pdf_pdfium import open_document

        # PdfiumError and kin: pdfplumber decides what the file is
        return _guarded(lambda: open_document(self.data), None)

    def _open_plumber(self):
        if self._plumber is None:
            self._plumber = pdf_plumber.open_pdf(self.data, self.source)
        return self._plumber

    def content(self, number: int) -> PageContent:
        if self.engine == "pdfplumber":  # (PDFium may be open for `_digits` all the same)
            return self._plumber_page(number) or PageContent([], [], 0)
        from .pdf_pdfium import page_content, shown_page

        def read() -> PageContent:
            page = shown_page(self._pdfium, number - 1)
            try:
                return page_content(page)
            finally:
                page.close()

        found = _guarded(read, None)  # Unsupported, PdfiumError, any failure: the other engine
        if found is None or not (has_text(found.chars) or found.layer):
            # (text drawn invisible is text PDFium found: pdfplumber would read it as shown)
            other = self._plumber_page(number)
            if other is not None and (found is None or has_text(other.chars)):
                self.fallback.append(number)
                return other
        return found or PageContent([], [], 0)

    def _plumber_page(self, number: int) -> PageContent | None:
        """The page as pdfplumber reads it; None when pdfplumber cannot open the
        file, has no such page, or fails on the page's damaged objects (the page
        then counts as having no text, as when neither engine finds any)."""
        def read(plumber) -> PageContent | None:
            pages = plumber.pages
            return pdf_plumber.page_content(pages[number - 1]) if number <= len(pages) else None

        found = self._pdfminer(read, None)
        if found is not None and found.chars:
            digits = self._digits(number)
            chars = found.chars
            if digits.fonts:  # a doubted font's digits, as PDFium's reading gives them
                doubted = dict(digits.fonts)
                chars = [c._replace(text=doubted[c.font, c.text]) if (c.font, c.text) in doubted
                         else c for c in chars]
            return found._replace(chars=chars, lying=digits.lies, doubted=chars is not found.chars)
        return found

    def _digits(self, number: int) -> PageDigits:
        """Whether a font on a page pdfplumber read draws other digits than its
        text says, and the fonts doubted, asked of PDFium (`pdf_digits` needs
        the glyphs' outlines; pdfminer gives none): the referee believes no text
        layer PDFium's reading refuses. Nothing when PDFium cannot open the file."""
        from .pdf_pdfium import lying_page

        document = self.pdfium_document()
        found = document is not None and _guarded(lambda: lying_page(document, number - 1), None)
        return found or PageDigits()

    def pdfium_document(self):
        """PDFium's document for the OCR hook (opened now if pdfplumber read the file)."""
        if self._pdfium is None:
            self._pdfium = self._open_pdfium()
        return self._pdfium

    def meta(self) -> dict[str, str]:
        out = {"pdf_engine": self.engine}
        if self.engine == "pdfium" and self.fallback:
            out["pdf_fallback"] = ",".join(map(str, sorted(set(self.fallback))))
        # a broken Info dictionary costs the properties, not the file
        out.update(document_properties(_guarded(self._info, {})))
        return out

    def _info(self) -> dict:
        """The document information dictionary, from the engine that opened the file;
        legacy Chinese bytes PDFium decoded as Latin mojibake read again from the
        file's bytes, and the XMP dc:title where the dictionary has no title
        (`pdf_info`: both through pdfminer, opened only for such a file)."""
        if self.engine == "pdfium":
            info = self._legacy(self._pdfium.get_metadata_dict(skip_empty=True))
        else:
            info = pdf_plumber.document_info(self._plumber) if self._plumber is not None else {}
        if not (isinstance(info.get("Title"), str) and info["Title"].strip()):
            title = self._pdfminer(pdf_plumber.xmp_title, "")
            info = {**info, "Title": title} if title else info
        return info

    def _legacy(self, info: dict) -> dict:
        """PDFium's properties with each `pdf_info.suspect` one decoded again from
        its bytes (pdfminer's `raw_info`); left out when garbled and the bytes
        cannot be had."""
        names = [name for name, _ in _PROPERTIES if pdf_info.suspect(info.get(name))]
        if not names:
            return info
        raw = self._pdfminer(pdf_plumber.raw_info, {})
        out = dict(info)
        for name in names:
            if name in raw:
                out[name] = pdf_plumber.info_text(raw[name])
            elif pdf_info.garbled(info[name]):
                del out[name]
        return out

    def _pdfminer(self, read, default):
        """`read(pdfplumber's document)`, `default` when pdfminer cannot open the
        file or fails on the object read (a property, or a page's damaged content)."""
        # InputError, PDFSyntaxError, PdfminerException and kin
        return _guarded(lambda: read(self._open_plumber()), default)

    def close(self) -> None:
        if self._plumber is not None:
            self._plumber.close()
        if self._pdfium is not None:
            self._pdfium.close()

    def __enter__(self) -> "PageSource":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


__all__ = ["ENGINES", "PageSource", "document_properties", "has_text"]
