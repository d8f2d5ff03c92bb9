"""Word files (DOCX) -> `Document`.

Offices write the report in Word from the official form, whose tables merge
cells both ways (the vertical 三、本年度办理结果, the 申请人情况 header). The XML
says exactly which cells are merged (`w:gridSpan`, `w:vMerge`), so the grid is
read from it directly rather than through python-docx's cell objects, which
repeat a merged cell at every position it covers. Paragraphs and tables come in
document order; each table row is one tab line (`grid.py`).
"""

from __future__ import annotations

import hashlib
import io
import zipfile

from ..errors import InputError
from .document import Document, Line
from .grid import SPANNED, cell_text, drop_spacer_columns, table_lines
from .ooxml import main_part, part_rels, properties, safe_xml, transitional
from .zipguard import ZIP_ERRORS, zip_damage

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
O = "{urn:schemas-microsoft-com:office:office}"
# Grid columns beyond this in one row: no report table.
MAX_COLUMNS = 200
# Embedded workbooks and RTF chunks read at most (an old .xls one costs a LibreOffice run): a report has three tables.
MAX_EMBEDDED = 12


def load_docx(data: bytes, source: str | None = None, ocr: bool = True,
              chunks: bool = True) -> Document:
    """`chunks`: False for a Word file imported into another one (its own imported
    chunks are not read: one level deep, so no file nests without end)."""
    from lxml import etree

    try:
        with zipfile.ZipFile(io.BytesIO(transitional(data))) as z:
            main = main_part(z, "word/document.xml")  # word/document2.xml from Word for the web
            xml = z.read(main)
            media = _related(z, "/image", main) if ocr else {}
            parts = {**(_related(z, "/aFChunk", main) if chunks else {}), **_related(z, "/package", main),
                     **_related(z, "/oleObject", main)}
            meta = properties(z, "Word")
            styles = next(iter(_related(z, "/styles", main).values()), None)
            margins = _related(z, "/header", main) | _related(z, "/footer", main)
    except (*ZIP_ERRORS, KeyError) as e:
        raise InputError(f"Word 文件（DOCX）已损坏，无法读取（{zip_damage(e)}）",
                         source=source) from None
    try:
        root = safe_xml(xml)
    except etree.XMLSyntaxError as e:
        raise InputError(f"Word 文件（DOCX）的正文不是有效的 XML（{e}）", source=source) from None
    _styled(root, styles)
    unread: list[str] = []
    lines, pictures = body_lines(root.find(f"{W}body"), media, source, parts, unread)
    if unread:  # imported chunks that could not be read: the parser says why tables are missing
        meta["chunks"] = "\n".join(unread)
    header = page_margins(root, margins)
    if header:
        meta["doc_header"] = header
    if pictures:  # tables pasted as pictures are read by OCR (ingest/ocr/pictures.py)
        from .ocr.pictures import splice

        lines = splice(lines, pictures, source, meta)
    return Document(lines=lines, source=source, sha256=hashlib.sha256(data).hexdigest(),
                    kind="docx", meta=meta)


_STYLE_FLAGS = (b"vanish", b"strike", b"vertAlign")


def _styled(root, styles: bytes | None) -> None:
    """Hidden, struck and superscript runs by their styles made explicit (word_styles.py);
    styles that cannot be read give nothing."""
    from lxml import etree

    from .word_styles import apply_styles

    body = root.find(f"{W}body")
    if styles is None or body is None or not any(flag in styles for flag in _STYLE_FLAGS):
        return  # (a style sheet of some 300 KB costs 6 ms to parse: only when a style hides)
    if next(body.iter(f"{W}rStyle", f"{W}pStyle"), None) is None:
        return
    try:
        apply_styles(body, safe_xml(styles))
    except etree.XMLSyntaxError:
        pass


