"""File names for what is fetched: the attachment's own name, decoded.

Portals name attachments in `Content-Disposition` (RFC 6266 `filename*=UTF-8''…`,
or a bare `filename="…"` whose bytes are GBK, which HTTP libraries hand over as
Latin-1) or only in the URL (percent-encoded UTF-8 or GBK). A researcher looking
at the folder wants `2023年政府信息公开工作年度报告.pdf`, not `P020240118.pdf` or mojibake.
"""

from __future__ import annotations

import hashlib
import os.path
import re
from urllib.parse import unquote, urlsplit

from ..ingest.encoding import utf8_or_gbk
from .links import FILE_SUFFIXES, decode_url_text

_FILENAME_STAR = re.compile(r"filename\*\s*=\s*([A-Za-z0-9_\-]+)'[^']*'([^;]+)", re.IGNORECASE)
_FILENAME = re.compile(r"""filename\s*=\s*(?:"([^"]*)"|([^;]+))""", re.IGNORECASE)
_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]+")
MAX_NAME = 80
# The saved name is `saved_path`'s 8-hex digest and a dash before it; file systems
# allow 255 bytes a name (UTF-8 on Linux), so the name itself keeps to 240.
MAX_NAME_BYTES = 240
MAX_SUFFIX = 10  # ".shtml" is 6: a longer "suffix" is part of the name, not a format
KNOWN_SUFFIXES = FILE_SUFFIXES | {".html", ".htm", ".shtml", ".txt", ".md", ".json"}

CONTENT_SUFFIX = {
    "text/html": ".html", "application/xhtml+xml": ".html", "text/plain": ".txt",
    "application/pdf": ".pdf", "application/msword": ".doc",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.ms-excel": ".xls",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "application/kswps": ".wps", "application/wps-office.wps": ".wps",
    "image/jpeg": ".jpg", "image/png": ".png", "image/gif": ".gif", "image/tiff": ".tif",
    "image/bmp": ".bmp", "application/zip": ".zip",
}


def disposition_name(header: str | None) -> str | None:
    """The file name a `Content-Disposition` header gives, decoded, or None."""
    if not header:
        return None
    m = _FILENAME_STAR.search(header)
    if m:
        charset, value = m.group(1).lower(), m.group(2).strip().strip('"')
        try:
            return unquote(value, encoding="gb18030" if charset in ("gbk", "gb2312", "gb18030")
                           else charset, errors="strict")
        except (LookupError, UnicodeDecodeError):
            return decode_url_text(value)
    m = _FILENAME.search(header)
    if not m:
        return None
    value = (m.group(1) if m.group(1) is not None else m.group(2)).strip()
    return _latin1_bytes_as_text(decode_url_text(value))


def _latin1_bytes_as_text(value: str) -> str:
    """Header bytes that reached us as Latin-1 characters, read as UTF-8 or GBK."""
    try:
        raw = value.encode("latin-1")
    except UnicodeEncodeError:
        return value  # already real characters
    decoded = utf8_or_gbk(raw)
    return value if decoded is None else decoded


def url_name(url: str) -> str:
    """The last path segment of a URL, decoded (`index.html` for a folder)."""
    path = urlsplit(url).path
    name = path.rsplit("/", 1)[-1]
    return decode_url_text(name) or "index.html"


def file_name(url: str, disposition: str | None, content_type: str | None) -> str:
    """A safe, readable file name for a download, with a suffix that says its format
    (`view.jsp?id=3` served as HTML is saved as `view.jsp.html`), short enough for any
    file system: a name of 500 characters after its last dot is cut, not refused."""
    name = disposition_name(disposition) or url_name(url)
    clean = _UNSAFE.sub("_", name).strip(" .") or "index.html"
    stem, suffix = os.path.splitext(clean)
    if len(suffix) > MAX_SUFFIX:
        stem, suffix = clean, ""
    wanted = CONTENT_SUFFIX.get((content_type or "").split(";")[0].strip().lower())
    if suffix.lower() not in KNOWN_SUFFIXES and wanted:
        stem, suffix = stem + suffix, wanted
    stem = _cut_to_bytes(stem[:MAX_NAME], MAX_NAME_BYTES - len(suffix.encode("utf-8")))
    return (stem.rstrip(" .") or "file") + suffix


def _cut_to_bytes(text: str, limit: int) -> str:
    """The longest head of `text` whose UTF-8 form fits `limit` bytes (no half character)."""
    return text.encode("utf-8")[:limit].decode("utf-8", errors="ignore")


def saved_path(url: str, name: str) -> str:
    """Where a download lives under the output folder, relative to it: one folder per
    site, the name prefixed with a short hash of the URL so that two attachments
    both called `附件1.pdf` do not collide."""
    host = urlsplit(url).netloc.replace(":", "_") or "local"
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()[:8]
    return f"files/{_UNSAFE.sub('_', host)}/{digest}-{name}"
