"""Structured files, third pass (red-team topic C3): what real Word files, web pages
and workbooks hold beyond `struct_probe.py`'s classes.

Word: the old merge across (w:hMerge, as files converted from Word 97-2003 keep
it), a figure in a table nested in its cell, a figure as a simple field's result,
an inline content control, an imported web archive (altChunk of MHT), the main
part named word/document2.xml (Word for the web). Web pages: a hidden copy of each
table with old figures or the same ones, after or before the printed table (the
mobile layout, the last version), aria-hidden figures (shown), figures padded with
&nbsp; / &#12288; or grouped by a space, the last row in a <tfoot> written first,
figures in read-only input boxes, a page whose bytes are not in its declared
charset. Workbooks: old figures in rows of height 0 or columns of width 0 (no
hidden flag), in a column outside the print area, or behind the ";;;" format;
figures formatted as dates or typed as rich text; totals saved without their
result as ROUND(SUM()), as a formula outside what is computed (SUMIF), or as one
shared formula.

Each class is scored as in struct_probe.py (wrong, lost, meta); an old figure a
class plants always differs from the printed one.

Run: `PYTHONPATH=src python3 bench/struct3_probe.py [-n 3] [--only html-]`.
"""

from __future__ import annotations

import copy
import io
import re
import sys
import zipfile
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent)]
from struct_probe import probe_main  # noqa: E402  (puts tests/ and src/ on the path)
from struct_docx import W, _run, _w, altchunk, docx_variant  # noqa: E402
from struct_shapes import NUMBER, _cells, mht, old, xlsx_variant  # noqa: E402
from zfxxgk.render import render  # noqa: E402


# --- Word ----------------------------------------------------------------------------

def _hmerge(root):
    """Every w:gridSpan as Word 97's horizontal merge: the first cell says restart,
    one empty cell a column after it says continue."""
    for tc in list(root.iter(W + "tc")):
        gs = tc.find(f"{W}tcPr/{W}gridSpan")
        if gs is None:
            continue
        span = int(gs.get(W + "val"))
        props = gs.getparent()
        props.remove(gs)
        props.append(_w("hMerge", val="restart"))
        for _ in range(span - 1):
            more = _w("tc", [_w("tcPr", [_w("hMerge", val="continue")]), _w("p")])
            tc.addnext(more)


def _nested(root):
    """Each figure's paragraph in a one-cell table inside its cell (converters do it)."""
    for tc in list(root.iter(W + "tc")):
        p = tc.find(W + "p")
        text = "".join(t.text or "" for t in tc.iter(W + "t"))
        if p is None or not NUMBER.match(text.strip()):
            continue
        inner = _w("tbl", [_w("tblPr"), _w("tblGrid", [_w("gridCol", w="800")]),
                           _w("tr", [_w("tc", [_w("tcPr"), copy.deepcopy(p)])])])
        tc.replace(p, inner)
        inner.addnext(_w("p"))


def _runs(edit):
    def apply(root):
        for r in list(root.iter(W + "r")):
            t = r.find(W + "t")
            if t is None or not NUMBER.match(t.text or "") or \
                    not any(a.tag == W + "tbl" for a in r.iterancestors()):
                continue
            r.getparent().replace(r, edit(r, t.text))
    return apply


def _fld_simple(r, text):
    holder = _w("fldSimple", [copy.deepcopy(r)])
    holder.set(W + "instr", f" = {old(text)} - 7 ")
    return holder


def _sdt_run(r, text):
    props = _w("sdtPr", [_w("alias", val="数字"), _w("showingPlcHdr")])
    return _w("sdt", [props, _w("sdtContent", [copy.deepcopy(r)])])


DOCX = {"docx-hmerge": _hmerge, "docx-nested-cell": _nested,
        "docx-fldsimple": _runs(_fld_simple), "docx-sdt-run": _runs(_sdt_run)}


def _document2(docx: bytes) -> bytes:
    """The main part named word/document2.xml (as Word for the web saves it), found
    through the package's relationships."""
    src = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in src.infolist():
            body = src.read(item.filename)
            name = item.filename.replace("word/document.xml", "word/document2.xml") \
                .replace("word/_rels/document.xml.rels", "word/_rels/document2.xml.rels")
            if item.filename in ("_rels/.rels", "[Content_Types].xml"):
                body = body.replace(b"word/document.xml", b"word/document2.xml")
            z.writestr(name, body)
    return out.getvalue()


