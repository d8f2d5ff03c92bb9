"""Portal web pages (HTML) -> `Document` (lxml).

A government portal page carries the report between a navigation bar and a
footer, often inside layout tables, with the three statistics tables as real
`<table>`s with `rowspan`/`colspan`. Here: the page is decoded (declared gb2312
and gbk read as gb18030, their superset, which portals actually send; an
undeclared encoding is detected), navigation and boilerplate are dropped, every
innermost `<table>` becomes tab lines through the shared grid mapping
(`grid.py`), and the rest becomes lines of text. Tables that follow each other
with nothing in between are one table split over several `<table>` elements and
keep one number. A web archive (.mht) is read as the page it holds (mht.py). The
portal's own metadata block (索引号, 发布机构, 生成日期 /
发布时间) is read into `Document.meta`.
"""

from __future__ import annotations

import codecs
import hashlib
import re

from ..errors import InputError
from .document import Document, Line
from .encoding import declared_charset, decode
from .grid import cell_text, drop_spacer_columns, expand_spans, table_lines
from .html_frames import framed, inline_frames
from .mht import FRAMESET, is_mht, split_mht, workbook_page
from .mht import picture as archived_picture

# A declared page keeps its codec when at most one non-ASCII byte in this many is stray.
_STRAY_SHARE = 200
# More cells than this in one table row is no report table (a hostile page).
MAX_COLUMNS = 200
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
# Tags whose content is never report text.
_DROP_TAGS = ("script", "style", "noscript", "template", "nav", "header", "footer", "aside",
              "select", "option", "button", "textarea", "iframe", "object", "svg", "head",
              "del", "s", "strike",  # deleted and struck-through text: old figures
              "sup")  # a note mark: 12<sup>1</sup> is the figure 12, not 121
# A <form> is a search box or a login, unless it holds the page: ASP.NET pages wrap
# the whole body in one (a form holding a table or this much text is kept).
_FORM_TEXT = 200
# class/id words of portal navigation and boilerplate blocks.
_BOILERPLATE = re.compile(
    r"(?:^|[\s_\-])(?:nav|navbar|menu|breadcrumb|crumbs?|footer|foot|topbar|toolbar|sidebar|"
    r"share|bdsharebuttonbox|login|search|copyright|friendlinks?|links|dqwz|weizhi)(?:$|[\s_\-\d])",
    re.IGNORECASE)
_BLOCK = frozenset(("p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
                    "section", "article", "main", "blockquote", "pre", "dl", "dt", "dd",
                    "center", "tr", "table", "caption", "hr", "address", "figure"))
_META_FIELDS = {
    "index_no": re.compile(r"索\s*引\s*号\s*[:：]?\s*([0-9A-Za-z/\-_.]+)"),
    "portal_agency": re.compile(r"发\s*布\s*机\s*构\s*[:：]?\s*([^\s:：|]{2,40})"),
    "portal_date": re.compile(r"(?:生成日期|发布时间|发布日期|成文日期|发文日期|印发日期)\s*[:：]?\s*"
                              r"(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})"),
}


def decode_html(data: bytes) -> tuple[str, str]:
    """(text, encoding). A declared charset wins when the bytes agree with it;
    gb2312/gbk are read as gb18030 (pages declared gb2312 use GBK characters).
    A declared page with a few stray bytes (a character cut by the CMS, a
    vendor-specific byte) is still read by its declaration: before, one bad byte
    sent it to detection, which failed, and a GBK report page was a page of no
    text, classed as no report by `zfxxgk fetch`."""
    declared = declared_charset(data)
    if declared and not data.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        try:
            return data.decode(declared), declared
        except LookupError:
            pass  # an unknown name: detect instead
        except UnicodeDecodeError:
            try:
                return data.decode("utf-8"), "utf-8"  # the usual wrong declaration
            except UnicodeDecodeError:
                pass
            mostly = _mostly_declared(data, declared)
            if mostly is not None:
                return mostly, declared
    return decode(data)


