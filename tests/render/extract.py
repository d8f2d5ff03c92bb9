"""Text out of the rendered files, the way a loader reads them, for round trips
through the text parser until the HTML/DOCX/XLSX/PDF loaders land (issue 3).

Each table row becomes one line, its cells joined by tabs; a merged cell is read
once, where it starts (HTML: rowspan/colspan cells appear once; DOCX: a vMerge
continuation cell is empty; XLSX: the covered cells of a merge are empty)."""

from __future__ import annotations

import io
import subprocess
import tempfile
from pathlib import Path


def html_text(html: str) -> str:
    from lxml import html as lh

    root = lh.fromstring(html)
    lines: list[str] = []
    for el in root.iter("h1", "h2", "p", "caption", "tr"):
        if el.tag == "tr":
            lines.append("\t".join(c.text_content().strip() for c in el if c.tag in ("td", "th")))
        else:
            lines.append(el.text_content().strip())
    return "\n".join(lines) + "\n"


def docx_text(data: bytes) -> str:
    from docx import Document
    from docx.oxml.ns import qn

    doc = Document(io.BytesIO(data))
    lines: list[str] = []
    for block in doc.element.body:
        if block.tag == qn("w:p"):
            lines.append("".join(t.text or "" for t in block.iter(qn("w:t"))))
        elif block.tag == qn("w:tbl"):
            for tr in block.iter(qn("w:tr")):
                cells = []
                for tc in tr.findall(qn("w:tc")):
                    vm = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
                    cont = vm is not None and vm.get(qn("w:val")) in (None, "continue")
                    cells.append("" if cont else "".join(t.text or "" for t in tc.iter(qn("w:t"))))
                lines.append("\t".join(cells))
    return "\n".join(lines) + "\n"


def xlsx_cell_text(cell) -> str:
    """A cell as displayed: numbers through their number format (decimals kept)."""
    v = cell.value
    if v is None:
        return ""
    if isinstance(v, float) or isinstance(v, int):
        fmt = cell.number_format or "General"
        if fmt.startswith("0.") and set(fmt[2:]) == {"0"}:
            return f"{v:.{len(fmt) - 2}f}"
        if isinstance(v, float) and v.is_integer():
            return str(int(v))
        return str(v)
    return str(v)


def xlsx_text(data: bytes, skip_last: bool = True) -> str:
    """Every sheet but the identity sheet, rows tab-joined."""
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(data))
    sheets = wb.worksheets[:-1] if skip_last else wb.worksheets
    lines: list[str] = []
    for ws in sheets:
        covered = set()
        for rng in ws.merged_cells.ranges:  # a loader knows merges: read each once
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    if (r, c) != (rng.min_row, rng.min_col):
                        covered.add((r, c))
        for row in ws.iter_rows():
            cells = [xlsx_cell_text(c) for c in row if (c.row, c.column) not in covered]
            lines.append("\t".join(cells))
    return "\n".join(lines) + "\n"


def pdf_text(data: bytes) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "r.pdf"
        path.write_bytes(data)
        out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                             check=True)
        return out.stdout.decode("utf-8")