def _altchunk_mht(docx: bytes, html: str) -> bytes:
    data = altchunk(docx, "")
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename == "word/afchunk1.htm":
                body = mht(html)
                item.filename = "word/afchunk1.mht"
            elif item.filename.endswith(".rels"):
                body = body.replace(b"afchunk1.htm", b"afchunk1.mht")
            z.writestr(item, body)
    return out.getvalue()


# --- web pages -----------------------------------------------------------------------

def _old_figures(table: str) -> str:
    return re.sub(r">(-?\d+(?:\.\d+)?)<", lambda m: f">{old(m.group(1))}<", table)


def _hidden_copy(html: str, stale: bool, how: str, before: bool = False) -> str:
    def one(m):
        table = m.group(0)
        other = f"<div {how}>{_old_figures(table) if stale else table}</div>"
        return other + table if before else table + other
    return re.sub(r"<table.*?</table>", one, html, flags=re.S)


def _charset(html: str, declared: str, codec: str) -> bytes:
    return html.replace('<meta charset="utf-8">', f'<meta charset="{declared}">', 1).encode(codec)


HTML = {
    "html-hidden-copy-old": lambda h: _hidden_copy(h, True, 'style="display:none"'),
    "html-hidden-copy-same": lambda h: _hidden_copy(h, False, 'style="display:none" class="m-table"'),
    "html-hidden-attr-copy-old": lambda h: _hidden_copy(h, True, "hidden"),
    "html-hidden-copy-old-before": lambda h: _hidden_copy(h, True, 'style="display:none"', before=True),
    "html-hidden-copy-same-before": lambda h: _hidden_copy(h, False, 'style="display: none;"', before=True),
    "html-aria-hidden": lambda h: _cells(h, lambda v: f'<span aria-hidden="true">{v}</span>'),
    "html-nbsp-pad": lambda h: _cells(h, lambda v: f"&nbsp;{v}&nbsp;"),
    "html-ideographic-pad": lambda h: _cells(h, lambda v: f"&#12288;{v}"),
    "html-tfoot-first": lambda h: re.sub(r"(<tbody>)(.*?)(<tr>(?:(?!<tr>).)*?</tr>)\s*(</tbody>)",
                                         r"<tfoot>\3</tfoot>\1\2\4", h, flags=re.S),
    "html-nbsp-grouping": lambda h: _cells(h, lambda v: f"{v[:-3]}&nbsp;{v[-3:]}" if len(v) > 3 else v),
    "html-space-grouping": lambda h: _cells(h, lambda v: f"{v[:-3]} {v[-3:]}" if len(v) > 3 else v),
    "html-inputs": lambda h: _cells(h, lambda v: f'<input type="text" value="{v}" readonly>'),
}

CHARSETS = {
    "html-gbk-declared-utf8": ("utf-8", "gb18030"),
    "html-utf8-declared-gbk": ("gbk", "utf-8"),
    "html-gbk-declared-big5": ("big5", "gb18030"),
}


# --- workbooks -----------------------------------------------------------------------

def _sheets(data: bytes, edit) -> bytes:
    """The workbook with each table sheet's XML (not the first, the text) edited."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in src.infolist():
            body = src.read(item.filename)
            m = re.match(r"xl/worksheets/sheet(\d+)\.xml$", item.filename)
            if m and int(m.group(1)) > 1:
                body = edit(body.decode("utf-8"), int(m.group(1))).encode("utf-8")
            z.writestr(item, body)
    return out.getvalue()


def _workbook(html: str, build) -> bytes:
    """The report's workbook built by openpyxl, `build(ws)` applied to each table sheet."""
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(xlsx_variant(html, "xlsx-base")))
    for ws in wb.worksheets[1:]:
        build(ws)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _unflagged(xml: str, n: int) -> str:
    """Hidden rows and columns as a height or width of 0, the hidden flag left out (as
    some writers save a row dragged shut)."""
    xml = re.sub(r'(<row [^>]*?)\s*hidden="1"', r'\1 ht="0" customHeight="1"', xml)

    def col(m):
        attrs = re.sub(r'\s*(?:width|customWidth|hidden)="[^"]*"', "", m.group(1))
        return f'<col {attrs.strip()} width="0" customWidth="1"/>'
    return re.sub(r'<col ([^>]*hidden="1"[^>]*?)/>', col, xml)