def _stray_byte(error: UnicodeError) -> tuple[str, int]:
    """U+FFFD for the first byte of a bad sequence only, going on at the next byte:
    'replace' drops the whole sequence the codec began, and gb18030 takes the
    ASCII digits after a stray lead byte into it (b"12\x8134" -> "12\ufffd"), a
    wrong number; here they stay ("12\ufffd34")."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return "\ufffd", error.start + 1


codecs.register_error("zfxxgk-stray-byte", _stray_byte)


def _mostly_declared(data: bytes, codec: str) -> str | None:
    """The page in its declared codec when only a few bytes disagree with it (at
    most one in `_STRAY_SHARE` of the non-ASCII bytes), else None."""
    text = data.decode(codec, "zfxxgk-stray-byte")
    wide = len(data.translate(None, bytes(range(128))))  # the non-ASCII bytes
    return text if text.count("\ufffd") * _STRAY_SHARE <= wide else None


def load_html(data: bytes, source: str | None = None, ocr: bool = True) -> Document:
    import lxml.html
    from lxml import etree

    page, archived = data, None
    if is_mht(data[:4096]):  # a web archive (.mht, Word's single file web page)
        page, archived = split_mht(data)
        if not page:
            raise InputError("网页档案（MHT）里没有网页", source=source)
    if archived is None and source and FRAMESET.search(page[:65536]):
        # Excel's "web page" of a workbook: a frameset; its sheets are files beside it (年报.files/)
        page = workbook_page(page, lambda href: picture_bytes(href, source)) or page
    text, encoding = decode_html(page)
    text = _XML_DECL.sub("", text, count=1)
    if not text.strip():
        raise InputError("网页没有内容", source=source)
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as e:
        raise InputError(f"无法解析网页（{e}）", source=source) from None
    inline_frames(root)  # <iframe srcdoc>: the page it holds, in its place
    head = head_meta(root)
    frames = framed(root)
    if frames:
        head["frames"] = frames
    hidden = hidden_classes(root)
    panels = []  # hidden elements holding tables
    for el in list(root.iter()):  # (an element inside one dropped before goes with it)
        if el.tag in _DROP_TAGS or (isinstance(el.tag, str) and (_is_boilerplate(el)
                                                                 or _is_hidden(el, hidden))):
            _drop(el)
        elif isinstance(el.tag, str) and _unshown(el, hidden):
            panels.append(el)
        elif el.tag == "form" and next(el.iter("table"), None) is None \
                and len(el.text_content().strip()) < _FORM_TEXT:
            _drop(el)
        elif el.tag == "input":
            _input_text(el)
    _drop_hidden_copies(root, panels)
    builder = _Builder(source)
    builder.walk(root)
    lines = builder.finish()
    meta = {**head, **read_portal_meta(lines)}
    found = (lambda src: archived_picture(src, archived)) if archived is not None \
        else (lambda src: picture_bytes(src, source))
    pictures = [(k, b) for k, b in ((k, found(src)) for k, src in
                                    builder.pictures[:MAX_PICTURES]) if b] if ocr else []
    if pictures:  # tables published as pictures are read by OCR (ingest/ocr/pictures.py)
        from .ocr.pictures import splice

        lines = splice(lines, pictures, source, meta)
    return Document(lines=lines, source=source, sha256=hashlib.sha256(data).hexdigest(),
                    kind="html", encoding=encoding, meta=meta)


# Pictures of one page read at most; a single picture file read at most (bytes).
MAX_PICTURES = 60
MAX_PICTURE_BYTES = 20 * 1024 * 1024


def picture_bytes(src: str, source: str | None) -> bytes | None:
    """The bytes of an `<img src>`: a `data:` URI, or a file saved with the page
    (`报告_files/image001.png` beside it). Nothing is fetched from the network, and
    a path may not leave the page's folder."""
    import base64
    import os

    src = src.strip()
    if src.startswith("data:"):
        head, _, payload = src.partition(",")
        if ";base64" not in head or len(payload) > MAX_PICTURE_BYTES * 4 // 3 + 4:
            return None
        try:
            return base64.b64decode(payload, validate=False)
        except ValueError:
            return None
    if not source or "://" in src or src.startswith("//") or not src:
        return None
    from urllib.parse import unquote

    folder = os.path.dirname(os.path.abspath(source))
    path = os.path.abspath(os.path.join(folder, unquote(src.split("?")[0].split("#")[0])))
    if not path.startswith(folder + os.sep) or not os.path.isfile(path) \
            or os.path.getsize(path) > MAX_PICTURE_BYTES:
        return None
    with open(path, "rb") as f:
        return f.read()


