"""The Word files of `struct_probe.py`: a DOCX rendered by our own renderer turned
into what Word and converters really write (tracked changes, hidden and struck runs,
content controls, text boxes, layout tables, imported web pages, embedded workbooks,
Word 2003 XML).
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from pathlib import Path

from lxml import etree

from struct_shapes import NUMBER, W, W_NS, _table_sheet, html_tables, old


# --- DOCX ----------------------------------------------------------------------------

def _w(tag: str, children=(), text: str | None = None, **attrs):
    el = etree.Element(W + tag, {W + k: v for k, v in attrs.items()})
    el.text = text
    el.extend(children)
    return el


def _run(text: str, tag: str = "t", props=()):
    return _w("r", ([_w("rPr", props)] if props else []) + [_w(tag, text=text)])


def _number_runs(root):
    """(run, its text) of each table run printing a whole number."""
    for r in list(root.iter(W + "r")):
        t = r.find(W + "t")
        if t is not None and t.text and NUMBER.match(t.text) and any(
                a.tag == W + "tbl" for a in r.iterancestors()):
            yield r, t.text


def _docx_runs(edit):
    """A DOCX class that rewrites each number run: edit(run, text) -> new elements."""
    def apply(root):
        for r, text in list(_number_runs(root)):
            parent = r.getparent()
            i = parent.index(r)
            parent.remove(r)
            for k, el in enumerate(edit(r, text)):
                parent.insert(i + k, el)
    return apply


def _tracked(r, text):
    return [_w("del", [_run(old(text), "delText")], id="1", author="a"),
            _w("ins", [_run(text)], id="2", author="a")]


def _moved(r, text):
    return [_w("moveFrom", [_run(old(text))], id="1", author="a"),
            _w("moveTo", [_run(text)], id="2", author="a")]


def _vanish(r, text):
    return [_run(old(text), props=[_w("vanish")]), r]


def _struck(r, text):
    return [_run(old(text), props=[_w("strike")]), r]


def _superscript(r, text):
    return [r, _run("1", props=[_w("vertAlign", val="superscript")])]


def _split(r, text):
    out = []
    for k, ch in enumerate(text):
        out += [_run(ch), _w("proofErr", type="gramStart")] if k % 2 else [_run(ch)]
    return out


def _field(r, text):
    return [_w("r", [_w("fldChar", fldCharType="begin")]),
            _run(f" = {old(text)} - 7 ", "instrText"),
            _w("r", [_w("fldChar", fldCharType="separate")]), r,
            _w("r", [_w("fldChar", fldCharType="end")])]


def _wrap(tag: str, parent_tag: str, numeric_only: bool = False):
    """Wrap every `tag` element (whose parent is `parent_tag`) in w:sdt/w:sdtContent,
    as content controls of a form template do."""
    def apply(root):
        for el in list(root.iter(W + tag)):
            if el.getparent().tag != W + parent_tag:
                continue
            if numeric_only and not NUMBER.match("".join(el.itertext()).strip()):
                continue
            parent = el.getparent()
            sdt = _w("sdt", [_w("sdtPr"), _w("sdtContent")])
            parent.replace(el, sdt)
            sdt[1].append(el)
    return apply


def _custom_xml(root):
    body = root.find(W + "body")
    for tbl in list(body.iterchildren(W + "tbl")):
        wrapper = _w("customXml", element="table")
        body.replace(tbl, wrapper)
        wrapper.append(tbl)


def _layout_table(root):
    """The whole body inside one cell of a one-cell table (a page frame)."""
    body = root.find(W + "body")
    kids = [k for k in body if k.tag != W + "sectPr"]
    cell = _w("tc", [_w("tcPr")])
    for k in kids:
        body.remove(k)
        cell.append(k)
    cell.append(_w("p"))
    frame = _w("tbl", [_w("tblPr"), _w("tblGrid", [_w("gridCol", w="9000")]), _w("tr", [cell])])
    body.insert(0, frame)


def _deleted_row(root):
    """Each table's last row repeated before it with old numbers, as a tracked deletion."""
    for tbl in root.iter(W + "tbl"):
        rows = tbl.findall(W + "tr")
        gone = copy.deepcopy(rows[-1])
        for t in list(gone.iter(W + "t")):
            t.tag = W + "delText"
            if NUMBER.match(t.text or ""):
                t.text = old(t.text)
        trpr = gone.find(W + "trPr")
        trpr.append(_w("del", id="3", author="a"))
        rows[-1].addprevious(gone)