def body_lines(body, media: dict[str, bytes], source: str | None = None,
               parts: dict[str, bytes] | None = None, unread: list[str] | None = None
               ) -> tuple[list[Line], list[tuple[int, bytes]]]:
    """The body's paragraphs as lines and its tables as tab lines, in reading order,
    and the pictures (line index they follow, bytes) `media` holds for it. `parts`
    (relationship id -> bytes) are read in their place: an imported chunk (w:altChunk:
    the web page an HTML-to-Word exporter wraps in a .docx, which Word reads on
    opening) and an embedded Excel worksheet (Insert > Object: the page shows only
    its picture), whose tables number on from the tables before them. Why a chunk
    was not read goes onto `unread`."""
    lines: list[Line] = []
    table_no = 0
    pictures: list[tuple[int, bytes]] = []
    parts = parts or {}
    embedded: set[str] = set()
    for child in blocks(body) if body is not None else ():
        if child.tag == f"{W}p":
            text = paragraph_text(child).strip()
            if text:
                lines.append(Line(len(lines) + 1, text))
            for blip in _own(child, f"{A}blip") if media else ():
                target = media.get(blip.get(f"{R}embed") or "")
                if target is not None:
                    pictures.append((len(lines), target))
            for ole in child.iter(f"{O}OLEObject"):  # (in a fallback copy too: once each)
                rid = ole.get(f"{R}id") or ""
                if (ole.get("ProgID") or "").startswith("Excel.Sheet") and rid not in embedded \
                        and len(embedded) < MAX_EMBEDDED:
                    embedded.add(rid)
                    table_no = _splice(lines, _embedded_lines(parts.get(rid), source), table_no)
        elif child.tag == f"{W}altChunk":
            table_no = _splice(lines, _chunk_lines(parts.get(child.get(f"{R}id") or ""), source,
                                                   embedded, unread), table_no)
        else:
            table_no += 1
            above: list[set[int]] = []
            grid = table_grid(child, source, above)
            lines.extend(table_lines(grid, table_no, len(lines) + 1, above=above))
    return lines, pictures


# Lines of the first page's header and footer kept at most, each at most this long.
MAX_MARGIN_LINES = 12
MAX_MARGIN_TEXT = 200


def page_margins(root, parts: dict[str, bytes]) -> str:
    """The first page's header and footer text (Word's first-page header where the
    section has one, else its default one), one paragraph a line. Never lines of the
    body: printed on every page, they would come between a table's rows; the parser
    takes a body's name or title from here only where the text names none (some
    offices print the name only in the header, above a title without it)."""
    from lxml import etree

    body = root.find(f"{W}body")
    section = next(body.iter(f"{W}sectPr"), None) if body is not None else None
    if section is None or not parts:
        return ""
    first = section.find(f"{W}titlePg") is not None and \
        (section.find(f"{W}titlePg").get(f"{W}val") or "true").lower() not in _OFF
    wanted = ("first", "default") if first else ("default",)
    texts: list[str] = []
    for tag in (f"{W}headerReference", f"{W}footerReference"):
        refs = {ref.get(f"{W}type") or "default": ref.get(f"{R}id") for ref in section.iter(tag)}
        rid = next((refs[k] for k in wanted if k in refs), None)
        try:
            part = safe_xml(parts[rid]) if rid in parts else None
        except etree.XMLSyntaxError:
            part = None
        for p in blocks(part) if part is not None else ():
            text = cell_text(paragraph_text(p)) if p.tag == f"{W}p" else ""
            if text and len(texts) < MAX_MARGIN_LINES:
                texts.append(text[:MAX_MARGIN_TEXT])
    return "\n".join(texts)


def _splice(lines: list[Line], extra: list[Line], table_no: int) -> int:
    """Append another document's lines, its tables numbered on from `table_no`; the
    number of the last table now."""
    for line in extra:
        table = table_no + line.table if line.table else None
        lines.append(Line(len(lines) + 1, line.text, None, table, line.row, line.cols,
                          above=line.above, end=line.end))
    return max([table_no] + [line.table + table_no for line in extra if line.table])