def _drop(el) -> None:
    """Remove an element but keep its tail text (it belongs to the parent)."""
    if el.getparent() is not None:
        el.drop_tree()


def _is_boilerplate(el) -> bool:
    words = f"{el.get('class') or ''} {el.get('id') or ''}".strip()
    if not words or el.tag in ("table", "tr", "td", "th", "body", "html"):
        return False
    return bool(_BOILERPLATE.search(words))


# Inline styles a browser shows nothing of; `hidden` attributes and classes a page's
# style sheet hides (top-level rules of simple class selectors only) count too.
_HIDDEN_STYLE = re.compile(r"(?:^|[;\s])(?:display\s*:\s*none|visibility\s*:\s*hidden|"
                           r"font-size\s*:\s*0(?:px|pt|em|rem|%)?\s*(?:;|$|!))", re.IGNORECASE)
_INVISIBLE_ONLY = re.compile(r"(?:^|[;\s])visibility\s*:\s*hidden", re.IGNORECASE)
_DISPLAY_NONE = re.compile(r"(?:^|[;\s])(?:display\s*:\s*none|font-size\s*:\s*0)", re.IGNORECASE)
_CLASS_RULE = re.compile(r"^\s*([^{}@]+?)\s*\{([^{}]*)\}", re.DOTALL)
_CLASS_SELECTOR = re.compile(r"^[A-Za-z0-9]*\.([A-Za-z0-9_\-]+)$")
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)


def hidden_classes(root) -> frozenset[str]:
    """Classes the page's `<style>` sheets hide outright (``.x{display:none}``), as
    pages hide stray digits between a table's figures to spoil copying. Rules inside
    @media blocks are not top-level and do not count (print-only hiding)."""
    out: set[str] = set()
    for style in root.iter("style"):
        css = _CSS_COMMENT.sub("", style.text or "")[:200_000]
        for rule in _top_level_rules(css):
            m = _CLASS_RULE.match(rule)
            if not m or not _HIDDEN_STYLE.search(m.group(2)):
                continue
            for selector in m.group(1).split(","):
                cls = _CLASS_SELECTOR.match(selector.strip())
                if cls:
                    out.add(cls.group(1))
    return frozenset(out)


def _top_level_rules(css: str) -> list[str]:
    """The style sheet's rules at brace depth 0 (an @media block is one rule whose
    inner rules are skipped by `_CLASS_RULE`, which wants no nested braces)."""
    rules, depth, start = [], 0, 0
    for i, ch in enumerate(css):
        if ch == "{":
            depth += 1
        elif ch == "}" and depth:
            depth -= 1
            if depth == 0:
                rules.append(css[start:i + 1])
                start = i + 1
    return rules


def _unshown(el, classes: frozenset[str]) -> bool:
    """Whether the browser does not show the element (hidden attribute, inline style
    or a class the page's style sheet hides)."""
    return el.get("hidden") is not None or bool(_HIDDEN_STYLE.search(el.get("style") or "")) \
        or bool(classes and classes.intersection((el.get("class") or "").split()))


