"""What format a file is, from its bytes.

Reports are downloaded as `附件.pdf` that is really a Word file, portal pages
saved as `.doc`, Excel sheets renamed `.xls`: the extension is a hint at best, so
the loaders are chosen by content only (magic bytes, the part names inside a
ZIP or OLE container, the first tags of an HTML page). Standard input is sniffed
the same way.
"""

from __future__ import annotations

import io
import re
import zipfile

from .mht import is_mht
from .ooxml import WORD_MAIN
from .wordml import is_wordml
from .zipguard import ZIP_ERRORS

# Kinds a loader exists for; "text" also covers Markdown and report JSON.
TEXT, PDF, HTML, DOCX, XLSX = "text", "pdf", "html", "docx", "xlsx"
# PNG, JPEG, TIFF (and GIF, BMP, WebP): read by OCR (ingest/ocr/).
IMAGE = "image"
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"GIF87a",
                b"GIF89a")
# Kinds LibreOffice converts first (ingest/legacy.py): Word 97-2003 and WPS, RTF,
# Excel 97-2003, OpenDocument.
DOC, RTF, XLS, ODT, ODS = "doc", "rtf", "xls", "odt", "ods"
LEGACY = (DOC, RTF, XLS, ODT, ODS)
UNKNOWN_ZIP = "zip"
# OFD (GB/T 33190), the national fixed-layout format: a ZIP with OFD.xml at its root.
OFD = "ofd"
# Each kind as people call it (messages, the web's admin pages).
NAMES = {TEXT: "文本", PDF: "PDF", HTML: "网页（HTML）", DOCX: "Word（DOCX）", XLSX: "Excel（XLSX）",
         IMAGE: "图片", DOC: "旧版 Word（DOC）或 WPS 文字", RTF: "RTF", ODT: "OpenDocument 文本（ODT）",
         XLS: "旧版 Excel（XLS）", ODS: "OpenDocument 表格（ODS）", OFD: "OFD",
         UNKNOWN_ZIP: "ZIP 压缩文件"}

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML_TAG = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|meta|title|table|div|p|span|br|style|script)[\s>/]",
    re.IGNORECASE)
# How far into a file the sniffers look.
_HEAD = 4096


def sniff(data: bytes) -> str:
    """The kind of the file (one of the constants above). Anything not recognised
    as a document container is "text": the text loader then refuses images and
    other binaries with its own messages."""
    head = data[:_HEAD]
    if b"%PDF-" in data[:1024]:
        return PDF
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    if head.startswith(_IMAGE_MAGIC) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
        return IMAGE
    if head.startswith(_OLE):
        return _ole_kind(data)
    stripped = _text_head(head)
    if stripped.startswith(b"{\\rtf"):
        return RTF
    if is_wordml(stripped):  # Word 2003 XML, published as .doc (ingest/wordml.py)
        return DOC
    if stripped.startswith(b"<") and _HTML_TAG.search(stripped):
        return HTML
    if is_mht(stripped):  # a web archive (.mht, often renamed .doc) holds a page
        return HTML
    return TEXT


def _text_head(head: bytes) -> bytes:
    """The start of a text file as ASCII-compatible bytes, BOM and leading white
    space removed (a UTF-16 HTML page is sniffed too)."""
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            body = head[2:] if len(head) % 2 == 0 else head[2:-1]
            return body.decode(codec, "ignore").encode("utf-8", "ignore").lstrip()
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    return head.lstrip()


def _zip_kind(data: bytes) -> str:
    """DOCX and XLSX are ZIP files told apart by their main part, OFD by its
    `OFD.xml`; OpenDocument by its `mimetype` entry. Only the central directory is read (no member is
    decompressed), so a ZIP bomb costs nothing here."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
            if "word/document.xml" in names or any(WORD_MAIN.match(n) for n in names):
                return DOCX
            if "xl/workbook.xml" in names:
                return XLSX
            if is_ofd(names):
                return OFD
            if "mimetype" in names and z.getinfo("mimetype").file_size < 200:
                mime = z.read("mimetype")
                if b"opendocument.text" in mime:
                    return ODT
                if b"opendocument.spreadsheet" in mime:
                    return ODS
    except (*ZIP_ERRORS, KeyError):
        pass
    return UNKNOWN_ZIP


def is_ofd(names) -> bool:
    """An OFD package has `OFD.xml` at its root (GB/T 33190's entry point)."""
    return any(n.lstrip("/").upper() == "OFD.XML" for n in names)


def _ole_kind(data: bytes) -> str:
    """Word 97-2003 and WPS files keep a `WordDocument` stream, Excel a `Workbook`
    (or `Book`); the directory names are UTF-16, found by a byte search."""
    if "WordDocument".encode("utf-16-le") in data:
        return DOC
    if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data:
        return XLS
    return DOC


__all__ = ["DOC", "DOCX", "HTML", "IMAGE", "LEGACY", "NAMES", "ODS", "ODT", "OFD", "PDF", "RTF", "TEXT",
           "UNKNOWN_ZIP", "XLS", "XLSX", "is_ofd", "sniff"]