def _embedded_lines(data: bytes | None, source: str | None) -> list[Line]:
    """The lines of an embedded Excel workbook: an .xlsx package, its size checked as
    any workbook's before it is unpacked, or an Excel 97-2003 one (ProgID Excel.Sheet.8,
    an OLE file) converted by LibreOffice where it can (legacy.py); one it cannot
    convert is left unread, as a picture is without OCR."""
    if not data:
        return []
    from .detect import XLS, XLSX, sniff
    from .xlsx import load_xlsx
    from .zipguard import check_zip

    if not data.startswith(b"PK") and sniff(data) == XLS:
        from .legacy import convert

        try:
            data, _ = convert(data, XLS, source)
        except InputError:
            return []
    if not data.startswith(b"PK"):
        return []
    check_zip(data, XLSX, source)
    return load_xlsx(data, source, date_figures=False).lines


def _chunk_lines(data: bytes | None, source: str | None, converted: set[str],
                 unread: list[str] | None) -> list[Line]:
    """The lines of an imported chunk that is a web page (HTML or MHT), plain text or
    RTF (Word converts it on opening; here LibreOffice converts it, at most
    MAX_EMBEDDED conversions a file, counted with the embedded workbooks in
    `converted`) or another Word file (as document-assembly tools merge files: its
    own chunks are not read). An RTF chunk that cannot be converted is named on
    `unread` with the reason."""
    if not data:
        return []
    from .detect import DOCX, HTML, RTF, TEXT, sniff

    kind = sniff(data)
    if kind == RTF:
        return _rtf_lines(data, source, converted, unread)
    if kind == DOCX:
        from .zipguard import check_zip

        check_zip(data, DOCX, source)
        return load_docx(data, source, ocr=False, chunks=False).lines
    if kind == HTML:
        from .html import load_html

        return load_html(data, source, ocr=False).lines
    if kind == TEXT:
        from .text import load_bytes

        return load_bytes(data, source=source).lines
    return []


def _rtf_lines(data: bytes, source: str | None, converted: set[str],
               unread: list[str] | None) -> list[Line]:
    from .detect import RTF
    from .legacy import convert

    if len(converted) >= MAX_EMBEDDED:
        if unread is not None:
            unread.append(f"RTF：超过 {MAX_EMBEDDED} 个内嵌文档，其余未转换")
        return []
    converted.add(f"rtf:{len(converted)}")
    try:
        docx, _ = convert(data, RTF, source)
    except InputError as e:
        if unread is not None:
            unread.append(f"RTF：{e.message}")
        return []
    return load_docx(docx, source, ocr=False, chunks=False).lines


def _related(z: zipfile.ZipFile, kind: str, main: str = "word/document.xml") -> dict[str, bytes]:
    """Relationship id -> bytes of the parts of one kind the body (the part `main`)
    refers to (the relationship type's last segment: "/image" pictures, "/aFChunk"
    imported chunks; their sizes were checked by zipguard before anything was unpacked)."""
    from lxml import etree

    try:
        rels = safe_xml(z.read(part_rels(main)))
    except (KeyError, etree.XMLSyntaxError):
        return {}
    out = {}
    names = set(z.namelist())
    folder = main.rpartition("/")[0] + "/"
    for rel in rels:
        target = rel.get("Target") or ""
        if not (rel.get("Type") or "").endswith(kind) or rel.get("TargetMode") == "External":
            continue
        name = folder + target.lstrip("/") if not target.startswith("/") else target.lstrip("/")
        if name in names and len(out) < 200:
            out[rel.get("Id")] = z.read(name)
    return out


