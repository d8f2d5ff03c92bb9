"""Web archives (MHT / MHTML) -> the page's HTML and its pictures.

Word's "single file web page" and a browser's "save as MHTML" keep a page and its
pictures as parts of one MIME message; portals publish such files as `.mht`, and
often renamed `.doc`. Read as text they are quoted-printable noise, so the page part
is taken out here and read as any web page (html.py); its pictures are the other
parts, found by the name the page gives them. Excel's archive of a workbook (often
renamed .xls) opens with a frameset naming a part per sheet: its sheets are the page.
"""

from __future__ import annotations

import re
from typing import Callable

from .encoding import declared_charset, utf8_or_gbk

# The headers of a web archive: a MIME message whose body is multipart/related.
MAX_PARTS = 500


def is_mht(head: bytes) -> bool:
    """Whether a file's first bytes are a web archive's MIME headers (those before the
    first blank line: found by two substring searches, where a pattern for it, which
    has no fixed first byte, is tried at every byte of a text file's head)."""
    ends = [k for k in (head.find(b"\n\n"), head.find(b"\n\r\n")) if k >= 0]
    headers = (head[:min(ends)] if ends else head).lower()
    return b"mime-version:" in headers and b"multipart/related" in headers


def split_mht(data: bytes) -> tuple[bytes, dict[str, bytes]]:
    """(the page's HTML bytes, picture bytes by every name that can point at them: the
    part's Content-Location, its file name and its Content-ID). The page is the first
    text/html part; quoted-printable and base64 are undone, the charset is left to
    the page's own declaration (html.decode_html), as Word writes both alike. An
    Excel workbook's archive opens with a frameset: its page is then its sheets'
    parts, one after another (`workbook_page`)."""
    import email
    import email.policy

    message = email.message_from_bytes(data, policy=email.policy.compat32)
    pages: list[tuple[list[str], bytes]] = []  # (names, page) of every text/html part
    pictures: dict[str, bytes] = {}
    for k, part in enumerate(message.walk()):
        if k > MAX_PARTS:
            break
        kind = part.get_content_type()
        if part.is_multipart():
            continue
        payload = part.get_payload(decode=True) or b""
        if kind == "text/html":
            pages.append((_names(part), _with_charset(payload, part.get_content_charset())))
        elif kind.startswith("image/"):
            for name in _names(part):
                pictures.setdefault(name, payload)
    if not pages:
        return b"", {}
    by_name = {name.rsplit("/", 1)[-1]: part for names, part in pages[1:] for name in names}
    page = workbook_page(pages[0][1], lambda href: by_name.get(href.rsplit("/", 1)[-1])) or pages[0][1]
    return page, pictures


FRAMESET = re.compile(rb"<frameset[\s>]", re.IGNORECASE)
_SHEET_SOURCE = re.compile(rb"<x:WorksheetSource\s+HRef\s*=\s*[\"']?([^\"'>\s]+)", re.IGNORECASE)
_BODY = re.compile(rb"<body[^>]*>(.*?)(?:</body>|$)", re.IGNORECASE | re.DOTALL)


def workbook_page(frames: bytes, sheet: Callable[[str], bytes | None]) -> bytes | None:
    """The sheets of a workbook Excel saved as a web page, as one page: `frames` is
    its frameset page, `sheet(href)` the bytes of the sheet part or file it names
    (x:WorksheetSource, in the workbook's sheet order), each read into UTF-8; a table
    going on at the top of the next sheet is one table with the one before it, as
    tables that touch on a web page are (html.py). None when `frames` is no
    workbook's frameset or names none of its sheets (a site's frames)."""
    if not FRAMESET.search(frames):
        return None
    pages = (sheet(utf8_or_gbk(href) or "") for href in _SHEET_SOURCE.findall(frames)[:MAX_PARTS])
    bodies = [_utf8_body(page) for page in pages if page is not None]
    if not bodies:
        return None
    return b'<html><head><meta charset="utf-8"></head><body>' + b"".join(bodies) + b"</body></html>"


def _utf8_body(page: bytes) -> bytes:
    """A sheet part's <body> content in UTF-8, read by the charset it declares (Excel
    writes its code page; gb2312 as gb18030, its superset)."""
    charset = declared_charset(page) or "utf-8"
    try:
        text = page.decode(charset, "replace")
    except LookupError:
        text = page.decode("utf-8", "replace")
    body = _BODY.search(text.encode("utf-8"))
    return body.group(1) if body else text.encode("utf-8")


def _with_charset(page: bytes, charset: str | None) -> bytes:
    """The page, with the part's charset declared in front when the page itself
    declares none (a browser's archive names it only in the part's header)."""
    if not charset or re.search(rb"<meta[^>]+charset", page[:4096], re.IGNORECASE):
        return page
    return f'<meta charset="{charset}">'.encode("ascii", "ignore") + page


def _header(part, name: str) -> str:
    """A part's header as text: one with bytes beyond ASCII (a Chinese file name in
    Content-Location, as Word and Excel write it in the document's code page) comes
    as an email Header object, read here as UTF-8, else GB18030."""
    from email.header import decode_header

    value = part.get(name)
    if value is None or isinstance(value, str):
        return (value or "").strip()
    raw = b"".join(chunk if isinstance(chunk, bytes) else chunk.encode("utf-8", "replace")
                   for chunk, _ in decode_header(value))
    return (utf8_or_gbk(raw) or raw.decode("latin-1")).strip()


def _names(part) -> list[str]:
    names = []
    location = _header(part, "Content-Location")
    if location:
        names += [location, location.rsplit("/", 1)[-1]]
    cid = _header(part, "Content-ID").strip("<>")
    if cid:
        names.append("cid:" + cid)
    return names


def picture(src: str, pictures: dict[str, bytes]) -> bytes | None:
    """The archived picture an `<img src>` names: by its whole name, or by its file
    name (Word writes `report.files/image001.png` beside `file:///C:/…/image001.png`)."""
    src = src.strip()
    return pictures.get(src) or pictures.get(src.split("?")[0].rsplit("/", 1)[-1])


__all__ = ["FRAMESET", "is_mht", "picture", "split_mht", "workbook_page"]
