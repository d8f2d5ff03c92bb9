"""Format checks on the document's shape: F-TABLE, F-TEMPLATE, F-SECTION, F-LABEL
and F-META. Most come from what the parser noted while reading; F-TABLE and
F-TEMPLATE also look at the data, so a report read from JSON (no notes) is checked too.
"""

from __future__ import annotations

from typing import Iterator

from ...model import Note
from ...standard import SECTIONS, TABLE_CODES, get_template, template_for_year
from ...standard.placeholders import only_placeholders, placeholders
from .. import messages as msg
from ..context import Context, listed, mapping
from ..engine import Finding, finding, rule
from ..labels import describe_cell, describe_cells, describe_row, describe_table


def _table_of(cells: list[str]) -> str:
    return cells[0].split(".", 1)[0] if cells else ""


def _row_of(cells: list[str]) -> str:
    parts = cells[0].split(".") if cells else []
    return ".".join(parts[1:-1])


def _table_cells(ctx: Context, table: str) -> list[str]:
    return [c for c in ctx.expected_cells if c.startswith(table + ".")]


# why a table was not found -> (message, suggestion): the file has no text to
# read it from (a scan, a text layer that cannot be decoded, text drawn as
# outlines: ingest/pdf.py; pictures on text pages left unread; a web page showing
# the report in a frame, not fetched: ingest/html.py; a Word file whose body is an
# imported RTF document LibreOffice could not convert: ingest/docx.py), or it is simply
# not there
_WHY_MISSING = {
    None: (msg.TABLE_MISSING, msg.TABLE_MISSING_FIX),
    "scan": (msg.TABLE_SCANNED, msg.TABLE_SCANNED_FIX),
    "garbled": (msg.TABLE_GARBLED, msg.TABLE_GARBLED_FIX),
    "digit_map": (msg.TABLE_DIGIT_MAP, msg.TABLE_GARBLED_FIX),
    "outlines": (msg.TABLE_OUTLINES, msg.TABLE_SCANNED_FIX),
    "pictures": (msg.TABLE_PICTURED, msg.TABLE_PICTURED_FIX),
    "frames": (msg.TABLE_FRAMED, msg.TABLE_FRAMED_FIX),
    "chunks": (msg.TABLE_CHUNK, msg.TABLE_CHUNK_FIX),
    "transposed": (msg.TABLE_TRANSPOSED, msg.TABLE_TRANSPOSED_FIX),
    "header": (msg.TABLE_HEADER, msg.TABLE_HEADER_FIX),
}


@rule("F-TABLE", "error", title="表格、行或单元格缺失",
      description="找不到规定的表格或行，或某一行的数字无法与栏目对齐（报告发布时就不完整，或已损坏），"
                  "或表三行列互换印制，或表三表头类别顺序不同且有重复或缺失，或把法人或其他组织的五类合为一栏，"
                  "或同一张表印了两次、数字不同（同一部分里印两份时不同的格不读），"
                  "或网页、Word、Excel 表格把一格与上一行或相邻一栏合并、或一行少一格，本格的数字没有印出且勾稽关系不能确定；"
                  "PDF 是扫描件、没有文字层，或文字层无法识别（字体缺少编码映射）、文字层的数字与字形不符、"
                  "文字是矢量图形时，"
                  "表格无法读取，也在这里报告。")