def _spacer_column(at_end: int):
    """An empty narrow grid column `at_end` columns before each table's last one, as
    PDF-to-Word converters leave them: a cell reaching over it spans one more column,
    any other row gets an empty cell there."""
    def apply(root):
        for tbl in root.iter(W + "tbl"):
            width = sum(int(g.get(W + "w", "1") and 1) for g in tbl.find(W + "tblGrid"))
            k = width - at_end
            tbl.find(W + "tblGrid").append(_w("gridCol", w="100"))
            for tr in tbl.iter(W + "tr"):
                pos = 0
                for tc in tr.findall(W + "tc"):
                    span_el = tc.find(f"{W}tcPr/{W}gridSpan")
                    span = int(span_el.get(W + "val")) if span_el is not None else 1
                    if pos == k:
                        tc.addprevious(_w("tc", [_w("tcPr"), _w("p")]))
                        break
                    if pos < k < pos + span:
                        span_el.set(W + "val", str(span + 1))
                        break
                    pos += span
    return apply


MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _textbox_title(root):
    """The title in a text box, as Word saves one: mc:Choice for new readers and the
    same text again in mc:Fallback for old ones."""
    body = root.find(W + "body")
    title = body.find(W + "p")
    boxes = []
    for part in ("Choice", "Fallback"):
        box = _w("txbxContent", [copy.deepcopy(title)])
        holder = etree.Element("{%s}%s" % (MC_NS, part), Requires="wps") if part == "Choice" \
            else etree.Element("{%s}%s" % (MC_NS, part))
        holder.append(_w("pict", [box]))
        boxes.append(holder)
    alt = etree.Element("{%s}AlternateContent" % MC_NS)
    alt.extend(boxes)
    body.replace(title, _w("p", [_w("r", [alt])]))


def _textbox_tables(root):
    """Each table inside a text box (as PDF-to-Word converters leave them), with the
    box's mc:Fallback copy."""
    body = root.find(W + "body")
    for tbl in list(body.iterchildren(W + "tbl")):
        alt = etree.Element("{%s}AlternateContent" % MC_NS)
        for part in ("Choice", "Fallback"):
            holder = etree.SubElement(alt, "{%s}%s" % (MC_NS, part))
            holder.append(_w("pict", [_w("txbxContent", [copy.deepcopy(tbl), _w("p")])]))
        body.replace(tbl, _w("p", [_w("r", [alt])]))


ENUMERATOR = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.(?!\d))")


def _autonumbered(root):
    """Headings and row labels numbered by Word's list numbering (w:numPr), their
    一、 / （一） / 1. not in the text (the numbering part is left out: what a reader
    without list support sees)."""
    for p in root.iter(W + "p"):
        t = p.find(f"{W}r/{W}t")
        if t is None or not t.text or not ENUMERATOR.match(t.text):
            continue
        t.text = ENUMERATOR.sub("", t.text)
        ppr = p.find(W + "pPr")
        if ppr is None:
            ppr = _w("pPr")
            p.insert(0, ppr)
        ppr.append(_w("numPr", [_w("ilvl", val="0"), _w("numId", val="1")]))


def _header_rows(rows) -> int:
    """How many rows come before the first row printing a figure."""
    for k, tr in enumerate(rows):
        if any(NUMBER.match(t.text or "") for t in tr.iter(W + "t")):
            return k
    return 0


def _split_tables(between: str | None, open_merge: bool = False, repeat_head: bool = False):
    """Each table broken in two after its middle row (a page's end in a file converted
    from PDF, or a table an editor cut), `between` as a paragraph between the parts
    (None: the parts touch; "" an empty paragraph, as a page break leaves).
    `open_merge`: a merge running over the cut goes on (w:vMerge) in the second part,
    where nothing starts it; `repeat_head`: the header rows copied onto the second part."""
    def apply(root):
        for tbl in list(root.iter(W + "tbl")):
            rows = tbl.findall(W + "tr")
            if len(rows) < 4:
                continue
            second = _w("tbl", [copy.deepcopy(tbl.find(W + "tblPr")), copy.deepcopy(tbl.find(W + "tblGrid"))])
            if repeat_head:
                second.extend(copy.deepcopy(tr) for tr in rows[:_header_rows(rows)])
            for tr in rows[len(rows) // 2:]:
                if not open_merge and any(m.get(W + "val") not in ("restart",) for m in tr.iter(W + "vMerge")):
                    for m in tr.iter(W + "vMerge"):  # a merge running over the cut restarts below it
                        if m.get(W + "val") != "restart":
                            m.set(W + "val", "restart")
                            break
                second.append(tr)
            if between is not None:
                tbl.addnext(_w("p", [_run(between)] if between else []))
                tbl.getnext().addnext(second)
            else:
                tbl.addnext(second)
    return apply


DOCX = {
    "docx-split-touching": _split_tables(None),
    "docx-split-empty-para": _split_tables(""),
    "docx-split-xubiao": _split_tables("续表"),
    "docx-spacer-col-1": _spacer_column(1),
    "docx-spacer-col-3": _spacer_column(3),
    "docx-autonumbered": _autonumbered,
    "docx-textbox-tables": _textbox_tables,
    "docx-textbox-title": _textbox_title,
    "docx-tracked-del": _docx_runs(_tracked),
    "docx-moved": _docx_runs(_moved),
    "docx-vanish": _docx_runs(_vanish),
    "docx-strike": _docx_runs(_struck),
    "docx-footnote-mark": _docx_runs(_superscript),
    "docx-split-runs": _docx_runs(_split),
    "docx-field": _docx_runs(_field),
    "docx-sdt-cell": _wrap("tc", "tr", numeric_only=True),
    "docx-sdt-row": _wrap("tr", "tbl"),
    "docx-sdt-block": _wrap("tbl", "body"),
    "docx-sdt-para": _wrap("p", "body"),
    "docx-customxml": _custom_xml,
    "docx-layout-table": _layout_table,
    "docx-deleted-row": _deleted_row,
}


def docx_variant(data: bytes, edit) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    root = etree.fromstring(src.read("word/document.xml"))
    if edit:
        edit(root)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in src.infolist():
            body = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True) \
                if item.filename == "word/document.xml" else src.read(item.filename)
            z.writestr(item, body)
    return out.getvalue()