def _is_hidden(el, classes: frozenset[str]) -> bool:
    """An element the browser does not show, holding no table (one holding tables is
    judged with the page's other tables: `_drop_hidden_copies`). One only made
    invisible (visibility: hidden) that holds pictures or a text's worth of words is
    kept: WeChat articles hide their whole body so until their script has laid it out
    (div#js_content), and a leftover old figure is a few characters."""
    if not _unshown(el, classes):
        return False
    if el.tag == "table" or next(el.iter("table"), None) is not None:
        return False
    style = el.get("style") or ""
    if el.get("hidden") is None and _INVISIBLE_ONLY.search(style) and not _DISPLAY_NONE.search(style) \
            and (next(el.iter("img"), None) is not None or len(el.text_content().strip()) >= _FORM_TEXT):
        return False
    return True


# Input boxes that show their value as text (a filled-in form printed read-only).
_SHOWN_INPUTS = frozenset(("", "text", "number", "tel"))


def _input_text(el) -> None:
    """An input box's value as its text: report systems print the filled-in form with
    each figure in a read-only `<input value="12">`, which a reader sees as 12 and
    the page's text does not hold. Only boxes in a table's cells: a search box's
    hint (value="请输入关键字") is no text of the report; hidden inputs, buttons and
    boxes left empty (a grey placeholder hint is no value) hold none."""
    kind = (el.get("type") or "").strip().lower()
    value = el.get("value")
    if kind in _SHOWN_INPUTS and value and value.strip() \
            and any(up.tag in ("td", "th") for up in el.iterancestors()):
        el.text = value[:200]


# Rows from which an innermost table counts as a report table's (or part of one).
_TABLE_ROWS = 4


def _drop_hidden_copies(root, panels: list) -> None:
    """Drop the hidden elements holding tables when the page shows at least as many
    tables itself: a second copy of a table (the mobile layout's, last version's
    with old figures) is hidden where the printed one is shown, and read first it
    puts its figures in the printed table's place. A hidden element holding more
    tables than the page shows is kept: the report in a panel a script opens (a tab,
    展开全文, a WeChat article's body hidden until its script has run)."""
    if not panels:
        return
    inside: set = set()
    counts = []
    for panel in panels:
        tables = [t for t in _report_tables(panel) if t not in inside]
        inside.update(tables)
        counts.append(len(tables))
    shown = sum(1 for t in _report_tables(root) if t not in inside)
    for panel, count in zip(panels, counts):
        if shown and count <= shown:
            _drop(panel)


def _report_tables(el):
    """The innermost tables under `el` (itself included) with `_TABLE_ROWS` rows or more."""
    for table in el.iter("table"):
        if next(table.iterdescendants("table"), None) is None \
                and sum(1 for _ in table.iter("tr")) >= _TABLE_ROWS:
            yield table