def missing_parts(ctx: Context) -> Iterator[Finding]:
    r, t = ctx.report, ctx.template
    for note in ctx.notes("missing_table"):
        table = str(note.data.get("table") or _table_of(note.cells))
        message, fix = _WHY_MISSING.get(note.data.get("reason"), _WHY_MISSING[None])
        yield finding(r, "F-TABLE", note.cells, message.format(table=describe_table(table, t)),
                      fix, note=note)
    for note in ctx.notes("unread_page"):
        page = msg.PAGE_DIGIT_MAP if note.data.get("reason") == "digit_map" else msg.PAGE_GARBLED
        yield finding(r, "F-TABLE", [], page.format(page=note.page), msg.TABLE_GARBLED_FIX,
                      note=note)
    for table in TABLE_CODES:
        if table in ctx.missing_tables and table not in ctx.noted_missing_tables:
            yield finding(r, "F-TABLE", _table_cells(ctx, table),
                          msg.TABLE_MISSING.format(table=describe_table(table, t)),
                          msg.TABLE_MISSING_FIX)
    for note in ctx.notes("missing_row"):
        table = str(note.data.get("table") or _table_of(note.cells))
        row = str(note.data.get("row") or _row_of(note.cells))
        yield finding(r, "F-TABLE", note.cells,
                      msg.ROW_MISSING.format(table=describe_table(table, t),
                                             row=describe_row(table, row, t)),
                      msg.ROW_MISSING_FIX, note=note)
    # rows absent from a table that is there, and not noted by the parser
    for (table, row), cells in ctx.expected_rows.items():
        if (table not in ctx.missing_tables and (table, row) not in ctx.noted_missing_rows
                and row not in getattr(r, table)):
            yield finding(r, "F-TABLE", cells,
                          msg.ROW_MISSING.format(table=describe_table(table, t),
                                                 row=describe_row(table, row, t)),
                          msg.ROW_MISSING_FIX)
    for note in ctx.notes("merged_columns"):
        yield finding(r, "F-TABLE", note.cells,
                      msg.TABLE_MERGED.format(table=describe_table("applications", t)),
                      msg.TABLE_MERGED_FIX, note=note)
    for note in ctx.notes("merged_cell"):
        said = msg.MERGED_CELL.get(note.data.get("how"), msg.MERGED_CELL["above"])
        values = listed(note.data.get("candidates"))
        message = said.format(cell=describe_cells(note.cells, t))
        if values:
            message += msg.MERGED_CANDIDATES.format(values=msg.OR.join(msg.number(v) for v in values))
        yield finding(r, "F-TABLE", note.cells, message, msg.MERGED_CELL_FIX, note=note)
    for note in ctx.notes("misaligned"):
        row = describe_row(_table_of(note.cells), _row_of(note.cells), t) if note.cells else ""
        tokens = " ".join(str(x) for x in listed(note.data.get("tokens")))
        yield finding(r, "F-TABLE", note.cells, msg.MISALIGNED.format(row=row, tokens=tokens),
                      msg.MISALIGNED_FIX, note=note)
    for note in ctx.notes("table_twice"):
        if mapping(note.data.get("values")):
            yield _table_twice(r, t, note)


def _table_twice(r, t, note) -> Finding:
    """A table printed twice (draft and final): the cells the copies print
    differently, and which copy was read when only one adds up."""
    values = mapping(note.data.get("values"))
    diffs = msg.CLAUSE_SEP.join(
        msg.TABLE_TWICE_ONE.format(cell=describe_cell(code, t),
                                   first=msg.number(pair[0]) or msg.BLANK_WORD,
                                   second=msg.number(pair[1]) or msg.BLANK_WORD)
        for code, pair in list(values.items())[:3] if isinstance(pair, list) and len(pair) == 2)
    table = str(note.data.get("table") or _table_of(note.cells))
    said = msg.TABLE_TWICE_UNREAD if note.data.get("unread") else msg.TABLE_TWICE
    first = note.data.get("chosen") != "second"
    if note.data.get("chosen") in ("first", "second"):  # one copy adds up, the other not
        said = msg.TABLE_TWICE_CHOSEN
    return finding(r, "F-TABLE", note.cells,
                   said.format(table=describe_table(table, t), count=len(values),
                               diffs=diffs + ("等" if len(values) > 3 else ""),
                               broken=note.data.get("broken") or "",
                               chosen="前" if first else "后", other="后" if first else "前"),
                   msg.TABLE_TWICE_FIX, note=note)


@rule("F-TEMPLATE", "warning", title="表格格式与年度不符或混用",
      description="表格格式与报告年度不符（2021年及以后的报告用了2019年格式，或反过来），"
                  "或一份报告混用了两种格式；表二未能读出、格式只能看表三单行的（六）其他处理时，"
                  "说明按报告年度定的格式，或格式未定。")
