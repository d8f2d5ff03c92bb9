"""DOCX: a Word file the way offices publish it, and one a clerk can still edit.

Real Word tables: merged cells are Word merges (gridSpan / vMerge, made with
python-docx's `merge`), column widths are fixed (`tblLayout fixed` plus a width on
every cell, so Word does not re-flow them), header rows of tables 三 and 四 repeat
on every page and no row breaks across a page. Text uses named styles (正文 in a
仿宋-style face, headings in 黑体, tables in 宋体) so a clerk restyles the whole
document in one place; each style names its East Asian font and a Latin font, and
the font table names a substitute (w:altName) for machines without the exact face.
"""

from __future__ import annotations

import io
import re

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from .layout import Grid, Layout

# Style name -> (East Asian font, size in pt, bold). The Windows faces offices use;
# Word substitutes a similar face where one is missing.
BODY_FONT = "仿宋_GB2312"
STYLES = {
    "年报标题": ("方正小标宋简体", 20, False),
    "年报一级标题": ("黑体", 16, False),
    "年报正文": (BODY_FONT, 16, False),
    "年报表格": ("宋体", 9, False),
    "年报落款": (BODY_FONT, 16, False),
}
# Paragraph settings of each style beyond its font (indents: two characters of 16 pt).
PARAGRAPH = {
    "年报标题": {"alignment": WD_ALIGN_PARAGRAPH.CENTER, "space_after": Pt(16)},
    "年报一级标题": {"first_line_indent": Pt(32), "line_spacing": Pt(28), "keep_with_next": True},
    "年报正文": {"first_line_indent": Pt(32), "line_spacing": Pt(28)},
    "年报表格": {"alignment": WD_ALIGN_PARAGRAPH.CENTER},
    "年报落款": {"alignment": WD_ALIGN_PARAGRAPH.RIGHT, "line_spacing": Pt(28)},
}
LATIN_FONT = "Times New Roman"
# Substitutes Word and LibreOffice try when a face is missing (w:altName).
ALT_NAMES = {"仿宋_GB2312": "仿宋", "方正小标宋简体": "宋体", "黑体": "SimHei", "宋体": "SimSun"}
TEXT_WIDTH_CM = 15.6  # A4 21 cm minus 2.7 cm each side
# Characters XML 1.0 cannot hold (lxml refuses the whole text): control characters
# a report's text or a hand-edited JSON brings along, U+FFFE/U+FFFF, lone surrogates.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Word's own line break (vertical tab, as Word exports it) and a page break stay breaks.
_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})


def xml_text(text: str) -> str:
    """Text Word can hold: a report JSON's `"\u000b"` or `"\u0000"` ended the
    rendering in lxml's English traceback; they are no printed characters."""
    return _NOT_XML.sub("", text.translate(_BREAKS)) if _NOT_XML.search(text) else text


def _first_child(parent, tag: str):
    """The `tag` child of `parent`, made its first child when missing."""
    child = parent.find(qn(tag))
    if child is None:
        child = OxmlElement(tag)
        parent.insert(0, child)
    return child


def _set_fonts(style, east_asia: str) -> None:
    style.font.name = LATIN_FONT
    fonts = _first_child(style.element.get_or_add_rPr(), "w:rFonts")
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:ascii"), LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)


def _styles(doc) -> None:
    for name, (font, size, bold) in STYLES.items():
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles["Normal"]
        _set_fonts(style, font)
        style.font.size = Pt(size)
        style.font.bold = bold
        fmt = style.paragraph_format
        fmt.space_before = Pt(0)
        fmt.space_after = Pt(0)
        for key, value in PARAGRAPH[name].items():
            setattr(fmt, key, value)


def _font_table(doc) -> None:
    """Name a substitute for each East Asian face in word/fontTable.xml."""
    from lxml import etree

    part = next(p for p in doc.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml")
    root = etree.fromstring(part.blob)
    for name, alt in ALT_NAMES.items():
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), name)
        etree.SubElement(font, qn("w:altName")).set(qn("w:val"), alt)
        etree.SubElement(font, qn("w:charset")).set(qn("w:val"), "86")  # GB2312
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _cell_props(cell, width_twips: int) -> None:
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    tcw = _first_child(cell._tc.get_or_add_tcPr(), "w:tcW")
    tcw.set(qn("w:w"), str(width_twips))
    tcw.set(qn("w:type"), "dxa")


def _fixed_layout(table, widths: list[int]) -> None:
    tblpr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tblpr.append(layout)
    for col, w in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths):
        col.set(qn("w:w"), str(w))


def _row_props(row, header: bool) -> None:
    trpr = row._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:cantSplit"))
    if header:
        trpr.append(OxmlElement("w:tblHeader"))


def _table(doc, grid: Grid) -> None:
    nrows = len(grid.rows)
    table = doc.add_table(rows=nrows, cols=grid.ncols)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    total = sum(grid.widths)
    widths = [int(TEXT_WIDTH_CM / 2.54 * 1440 * w / total) for w in grid.widths]
    _fixed_layout(table, widths)
    for r, row in enumerate(table.rows):
        _row_props(row, r < len(grid.head))
    # python-docx recomputes the whole grid on every table.cell(); take it once. The
    # cells kept are the corners of merges, which no other merge removes.
    cells = table._cells
    style_id = doc.styles["年报表格"].style_id
    # a body row of headings only (表二's 第二十条第（五）项, 信息内容) keeps with the next
    keep = {r for r, row in enumerate(grid.rows) if r >= len(grid.head) and row and all(c.header for c in row)}
    for i, cell in enumerate(cells):
        _cell_props(cell, widths[i % grid.ncols])
    for r, c, spec in grid.placed():
        cell = cells[r * grid.ncols + c]
        if spec.rowspan > 1 or spec.colspan > 1:
            end = cells[(r + spec.rowspan - 1) * grid.ncols + c + spec.colspan - 1]
            cell = cell.merge(end)
            _cell_props(cell, sum(widths[c:c + spec.colspan]))
        para = cell.paragraphs[0]
        para._p.get_or_add_pPr().style = style_id  # para.style = … looks the id up each time
        if spec.header and spec.scope == "row":
            para.alignment = WD_ALIGN_PARAGRAPH.LEFT
        if r in keep:
            para.paragraph_format.keep_with_next = True
        if spec.text:
            run = para.add_run(xml_text(spec.text))
            run.bold = spec.header and r < len(grid.head)


def render_docx(layout: Layout) -> bytes:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    _styles(doc)
    _font_table(doc)
    doc.core_properties.title = xml_text(layout.title)
    doc.core_properties.author = xml_text(layout.signature[0]) if layout.signature else ""
    doc.add_paragraph(xml_text(layout.title), style="年报标题")
    doc.add_paragraph(xml_text(layout.preface), style="年报正文")
    for part in layout.parts:
        heading = doc.add_paragraph(xml_text(part.heading), style="年报一级标题")
        heading.paragraph_format.keep_with_next = True  # never alone at a page's foot
        for text in part.before:  # the text the report puts before its table
            doc.add_paragraph(xml_text(text), style="年报正文").paragraph_format.keep_with_next = True
        if part.grid:
            _table(doc, part.grid)
        for text in part.paragraphs:
            doc.add_paragraph(xml_text(text), style="年报正文")
    for line in layout.signature:
        doc.add_paragraph(xml_text(line), style="年报落款")
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
