"""Vector PDFs laid out the way real exporters lay them out, made from a report.

`render(report, shape)` writes the report with the project's renderer and
changes the CSS or the page geometry the ways real files differ from ours
(`SHAPES`): tables without rulings or with horizontal rules only, table 三's
heads one character a line, landscape pages, a page turned by /Rotate, a
watermark over the text (diagonal, or tiled across the tables), running heads
and page numbers, numbers aligned and padded otherwise, labels wrapped over
three lines, a page printed by a browser (its header and footer), two pages on
one sheet, a figure cell merged down over the next row's (`merged_html`), a
digit hidden after every number (`pdf_hidden`: drawn invisible, at 8%
opacity, off the page, in a margin the crop box cuts off). Shapes ending in
"+" are made after rendering. Used by
bench/pdf_shapes_probe.py and tests/ingest/test_pdf_shapes.py.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path

from pdf_hidden import HIDDEN, hide

_CELL = ".zfxxgk-report th, .zfxxgk-report td"
_T3 = "table[data-table=applications]"
# shape -> CSS appended to the renderer's (a "+" shape is made after rendering)
CSS = {
    "plain": "",
    "borderless": f"{_CELL} {{ border: none !important; }}",
    "borderless-wrapped": f"{_CELL} {{ border: none !important; }}",
    "shaded": f"{_CELL} {{ border: none !important; }} .zfxxgk-report th {{ background: #d9d9d9; }}"
              " .zfxxgk-report tr:nth-child(even) td { background: #f2f2f2; }",
    "shaded-ruled": ".zfxxgk-report thead th { background: #1f4e79; color: #fff; }"
                    " .zfxxgk-report tr:nth-child(even) td { background: #f2f2f2; }",
    "three-line": f"{_CELL} {{ border: none !important; }} .zfxxgk-report table "
                  "{ border-top: 1.5pt solid #000; border-bottom: 1.5pt solid #000; }"
                  " .zfxxgk-report thead tr:last-child th, .zfxxgk-report tbody tr:first-child td"
                  " { border-top: 0.75pt solid #000 !important; }",
    "h-rules": f"{_CELL} {{ border-left: none !important; border-right: none !important; }}",
    "vertical-heads": f"{_T3} thead th {{ line-height: 1.1; }}",
    "rotated-heads": f"{_T3} thead th[scope=col] {{ writing-mode: vertical-rl; text-orientation: sideways; }}",
    "landscape": "@page { size: A4 landscape; }",
    "landscape-t3": "section.table-part:has(" + _T3 + ") { page: wide; break-before: page; }"
                    " @page wide { size: A4 landscape; }",
    "watermark": "",
    "tiled-mark": "",
    "running": "@page { @top-center { content: '政府信息公开工作年度报告'; font-size: 9pt; }"
               " @bottom-center { content: '第 ' counter(page) ' 页 共 ' counter(pages) ' 页'; } }",
    "browser-like": "@page { margin: 1.2cm 1cm; @top-left { content: '2024/3/5 10:21'; font-size: 8pt; }"
                    " @top-center { content: '某区人民政府门户网站'; font-size: 8pt; }"
                    " @bottom-left { content: 'https://www.example.gov.cn/art/2024/3/5/art_1.html';"
                    " font-size: 8pt; } @bottom-right { content: counter(page) '/' counter(pages);"
                    " font-size: 8pt; } } section.table-part:has(table[data-table=review_litigation])"
                    " { break-after: page; }",
    "row-split": ".zfxxgk-report tr { break-inside: auto !important; page-break-inside: auto !important; }",
    "row-split-run": ".zfxxgk-report tr { break-inside: auto !important; page-break-inside: auto !important; }"
                     " @page { @bottom-center { content: '- ' counter(page) ' -'; } }",
    "spaced-digits": ".zfxxgk-report td { letter-spacing: 4pt; }",
    "borderless-spaced": f"{_CELL} {{ border: none !important; }} .zfxxgk-report td {{ letter-spacing: 4pt; }}",
    "spaced-labels": ".zfxxgk-report th { letter-spacing: 4pt; }",
    "align-right": f"{_CELL} {{ text-align: right !important; padding: 2pt 8pt !important; }}",
    "align-left": f"{_CELL} {{ text-align: left !important; padding: 4pt 10pt !important; }}",
    "wrapped": "",
    "small-font": f"{_CELL} {{ font-size: 6pt !important; padding: 0 1pt !important; }}",
    "merged-down": "",
    "rotate90+": "",
    "browser+": "",
    "browser-split+": "",
    "rotated-heads+": "",
    "2up+": "",
    "invisible+": "",
    "alpha+": "",
    "grey+": "",
    "offpage+": "",
    "cropped+": "",
}
SHAPES = tuple(k for k in CSS if k != "rotated-heads")  # (that one Chromium prints)
# shapes Chromium prints -> the shape of the page it prints
BROWSER = {"browser+": "plain", "browser-split+": "row-split", "rotated-heads+": "rotated-heads"}
MARK = ('<div style="position: fixed; top: 45%; left: 5%; width: 90%; text-align: center;'
        ' transform: rotate(-35deg); font-size: 64pt; color: #e6e6e6; z-index: -1">{}</div>')
TILE = ('<div style="position: fixed; top: {top}%; left: {left}%; font-size: 12pt;'
        ' color: #d0d0d0">{text}</div>')


def html_of(report, shape: str) -> str:
    """The renderer's page with the shape's CSS, watermark or markup."""
    from zfxxgk.render.html import render_html
    from zfxxgk.render.layout import build

    html = render_html(build(report)).replace("</style>", CSS.get(shape, "") + "</style>", 1)
    if shape == "watermark":
        html = html.replace("<body>", "<body>" + MARK.format("政务公开"), 1)
    elif shape == "vertical-heads":
        html = re.sub(r'(<th[^>]*scope="col">)([^<]{2,6})(</th>)',
                      lambda m: m[1] + "<br>".join(m[2]) + m[3], html)
    if shape in ("wrapped", "row-split", "row-split-run", "borderless-wrapped"):  # the label columns squeezed
        html = re.sub(r'(<colgroup><col style="width:)[\d.]+%', r"\g<1>4%", html)
        html = html.replace("word-break: break-all;", "word-break: break-all; padding: 1pt;", 1)
    if shape == "merged-down":  # a figure cell drawn over two rows (`merged_html`)
        from merged_html import merged_down

        html = merged_down(html)
    if shape == "tiled-mark":
        tiles = "".join(TILE.format(top=t, left=left, text="仅供参考")
                        for t in range(5, 95, 18) for left in (8, 45, 78))
        html = html.replace("<body>", "<body>" + tiles, 1)
    return html


def render(report, shape: str) -> bytes:
    """The report as a PDF of `shape` (one of SHAPES)."""
    from weasyprint import HTML

    base = shape.rstrip("+")
    if shape in BROWSER:  # printed by Chromium (writing-mode: WeasyPrint has none)
        return browser_print(html_of(report, BROWSER[shape]))
    data = HTML(string=html_of(report, "landscape" if base == "rotate90" else base)).write_pdf()
    if base == "rotate90":
        return rotated(data)
    if base == "2up":
        return two_up(data)
    if base in HIDDEN:
        return hide(data, base)
    return data


def browser_print(html: str) -> bytes:
    """Chromium's print to PDF with its default header (date, title) and footer
    (URL, page n/m), as a clerk prints the portal's page."""
    with tempfile.TemporaryDirectory() as tmp:
        page, out = Path(tmp) / "report.html", Path(tmp) / "out.pdf"
        page.write_text(html, "utf-8")
        subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu",
                        f"--print-to-pdf={out}", page.as_uri()],
                       check=True, capture_output=True, timeout=120)
        return out.read_bytes()