def altchunk(docx: bytes, html: str) -> bytes:
    """The report as an HTML chunk Word imports on opening (w:altChunk), as
    HTML-to-Word exporters write it: the body holds only the chunk's reference."""
    src = zipfile.ZipFile(io.BytesIO(docx))
    root = etree.fromstring(src.read("word/document.xml"))
    body = root.find(W + "body")
    for k in [k for k in body if k.tag != W + "sectPr"]:
        body.remove(k)
    chunk = _w("altChunk")
    chunk.set("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id", "htmlChunk1")
    body.insert(0, chunk)
    rel = ('<Relationship Id="htmlChunk1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
           'relationships/aFChunk" Target="/word/afchunk1.htm"/>')
    return _rezip(src, root, [rel], {"word/afchunk1.htm": html.encode("utf-8")},
                  types='<Default Extension="htm" ContentType="text/html"/>')


def _rezip(src: zipfile.ZipFile, root, rels: list[str], parts: dict[str, bytes], types: str = "") -> bytes:
    """The package `src` again with `root` as its document, `rels` added to the
    document's relationships, `types` to the content types, and `parts` added."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            elif item.filename == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", "".join(rels).encode() + b"</Relationships>")
            elif item.filename == "[Content_Types].xml" and types:
                data = data.replace(b"</Types>", types.encode() + b"</Types>")
            z.writestr(item, data)
        for name, data in parts.items():
            z.writestr(name, data)
    return out.getvalue()


def embedded_excel(docx: bytes, html: str) -> bytes:
    """Each table an embedded Excel worksheet (Insert > Object), the page showing
    only its preview picture: the tables live in word/embeddings/*.xlsx."""
    import openpyxl

    _, tables = html_tables(html)
    src = zipfile.ZipFile(io.BytesIO(docx))
    root = etree.fromstring(src.read("word/document.xml"))
    body = root.find(W + "body")
    rels, parts = [], {}
    for i, (tbl, rows) in enumerate(zip(list(body.iterchildren(W + "tbl")), tables), 1):
        wb = openpyxl.Workbook()
        _table_sheet(wb.active, rows, "xlsx-base")
        buf = io.BytesIO()
        wb.save(buf)
        parts[f"word/embeddings/Microsoft_Excel_Worksheet{i}.xlsx"] = buf.getvalue()
        rels.append(f'<Relationship Id="rIdOle{i}" Type="http://schemas.openxmlformats.org/officeDocument/'
                    f'2006/relationships/package" Target="embeddings/Microsoft_Excel_Worksheet{i}.xlsx"/>')
        obj = etree.fromstring(
            f'<w:object xmlns:w="{W_NS}" xmlns:o="urn:schemas-microsoft-com:office:office" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            f'<o:OLEObject Type="Embed" ProgID="Excel.Sheet.12" ShapeID="_x0000_i{i}" '
            f'DrawAspect="Content" ObjectID="_17{i}" r:id="rIdOle{i}"/></w:object>')
        body.replace(tbl, _w("p", [_w("r", [obj])]))
    return _rezip(src, root, rels, parts)


def wordml(docx: bytes) -> bytes:
    """The DOCX as Word 2003 XML, written by LibreOffice (an independent producer)."""
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp, "r.docx").write_bytes(docx)
        subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp}/profile", "--headless",
                        "--convert-to", "xml:MS Word 2003 XML", "--outdir", tmp, f"{tmp}/r.docx"],
                       capture_output=True, timeout=180, check=False)
        return Path(tmp, "r.xml").read_bytes()
