"""Which engine reads each page of a PDF: PDFium first, pdfplumber where it must.

PDFium (`pdf_pdfium.py`) reads a page's characters and rulings many times faster
than pdfminer. pdfplumber (`pdf_plumber.py`) reads:

- the whole file, when PDFium cannot open it (pdfplumber then gives the same
  Chinese messages as before for encrypted and broken files, or reads what
  PDFium could not);
- a page PDFium cannot describe exactly (rotated page or text, cropped page) or
  fails on;
- a page on which PDFium finds no text while pdfplumber finds some.

`fallback` names the pages pdfplumber read; the loader records them in the
Document's meta (`pdf_engine`, `pdf_fallback`), so a difference between the
engines can always be traced to the pages concerned.
"""

from __future__ import annotations

from ..errors import InputError
from . import pdf_plumber
from .pdf_layout import PageContent

ENGINES = ("pdfium", "pdfplumber")


def visible(content: PageContent) -> int:
    return sum(1 for c in content.chars if c.text.strip())


class PageSource:
    """The pages of one PDF as `PageContent`, numbered from 1."""

    def __init__(self, data: bytes, source: str | None, engine: str = "pdfium"):
        if engine not in ENGINES:
            raise ValueError(f"engine must be one of {ENGINES}, got {engine!r}")
        self.data, self.source = data, source
        self.fallback: list[int] = []
        self.reason = ""
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

        try:
            return open_document(self.data)
        except (MemoryError, RecursionError):
            raise
        except Exception as e:  # PdfiumError and kin: pdfplumber decides what the file is
            self.reason = f"PDFium: {e}"
            return None

    def _open_plumber(self):
        if self._plumber is None:
            self._plumber = pdf_plumber.open_pdf(self.data, self.source)
        return self._plumber

    def content(self, number: int) -> PageContent:
        if self._pdfium is None:
            return self._plumber_page(number)
        from .pdf_pdfium import page_content

        try:
            page = self._pdfium[number - 1]
            try:
                found = page_content(page)
            finally:
                page.close()
        except (MemoryError, RecursionError):
            raise  # a limit, for the sandbox to report: no second engine to exhaust
        except Exception:  # Unsupported, PdfiumError, any failure: the other engine
            return self._fallback(number) or PageContent([], [], 0)
        if not any(c.text.strip() for c in found.chars):
            other = self._fallback(number, record=False)
            if other is not None and visible(other) > 0:
                self.fallback.append(number)
                return other
        return found

    def _fallback(self, number: int, record: bool = True) -> PageContent | None:
        try:
            self._open_plumber()
        except InputError:
            return None
        if number > len(self._plumber.pages):
            return None
        if record:
            self.fallback.append(number)
        return self._plumber_page(number)

    def _plumber_page(self, number: int) -> PageContent:
        pages = self._plumber.pages
        return pdf_plumber.page_content(pages[number - 1]) if number <= len(pages) \
            else PageContent([], [], 0)

    def pdfium_document(self):
        """PDFium's document for the OCR hook (opened now if pdfplumber read the file)."""
        if self._pdfium is None:
            self._pdfium = self._open_pdfium()
        return self._pdfium

    def meta(self) -> dict[str, str]:
        out = {"pdf_engine": self.engine}
        if self.engine == "pdfium" and self.fallback:
            out["pdf_fallback"] = ",".join(map(str, sorted(set(self.fallback))))
        return out

    def close(self) -> None:
        if self._plumber is not None:
            self._plumber.close()
        if self._pdfium is not None:
            self._pdfium.close()

    def __enter__(self) -> "PageSource":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


__all__ = ["ENGINES", "PageSource", "visible"]