class _Builder:
    """Walks the page in document order (iteratively: a page of a million nested
    tags must not exhaust the stack) collecting text lines and table rows."""

    def __init__(self, source: str | None):
        self.source = source
        self.lines: list[Line] = []
        self.buffer: list[str] = []
        self.table_no = 0
        self.last_table: tuple[int, int] | None = None  # (number, rows) if nothing since
        self.pictures: list[tuple[int, str]] = []  # (line index it precedes, src)

    def walk(self, root) -> None:
        from lxml import etree

        walker = etree.iterwalk(root, events=("start", "end"))
        for event, el in walker:
            tag = el.tag if isinstance(el.tag, str) else ""
            if event == "start":
                if tag in _BLOCK:
                    self.flush()
                if tag == "table" and next(el.iterdescendants("table"), None) is None:
                    self.table(el)
                    self.pictures += [(len(self.lines), img.get("src") or "")
                                      for img in el.iter("img")]
                    walker.skip_subtree()
                    continue
                if tag == "img":
                    self.flush()
                    self.pictures.append((len(self.lines), el.get("src") or ""))
                if el.text and tag:
                    self.buffer.append(el.text)
            else:
                if tag in _BLOCK:
                    self.flush()
                if el.tail:
                    self.buffer.append(el.tail)

    def flush(self) -> None:
        text = cell_text("".join(self.buffer).replace("\n", " "))
        self.buffer.clear()
        if text:
            self.lines.append(Line(len(self.lines) + 1, text))
            self.last_table = None

    def table(self, el) -> None:
        rows = []
        for tr in el.iter("tr"):
            cells = [c for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")]
            if len(cells) > MAX_COLUMNS:
                raise InputError(f"网页表格的一行有 {len(cells)} 个单元格，超过 {MAX_COLUMNS} "
                                 "个的上限，不像年度报告的表格", source=self.source)
            rows.append([(_cell_text(c), _span(c, "rowspan"), _span(c, "colspan"))
                         for c in cells])
        starts: list[list[tuple[int, int]]] = []
        above: list[set[int]] = []
        grid = expand_spans(rows, MAX_COLUMNS, starts, above)
        drop_spacer_columns(grid, starts)
        if self.last_table is not None:  # continues the table just before it
            number, first_row = self.last_table[0], self.last_table[1] + 1
        else:
            self.table_no += 1
            number, first_row = self.table_no, 1
        self.lines.extend(table_lines(grid, number, len(self.lines) + 1, first_row=first_row,
                                      above=above))
        self.last_table = (number, first_row + len(grid) - 1)

    def finish(self) -> list[Line]:
        self.flush()
        return self.lines


def _span(cell, name: str) -> int:
    value = (cell.get(name) or "1").strip()
    digits = re.match(r"\d+", value)
    return max(1, int(digits.group())) if digits and len(digits.group()) < 7 else 1


def _cell_text(cell) -> str:
    """A cell's text with its <br>/<p> breaks as newlines (joined by `cell_text`
    without spaces); source line breaks inside a cell are white space."""
    parts: list[str] = []
    for node in cell.iter():
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in _BLOCK and node is not cell:
            parts.append("\n")
        if node.text and tag:
            parts.append(node.text.replace("\n", " ") if tag != "br" else "")
        if node is not cell and node.tail:
            parts.append(node.tail.replace("\n", " "))
    return cell_text("".join(parts).replace("\xa0", " "))


_ISO_DATE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})")
_HEAD_META = {"articletitle": "html_title", "contentsource": "html_source", "author": "html_author"}


def head_meta(root) -> dict[str, str]:
    """The page head's ArticleTitle / ContentSource / Author meta tags and <title>
    (government portals fill them): the parser's places for title and agency."""
    out: dict[str, str] = {}
    for el in root.iter("meta"):
        key = _HEAD_META.get((el.get("name") or "").strip().lower())
        content = (el.get("content") or "").strip()
        if key and content and key not in out:
            out[key] = content[:200]
        elif (el.get("name") or "").strip().lower() == "pubdate" and "portal_date" not in out:
            m = _ISO_DATE.match(content)  # <meta name="PubDate" content="2024-01-25 10:00">
            if m and 1 <= int(m.group(2)) <= 12 and 1 <= int(m.group(3)) <= 31:
                out["portal_date"] = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    title = root.find(".//title")
    if "html_title" not in out and title is not None and (title.text or "").strip():
        out["html_title"] = title.text.strip()[:200]
    return out


def read_portal_meta(lines: list[Line]) -> dict[str, str]:
    """索引号, 发布机构 and the portal's date, from the first lines that name them."""
    meta: dict[str, str] = {}
    for line in lines[:80]:
        text = line.text.replace("\t", " ")
        for key, pattern in _META_FIELDS.items():
            if key in meta:
                continue
            m = pattern.search(text)
            if not m:
                continue
            if key == "portal_date":
                y, mo, d = (int(g) for g in m.groups())
                if 1 <= mo <= 12 and 1 <= d <= 31:
                    meta[key] = f"{y:04d}-{mo:02d}-{d:02d}"
            else:
                meta[key] = m.group(1)
    return meta


__all__ = ["MAX_COLUMNS", "decode_html", "framed", "load_html", "read_portal_meta"]
