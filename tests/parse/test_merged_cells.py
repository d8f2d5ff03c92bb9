"""A figure cell merged down over the next row's (Word w:vMerge, a web page's rowspan):
the lower row is placed by its source columns (parse/grid_rows.py), the merged-over
cell itself is printed nowhere for it: given by the identities or null, never the
upper figure."""

from __future__ import annotations

import io
import re
import zipfile

from lxml import etree

from strategies import distinct_report
from zfxxgk.api import check_report, report_from_bytes
from zfxxgk.ingest.load import load_document
from zfxxgk.render import render

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _html_merged(html: str, upper: str, lower: str) -> str:
    """The cell `upper` (a cell code) merged down over `lower` (rowspan, the lower cell dropped)."""
    html = html.replace(f'<td data-cell="{upper}">', f'<td rowspan="2" data-cell="{upper}">', 1)
    return re.sub(rf'<td data-cell="{re.escape(lower)}">[^<]*</td>', "", html, count=1)


def _docx_merged(docx: bytes, upper: str, lower: str, figure: int) -> bytes:
    """In Word: the `figure`-th figure cell of the row labelled `upper` starts a vertical
    merge, the same cell of the row labelled `lower` continues it, its own figure kept
    in it (Word shows only the upper one)."""
    src = zipfile.ZipFile(io.BytesIO(docx))
    root = etree.fromstring(src.read("word/document.xml"))
    rows = {}
    for tr in root.iter(W + "tr"):
        texts = ["".join(tc.itertext()).strip() for tc in tr.findall(W + "tc")]
        for label in (upper, lower):
            if label in texts:
                rows[label] = tr
    for label, how in ((upper, "restart"), (lower, None)):
        cells = [tc for tc in rows[label].findall(W + "tc") if re.fullmatch(r"[\d.]+", "".join(tc.itertext()).strip())]
        props = cells[figure].find(W + "tcPr")
        if props is None:
            props = etree.SubElement(cells[figure], W + "tcPr")
            cells[figure].insert(0, props)
        merge = etree.SubElement(props, W + "vMerge")
        if how:
            merge.set(W + "val", how)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for item in src.infolist():
            z.writestr(item, etree.tostring(root) if item.filename == "word/document.xml"
                       else src.read(item.filename))
    return out.getvalue()


def _tables(report) -> dict:
    return {t: getattr(report, t) for t in ("active", "applications", "review_litigation")}


def test_a_web_figure_merged_down_is_read_from_the_identities_never_the_upper_figure():
    """Old code: the lower row lacking a cell at an unknown place, every such row
    stayed null (0 wrong, 77 cells lost a report in struct5_probe)."""
    report = distinct_report("2021", seed=1)
    html = _html_merged(render(report, "html"), "applications.received.commercial",
                        "applications.carried_in.commercial")
    doc = load_document(html.encode(), "r.html")
    row = next(ln for ln in doc.lines if ln.text.startswith("二、上年结转"))
    assert row.above == (5,) and 5 not in row.cols
    parsed = report_from_bytes(html.encode(), "r.html")
    assert _tables(parsed) == _tables(report)
    code = "applications.carried_in.commercial"
    assert parsed.cell(code) != parsed.cell("applications.received.commercial")
    prov = parsed.provenance[code]
    assert prov.decided_by in ("T3-1", "T3-2", "T3-3") and prov.text == ""
    found = [f for f in check_report(parsed) if code in f.cells and f.rule == "F-INFERRED"]
    assert found and "与上一行同一栏合并" in found[0].message and found[0].severity == "info"


def test_a_word_figure_merged_down_is_read_from_the_identities():
    report = distinct_report("2019", seed=2)
    data = _docx_merged(render(report, "docx"), "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
                        "1.属于国家秘密", 3)
    doc = load_document(data, "r.docx")
    row = next(ln for ln in doc.lines if "1.属于国家秘密" in ln.text)
    assert row.above and row.text.count("\t") == len(row.cols) - 1
    parsed = report_from_bytes(data, "r.docx")
    assert _tables(parsed) == _tables(report)
    assert parsed.provenance["applications.withheld.state_secret.nonprofit"].decided_by


def test_a_merged_cell_no_identity_gives_is_null_with_a_finding():
    """Table 二 has no identities: 行政规范性文件's 本年废止件数 under the merge is null
    (not 规章's figure), its finding says it is merged with the row above; the row's
    other figures are read."""
    report = distinct_report("2021", seed=3)
    html = _html_merged(render(report, "html"), "active.rules.repealed",
                        "active.normative_docs.repealed")
    parsed = report_from_bytes(html.encode(), "r.html")
    got, want = parsed.active["normative_docs"], report.active["normative_docs"]
    assert got == {**want, "repealed": None}
    assert parsed.active["rules"] == report.active["rules"]
    found = [f for f in check_report(parsed)
             if "active.normative_docs.repealed" in f.cells]
    assert [f.rule for f in found] == ["F-TABLE"]
    assert "与上一行同一栏合并为一格" in found[0].message


