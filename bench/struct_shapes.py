"""The web pages and workbooks of `struct_probe.py` (its Word files are in
struct_docx.py): each class of real-world variation as a function that turns the
HTML our renderer makes into what portals and offices really publish (hidden
elements, split and layout tables, Word's web pages and archives; workbooks with
hidden sheets, rows and columns, numbers as text, formulas). Shared by both: the
WordprocessingML names and the "old" number a class plants.
"""

from __future__ import annotations

import io
import re
import zipfile

from ingest.ingest_fixtures import grid_positions  # tests/ is on the path


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{%s}" % W_NS
NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")


def old(text: str) -> str:
    """A number that is not `text` (what a deleted or hidden run would still hold)."""
    return str(int(float(text)) + 7) if text.lstrip("-")[:1].isdigit() else "7"


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


def _respan(html: str, attr: str, by: int) -> str:
    """Every `attr` (rowspan or colspan) of a row label's cell off by `by`, as hand-edited
    pages have them after a row or column was added or deleted: a browser then pushes
    the cells after it to the right, or pulls them left."""
    def one(m):
        return f'{m.group(1)}{attr}="{max(1, int(m.group(2)) + by)}"'
    return re.sub(r'(<th\s[^>]*)%s="(\d+)"' % attr, one, html)


def _wechat(html: str) -> str:
    """A WeChat article as saved from the browser: the title in h1.rich_media_title,
    the body in div#js_content, which the page's own style hides until its script
    has run (visibility: hidden), each table in an editor's <section>."""
    title = re.search(r"<h1>(.*?)</h1>", html, re.S).group(1)
    body = re.sub(r"<h1>.*?</h1>", "", html, count=1, flags=re.S)
    body = body.replace("<table", '<section style="overflow-x:auto"><table').replace("</table>", "</table></section>")
    return body.replace('<article class="zfxxgk-report" data-template="2021">', "<article>") \
        .replace("<article", f'<div id="img-content"><h1 class="rich_media_title" id="activity-name">{title}</h1>'
                             '<div class="rich_media_content js_underline_content" id="js_content" '
                             'style="visibility: hidden;"><article', 1) \
        .replace("</article>", "</article></div></div>", 1)


def _css_table(html: str) -> str:
    """Tables built of <div>s with CSS display:table, -row and -cell (no spans: CSS
    tables have none), as some portal editors write them."""
    html = re.sub(r'\s(?:rowspan|colspan)="\d+"', "", html)
    for tag, display in (("table", "table"), ("tr", "table-row"), ("td", "table-cell"), ("th", "table-cell")):
        html = re.sub(rf"<{tag}(\s[^>]*)?>", lambda m: f'<div style="display:{display}"{m.group(1) or ""}>', html)
        html = html.replace(f"</{tag}>", "</div>")
    return re.sub(r"</?(?:tbody|thead|colgroup|col)[^>]*>", "", html)


def _stray_empty(html: str) -> str:
    """Each row of figures with one empty cell among them, in a place that varies row
    to row (a converter's spacer column that did not line up)."""
    def row(m):
        cells = re.findall(r"<td[^>]*data-cell[^>]*>.*?</td>", m.group(0))
        if len(cells) < 2:
            return m.group(0)
        at = 1 + sum(map(ord, m.group(0))) % (len(cells) - 1)
        return m.group(0).replace(cells[at], "<td></td>" + cells[at], 1)
    return re.sub(r"<tr>(?:(?!</tr>).)*data-cell(?:(?!</tr>).)*</tr>", row, html, flags=re.S)


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
    "html-stray-empty": _stray_empty,
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
    "html-rowspan-long": lambda h: _respan(h, "rowspan", +1),
    "html-rowspan-short": lambda h: _respan(h, "rowspan", -1),
    "html-colspan-long": lambda h: _respan(h, "colspan", +1),
    "html-colspan-short": lambda h: _respan(h, "colspan", -1),
    "html-wechat": _wechat,
    "html-css-table": _css_table,
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
            for r, c, rs, cs, text in grid_positions(rows):
                stale.cell(row + r, 1 + c, int(old(text)) if NUMBER.match(text) else text)
            row += len(rows) + 2
    for k, rows in enumerate(tables, 1):
        ws = wb.create_sheet(f"表{k}", 1 if kind == "xlsx-sheets-reversed" else None)
        _table_sheet(ws, rows, kind)
    if kind == "xlsx-text-last":  # the title and preface on the last sheet, after the tables
        wb.move_sheet(ws0, offset=len(wb.sheetnames) - 1)
    buf = io.BytesIO()
    wb.save(buf)
    data = buf.getvalue()
    return _cache_formulas(data) if kind == "xlsx-formula-cached" else data


def _table_sheet(ws, rows, kind: str) -> None:
    extra = kind == "xlsx-hidden-rows"
    width = max(c + cs for _, c, _, cs, _ in grid_positions(rows))
    shift, copied = {}, set()  # source row -> sheet row (hidden copies take a row after theirs)
    row = 1
    for r in range(len(rows)):
        shift[r] = row
        if extra and r > 0 and any(NUMBER.match(t) for t, _, _ in rows[r]):
            copied.add(r)
        row += 2 if r in copied else 1
    merges = []
    for r, c, rs, cs, text in grid_positions(rows):
        at = shift[r]
        value: object = text or None
        if NUMBER.match(text):
            value = float(text) if "." in text else int(text)
            if kind == "xlsx-text-numbers":
                value = text
            elif kind == "xlsx-float-noise":
                value = float(text) * (1 + 3e-16) if "." in text else value * (1 + 3e-16)
            elif kind in ("xlsx-formula", "xlsx-formula-cached") and c == width - 1:
                value = _sum_formula([(c_, t) for r_, c_, _, _, t in grid_positions(rows) if r_ == r], at, value)
            if kind == "xlsx-hidden-rows" and r > 0:
                ws.cell(at + 1, 1 + c, int(old(text)))
                ws.row_dimensions[at + 1].hidden = True
            if kind == "xlsx-hidden-cols":
                ws.cell(at, width + 1, int(old(text)))
        if kind == "xlsx-cell-breaks" and isinstance(value, str) and len(value) > 4:
            value = value[:len(value) // 2] + "\n" + value[len(value) // 2:]  # Alt+Enter in a label
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


XLSX = ["xlsx-sheets-reversed", "xlsx-text-last", "xlsx-cell-breaks", "xlsx-base", "xlsx-hidden-sheet", "xlsx-hidden-rows", "xlsx-hidden-cols",
        "xlsx-text-numbers", "xlsx-two-decimals", "xlsx-float-noise", "xlsx-formula", "xlsx-formula-cached"]
