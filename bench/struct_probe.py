"""How structured files the renderers never make are read: Word's tracked changes,
hidden text, content controls, text boxes and layout tables; web pages with hidden
elements and editors' markup; workbooks with hidden sheets, rows and columns,
formulas and float noise (red-team topic C).

Each report of `strategies.distinct_report` (both templates) is rendered by our own
renderers (HTML, DOCX) or written from the rendered HTML tables (XLSX, so rows and
columns can be placed freely), then one class of real-world variation is applied and
the file is parsed. Counted per class: wrong cells (a number other than printed: the
worst), lost cells (null although printed) and wrong meta (agency, year, template).
An "old" number planted by a class (deleted, hidden) is always different from the
printed one, so reading it shows as a wrong cell.

Run: `PYTHONPATH=src python3 bench/struct_probe.py [-n 6] [--only docx-vanish]`.
"""

from __future__ import annotations

import argparse
import copy
import io
import re
import sys
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests")]
sys.path.append(str(ROOT / "src"))  # after PYTHONPATH: another checkout may be probed

from lxml import etree  # noqa: E402

from exact_cells import TABLES, tables_of, wrong_cells  # noqa: E402
from strategies import distinct_report  # noqa: E402
from zfxxgk.api import report_from_bytes  # noqa: E402
from zfxxgk.render import render  # noqa: E402

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{%s}" % W_NS
NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")


def old(text: str) -> str:
    """A number that is not `text` (what a deleted or hidden run would still hold)."""
    return str(int(float(text)) + 7) if text.lstrip("-")[:1].isdigit() else "7"


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


DOCX = {
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
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            elif item.filename == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Id="htmlChunk1" Type="http://schemas.'
                                    b'openxmlformats.org/officeDocument/2006/relationships/aFChunk" '
                                    b'Target="/word/afchunk1.htm"/></Relationships>')
            elif item.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Default Extension="htm" ContentType="text/html"/></Types>')
            z.writestr(item, data)
        z.writestr("word/afchunk1.htm", html.encode("utf-8"))
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
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            elif item.filename == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", "".join(rels).encode() + b"</Relationships>")
            z.writestr(item, data)
        for name, data in parts.items():
            z.writestr(name, data)
    return out.getvalue()


# --- HTML ----------------------------------------------------------------------------

def _cells(html: str, edit) -> str:
    """Rewrite each numeric `<td>` body: edit(number) -> new inner HTML."""
    return re.sub(r"(<td[^>]*data-cell[^>]*>)(-?\d+(?:\.\d+)?)(</td>)",
                  lambda m: m.group(1) + edit(m.group(2)) + m.group(3), html)


def _hidden_rows(html: str) -> str:
    """Each numeric row followed by a copy with old numbers, hidden (an editor's leftover)."""
    def row(m):
        copy_ = re.sub(r">(-?\d+(?:\.\d+)?)<", lambda n: f">{old(n.group(1))}<", m.group(0))
        copy_ = re.sub(r'\s(?:rowspan|colspan)="\d+"', "", copy_.replace("<tr>", '<tr style="display: none">', 1))
        copy_ = re.sub(r"<th[^>]*scope=\"rowgroup\"[^>]*>.*?</th>", "", copy_)
        return m.group(0) + copy_
    return re.sub(r"<tr>(?:(?!</tr>).)*data-cell(?:(?!</tr>).)*</tr>", row, html, flags=re.S)


