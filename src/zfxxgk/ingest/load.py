"""Any input -> `Document`, the loader chosen by content (`detect.sniff`).

This is what the sandbox's worker runs for every non-text file; plain text
stays on the text loader in the calling process (see `api.parse_bytes`). The
worker only loads: the document comes back and is parsed by the caller.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from typing import Any, NoReturn

from ..errors import BinaryInput, InputError
from . import detect
from .document import Document
from .text import LoadOptions, _too_large, load_bytes
from .wordml import is_wordml


def load_document(data: bytes, source: str | None = None,
                  options: LoadOptions | dict[str, Any] | None = None) -> Document:
    opts = LoadOptions.resolve(options)
    if len(data) > opts.max_bytes:
        raise _too_large(len(data), opts.max_bytes, source)
    kind = detect.sniff(data)
    if kind == detect.TEXT:
        return load_bytes(data, source=source, options=opts)
    if kind == detect.DOC and is_wordml(data[:4096]):  # Word 2003 XML: read, not converted
        from .wordml import load_wordml

        return load_wordml(data, source)
    if kind in detect.LEGACY:
        from .legacy import convert

        _check_zip(data, kind, source)
        data, kind = convert(data, kind, source)
    _check_zip(data, kind, source)
    if kind == detect.IMAGE:
        from .ocr import load_image

        doc = load_image(data, source, ocr=opts.ocr)
    elif kind == detect.PDF:
        from .pdf import load_pdf

        doc = load_pdf(data, source, {"ocr": opts.ocr})
    elif kind == detect.HTML:
        from .html import load_html

        doc = load_html(data, source, ocr=opts.ocr)
    elif kind == detect.DOCX:
        from .docx import load_docx

        doc = load_docx(data, source, ocr=opts.ocr)
    elif kind == detect.XLSX:
        from .xlsx import load_xlsx

        doc = load_xlsx(data, source)
    elif kind == detect.OFD:
        from .ofd import load_ofd

        doc = load_ofd(data, source, ocr=opts.ocr)
    else:
        _refuse_zip(data, source)
    doc.sha256 = doc.sha256 or hashlib.sha256(data).hexdigest()
    return doc


def _refuse_zip(data: bytes, source: str | None) -> NoReturn:
    """A ZIP that is no document we read: damaged (its directory cannot be read, so
    a .docx cannot be told from an archive), or an archive of other files."""
    from .zipguard import ZIP_ERRORS, zip_damage

    try:
        zipfile.ZipFile(io.BytesIO(data)).close()
    except ZIP_ERRORS as e:
        raise InputError(f"文件已损坏，无法读取（{zip_damage(e)}）", source=source) from None
    raise BinaryInput("这是 ZIP 压缩文件，但里面不是 Word（DOCX）、Excel（XLSX）或 OFD 文档；"
                      "请解压后读取其中的报告文件", source=source)


def _check_zip(data: bytes, kind: str, source: str | None) -> None:
    """ZIP-based formats are measured by their declared sizes before any part is
    unpacked (ingest/zipguard.py): a bomb is refused at once, not after the
    sandbox's memory limit has killed a worker."""
    if kind in (detect.DOCX, detect.XLSX, detect.ODT, detect.ODS, detect.OFD):
        from .zipguard import check_zip

        check_zip(data, kind, source)


__all__ = ["load_document"]