def _extra_column(how: str):
    """Old figures in a column right of the table, made unseen by `how`: a print area
    ending before it, or the number format ";;;"."""
    def build(ws):
        from openpyxl.utils import get_column_letter

        width = ws.max_column
        col = get_column_letter(width + 1)
        for r in range(1, ws.max_row + 1):
            v = ws.cell(r, width).value
            if isinstance(v, (int, float)):
                cell = ws.cell(r, width + 1, int(old(str(v))))
                if how == "format":
                    cell.number_format = ";;;"
        if how == "print-area":
            ws.print_area = f"A1:{get_column_letter(width)}{ws.max_row}"
    return build


def _dates(ws):
    """Every figure cell formatted as a date (a column set to 日期 by mistake): Excel
    prints 1900/1/12 for 12, no figure a reader can take."""
    for row in ws.iter_rows():
        for c in row:
            if isinstance(c.value, int) and not isinstance(c.value, bool):
                c.number_format = "yyyy/m/d"


def _rich(ws):
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    for row in ws.iter_rows():
        for c in row:
            if isinstance(c.value, int) and c.value >= 10:
                s = str(c.value)
                c.value = CellRichText([TextBlock(InlineFont(b=True), s[:1]), s[1:]])


def _formula(template: str):
    """Each SUM total written as `template` around its SUM, saved without a result."""
    def edit(sheet: str, n: int) -> str:
        return re.sub(r"<f>SUM\(([^<]*)\)</f>(?:<v\s*/>|<v></v>)?",
                      lambda m: "<f>" + template.replace("@", m.group(1)) + "</f><v></v>", sheet)
    return edit


def _shared(sheet: str, n: int) -> str:
    """The SUM totals as one shared formula (as Excel saves a filled-down column)."""
    seen: dict[str, int] = {}

    def one(m):
        col = re.search(r'r="([A-Z]+)\d+"', m.group(1)).group(1)
        if col not in seen:
            seen[col] = len(seen)
            return f'{m.group(1)}<f t="shared" ref="{col}1:{col}99" si="{seen[col]}">{m.group(2)}</f><v></v></c>'
        return f'{m.group(1)}<f t="shared" si="{seen[col]}"/><v></v></c>'
    return re.sub(r"(<c [^>]*>)<f>([^<]*)</f>(?:<v\s*/>|<v></v>)?</c>", one, sheet)


XLSX = {
    "xlsx-zero-height-rows": lambda h: _sheets(xlsx_variant(h, "xlsx-hidden-rows"), _unflagged),
    "xlsx-zero-width-col": lambda h: _sheets(xlsx_variant(h, "xlsx-hidden-cols"), _unflagged),
    "xlsx-outside-print-area": lambda h: _workbook(h, _extra_column("print-area")),
    "xlsx-format-hidden": lambda h: _workbook(h, _extra_column("format")),
    "xlsx-rich-numbers": lambda h: _workbook(h, _rich),
    "xlsx-date-format": lambda h: _workbook(h, _dates),
    "xlsx-formula-round": lambda h: _sheets(xlsx_variant(h, "xlsx-formula"), _formula("ROUND(SUM(@),0)")),
    "xlsx-formula-uncomputable": lambda h: _sheets(xlsx_variant(h, "xlsx-formula"), _formula("SUMIF(@,\">0\")")),
    "xlsx-formula-shared": lambda h: _sheets(xlsx_variant(h, "xlsx-formula"), _shared),
}


def variants(report):
    html = render(report, "html")
    docx = render(report, "docx")
    for name, edit in DOCX.items():
        yield name, docx_variant(docx, edit), "r.docx"
    yield "docx-altchunk-mht", _altchunk_mht(docx, html), "r.docx"
    yield "docx-document2", _document2(docx), "r.docx"
    for name, edit in HTML.items():
        yield name, edit(html).encode(), "r.html"
    for name, (declared, codec) in CHARSETS.items():
        yield name, _charset(html, declared, codec), "r.html"
    for name, build in XLSX.items():
        yield name, build(html), "r.xlsx"


def main() -> None:
    probe_main(__doc__, variants, width=28)


if __name__ == "__main__":
    main()
