"""Web archives (MHT / MHTML) -> the page's HTML and its pictures.

Word's "single file web page" and a browser's "save as MHTML" keep a page and its
pictures as parts of one MIME message; portals publish such files as `.mht`, and
often renamed `.doc`. Read as text they are quoted-printable noise, so the page part
is taken out here and read as any web page (html.py); its pictures are the other
parts, found by the name the page gives them.
"""

from __future__ import annotations

import re

# The headers of a web archive: a MIME message whose body is multipart/related.
_HEADERS_END = re.compile(rb"\r?\n\r?\n")
MAX_PARTS = 500


def is_mht(head: bytes) -> bool:
    """Whether a file's first bytes are a web archive's MIME headers."""
    end = _HEADERS_END.search(head)
    headers = (head[:end.start()] if end else head).lower()
    return b"mime-version:" in headers and b"multipart/related" in headers


def split_mht(data: bytes) -> tuple[bytes, dict[str, bytes]]:
    """(the page's HTML bytes, picture bytes by every name that can point at them: the
    part's Content-Location, its file name and its Content-ID). The page is the first
    text/html part; quoted-printable and base64 are undone, the charset is left to
    the page's own declaration (html.decode_html), as Word writes both alike."""
    import email
    import email.policy

    message = email.message_from_bytes(data, policy=email.policy.compat32)
    page: bytes | None = None
    pictures: dict[str, bytes] = {}
    for k, part in enumerate(message.walk()):
        if k > MAX_PARTS:
            break
        kind = part.get_content_type()
        if part.is_multipart():
            continue
        payload = part.get_payload(decode=True) or b""
        if kind == "text/html" and page is None:
            page = _with_charset(payload, part.get_content_charset())
        elif kind.startswith("image/"):
            for name in _names(part):
                pictures.setdefault(name, payload)
    if page is None:
        return b"", {}
    return page, pictures


def _with_charset(page: bytes, charset: str | None) -> bytes:
    """The page, with the part's charset declared in front when the page itself
    declares none (a browser's archive names it only in the part's header)."""
    if not charset or re.search(rb"<meta[^>]+charset", page[:4096], re.IGNORECASE):
        return page
    return f'<meta charset="{charset}">'.encode("ascii", "ignore") + page


def _names(part) -> list[str]:
    names = []
    location = (part.get("Content-Location") or "").strip()
    if location:
        names += [location, location.rsplit("/", 1)[-1]]
    cid = (part.get("Content-ID") or "").strip().strip("<>")
    if cid:
        names.append("cid:" + cid)
    return names


def picture(src: str, pictures: dict[str, bytes]) -> bytes | None:
    """The archived picture an `<img src>` names: by its whole name, or by its file
    name (Word writes `report.files/image001.png` beside `file:///C:/…/image001.png`)."""
    src = src.strip()
    return pictures.get(src) or pictures.get(src.split("?")[0].rsplit("/", 1)[-1])


__all__ = ["is_mht", "picture", "split_mht"]
