"""Structured files, fifth pass (red-team topic C5): shapes beyond struct4_probe.py's.

Workbooks saved without the results of their formulas (written by a program or a
script; Excel computes them on opening): totals as a sum of terms (=B5+C5+…), as
nested SUMs, every figure a reference to a hidden sheet of typed numbers (unquoted
and quoted sheet names, `$` references; also with the results saved, as Excel saves
such a sheet), a total whose SUM leaves out a cell (Excel shows a wrong total), a
circular total, and a chain of formulas deeper than any total needs. Workbooks with
money typed in 元 and shown in 万元 by the number format (0!.0000), and the whole
report on one sheet (also with last year's tables below). Word: a vertical merge
continued (w:vMerge without restart) where no merge starts — a table split in two
inside a merge, the merge's first cell left plain, a figure in such a cell; each
table split in two with its header rows repeated (a converter's copy of the page
head); a figure merged down over the next row's (Word and web pages: the lower
figure is printed nowhere). Web pages: a hidden cell with an old figure before each
figure.

Each class is scored as in struct_probe.py (wrong, lost, meta); a number a class
makes Excel show that is not the report's figure is counted wrong when read.

Run: `PYTHONPATH=src python3 bench/struct5_probe.py [-n 3] [--only xlsx-]`.
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent)]
from struct_probe import probe_main  # noqa: E402  (puts tests/ and src/ on the path)
from struct_docx import W, _split_tables, _w, docx_variant  # noqa: E402
from struct3_probe import _sheets  # noqa: E402
from struct_shapes import NUMBER, old, xlsx_variant  # noqa: E402
from merged_html import merged_down as _html_merged_down  # noqa: E402
from zfxxgk.render import render  # noqa: E402


# --- workbooks -----------------------------------------------------------------------

_SUM = re.compile(r"<f>SUM\(([A-Z]+)(\d+):([A-Z]+)\d+\)</f>")


def _columns(first: str, last: str) -> list[str]:
    from openpyxl.utils import column_index_from_string, get_column_letter

    return [get_column_letter(c) for c in range(column_index_from_string(first),
                                                column_index_from_string(last) + 1)]


def _totals(rewrite):
    """Each SUM total (saved without its result) rewritten: rewrite(columns, row) -> formula."""
    def edit(sheet: str, n: int) -> str:
        return _SUM.sub(lambda m: "<f>" + rewrite(_columns(m.group(1), m.group(3)), m.group(2)) + "</f>", sheet)
    return edit


def _terms(cols, row):
    return "+".join(f"{c}{row}" for c in cols)


def _nested(cols, row):
    half = len(cols) // 2
    return f"SUM(SUM({cols[0]}{row}:{cols[half - 1]}{row}),SUM({cols[half]}{row}:{cols[-1]}{row}))"


def _short(cols, row):
    """A SUM that leaves out the first cell: Excel shows a total that is not the report's."""
    return f"SUM({cols[1]}{row}:{cols[-1]}{row})"


def _circular(cols, row):
    from openpyxl.utils import column_index_from_string, get_column_letter

    own = get_column_letter(column_index_from_string(cols[-1]) + 1)
    return f"SUM({cols[0]}{row}:{own}{row})"


def _linked(html: str, name: str, quoted: bool, cached: bool) -> bytes:
    """Every figure on the table sheets a reference to the same cell of a hidden sheet
    holding the typed numbers (one per table), as report workbooks built on a data
    sheet are; `cached`: the results saved, as Excel saves them."""
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(xlsx_variant(html, "xlsx-base")))
    values: dict[tuple[str, str], object] = {}
    for k, ws in enumerate(list(wb.worksheets[1:]), 1):
        data = wb.create_sheet(f"{name}{k}")
        data.sheet_state = "hidden"
        ref = f"'{data.title}'" if quoted else data.title
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, (int, float)) and not isinstance(c.value, bool):
                    data[c.coordinate] = c.value
                    absolute = f"${c.column_letter}${c.row}" if quoted else c.coordinate
                    values[(ws.title, c.coordinate)] = c.value
                    c.value = f"={ref}!{absolute}"
    buf = io.BytesIO()
    wb.save(buf)
    return _cache_links(buf.getvalue(), wb, values) if cached else buf.getvalue()


