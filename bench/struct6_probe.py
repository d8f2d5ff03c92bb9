"""Structured files, sixth pass (red-team topic C6): merged cells and row shapes of
web, Word and Excel tables beyond struct5_probe.py's figure merged down.

A figure cell spanning the next column (colspan, w:gridSpan; Excel's merge across)
with the next figure printed nowhere, or with the sum of the two; table 三's header
with its label corner one column narrower than the rows (the header's columns
shifted left); the table's header rows repeated in its middle, inside the vertical
三、本年度办理结果 label's rowspan (a converter's page head); Word rows indented by
w:gridBefore (the label one column narrower, the grid unchanged) and rows ending
early (the 总计 cell missing, w:gridAfter); workbooks with a figure merged down over
the next row's (struct5's class through Excel's merged cells) and merged across.

A figure a class prints nowhere is counted lost when null and wrong when read as
anything but the report's figure, as in struct_probe.py.

Run: `PYTHONPATH=src python3 bench/struct6_probe.py [-n 3] [--only html-]`.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent)]
from struct_probe import probe_main  # noqa: E402  (puts tests/ and src/ on the path)
from struct_docx import W, _w, docx_variant  # noqa: E402
from struct_shapes import NUMBER, xlsx_variant  # noqa: E402
from struct5_probe import _html_merged_down  # noqa: E402
from zfxxgk.render import render  # noqa: E402

_ROW = re.compile(r"<tr>(?:(?!</tr>).)*</tr>", re.S)
_FIGURE = re.compile(r"<td[^>]*data-cell[^>]*>(-?\d+(?:\.\d+)?)</td>")


# --- web pages -----------------------------------------------------------------------

def _across(joined):
    """In every other row of four figures or more, the second figure cell spanning the
    third's column (colspan="2", the third cell dropped); `joined(a, b)` is what it
    prints: a alone (the third figure printed nowhere) or a + b."""
    def edit(html: str) -> str:
        k = 0
        for row in _ROW.findall(html):
            cells = list(_FIGURE.finditer(row))
            if len(cells) < 4 or "rowspan" in row[row.find("<td"):]:
                continue
            k += 1
            if k % 2:
                continue
            a, b = cells[1], cells[2]
            text = joined(a.group(1), b.group(1))
            new = row[:a.start()] + a.group(0).replace("<td", '<td colspan="2"', 1).replace(
                f">{a.group(1)}<", f">{text}<") + row[a.end():b.start()] + row[b.end():]
            html = html.replace(row, new, 1)
        return html
    return edit


def _sum(a: str, b: str) -> str:
    return str(int(a) + int(b)) if "." not in a + b else a


def _head_shifted(html: str) -> str:
    """Table 三's header corner (the cell over the row labels) one column narrower than
    the labels below it: the header's columns stand one left of the figures'."""
    return html.replace('<th rowspan="3" colspan="3" scope="col">', '<th rowspan="3" colspan="2" scope="col">', 1)


def _head_in_middle(html: str) -> str:
    """Table 三's three header rows repeated before （四）无法提供, inside the rowspan of
    三、本年度办理结果 (stretched over them): a page head a converter left in the table."""
    head = re.search(r'<table data-table="applications".*?<thead>(.*?)</thead>', html, re.S)
    start = html.rfind("<tr>", 0, html.find("（四）无法提供"))
    if not head or start < 0:
        return html
    html = html[:start] + head.group(1).strip() + "\n" + html[start:]
    return re.sub(r'<th rowspan="(\d+)" scope="rowgroup">三、本年度办理结果',
                  lambda m: f'<th rowspan="{int(m.group(1)) + 3}" scope="rowgroup">三、本年度办理结果', html, 1)


HTML = {
    "html-figure-across": _across(lambda a, b: a),
    "html-figure-across-sum": _across(_sum),
    "html-t3-head-shifted": _head_shifted,
    "html-t3-head-in-middle": _head_in_middle,
}


# --- Word ----------------------------------------------------------------------------

def _figures(tr) -> list:
    return [tc for tc in tr.findall(W + "tc") if NUMBER.match("".join(tc.itertext()).strip())]


def _props(el, tag: str):
    props = el.find(W + tag)
    if props is None:
        props = _w(tag)
        el.insert(0, props)
    return props


def _grid_before(root):
    """Each row of figures indented one grid column (w:gridBefore="1"), its label cell
    one column narrower: the figures stay in their grid columns."""
    for tr in root.iter(W + "tr"):
        cells = tr.findall(W + "tc")
        if len(_figures(tr)) < 2 or not cells:
            continue
        span = _props(cells[0], "tcPr").find(W + "gridSpan")
        if span is None or int(span.get(W + "val")) < 2:
            continue
        span.set(W + "val", str(int(span.get(W + "val")) - 1))
        _props(tr, "trPr").append(_w("gridBefore", val="1"))


def _grid_after(root):
    """Every other row of seven figures without its last cell (总计), the row ending a
    grid column early (w:gridAfter="1"): its total printed nowhere."""
    k = 0
    for tr in root.iter(W + "tr"):
        figures = _figures(tr)
        if len(figures) != 7:
            continue
        k += 1
        if k % 2:
            tr.remove(figures[-1])
            _props(tr, "trPr").append(_w("gridAfter", val="1"))


def _docx_across(root):
    """Word's figure across: in every other row of four figures or more, the second
    figure cell spanning the third's column (w:gridSpan="2"), the third cell gone."""
    k = 0
    for tr in root.iter(W + "tr"):
        figures = _figures(tr)
        if len(figures) < 4:
            continue
        k += 1
        if k % 2:
            continue
        _props(figures[1], "tcPr").append(_w("gridSpan", val="2"))
        tr.remove(figures[2])


DOCX = {
    "docx-grid-before-indent": _grid_before,
    "docx-grid-after-short": _grid_after,
    "docx-figure-across": _docx_across,
}


# --- workbooks -----------------------------------------------------------------------

XLSX = {  # the web page's merged cells as Excel's merged cells
    "xlsx-figure-merged-down": _html_merged_down,
    "xlsx-figure-across": HTML["html-figure-across"],
}


def variants(report):
    html = render(report, "html")
    docx = render(report, "docx")
    for name, edit in HTML.items():
        yield name, edit(html).encode(), "r.html"
    for name, edit in DOCX.items():
        yield name, docx_variant(docx, edit), "r.docx"
    for name, edit in XLSX.items():
        yield name, xlsx_variant(edit(html), "xlsx-base"), "r.xlsx"


def main() -> None:
    probe_main(__doc__, variants, width=28)


if __name__ == "__main__":
    main()