def template_problems(ctx: Context) -> Iterator[Finding]:
    r = ctx.report
    expected = template_for_year(r.year)
    if expected and r.template and r.template != expected:
        name = get_template(expected).name
        yield finding(r, "F-TEMPLATE", [],
                      msg.TEMPLATE_YEAR.format(year=r.year, expected=expected,
                                               expected_name=name, actual=r.template),
                      msg.TEMPLATE_YEAR_FIX.format(expected_name=name))
    mixed_notes = ctx.notes("template_mixed")
    other_cells = [f"applications.{row}.total" for kind in ctx.other_in_use for row in kind]
    for note in mixed_notes:
        majority = str(note.data.get("majority") or r.template or "2021")
        minority = "2019" if majority == "2021" else "2021"
        signals = msg.LIST_SEP.join(str(s) for s in listed(note.data.get("minority_signals")))
        cells = note.cells or (other_cells if ctx.mixed_other else [])
        yield finding(r, "F-TEMPLATE", cells,
                      msg.TEMPLATE_MIXED.format(majority=majority, minority=minority,
                                                signals=signals),
                      msg.TEMPLATE_MIXED_FIX.format(majority_name=get_template(majority).name),
                      note=note)
    unsure = ctx.notes("template_unsure")
    for note in unsure:
        yield _template_unsure(r, note)
    if not mixed_notes and not unsure and r.template and "applications" not in ctx.missing_tables \
            and ctx.mixed_other:
        if ctx.template.code == "2021":  # the single (六) row of 2019 in a 2021 table
            message, fix = msg.TEMPLATE_OTHER_SINGLE, msg.TEMPLATE_OTHER_SINGLE_FIX
        else:
            message, fix = msg.TEMPLATE_OTHER_SPLIT, msg.TEMPLATE_OTHER_SPLIT_FIX
        yield finding(r, "F-TEMPLATE", other_cells, message, fix)


def _template_unsure(r, note: Note) -> Finding:
    """Table 二 unread and table 三's single （六） row the one label left: the
    format the report's year gave, or none."""
    decided = str(note.data.get("decided") or "")
    said = msg.TEMPLATE_UNSURE + (
        msg.TEMPLATE_BY_YEAR.format(year=note.data.get("year"), decided=decided,
                                    name=get_template(decided).name)
        if decided in ("2019", "2021") else msg.TEMPLATE_UNDECIDED)
    return finding(r, "F-TEMPLATE", [], said, msg.TEMPLATE_UNSURE_FIX, note=note)


@rule("F-SECTION", "warning", title="六个部分缺失、重复或顺序不对",
      description="报告应依次包含六个部分（总体情况……其他需要报告的事项），缺少、重复或顺序颠倒时提示；"
                  "只有【待补充】占位文字的部分按缺少论，还有【待补充】内容的部分也提示。")
def section_problems(ctx: Context) -> Iterator[Finding]:
    for note in ctx.notes("section"):
        yield _section_finding(ctx, note, str(note.data.get("problem", "missing")),
                               str(note.data.get("section", "")))
    for n, text in sorted((ctx.report.sections or {}).items()):
        left = placeholders(text)
        if left:
            problem = "placeholder" if only_placeholders(text) else "unfinished"
            note = Note("section", line=ctx.section_line(n), excerpt=left[0][:40])
            yield _section_finding(ctx, note, problem, n, count=len(left))


def _section_finding(ctx: Context, note: Note, problem: str, n: str, count: int = 0) -> Finding:
    template = msg.SECTION.get(problem, msg.SECTION["missing"])
    fix = msg.SECTION_FIX.get(problem, msg.SECTION_FIX["missing"])
    return finding(ctx.report, "F-SECTION", note.cells,
                   template.format(n=n, heading=SECTIONS.get(n, ""), count=count), fix, note=note)