def test_a_figure_across_two_columns_is_never_read_as_either():
    """One figure printed over two columns (colspan="2") may be either's, both's or
    their sum: both columns are unknown. With the other rows whole, the columns'
    identities give each exactly; in table 二 (no identities) both stay null."""
    report = distinct_report("2021", seed=5)
    html = render(report, "html")
    a, b = "applications.granted.research", "applications.granted.nonprofit"
    total = report.cell(a) + report.cell(b)
    html = html.replace(f'<td data-cell="{a}">{report.cell(a)}<', f'<td colspan="2" data-cell="{a}">{total}<', 1)
    html = re.sub(rf'<td data-cell="{b}">[^<]*</td>', "", html, count=1)
    c, d = "active.rules.issued", "active.rules.repealed"
    html = html.replace(f'<td data-cell="{c}">', '<td colspan="2">', 1)
    html = re.sub(rf'<td data-cell="{d}">[^<]*</td>', "", html, count=1)
    parsed = report_from_bytes(html.encode(), "r.html")
    assert (parsed.cell(a), parsed.cell(b)) == (report.cell(a), report.cell(b))
    assert parsed.provenance[a].decided_by and parsed.provenance[b].decided_by
    assert parsed.applications == report.applications
    assert (parsed.cell(c), parsed.cell(d)) == (None, None)
    assert parsed.cell("active.rules.in_force") == report.cell("active.rules.in_force")
    found = [f for f in check_report(parsed) if c in f.cells]
    assert [f.rule for f in found] == ["F-TABLE"] and "两栏之和" in found[0].message


def test_a_word_row_ending_a_cell_early_has_its_total_from_the_identities():
    """A row without its 总计 cell (w:gridAfter): the total is printed nowhere, the
    row's own identity gives it; old code lost the row."""
    report = distinct_report("2021", seed=6)
    src = zipfile.ZipFile(io.BytesIO(render(report, "docx")))
    root = etree.fromstring(src.read("word/document.xml"))
    tr = next(tr for tr in root.iter(W + "tr") if "（二）部分公开" in "".join(tr.itertext()))
    tr.remove(tr.findall(W + "tc")[-1])
    props = tr.find(W + "trPr")
    if props is None:
        props = etree.Element(W + "trPr")
        tr.insert(0, props)
    etree.SubElement(props, W + "gridAfter").set(W + "val", "1")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for item in src.infolist():
            z.writestr(item, etree.tostring(root) if item.filename == "word/document.xml"
                       else src.read(item.filename))
    parsed = report_from_bytes(out.getvalue(), "r.docx")
    assert parsed.applications == report.applications
    assert parsed.provenance["applications.partly_granted.total"].decided_by in ("T3-2", "T3-3")


def test_a_workbook_figure_merged_down_is_read_from_the_identities():
    import openpyxl

    report = distinct_report("2019", seed=7)
    wb = openpyxl.load_workbook(io.BytesIO(render(report, "xlsx")))
    for ws in wb.worksheets:
        rows = {str(c.value): c.row for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
        upper = rows.get("一、本年新收政府信息公开申请数量")
        if upper is None:
            continue
        col = next(c.column for c in ws[upper] if isinstance(c.value, int))
        ws.merge_cells(start_row=upper, start_column=col + 1, end_row=upper + 1, end_column=col + 1)
    buf = io.BytesIO()
    wb.save(buf)
    parsed = report_from_bytes(buf.getvalue(), "r.xlsx")
    assert parsed.applications == report.applications
    assert parsed.provenance["applications.carried_in.commercial"].decided_by


def _pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


def test_a_pdf_figure_drawn_over_two_rows_is_read_from_the_identities():
    """A ruled PDF table's cell drawn over two rows (the ruling between them
    left out): the lower row's cell there is merged from above (`Line.above`,
    from the rulings), never spanning across. Old code: both the lower row's
    figure and its neighbour were null (pdf_shapes_probe merged-down: 68
    cells lost in 4 reports)."""
    report = distinct_report("2021", seed=1)
    code = "applications.carried_in.commercial"
    data = _pdf(_html_merged(render(report, "html"), "applications.received.commercial", code))
    from zfxxgk.api import report_from_loaded
    from zfxxgk.ingest.pdf import load_pdf

    for engine in ("pdfium", "pdfplumber"):
        doc = load_pdf(data, "r.pdf", {"engine": engine})
        row = next(ln for ln in doc.lines if ln.text.startswith("二、上年结转"))
        assert row.above and set(row.above).isdisjoint(row.cols)
        parsed = report_from_loaded(doc)
        assert _tables(parsed) == _tables(report)
        assert parsed.provenance[code].decided_by in ("T3-1", "T3-2", "T3-3")
        found = [f for f in check_report(parsed) if code in f.cells and f.rule == "F-INFERRED"]
        assert found and "与上一行同一栏合并" in found[0].message


def test_a_pdf_merged_cell_no_identity_gives_is_null_with_a_finding():
    report = distinct_report("2021", seed=3)
    data = _pdf(_html_merged(render(report, "html"), "active.rules.repealed",
                             "active.normative_docs.repealed"))
    parsed = report_from_bytes(data, "r.pdf")
    assert parsed.active["normative_docs"] == {**report.active["normative_docs"], "repealed": None}
    assert parsed.active["rules"] == report.active["rules"]
    found = [f for f in check_report(parsed) if "active.normative_docs.repealed" in f.cells]
    assert [f.rule for f in found] == ["F-TABLE"] and "与上一行同一栏合并为一格" in found[0].message