def _cache_links(data: bytes, wb, values: dict) -> bytes:
    """The referenced numbers saved as each formula's result."""
    paths = {f"xl/worksheets/sheet{i}.xml": ws.title for i, ws in enumerate(wb.worksheets, 1)}
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in src.infolist():
            body = src.read(item.filename)
            title = paths.get(item.filename)
            if title is not None:
                body = re.sub(rb'(<c r="([A-Z]+\d+)"[^>]*><f>[^<]*</f>)<v\s*/?>(?:</v>)?',
                              lambda m: m.group(1) + b"<v>%s</v>" % str(values[(title, m.group(2).decode())]).encode(),
                              body)
            z.writestr(item, body)
    return out.getvalue()


def _deep_chain(html: str) -> bytes:
    """Each total of table 四 (the last sheet) the end of a chain of 400 formulas down a
    far column, each the next plus 0 (a script's working column): deeper than the
    loader follows."""
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(xlsx_variant(html, "xlsx-formula")))
    ws = wb.worksheets[-1]
    totals = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("=SUM(")]
    for k, c in enumerate(totals[:10]):
        top = 100 + 420 * k
        ws.cell(top + 400, 60, c.value)
        for r in range(top, top + 400):
            ws.cell(r, 60, f"=BH{r + 1}+0")
        c.value = f"=BH{top}"
    ws.column_dimensions["BH"].hidden = True
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _one_sheet(html: str, last_year: bool) -> bytes:
    """The text and every table on one sheet, one under another (a blank row between);
    `last_year`: the same tables again below, under 上年度 headings, with other figures
    (last year's report kept on the sheet)."""
    import openpyxl

    src = openpyxl.load_workbook(io.BytesIO(xlsx_variant(html, "xlsx-base")))
    wb = openpyxl.Workbook()
    ws = wb.active
    row = 1
    copies = [(src.worksheets[0], False)] + [(t, False) for t in src.worksheets[1:]]
    if last_year:
        copies += [(t, True) for t in src.worksheets[1:]]
    for sheet, stale in copies:
        if stale and sheet is src.worksheets[1]:
            ws.cell(row, 1, "上年度报告表格（供对照）")
            row += 1
        for r in sheet.iter_rows():
            for c in r:
                if c.value is not None:
                    value = c.value
                    if stale and isinstance(value, int) and not isinstance(value, bool):
                        value = int(old(str(value)))
                    ws.cell(row + c.row - 1, c.column, value)
        for merged in sheet.merged_cells.ranges:
            ws.merge_cells(start_row=row + merged.min_row - 1, start_column=merged.min_col,
                           end_row=row + merged.max_row - 1, end_column=merged.max_col)
        row += sheet.max_row + 1
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _in_yuan(fmt: str):
    """Each money figure (万元, a fraction in the rendered table) typed in 元 and shown in
    万元 by its number format (`0!.0000`: a point written in before the last four
    digits), as accountants' workbooks do."""
    def build(html: str) -> bytes:
        import openpyxl
        from decimal import Decimal

        wb = openpyxl.load_workbook(io.BytesIO(xlsx_variant(html, "xlsx-base")))
        for ws in wb.worksheets[1:]:
            for row in ws.iter_rows():
                for c in row:
                    if isinstance(c.value, float):
                        c.value = int(Decimal(repr(c.value)) * 10000)
                        c.number_format = fmt
        buf = io.BytesIO()
        wb.save(buf)
        return buf.getvalue()
    return build


