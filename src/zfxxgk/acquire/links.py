"""What a portal page links to: the pure half of fetching (bytes + URL -> links).

A 政府信息公开年报 column is a list page (often several, paged by the CMS) whose
items are report pages; a report page either is the report or carries it as an
attachment (PDF, Word, WPS, Excel, pictures of the tables). Here, without any
network, a page's bytes become the links worth following:

- `items`: links whose text or title names an annual report and a year;
- `paging`: the other pages of the same list — `index_1.html`… links, 下一页/尾页
  links, and the `createPageHTML(total, current, "index", "html")` script of the
  common government CMS, which writes its paging links only in the browser;
- `attachments`: links to document or picture files.

Kept apart from the crawl so that it is tested on saved pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import unquote_to_bytes, urldefrag, urljoin, urlsplit

from ..ingest.encoding import utf8_or_gbk
from ..ingest.html import decode_html

DOC_SUFFIXES = frozenset({".pdf", ".doc", ".docx", ".wps", ".xls", ".xlsx", ".et", ".rtf", ".ofd",
                          ".zip"})
IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".gif", ".bmp", ".tif", ".tiff"})
FILE_SUFFIXES = DOC_SUFFIXES | IMAGE_SUFFIXES

_REPORT_WORDS = re.compile(r"年度报告|年报|政府信息公开")
_YEAR = re.compile(r"(?<!\d)(?:19[89]\d|20[0-4]\d)(?!\d)|[〇零一二][〇零一二三四五六七八九]{3}")
# Forward paging only: earlier pages are reached from the first; 首页 is often the site's home.
_PAGING_WORDS = re.compile(r"^\s*(?:下一?页|尾页|末页|最后一?页|>>?|»)\s*$")
_PAGE_NAME = re.compile(r"^(?P<stem>[A-Za-z]+)_(?P<n>\d{1,4})\.(?P<ext>s?html?)$")
_CREATE_PAGE = re.compile(
    r"createPageHTML\(\s*['\"]?(\d{1,4})['\"]?\s*,\s*['\"]?(\d{1,4})['\"]?\s*,\s*"
    r"['\"]([A-Za-z0-9_\-]+)['\"]\s*,\s*['\"]([A-Za-z]+)['\"]")
# Pictures with these words in their file name are page furniture, not tables.
_FURNITURE = re.compile(r"logo|icon|banner|button|btn|arrow|bg|share|qr|erweima|jiucuo|"
                        r"dzjg|conac|blue|red|wza|spacer|blank|dot|line", re.IGNORECASE)
_NOT_CONTENT = ("nav", "header", "footer", "aside", "script", "style", "noscript")
_FURNITURE_BLOCK = re.compile(r"(?:^|[\s_\-])(?:nav|navbar|menu|topbar|header|footer|foot|crumbs?|"
                              r"breadcrumb|friendlinks?|share)(?:$|[\s_\-\d])", re.IGNORECASE)


@dataclass(slots=True, frozen=True)
class Link:
    url: str
    text: str = ""
    file: bool = False  # a document or picture, not a page


@dataclass(slots=True)
class PageLinks:
    encoding: str = ""
    items: list[Link] = field(default_factory=list)
    paging: list[str] = field(default_factory=list)
    attachments: list[Link] = field(default_factory=list)

    @property
    def is_list(self) -> bool:
        return bool(self.items or self.paging)


def suffix_of(url: str) -> str:
    """The file suffix a URL names: of its path, or of a file name in its query
    (`download.jsp?filename=2023年报.pdf` is a PDF)."""
    parts = urlsplit(url)
    path_suffix = _suffix(parts.path)
    if path_suffix in FILE_SUFFIXES:
        return path_suffix
    for piece in parts.query.split("&"):
        suffix = _suffix(piece.rsplit("=", 1)[-1])
        if suffix in FILE_SUFFIXES:
            return suffix
    return path_suffix


def _suffix(text: str) -> str:
    name = decode_url_text(text.rsplit("/", 1)[-1])
    dot = name.rfind(".")
    return name[dot:].lower() if dot > 0 and 1 < len(name) - dot <= 6 else ""


def decode_url_text(text: str) -> str:
    """Percent-encoded text as its author meant it: UTF-8, or GBK from older CMSs."""
    if "%" not in text:
        return text
    raw = unquote_to_bytes(text)
    decoded = utf8_or_gbk(raw)
    return raw.decode("latin-1") if decoded is None else decoded


def is_file_url(url: str) -> bool:
    return suffix_of(url) in FILE_SUFFIXES


def names_a_report(text: str) -> bool:
    """Link text or title of an annual report: the words and a year."""
    return bool(_REPORT_WORDS.search(text)) and bool(_YEAR.search(text))


def clean_url(href: str, base: str) -> str | None:
    """An absolute http(s) URL without its fragment, or None for javascript:,
    mailto: and the like."""
    href = (href or "").strip()
    if not href or href.startswith(("#", "javascript:", "mailto:", "tel:", "data:")):
        return None
    url = urldefrag(urljoin(base, href))[0]
    return url if urlsplit(url).scheme in ("http", "https") else None


def extract(data: bytes, base_url: str) -> PageLinks:
    """A fetched HTML page -> the links to follow (see the module docstring)."""
    import lxml.html
    from lxml import etree

    text, encoding = decode_html(data)
    out = PageLinks(encoding=encoding)
    try:
        root = lxml.html.document_fromstring(text.lstrip("\ufeff") or "<html></html>")
    except (etree.ParserError, ValueError):
        return out
    base = _base_href(root, base_url)
    seen: set[tuple[str, str]] = set()
    for a in root.iter("a"):
        url = clean_url(a.get("href"), base)
        if url is None or _in_furniture(a):
            continue
        label = " ".join(" ".join(a.itertext()).split())
        title = a.get("title") or ""
        is_file = is_file_url(url) or _names_file(label) or _names_file(title)
        if not is_file and _is_paging(label, url, base):
            _add(out.paging, url, seen, "p")
        elif names_a_report(f"{title} {label}"):
            _add(out.items, Link(url, title or label, is_file), seen, "i")
        elif is_file:
            _add(out.attachments, Link(url, label or title, True), seen, "a")
    for img in root.iter("img"):
        url = clean_url(img.get("src"), base)
        if url and suffix_of(url) in IMAGE_SUFFIXES and not _in_furniture(img) \
                and not _FURNITURE.search(url.rsplit("/", 1)[-1]):
            _add(out.attachments, Link(url, img.get("alt") or "", True), seen, "a")
    for script in root.iter("script"):
        for url in script_paging(script.text or "", base):
            _add(out.paging, url, seen, "p")
    for url in _fill_numbered(out.paging):
        _add(out.paging, url, seen, "p")
    return out


def script_paging(script: str, base: str) -> list[str]:
    """The pages `createPageHTML(total, current, "index", "html")` would link to:
    `index.html` is the first page, `index_1.html` … `index_{total-1}.html` the others."""
    urls: list[str] = []
    for m in _CREATE_PAGE.finditer(script):
        total, stem, ext = int(m.group(1)), m.group(3), m.group(4)
        urls.append(urljoin(base, f"{stem}.{ext}"))
        urls.extend(urljoin(base, f"{stem}_{n}.{ext}") for n in range(1, min(total, 1000)))
    return urls


def _fill_numbered(paging: list[str]) -> list[str]:
    """A 尾页 link to `index_9.html` means `index_1` … `index_8` exist too: lists that
    show only a few page numbers at a time are read whole."""
    out: list[str] = []
    top: dict[tuple[str, str, str], int] = {}
    for url in paging:
        folder, _, name = url.rpartition("/")
        m = _PAGE_NAME.match(name)
        if m:
            key = (folder, m.group("stem"), m.group("ext"))
            top[key] = max(top.get(key, 0), int(m.group("n")))
    for (folder, stem, ext), last in top.items():
        out.extend(f"{folder}/{stem}_{n}.{ext}" for n in range(1, min(last, 1000) + 1))
    return out


def _names_file(text: str) -> bool:
    """Link text that is a file name (`附件：2023年报.pdf`)."""
    dot = text.rstrip().rfind(".")
    return dot > 0 and text.rstrip()[dot:].lower() in FILE_SUFFIXES


def _is_paging(label: str, url: str, base: str) -> bool:
    if _PAGING_WORDS.match(label):
        return True
    name = url.rsplit("/", 1)[-1]
    same_folder = url.rsplit("/", 1)[0] == base.rsplit("/", 1)[0]
    return same_folder and bool(_PAGE_NAME.match(name)) and (label.isdigit() or not label)


def _in_furniture(el) -> bool:
    """Inside navigation, header, footer or a share bar: not the page's content."""
    for parent in el.iterancestors():
        if parent.tag in _NOT_CONTENT:
            return True
        words = f"{parent.get('class') or ''} {parent.get('id') or ''}".strip()
        if words and _FURNITURE_BLOCK.search(words):
            return True
    return False


def _base_href(root, url: str) -> str:
    for b in root.iter("base"):
        href = clean_url(b.get("href"), url)
        if href:
            return href
    return url


def _add(target: list, item: str | Link, seen: set[tuple[str, str]], role: str) -> None:
    """Append a URL or a Link once per role (paging, item, attachment)."""
    url = item.url if isinstance(item, Link) else item
    if (role, url) not in seen:
        seen.add((role, url))
        target.append(item)