@rule("F-LABEL", "warning", title="标签与规范表述不一致",
      description="行名称、栏目名称、部分标题或表格小标题与规定格式的表述不同（错字、旧表述、缺字），"
                  "建议中给出规范表述。")
def label_variants(ctx: Context) -> Iterator[Finding]:
    for note in ctx.notes("label"):
        d = note.data
        what = msg.LABEL_WHAT.get(str(d.get("what", "row")), msg.LABEL_WHAT["row"])
        official = str(d.get("official", ""))
        yield finding(ctx.report, "F-LABEL", note.cells,
                      msg.LABEL.format(what=what, printed=d.get("printed", ""), official=official),
                      msg.LABEL_FIX.format(official=official), note=note)


# note kind -> (message, suggestion, the fields' values when the note lacks them)
META_NOTES = {
    "meta_doubled": (msg.META_DOUBLED, msg.META_DOUBLED_FIX, {"printed": "", "reduced": ""}),
    "meta_period": (msg.META_PERIOD, msg.META_PERIOD_FIX, {"printed": ""}),
    "meta_title_year": (msg.META_TITLE_YEAR, msg.META_TITLE_YEAR_FIX, {"title_year": ""}),
    "meta_no_agency": (msg.META_NO_AGENCY, msg.META_NO_AGENCY_FIX, {}),
    "meta_agency_file": (msg.META_AGENCY_FILE, msg.META_FROM_ELSEWHERE_FIX, {"source": "", "agency": ""}),
    "meta_from_properties": (msg.META_FROM_PROPERTIES, msg.META_FROM_ELSEWHERE_FIX,
                             {"field": "", "value": "", "file": "Word"}),
    "meta_from_header": (msg.META_FROM_HEADER, msg.META_FROM_ELSEWHERE_FIX, {"value": ""}),
    "meta_year_from_date": (msg.META_YEAR_FROM_DATE, msg.META_FROM_ELSEWHERE_FIX, {"date": "", "year": ""}),
    "meta_year_from_text": (msg.META_YEAR_FROM_TEXT, msg.META_FROM_ELSEWHERE_FIX, {"year": ""}),
    "meta_no_year": (msg.META_NO_YEAR, msg.META_FROM_ELSEWHERE_FIX, {}),
    "meta_signature_agency": (msg.META_SIGNATURE_AGENCY, msg.META_SIGNATURE_AGENCY_FIX,
                              {"agency": "", "signature": ""}),
    "meta_no_title": (msg.META_NO_TITLE, msg.META_NO_TITLE_FIX, {}),
    "meta_agency_ocr": (msg.META_AGENCY_OCR, msg.META_AGENCY_OCR_FIX, {"agency": "", "differs": ""}),
    "meta_banner_agency": (msg.META_BANNER_AGENCY, msg.META_SIGNATURE_AGENCY_FIX, {"banner": "", "agency": ""}),
    "meta_year_range": (msg.META_YEAR_RANGE, msg.META_YEAR_RANGE_FIX, {"printed": ""}),
}


@rule("F-META", "warning", title="标题、机关名称和统计期间",
      description="机关名称有重复的词、标题没有年度或找不到标题、标题年度与统计年度不一致、标题中的年度是区间、"
                  "统计期间不是当年1月1日至12月31日、落款的机关与标题或标题上方的名称不同、扫描件的机关名称没有第二处印证；找不到机关名称或年度，或名称、年度"
                  "只能取自文件名、网站发布日期、页眉页脚、Word、Excel 或 PDF 文件属性、正文中提到的年份。")
def meta_problems(ctx: Context) -> Iterator[Finding]:
    r = ctx.report
    for kind, (message, fix, defaults) in META_NOTES.items():
        for note in ctx.notes(kind):
            d = {"year": r.year, **defaults, **note.data}
            d["what"] = msg.META_PROPERTY_WHAT.get(str(d.get("what", "")), msg.META_PROPERTY_WHAT["agency"])
            yield finding(r, "F-META", note.cells, message.format(**d), fix.format(**d), note=note)