def _split_tables(html: str, between: str, repeat_head: bool = False) -> str:
    """Each table broken in two after its middle row, `between` between the parts (a
    page break's leftovers), the head repeated on the second part if asked."""
    def split(m):
        table = m.group(0)
        head = re.search(r"<thead>.*?</thead>", table, re.S)
        rows = re.findall(r"<tr>.*?</tr>", re.sub(r"<thead>.*?</thead>", "", table, flags=re.S), re.S)
        if len(rows) < 4 or "rowspan" in "".join(rows[len(rows) // 2 - 1:len(rows) // 2 + 1]):
            return table
        cut = len(rows) // 2
        open_tag = re.match(r"<table[^>]*>", table).group(0)
        second = open_tag + (head.group(0) if head and repeat_head else "") + "<tbody>" + "".join(rows[cut:]) \
            + "</tbody></table>"
        first = table.replace("".join(rows[cut:]), "")
        return first + between + second
    return re.sub(r"<table.*?</table>", split, html, flags=re.S)


def _layout_page(html: str) -> str:
    return html.replace("<body>", '<body><table width="100%"><tr><td>', 1) \
        .replace("</body>", "</td></tr></table></body>", 1)


def _word_html(html: str) -> str:
    """Word's "save as web page": cells as MsoNormal paragraphs with spans and <o:p>."""
    return re.sub(r"(<t[dh][^>]*>)(.*?)(</t[dh]>)",
                  lambda m: f"{m.group(1)}<p class=MsoNormal align=center><span lang=EN-US "
                            f"style='font-size:9.0pt'>{m.group(2)}<o:p></o:p></span></p>{m.group(3)}",
                  html, flags=re.S)


def mht(html: str, charset: str = "gb2312") -> bytes:
    """Word's "single file web page" (.mht, often published renamed .doc): the page
    as a quoted-printable MIME part in the document's own code page."""
    import quopri

    page = html.replace('charset="utf-8"', f'charset="{charset}"').replace("charset=utf-8", f"charset={charset}")
    body = quopri.encodestring(page.encode("gb18030")).decode("ascii")
    boundary = "----=_NextPart_01DA5F1C.3E2B7A10"
    return (f'MIME-Version: 1.0\r\nX-Document-Type: Workbook\r\nContent-Type: multipart/related; '
            f'boundary="{boundary}"\r\n\r\n此文档为“单个文件网页”，也称为“Web 档案”文件。\r\n\r\n'
            f"--{boundary}\r\nContent-Location: file:///C:/8F2A/report.htm\r\n"
            f"Content-Transfer-Encoding: quoted-printable\r\n"
            f'Content-Type: text/html; charset="{charset}"\r\n\r\n{body}\r\n'
            f"--{boundary}\r\nContent-Location: file:///C:/8F2A/report.files/filelist.xml\r\n"
            f'Content-Transfer-Encoding: quoted-printable\r\nContent-Type: text/xml; charset="utf-8"\r\n\r\n'
            f'<xml xmlns:o=3D"urn:schemas-microsoft-com:office:office"></xml>\r\n--{boundary}--\r\n'
            ).encode("gb18030")


HTML = {
    "html-hidden-span": lambda h: _cells(h, lambda v: f'{v}<span style="display:none">{old(v)}</span>'),
    "html-hidden-attr": lambda h: _cells(h, lambda v: f"<span hidden>{old(v)}</span>{v}"),
    "html-visibility": lambda h: _cells(h, lambda v: f'{v}<font style="VISIBILITY: hidden">{old(v)}</font>'),
    "html-hidden-class": lambda h: _cells(h.replace("</style>", ".hid8{display:none}</style>", 1),
                                          lambda v: f'<span class="hid8">{old(v)}</span>{v}'),
    "html-hidden-row": _hidden_rows,
    "html-word-tracked": lambda h: _cells(h, lambda v: f'<del cite="mailto:a" datetime="2024-01-20T10:00">'
                                              f"{old(v)}</del><ins cite=\"mailto:a\">{v}</ins>"),
    "html-struck": lambda h: _cells(h, lambda v: f"<s>{old(v)}</s> {v}"),
    "html-footnote-mark": lambda h: _cells(h, lambda v: f"{v}<sup>1</sup>"),
    "html-unicode-note-mark": lambda h: _cells(h, lambda v: f"{v}¹"),
    "html-circled-note-mark": lambda h: _cells(h, lambda v: f"{v}①"),
    "html-split-spans": lambda h: _cells(h, lambda v: "".join(f"<span>{c}</span>" for c in v)),
    "html-layout-table": _layout_page,
    "html-split-xubiao": lambda h: _split_tables(h, "<p>续表</p>"),
    "html-split-pageno": lambda h: _split_tables(h, '<p style="text-align:center">- 3 -</p>'),
    "html-split-repeat-head": lambda h: _split_tables(h, "", repeat_head=True),
    "html-spacer-column": lambda h: re.sub(r"(<tr>)", r"\1<td></td>", h),
    "html-spacer-last": lambda h: re.sub(r"(</tr>)", r"<td></td>\1", h),
    "html-spacer-middle": lambda h: re.sub(r"(<tr>(?:(?!</tr>).)*?</t[hd]>)", r"\1<td></td>", h, flags=re.S),
    "html5-header-title": lambda h: re.sub(r"(<h1>.*?</h1>)", r"<header>\1</header>",
                                           re.sub(r"<title>.*?</title>", "<title>年度报告</title>", h),
                                           count=1, flags=re.S),
    "html-aspnet-form": lambda h: h.replace("<body>", '<body><form method="post" action="./Detail.aspx?id=8" '
                                            'id="form1"><input type="hidden" name="__VIEWSTATE" value="/wEPDwUK">', 1)
                                   .replace("</body>", "</form></body>", 1),
    "html-zero-width": lambda h: _cells(h, lambda v: "\u200b" + "\u200b".join(v) + "\ufeff"),
    "html-soft-hyphen": lambda h: _cells(h, lambda v: v[:1] + "&shy;" + v[1:]),
    "html-thousands": lambda h: _cells(h, lambda v: f"{int(v):,}" if v.isdigit() else v),
    "html-fullwidth": lambda h: _cells(h, lambda v: v.translate(str.maketrans("0123456789.", "０１２３４５６７８９．"))),
    "html-no-spans": lambda h: re.sub(r'\s(?:rowspan|colspan)="\d+"', "", h),
    "html-caption": lambda h: re.sub(r'(<h2 id="part-\d">)(.*?)</h2>(\s*<table[^>]*>)',
                                     r"\3<caption>\2</caption>", h),
    "html-word": _word_html,
    "html-section-editor": lambda h: h.replace("<table", '<section style="margin:0"><section><table')
                                      .replace("</table>", "</table></section></section>"),
}


# --- XLSX ----------------------------------------------------------------------------

def html_tables(html: str):
    """Title, preface and each table of a rendered page as rows of (text, rowspan, colspan)."""
    import lxml.html

    root = lxml.html.document_fromstring(html)
    texts = [" ".join(root.find(".//h1").itertext()).replace(" ", ""), root.find(".//p").text_content()]
    tables = [[[(c.text_content().strip(), int(c.get("rowspan", 1)), int(c.get("colspan", 1)))
                for c in tr if c.tag in ("td", "th")] for tr in t.iter("tr")]
              for t in root.iter("table")]
    return texts, tables


def _positions(rows):
    taken, out = set(), []
    for r, row in enumerate(rows):
        c = 0
        for text, rs, cs in row:
            while (r, c) in taken:
                c += 1
            out.append((r, c, rs, cs, text))
            taken.update((r + i, c + j) for i in range(rs) for j in range(cs))
            c += cs
    return out


def xlsx_variant(html: str, kind: str) -> bytes:
    """The report as a workbook (a sheet of text, a sheet per table), with `kind` applied."""
    import openpyxl

    texts, tables = html_tables(html)
    wb = openpyxl.Workbook()
    ws0 = wb.active
    ws0.title = "正文"
    for i, t in enumerate(texts, 1):
        ws0.cell(i, 1, t)
    if kind == "xlsx-hidden-sheet":
        stale = wb.create_sheet("旧版", 0)
        stale.sheet_state = "hidden"
        row = 1
        for rows in tables:
            for r, c, rs, cs, text in _positions(rows):
                stale.cell(row + r, 1 + c, int(old(text)) if NUMBER.match(text) else text)
            row += len(rows) + 2
    for k, rows in enumerate(tables, 1):
        ws = wb.create_sheet(f"表{k}")
        _table_sheet(ws, rows, kind)
    buf = io.BytesIO()
    wb.save(buf)
    data = buf.getvalue()
    return _cache_formulas(data) if kind == "xlsx-formula-cached" else data


def _table_sheet(ws, rows, kind: str) -> None:
    extra = kind == "xlsx-hidden-rows"
    width = max(c + cs for _, c, _, cs, _ in _positions(rows))
    shift, copied = {}, set()  # source row -> sheet row (hidden copies take a row after theirs)
    row = 1
    for r in range(len(rows)):
        shift[r] = row
        if extra and r > 0 and any(NUMBER.match(t) for t, _, _ in rows[r]):
            copied.add(r)
        row += 2 if r in copied else 1
    merges = []
    for r, c, rs, cs, text in _positions(rows):
        at = shift[r]
        value: object = text or None
        if NUMBER.match(text):
            value = float(text) if "." in text else int(text)
            if kind == "xlsx-text-numbers":
                value = text
            elif kind == "xlsx-float-noise":
                value = float(text) * (1 + 3e-16) if "." in text else value * (1 + 3e-16)
            elif kind in ("xlsx-formula", "xlsx-formula-cached") and c == width - 1:
                value = _sum_formula([(c_, t) for r_, c_, _, _, t in _positions(rows) if r_ == r], at, value)
            if kind == "xlsx-hidden-rows" and r > 0:
                ws.cell(at + 1, 1 + c, int(old(text)))
                ws.row_dimensions[at + 1].hidden = True
            if kind == "xlsx-hidden-cols":
                ws.cell(at, width + 1, int(old(text)))
        cell = ws.cell(at, 1 + c, value)
        if kind == "xlsx-two-decimals" and isinstance(value, (int, float)):
            cell.number_format = "0.00"  # WPS's 数值 format: counts printed 12.00
        if rs > 1 or cs > 1:
            end = shift.get(r + rs - 1, at) + (1 if rs > 1 and r + rs - 1 in copied else 0)
            merges.append((at, 1 + c, max(at, end), c + cs))
    for a, b, c, d in merges:
        ws.merge_cells(start_row=a, start_column=b, end_row=c, end_column=d)
    if kind == "xlsx-hidden-cols":
        ws.column_dimensions[openpyxl_col(width + 1)].hidden = True


def _sum_formula(row, at: int, total):
    """The row's total as =SUM() of the cells before it that add up to it (six in
    table 三, four in 四), or the number itself when none do."""
    numbers = [(c, t) for c, t in row if NUMBER.match(t)]
    for k in (6, 4):
        part = numbers[-1 - k:-1]
        if len(part) == k and sum(int(t) for _, t in part) == total:
            return f"=SUM({openpyxl_col(part[0][0] + 1)}{at}:{openpyxl_col(part[-1][0] + 1)}{at})"
    return total


def openpyxl_col(n: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(n)


def _cached(sheet: bytes, formula: bytes) -> bytes:
    """The result Excel would store for `=SUM(B5:G5)`: the sum of the typed-in cells."""
    m = re.match(rb"SUM\(([A-Z]+)(\d+):([A-Z]+)\d+\)", formula)
    first, row, last = m.group(1).decode(), m.group(2).decode(), m.group(3).decode()
    total = 0
    for col in range(ord(first), ord(last) + 1):
        v = re.search(rb'<c r="%s%s"[^>]*><v>([^<]*)</v>' % (bytes([col]), row.encode()), sheet)
        total += int(v.group(1)) if v else 0
    return str(total).encode()


def _cache_formulas(data: bytes) -> bytes:
    """Formulas given their cached results, as Excel and WPS save them."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                body = re.sub(rb"<f>([^<]+)</f>(?:<v\s*/>|<v></v>)?",
                              lambda m: b"<f>%s</f><v>%s</v>" % (m.group(1), _cached(body, m.group(1))), body)
            z.writestr(item, body)
    return out.getvalue()


XLSX = ["xlsx-base", "xlsx-hidden-sheet", "xlsx-hidden-rows", "xlsx-hidden-cols",
        "xlsx-text-numbers", "xlsx-two-decimals", "xlsx-float-noise", "xlsx-formula", "xlsx-formula-cached"]


# --- the count -----------------------------------------------------------------------

def score(report, data: bytes, name: str) -> Counter:
    out: Counter = Counter()
    try:
        parsed = report_from_bytes(data, name)
    except Exception as e:  # a class that breaks the reader outright
        out["error:" + type(e).__name__] += 1
        return out
    out["wrong"] += len(wrong_cells(parsed, tables_of(report)))
    for table in TABLES:
        got = getattr(parsed, table) or {}
        for row, cols in getattr(report, table).items():
            out["lost"] += sum(1 for col, v in cols.items()
                               if v is not None and got.get(row, {}).get(col) is None)
    for key in ("agency", "year", "template"):
        out["meta"] += getattr(parsed, key) != getattr(report, key)
    return out


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


def variants(report, soffice: bool = False):
    html = render(report, "html")
    docx = render(report, "docx")
    yield "docx-base", docx_variant(docx, None), "r.docx"
    yield "docx-altchunk-html", altchunk(docx, html), "r.docx"
    yield "docx-embedded-excel", embedded_excel(docx, html), "r.docx"
    if soffice:
        yield "wordml-soffice", wordml(docx), "r.doc"
    for name, edit in DOCX.items():
        yield name, docx_variant(docx, edit), "r.docx"
    yield "html-base", html.encode(), "r.html"
    for name, edit in HTML.items():
        yield name, edit(html).encode(), "r.html"
    yield "mht-word", mht(_word_html(html)), "r.doc"
    for kind in XLSX:
        yield kind, xlsx_variant(html, kind), "r.xlsx"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=6, help="reports per template")
    ap.add_argument("--only", help="classes whose name starts with this")
    ap.add_argument("--soffice", action="store_true", help="also Word 2003 XML made by LibreOffice")
    args = ap.parse_args()
    totals: dict[str, Counter] = {}
    for template in ("2019", "2021"):
        for seed in range(args.n):
            report = distinct_report(template, seed=seed)
            for name, data, fname in variants(report, args.soffice):
                if args.only and not name.startswith(args.only):
                    continue
                totals.setdefault(name, Counter()).update(score(report, data, fname))
                totals[name]["files"] += 1
    print(f"{'class':24s} files  wrong   lost  meta  errors")
    for name, c in totals.items():
        errors = ",".join(f"{k[6:]}:{v}" for k, v in c.items() if k.startswith("error:"))
        print(f"{name:24s} {c['files']:5d} {c['wrong']:6d} {c['lost']:6d} {c['meta']:5d}  {errors}")


if __name__ == "__main__":
    main()