XLSX = {
    "xlsx-yuan-as-wan": _in_yuan("0!.0000"),
    "xlsx-yuan-as-wan-label": _in_yuan('0!.0000"万元"'),
    "xlsx-yuan-as-wan-escaped": _in_yuan("#,##0\\.0000"),
    "xlsx-one-sheet": lambda h: _one_sheet(h, last_year=False),
    "xlsx-one-sheet-last-year-below": lambda h: _one_sheet(h, last_year=True),
    "xlsx-formula-terms": lambda h: _sheets(xlsx_variant(h, "xlsx-formula"), _totals(_terms)),
    "xlsx-formula-nested": lambda h: _sheets(xlsx_variant(h, "xlsx-formula"), _totals(_nested)),
    "xlsx-formula-other-sheet": lambda h: _linked(h, "数据", quoted=False, cached=False),
    "xlsx-formula-other-sheet-quoted": lambda h: _linked(h, "原始 数据", quoted=True, cached=False),
    "xlsx-formula-other-sheet-cached": lambda h: _linked(h, "数据", quoted=False, cached=True),
    "xlsx-formula-short-range": lambda h: _sheets(xlsx_variant(h, "xlsx-formula"), _totals(_short)),
    "xlsx-formula-circular": lambda h: _sheets(xlsx_variant(h, "xlsx-formula"), _totals(_circular)),
    "xlsx-formula-deep-chain": _deep_chain,
}


# --- Word ----------------------------------------------------------------------------

def _plain_starts(root):
    """Each vertical merge's first cell without its w:vMerge (restart): the cells
    continuing it follow a cell that starts no merge."""
    for m in list(root.iter(W + "vMerge")):
        if m.get(W + "val") == "restart":
            m.getparent().remove(m)


def _figure_continues(root):
    """Each table split in two inside its rows of figures, and the first figure cell of
    the second part's first row marked as continuing a vertical merge (w:vMerge) with
    nothing above it to continue, its figure kept in it (a converter's split)."""
    _split_tables(None, open_merge=True)(root)
    for tbl in root.iter(W + "tbl"):
        first = tbl.find(W + "tr")
        cells = [tc for tc in first.findall(W + "tc")
                 if NUMBER.match("".join(t.text or "" for t in tc.iter(W + "t")).strip())]
        if cells and tbl.getprevious() is not None and tbl.getprevious().tag == W + "tbl":
            props = cells[0].find(W + "tcPr")
            if props is None:
                props = _w("tcPr")
                cells[0].insert(0, props)
            props.append(_w("vMerge"))


DOCX = {
    "docx-split-vmerge-open": _split_tables(None, open_merge=True),
    "docx-split-repeat-head": _split_tables(None, repeat_head=True),
    "docx-split-repeat-head-open": _split_tables("", open_merge=True, repeat_head=True),
    "docx-vmerge-plain-start": _plain_starts,
    "docx-split-vmerge-figure": _figure_continues,
}


HTML = {
    "html-hidden-cell-old": lambda h: re.sub(r"(<td[^>]*data-cell[^>]*>)(-?\d+(?:\.\d+)?)(</td>)",
                                             lambda m: f'<td style="display:none">{old(m.group(2))}</td>' + m.group(0), h),
}


def _docx_merged_down(root):
    """The same in Word: the upper cell starts a vertical merge (restart), the lower
    continues it, its figure left in it (Word shows the upper one only)."""
    for tbl in root.iter(W + "tbl"):
        rows = tbl.findall(W + "tr")
        k = 0
        while k + 1 < len(rows):
            up, low = rows[k].findall(W + "tc"), rows[k + 1].findall(W + "tc")
            figures = [i for i, tc in enumerate(up) if NUMBER.match("".join(tc.itertext()).strip())]
            if len(figures) >= 4 and len(up) == len(low) and \
                    NUMBER.match("".join(low[figures[1]].itertext()).strip()):
                for tc, how in ((up[figures[1]], "restart"), (low[figures[1]], None)):
                    props = tc.find(W + "tcPr")
                    if props is None:
                        props = _w("tcPr")
                        tc.insert(0, props)
                    props.append(_w("vMerge", val=how) if how else _w("vMerge"))
                k += 2
            else:
                k += 1


DOCX["docx-figure-merged-down"] = _docx_merged_down
HTML["html-figure-merged-down"] = _html_merged_down


def variants(report):
    html = render(report, "html")
    docx = render(report, "docx")
    for name, edit in DOCX.items():
        yield name, docx_variant(docx, edit), "r.docx"
    for name, edit in HTML.items():
        yield name, edit(html).encode(), "r.html"
    for name, build in XLSX.items():
        yield name, build(html), "r.xlsx"


def main() -> None:
    probe_main(__doc__, variants, width=32)


if __name__ == "__main__":
    main()