# Containers Word puts around blocks, rows or cells (content controls, custom XML,
# a tracked insertion or move of whole rows); what they hold is read as if bare.
_WRAPPERS = frozenset((f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}ins", f"{W}moveTo"))
# Text Word does not print: deleted and moved-away runs (tracked changes), field codes,
# and the fallback copy of a text box (mc:Fallback repeats mc:Choice for old readers).
_UNPRINTED = frozenset((f"{W}del", f"{W}moveFrom", f"{W}instrText", f"{W}delInstrText",
                        f"{W}sdtPr", f"{MC}Fallback", f"{W}txbxContent"))
_OFF = ("0", "false", "off")
_UNSEEN = frozenset((f"{W}vanish", f"{W}strike", f"{W}dstrike"))
_BOXES = frozenset((f"{W}txbxContent", f"{MC}Fallback"))


def blocks(parent):
    """The paragraphs and tables of a body or cell in reading order, inside content
    controls and custom XML too (a form template wraps its tables in them), the
    blocks of a paragraph's text boxes after it (PDF-to-Word converters put tables
    in them), and the blocks inside the cells of a layout table (one that holds
    tables: only the innermost tables are report tables, as in HTML)."""
    for child in parent:
        if child.tag == f"{W}p":
            yield child
            if next(child.iter(f"{W}txbxContent"), None) is not None:  # text boxes anchored here
                for box in _own(child, f"{W}txbxContent"):
                    yield from blocks(box)
        elif child.tag == f"{W}tbl":
            if next(child.iterdescendants(f"{W}tbl"), None) is not None:
                for tc in _children(child, f"{W}tr", f"{W}tc"):
                    yield from blocks(tc)
            else:
                yield child
        elif child.tag in _WRAPPERS:
            yield from blocks(child)
        elif child.tag == f"{W}altChunk":
            yield child


def _children(parent, *path: str):
    """The `path[-1]` elements under `parent` through `path`, looking through wrappers
    (a row or a cell inside a content control is still the table's row or cell)."""
    tag, rest = path[0], path[1:]
    for child in parent:
        if child.tag in _WRAPPERS:
            yield from _children(child, *path)
        elif child.tag == tag:
            if rest:
                yield from _children(child, *rest)
            else:
                yield child


def _own(p, tag: str):
    """The `tag` elements of a paragraph itself: not those of its text boxes (their own
    blocks) nor of a text box's fallback copy."""
    from lxml import etree

    walker = etree.iterwalk(p, events=("start",))
    for _, el in walker:
        if el.tag == tag:
            yield el
        if el.tag in _BOXES and el is not p:
            walker.skip_subtree()


def _hidden(run) -> bool:
    """A run formatted hidden (w:vanish), which Word neither shows nor prints, struck
    through (w:strike, w:dstrike), which a reader takes as deleted (offices keep old
    figures both ways beside the new ones), or raised as a note mark (superscript:
    12 with its mark ¹ is the figure 12, not 121)."""
    props = run.find(f"{W}rPr")
    if props is None:
        return False
    for flag in props:
        if flag.tag in _UNSEEN and (flag.get(f"{W}val") or "true").lower() not in _OFF:
            return True
        if flag.tag == f"{W}vertAlign" and flag.get(f"{W}val") == "superscript":
            return True
    return False


def paragraph_text(p) -> str:
    """Text of a paragraph as Word prints it: runs, tabs as tabs, line breaks as
    newlines, a non-breaking hyphen as a hyphen; never deleted, moved-away, hidden,
    struck-through or superscript runs, field codes (only their results), or a text
    box's fallback copy. Its text boxes are blocks of their own (`blocks`): a table in
    one is a table."""
    parts: list[str] = []
    for el in p.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr", f"{W}noBreakHyphen"):
        if not _printed(el, p):
            continue
        tag = el.tag
        if tag == f"{W}t":
            parts.append(el.text or "")
        elif tag == f"{W}tab":
            parts.append("\t")
        elif tag == f"{W}noBreakHyphen":  # Ctrl+Shift+-: a minus kept on its number's line
            parts.append("-")
        else:
            parts.append("\n")
    return "".join(parts)


def _printed(el, p) -> bool:
    """Whether a run's piece is printed: no container between it and its paragraph
    is unprinted, and its run is not hidden or struck."""
    for up in el.iterancestors():
        if up is p:
            return True
        if up.tag in _UNPRINTED or (up.tag == f"{W}r" and _hidden(up)):
            return False
    return True


def table_grid(tbl, source: str | None = None,
               covered: list[set[int]] | None = None) -> list[list[str | None]]:
    """A `w:tbl` as a true grid: a cell spanning columns is followed by SPANNED,
    a cell continuing a vertical merge is SPANNED (one with no merge started above it,
    as a table split inside a merge leaves, is a cell of its own; a continuing cell's
    own text is shown nowhere: Word and LibreOffice show the merge's first cell down
    over the rows, as LibreOffice's HTML export writes it, one cell with a rowspan and
    the lower text gone, so the row below prints nothing there), and so is one continuing a merge
    across (w:hMerge, kept by files converted from Word 97-2003: empty cells before,
    as if the row's label were followed by blanks). Rows and cells inside content
    controls are the table's own, rows and cells deleted with changes tracked are
    not; a row starting further right (w:gridBefore) keeps its cells in their grid
    columns; a cell's text is its paragraphs as printed. `covered`, when given, gets each
    kept row's columns that a vertical merge from a row above covers."""
    grid: list[list[str | None]] = []
    starts: list[list[tuple[int, int]]] = []  # (column, span) of each cell starting in a row
    merging: set[int] = set()  # grid columns where a vertical merge runs down to this row
    for tr in _children(tbl, f"{W}tr"):
        above, merging = merging, set()
        trpr = tr.find(f"{W}trPr")
        if trpr is not None and trpr.find(f"{W}del") is not None:  # deleted, changes tracked
            continue
        before = trpr.find(f"{W}gridBefore") if trpr is not None else None  # columns skipped first
        skipped = (before.get(f"{W}val") or "0") if before is not None else "0"
        row: list[str | None] = [SPANNED] * (int(skipped) if skipped.isdigit() and len(skipped) < 3 else 0)
        starts.append([])
        if covered is not None:
            covered.append(set())
        for tc in _children(tr, f"{W}tc"):
            props = tc.find(f"{W}tcPr")
            if props is not None and props.find(f"{W}cellDel") is not None:
                continue
            span, continued = 1, False
            if props is not None:
                gs = props.find(f"{W}gridSpan")
                if gs is not None:
                    value = gs.get(f"{W}val") or "1"
                    span = int(value) if value.isdigit() and len(value) < 5 else 1
                vm = props.find(f"{W}vMerge")
                if vm is not None and (vm.get(f"{W}val") == "restart" or len(row) in above):
                    merging.add(len(row))
                # a merge goes on only below one started (restart): a continuation with
                # none above is a cell of its own, as LibreOffice reads it
                continued = vm is not None and vm.get(f"{W}val") != "restart" and len(row) in above
                hm = props.find(f"{W}hMerge")  # Word 97's merge across: the cells after the first
                continued = continued or (hm is not None and hm.get(f"{W}val") != "restart")
            if len(row) + span > MAX_COLUMNS:
                raise InputError(f"Word 表格的一行超过 {MAX_COLUMNS} 列，不像年度报告的表格",
                                 source=source)
            text = "\n".join(paragraph_text(p) for p in blocks(tc) if p.tag == f"{W}p")
            if not continued:
                starts[-1].append((len(row), span))
            elif covered is not None and len(row) in merging:  # (not Word 97's merge across)
                covered[-1].update(range(len(row), len(row) + span))
            row.append(SPANNED if continued else cell_text(text))
            row.extend([SPANNED] * (span - 1))
        grid.append(row)
    drop_spacer_columns(grid, starts)
    return grid


__all__ = ["body_lines", "load_docx", "page_margins", "paragraph_text", "table_grid"]