def _placed(data: bytes, layout) -> bytes:
    """Each page of `data` drawn as a form onto new pages: `layout(index, width,
    height)` -> (new page size or None to draw on the last new page, matrix, rotation)."""
    import io

    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(data)
    dest = pdfium.PdfDocument.new()
    page = None
    for i in range(len(src)):
        w, h = src[i].get_size()
        size, matrix, rotation = layout(i, w, h)
        if size is not None:
            if page is not None:
                page.gen_content()
            page = dest.new_page(*size)
            page.set_rotation(rotation)
        obj = src.page_as_xobject(i, dest).as_pageobject()
        obj.transform(matrix)
        page.insert_obj(obj)
    page.gen_content()
    buf = io.BytesIO()
    dest.save(buf)
    return buf.getvalue()


def rotated(data: bytes, angle: int = 90, flag: bool = True) -> bytes:
    """Landscape pages stored as portrait sheets turned by /Rotate 90 (a printer
    driver's way; 270 and 180 too): the content drawn turned, the viewer turns it
    back; without `flag`, no /Rotate: the page shows its text sideways and the
    reader turns the sheet."""
    import pypdfium2 as pdfium

    def layout(i, w, h):
        turn = angle if flag else 0
        if angle == 180:
            return (w, h), pdfium.PdfMatrix().rotate(180).translate(w, h), turn
        if angle == 270:
            return (h, w), pdfium.PdfMatrix().rotate(90).translate(0, w), turn
        return (h, w), pdfium.PdfMatrix().rotate(90, ccw=True).translate(h, 0), turn

    return _placed(data, layout)


def two_up(data: bytes) -> bytes:
    """Two A4 pages side by side on one landscape A4 sheet, scaled to fit."""
    import pypdfium2 as pdfium

    def layout(i, w, h):
        scale = min(h / 2 / w, w / h)
        m = pdfium.PdfMatrix().scale(scale, scale).translate((i % 2) * h / 2, 0)
        return ((h, w) if i % 2 == 0 else None), m, 0

    return _placed(data, layout)


