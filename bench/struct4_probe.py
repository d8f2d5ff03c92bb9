"""Structured files, fourth pass (red-team topic C4): shapes beyond struct3_probe.py's.

Word: an old figure in a run hidden by its character style (w:rStyle naming a style
with w:vanish, through w:basedOn) or in a paragraph hidden by its paragraph style;
the report as an imported RTF document (altChunk of text/rtf, which Word converts
on opening) or as an imported Word file (document-assembly tools merge files so).
Web pages: the report inside `<iframe srcdoc="…">` (the page is in the attribute;
the frame's src is never fetched). Workbooks: every figure formatted as a date and the totals
SUM formulas with their results saved (struct3's xlsx-date-format has no formulas);
a stale print area that
ends before the table's last rows and columns (they are printed on screen and were
added after the print area was set), and old figures in an unlabelled column
outside the print area next to a stale print area too (the struct3 class
xlsx-outside-print-area has the print area alone).

Each class is scored as in struct_probe.py (wrong, lost, meta); an old figure a
class plants always differs from the printed one.

Run: `PYTHONPATH=src python3 bench/struct4_probe.py [-n 3] [--only docx-]`.
"""

from __future__ import annotations

import html as htmlmod
import io
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent)]
from struct_probe import probe_main  # noqa: E402  (puts tests/ and src/ on the path)
from struct_docx import W, _run, _w, altchunk, docx_variant, _number_runs  # noqa: E402
from struct3_probe import _workbook  # noqa: E402
from struct_shapes import _cache_formulas, old, xlsx_variant  # noqa: E402
from zfxxgk.ingest import legacy  # noqa: E402
from zfxxgk.render import render  # noqa: E402


# --- Word ----------------------------------------------------------------------------

_STYLES = ('<w:style w:type="character" w:customStyle="1" w:styleId="OldBase">'
           '<w:name w:val="隐藏基准"/><w:rPr><w:vanish/></w:rPr></w:style>'
           '<w:style w:type="character" w:customStyle="1" w:styleId="OldFigure">'
           '<w:name w:val="旧数字"/><w:basedOn w:val="OldBase"/><w:rPr><w:color w:val="999999"/></w:rPr></w:style>'
           '<w:style w:type="paragraph" w:customStyle="1" w:styleId="OldPara">'
           '<w:name w:val="旧段落"/><w:rPr><w:vanish/></w:rPr></w:style>')


def _with_styles(docx: bytes, edit) -> bytes:
    """`edit` applied to the body, and the hiding styles added to word/styles.xml."""
    data = docx_variant(docx, edit)
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename == "word/styles.xml":
                body = body.replace(b"</w:styles>", _STYLES.encode() + b"</w:styles>")
            z.writestr(item, body)
    return out.getvalue()


def _rstyle(root):
    """Before each figure run, a run with last year's figure in the style OldFigure."""
    for r, text in list(_number_runs(root)):
        hidden = _run(old(text), props=[_w("rStyle", val="OldFigure")])
        r.addprevious(hidden)


def _pstyle(root):
    """Before each figure's paragraph, a paragraph in the style OldPara with last year's figure."""
    for r, text in list(_number_runs(root)):
        p = next(r.iterancestors(W + "p"))
        p.addprevious(_w("p", [_w("pPr", [_w("pStyle", val="OldPara")]), _run(old(text))]))


def _rtf(docx: bytes) -> bytes | None:
    """The report as RTF, made by LibreOffice (None without it)."""
    program = legacy.soffice()
    if program is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "r.docx"
        src.write_bytes(docx)
        subprocess.run([program, "--headless", f"-env:UserInstallation={(Path(tmp) / 'p').as_uri()}",
                        "--convert-to", "rtf", "--outdir", tmp, str(src)],
                       check=True, timeout=180, capture_output=True)
        return (Path(tmp) / "r.rtf").read_bytes()


def _chunk(docx: bytes, part: bytes, ext: str, content_type: str) -> bytes:
    """The report's body replaced by an imported chunk (w:altChunk) of `part`."""
    data = altchunk(docx, "")
    zsrc = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for item in zsrc.infolist():
            body = zsrc.read(item.filename)
            if item.filename == "word/afchunk1.htm":
                body, item.filename = part, f"word/afchunk1.{ext}"
            elif item.filename.endswith(".rels"):
                body = body.replace(b"afchunk1.htm", f"afchunk1.{ext}".encode())
            elif item.filename == "[Content_Types].xml":
                body = body.replace(b'Extension="htm" ContentType="text/html"',
                                    f'Extension="{ext}" ContentType="{content_type}"'.encode())
            z.writestr(item, body)
    return out.getvalue()


_DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


# --- web pages -----------------------------------------------------------------------

def _srcdoc(html: str) -> str:
    """The whole page inside an inline frame's srcdoc, a portal's frame around it."""
    m = re.search(r"<body[^>]*>(.*)</body>", html, re.S)
    frame = (f'<div class="nav">首页 &gt; 政务公开</div><iframe src="/static/report.html" '
             f'srcdoc="{htmlmod.escape(html, quote=True)}" width="100%" height="900"></iframe>')
    return html[:m.start(1)] + frame + html[m.end(1):]


# --- workbooks -----------------------------------------------------------------------

def _stale_print_area(extra: bool):
    """A print area set before the table's last two rows and last column were added;
    with `extra`, also old figures in an unlabelled column right of the table."""
    def build(ws):
        from openpyxl.utils import get_column_letter

        width, height = ws.max_column, ws.max_row
        if extra:
            for r in range(1, height + 1):
                v = ws.cell(r, width).value
                if isinstance(v, (int, float)):
                    ws.cell(r, width + 2, int(old(str(v))))
        ws.print_area = f"A1:{get_column_letter(max(1, width - 1))}{max(1, height - 2)}"
    return build


def _dated_totals(html: str) -> bytes:
    """Every figure formatted as a date, the totals SUM formulas with their results
    saved (as Excel saves them): openpyxl returns such a result as a date."""
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(xlsx_variant(html, "xlsx-formula")))
    for ws in wb.worksheets[1:]:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, int) or (isinstance(c.value, str) and c.value.startswith("=")):
                    c.number_format = "yyyy/m/d"
    buf = io.BytesIO()
    wb.save(buf)
    return _cache_formulas(buf.getvalue())


def variants(report):
    html = render(report, "html")
    docx = render(report, "docx")
    yield "docx-rstyle-vanish", _with_styles(docx, _rstyle), "r.docx"
    yield "docx-pstyle-vanish", _with_styles(docx, _pstyle), "r.docx"
    rtf = _rtf(docx)
    if rtf is not None:
        yield "docx-altchunk-rtf", _chunk(docx, rtf, "rtf", "text/rtf"), "r.docx"
    yield "docx-altchunk-docx", _chunk(docx, docx, "docx", _DOCX_TYPE), "r.docx"
    yield "html-iframe-srcdoc", _srcdoc(html).encode(), "r.html"
    yield "xlsx-date-format-totals", _dated_totals(html), "r.xlsx"
    yield "xlsx-stale-print-area", _workbook(html, _stale_print_area(False)), "r.xlsx"
    yield "xlsx-stale-print-area-old-col", _workbook(html, _stale_print_area(True)), "r.xlsx"


def main() -> None:
    probe_main(__doc__, variants, width=30)


if __name__ == "__main__":
    main()
