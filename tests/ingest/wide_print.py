"""Table 三 printed the way a spreadsheet prints a table too wide for its page.

Excel and WPS print a sheet wider than the paper in pieces: the left columns on
one page, the columns that did not fit on the next ("down, then over" with a
table one page high), each row at the same height on both pages. With "print
titles" the label columns are repeated on the second page. `wide_split(report,
cut, titles)` renders the report with the project's renderer and table 三 cut
before its grid column `cut` (0-based, the three label columns included) into
two tables on two pages. A merged header cell across the cut keeps its text on
the left piece and is blank on the right (Excel prints it once). Used by
bench/pdf_files_probe.py and tests/ingest/test_pdf_wide.py.
"""

from __future__ import annotations

import html as htmllib
import re
from html.parser import HTMLParser

_TABLE = re.compile(r'<table data-table="applications".*?</table>', re.S)
_LABELS = 3  # table 三's label columns (group, subgroup, row)
_ROW_HEIGHT = "19pt"
_WIDTHS = (20, 28, 180) + (38,) * 7  # points: label columns, then the figures
_CSS = ("table.wide { font-size: 7pt !important; line-height: 1.1 !important; width: auto !important;"
        " margin: 0 !important; } table.wide tr { height: " + _ROW_HEIGHT + "; }"
        " table.wide th, table.wide td { padding: 0 2pt !important; overflow: hidden; }"
        " table.wide td.keep { border: none !important; padding: 0 !important; width: 0; }"
        " table.right { break-before: page; break-after: page; }"
        " section.table-part:has(table.left) { break-before: page; }"
        " @page { margin: 1.5cm 1cm; }")


class _Cells(HTMLParser):
    """The table's rows as lists of [tag, attrs, text, rowspan, colspan]."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[list]] = []
        self.cell: list | None = None

    def handle_starttag(self, tag, attrs) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in ("th", "td"):
            a = dict(attrs)
            self.cell = [tag, a, "", int(a.get("rowspan", 1)), int(a.get("colspan", 1))]
            self.rows[-1].append(self.cell)

    def handle_endtag(self, tag) -> None:
        if tag in ("th", "td"):
            self.cell = None

    def handle_data(self, data) -> None:
        if self.cell is not None:
            self.cell[2] += data


def _placed(rows: list[list[list]]) -> list[list[tuple[int, list]]]:
    """Each row's cells with the grid column each starts at (rowspans followed)."""
    taken: dict[tuple[int, int], bool] = {}
    out = []
    for i, row in enumerate(rows):
        j, placed = 0, []
        for cell in row:
            while taken.get((i, j)):
                j += 1
            placed.append((j, cell))
            for di in range(cell[3]):
                for dj in range(cell[4]):
                    taken[(i + di, j + dj)] = True
            j += cell[4]
        out.append(placed)
    return out


def _piece(placed, cols: list[int], side: str) -> str:
    """The table of the grid columns `cols`: each cell clipped to them."""
    out = [f'<table class="wide {side}" data-table="applications">',
           "<colgroup>" + "".join(f'<col style="width:{_WIDTHS[c]}pt">' for c in cols)
           + '<col style="width:0.5pt"></colgroup>']
    for row in placed:
        cells = []
        for j, (tag, attrs, text, rowspan, colspan) in row:
            inside = [c for c in range(j, j + colspan) if c in cols]
            if not inside:
                continue
            shown = text if inside[0] == j else ""
            span = f' rowspan="{rowspan}"' if rowspan > 1 else ""
            span += f' colspan="{len(inside)}"' if len(inside) > 1 else ""
            cells.append(f"<{tag}{span}>{htmllib.escape(shown)}</{tag}>")
        # a borderless empty cell: a row whose cells all start above keeps its
        # height, as a sheet's row does (a table row without cells collapses)
        out.append("<tr>" + "".join(cells) + '<td class="keep"></td></tr>')
    return "\n".join(out + ["</table>"])


def wide_html(report, cut: int, titles: bool = False, merged: bool = False) -> str:
    """The renderer's page with table 三 as two pieces cut before column `cut`
    (`titles`: the label columns repeated on the right piece; `merged`: figure
    cells merged down over the next row's first, `merged_html.merged_down`)."""
    from zfxxgk.render.html import render_html
    from zfxxgk.render.layout import build

    page = render_html(build(report)).replace("</style>", _CSS + "</style>", 1)
    if merged:
        from merged_html import merged_down

        page = merged_down(page)
    found = _TABLE.search(page)
    parser = _Cells()
    parser.feed(found[0])
    placed = _placed(parser.rows)
    width = max(j + cell[4] for row in placed for j, cell in row)
    right = [c for c in range(width) if c >= cut or (titles and c < _LABELS)]
    pieces = _piece(placed, list(range(cut)), "left") + "\n" + _piece(placed, right, "right")
    return page[:found.start()] + pieces + page[found.end():]


def wide_split(report, cut: int = 6, titles: bool = False, merged: bool = False) -> bytes:
    """The report as a PDF with table 三 cut before grid column `cut`."""
    from weasyprint import HTML

    return HTML(string=wide_html(report, cut, titles, merged)).write_pdf()
