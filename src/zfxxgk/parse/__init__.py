"""Document -> Report: the parser.

Stages, each a module: `sections` (the six parts and the table regions), `meta`
(agency, year, dates), `tables` (the three tables: stream -> rows -> cells, with
`cells`, `matcher`, `stream`, `fit` beneath), and `template` (which format the
tables use). Nothing here corrects a printed number; what had to be inferred or
could not be read is left as `Note`s for the checker.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from ..ingest.document import Document, Line
from ..model import Note, Report
from ..standard import TEMPLATES, Template, application_rows, get_template
from ..standard.identities import SIXTH_ROWS, application_identities
from ..standard.normalize import normalize_label
from ..standard.vocabulary import within_limit
from .meta import Meta, agency_key, read_meta, region_of
from .figures import lazy_figures
from .letter_cells import settle_letters
from .paren_cells import settle_parens
from .furniture import without_furniture
from .regions import Regions, find_regions
from .scope import derive_scope  # own report or its area's summary (report-json.md)
from .table_twice import read_twice
from .t3_forms import (merged_kinds, subtotal_place, transposed, with_kinds_merged, with_unprinted,
                       without_subtotal)
from .t3_header import UNCLEAR, column_order, unprinted_column
from .unprinted import fill_unprinted
from .review_table import read_review
from .tables import TableRead, read_active, read_applications
from .cut_rows import joined_cut_rows
from .year_columns import this_year_columns
from .year_copies import without_earlier_copies
from .template import detect_template, t3_items, t3_variant


_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_EMPHASIS = re.compile(r"\*\*|__")
# HTML space entities left in scraped text (&nbsp; padding between cells)
_SPACE_ENTITY = re.compile(r"&(?:nbsp|ensp|emsp|#160|#xa0|#12288);?", re.IGNORECASE)


_MARKUP = ("&", "\xa0", "#", "*", "__")  # what `_plain` looks for in a line


def _plain(lines: list[Line]) -> list[Line]:
    """Markdown heading marks and bold markers are layout, not words; so are HTML
    space entities and no-break spaces (read as one space). Most texts have none:
    five searches of the whole text tell so, instead of five per line."""
    whole = "\n".join([line.text for line in lines])
    if not any(mark in whole for mark in _MARKUP):
        return list(lines)
    out = []
    for line in lines:
        text = line.text
        if "&" in text or "\xa0" in text:
            text = _SPACE_ENTITY.sub(" ", text).replace("\xa0", " ")
            line = replace(line, text=text)
        if "#" in text or "*" in text or "__" in text:
            text = _MD_EMPHASIS.sub("", _MD_HEADING.sub("", text))
            line = replace(line, text=text)
        out.append(line)
    return out


def parse_document(doc: Document, previous: Report | None = None) -> Report:
    """`previous`: the same body's report of the year before, when known: its
    结转下年度 may choose among the readings of a damaged 上年结转 row."""
    lines = _plain(doc.lines)
    scan = doc.meta.get("scan") == "true"  # a PDF without a text layer (ingest/pdf.py)
    # why it has none: a scan, a text layer that cannot be decoded, text drawn as outlines
    reason = doc.meta.get("scan_kind", "scan") if scan else None
    if not scan and doc.meta.get("pictures"):  # pictures on text pages, not read (--no-ocr)
        reason = "pictures"
    elif not scan and doc.meta.get("frames"):  # a web page showing other files in frames
        reason = "frames"
    elif not scan and doc.meta.get("chunks"):  # a Word file's imported RTF, not converted
        reason = "chunks"
    regions = find_regions(lines)
    notes: list[Note] = list(regions.notes)
    report = Report(source=doc.source, sha256=doc.sha256)
    last_part = regions.sections.get("6", (None,))[0]
    # read first: the year decides the format when table 三's single （六） row is all that tells
    meta = read_meta(lines, regions.first_heading, doc.meta, doc.source, last_part)
    template, t3_rows, first_cell_line = _read_tables(report, lines, regions, notes, previous,
                                                      reason, meta.year)
    notes.extend(_second_copies(report, lines, regions))
    _read_meta(report, meta, notes)
    bodies = regions.part_bodies(lines, first_cell_line)
    report.sections = regions.section_texts(bodies)
    report.text_before_table = regions.text_before_tables(bodies, first_cell_line) or None
    t3_codes = [r.code for r in t3_rows]  # the identities are over row codes
    if any(n.kind == "value_text" for n in notes):  # (85), 1S4: a count's figure, or none
        notes = settle_parens(report, template, t3_codes, notes, lines)
        notes = settle_letters(report, template, t3_codes, notes, lines)
        if doc.meta.get("doubted_digits"):  # a lone PDF font's digits: confirmed or cleared
            from .doubted_cells import settle_doubted

            notes = settle_doubted(report, template, t3_codes, notes, lines)
    if doc.meta.get("date_cells"):  # figures under a workbook's date format: confirmed or cleared
        from .date_cells import settle_dates

        notes = settle_dates(report, template, t3_codes, doc.meta, notes, lines)
    if doc.meta.get("scaled_cells"):  # figures a workbook's number format shows in 万元, typed in 元
        from .scaled_cells import scaled_notes

        notes.extend(scaled_notes(report, doc.meta))
    if doc.meta.get("formula_cells"):  # a workbook's formulas saved without their results
        from .formula_cells import settle_formulas

        notes = settle_formulas(report, template, t3_codes, doc.meta, notes)
    if doc.meta.get("ocr"):  # numbers read from pixels: verified by the identities
        from .ocr_trust import settle

        notes = settle(report, template, t3_codes, notes, lines)
    if scan:  # missing sections and title follow from the scan: say it once per table
        notes = [n for n in notes if n.kind == "missing_table"]
    notes.extend(_unread_pages(doc.meta))
    report._notes = notes
    report._source_lines = {line.number: line.text for line in doc.lines}
    # the body's own copy of tables printed beside the area's summary is what was read
    report.scope = "agency" if regions.own_copy else derive_scope(report).scope
    return report


def _table_lines(lines: list[Line], regions: Regions) -> list[Line]:
    """The lines the three tables are read from: what the page prints between and
    beside their rows that is no part of them taken out."""
    # the tables are read without the page furniture between their rows
    tables = without_furniture(lines, regions.bounds, regions.first_heading)
    # last year's copy of a table printed before (or after) this year's: not read
    tables = without_earlier_copies(tables, regions.bounds)
    # a column per year under one header: this year's columns are the table's
    tables = this_year_columns(tables, regions.bounds)
    return joined_cut_rows(tables, regions.bounds)  # a row of 三 wrapped inside a number


def _read_tables(report: Report, lines: list[Line], regions: Regions, notes: list[Note],
                 previous: Report | None, reason: str | None,
                 year: int | None = None) -> tuple[Template, list, dict[str, int]]:
    """The three tables' cells and provenance into `report`, their notes onto `notes`.
    Returns the template, table 三's rows and, per table, the first line any of its
    cells was read from (where the lead-in before it ends). `reason`: why a
    table not found could not be read (a scan: the Document has no text)."""
    tables = _table_lines(lines, regions)
    t3_stream = t3_items(regions.lines(tables, "applications"))
    subtotal = subtotal_place(regions.lines(lines, "applications"), t3_stream)
    if subtotal is not None:  # a local form's 小计 column: no cell of the report
        t3_stream = without_subtotal(t3_stream, subtotal)
    merged = merged_kinds(regions.lines(lines, "applications"), t3_stream)
    if merged is not None:  # 法人或其他组织 as one column: its five kinds not printed
        t3_stream = with_kinds_merged(t3_stream)
    turned = transposed(regions.lines(tables, "applications"))  # kinds as rows: not read
    variant = t3_variant(t3_stream)
    choice = detect_template(regions.lines(tables, "active"), variant, year)
    if choice.mixed:
        notes.append(Note("template_mixed", data={"majority": choice.template,
                                                  "minority_signals": choice.minority}))
    if choice.unsure:  # the single （六） row alone: the format by the year, or none
        notes.append(Note("template_unsure", data=choice.unsure))
    template = get_template(choice.template or choice.active_template or "2021")
    active_code = choice.active_template or template.code  # table 二 may be of the other format
    active = TEMPLATES[active_code].active
    t3_rows = application_rows(template, variant.rows_present)
    t3_order = column_order(regions.lines(lines, "applications"), t3_stream)
    unprinted = None if t3_order is not None or merged is not None or subtotal is not None \
        else unprinted_column(regions.lines(lines, "applications"), t3_stream)
    if unprinted is not None:  # a column the header and rows leave out: blank, then inferred
        t3_stream = with_unprinted(t3_stream, unprinted)
    hints = lazy_figures(lines, previous)
    review = template.review_litigation
    report.template = choice.template
    report.provenance = {}
    first_cell_line: dict[str, int] = {}
    for table, read, rows in (
        (active, read_active(active, regions.lines(tables, "active"), hints), list(active.rows)),
        (template.applications, TableRead() if turned or t3_order == UNCLEAR else
         _read_t3(template, t3_order, t3_rows, t3_stream, hints,
                  regions.lines(tables, "applications"), unprinted), t3_rows),
        (review, read_review(review, regions.lines(tables, "review_litigation"), hints),
         list(review.rows)),
    ):
        why = ("transposed" if turned else "header" if t3_order == UNCLEAR else reason) \
            if table is template.applications else reason
        setattr(report, table.code, _table_cells(table, rows, read, notes, why))
        report.provenance.update(read.provenance)
        first = min((p.line for p in read.provenance.values() if p.line is not None), default=None)
        if first is not None:
            first_cell_line[table.code] = first
        notes.extend(read.notes)
    notes.extend(_column_label_notes(active_code, regions.lines(lines, "active")))
    if merged is not None:
        notes.append(_merged_note(template.applications, t3_rows, merged))
    return template, t3_rows, first_cell_line


def _merged_note(table, rows, header: Line) -> Note:
    """The five kinds of 法人或其他组织 of every row, which a header merging them into
    one column leaves unprinted (t3_forms.merged_kinds)."""
    kinds = [c.code for c in table.columns[1:6]]
    cells = [f"{table.code}.{r.code}.{k}" for r in rows for k in kinds]
    return Note("merged_columns", cells, line=header.number, page=header.page,
                excerpt=header.text.strip()[:80], data={"table": table.code})


# words only a table's header prints: where none is after part 六, no table is
_TABLE_WORDS = ("信息内容", "申请人情况", "本年新收政府信息公开申请", "结果维持")


def _read_t3(template: Template, order: tuple[int, ...] | None, rows, items: list, hints,
             lines: list[Line], unprinted: int | None = None) -> TableRead:
    """Table 三, or each of two copies of it its part prints (table_twice.py): the
    cells they print otherwise are the copy's that adds up, or null. `unprinted`:
    the column its header leaves out, given by the identities (unprinted.py)."""
    table = template.applications
    identities = application_identities(template, [r.code for r in rows])

    def copy(part: list) -> TableRead:
        read = _read_t3_copy(table, order, rows, part, hints)
        if unprinted is not None and read.found:
            col = table.columns[unprinted].code
            fill_unprinted(read, [f"{table.code}.{r}.{col}" for r in read.cells], identities)
        return read

    return read_twice(items, lines, copy, table.code, identities)


def _read_t3_copy(table, order: tuple[int, ...] | None, rows, items: list, hints) -> TableRead:
    """Table 三 with its columns in the order its header prints them (`column_order`):
    the cells are read by place and the identities bind each column by its name;
    a row's own total (T3-3) is checked in the column the header names 总计."""
    if order is None:
        return read_applications(table, rows, items, hints)
    table = replace(table, columns=tuple(table.columns[i] for i in order))
    return read_applications(table, rows, items, hints, total=order.index(len(order) - 1))


def _second_copies(report: Report, lines: list[Line], regions: Regions) -> list[Note]:
    """A table printed again after part 六 (附表) with other figures than the copy
    read: the report publishes two versions of it, and which is right the reader
    cannot tell. The copy is read as the tables are; a note per table names the
    cells that differ (both printed, other numbers) and where the copy is."""
    a = regions.sections.get("6", (None,))[0]
    if a is None:
        return []
    tail = lines[a:regions.report_end]
    if not any(word in ln.text for ln in tail for word in _TABLE_WORDS):
        return []
    copy = Report()
    copy_notes: list[Note] = []
    _read_tables(copy, tail, find_regions(tail), copy_notes, None, None)
    out = []
    for table in ("active", "applications", "review_litigation"):
        first, second = getattr(report, table) or {}, getattr(copy, table) or {}
        differ = {f"{table}.{row}.{col}": (v, second[row][col])
                  for row, cols in first.items() if row in second for col, v in cols.items()
                  if v is not None and second[row].get(col) is not None and second[row][col] != v}
        if differ:
            where = min((copy.provenance[c] for c in differ), key=lambda p: p.line or 0)
            excerpt = next((ln.text.strip()[:80] for ln in tail if ln.number == where.line), None)
            out.append(Note("table_twice", list(differ), line=where.line, page=where.page,
                            excerpt=excerpt, data={"table": table, "values": {
                                c: list(v) for c, v in differ.items()}}))
    return out


def _unread_pages(meta: dict[str, str]) -> list[Note]:
    """A note for each page of a PDF whose text layer could not be decoded and
    that OCR did not read (--no-ocr): its tables and rows are missing because of
    the file, and the reviewer hears which pages and why (ingest/pdf.py: a
    font without a usable map, "garbled", or drawing other digits than the
    text says, "digit_map"). Also
    a note for each scanned page read from the scanner's own OCR layer (--no-ocr):
    its digits were never checked by a recogniser's confidence."""
    if meta.get("scan") == "true":
        return []  # every page: the tables' notes say it
    read = set(meta.get("ocr", "").split(","))
    pages = [p for p in meta.get("garbled", "").split(",") if p and p not in read]
    lying = set(meta.get("digit_map", "").split(","))
    return [Note("unread_page", page=int(p),
                 data={"reason": "digit_map" if p in lying else "garbled"}) for p in pages] + [
        Note("ocr_layer", page=int(p)) for p in meta.get("ocr_layer", "").split(",") if p]


def _read_meta(report: Report, meta: Meta, notes: list[Note]) -> None:
    """Who reports, for which year, signed when; the meta's notes at its title line."""
    report.agency = meta.agency
    report.region = region_of(meta.agency)
    report.agency_key = agency_key(meta.agency)
    report.year = meta.year
    report.published_on = meta.published_on
    line = meta.title_line or meta.period_line
    for kind, data in meta.notes:
        notes.append(Note(kind, line=line.number if line else None,
                          excerpt=line.text.strip() if line else None, data=data))


def parse_text(text: str, source: str | None = None, previous: Report | None = None) -> Report:
    return parse_document(Document.from_text(text, source=source), previous)


def _table_cells(table, rows, read: TableRead, notes: list[Note], reason: str | None) -> dict:
    data: dict[str, dict] = {}
    for row in rows:
        cols = table.row_columns(row)
        found = read.cells.get(row.code)
        if found is not None and len(found) == len(cols):
            data[row.code] = found  # a row read whole: every column, in order (TableRead)
        else:
            found = found or {}
            data[row.code] = {c.code: found.get(c.code) for c in cols}
    _drop_impossible(table, data, read, notes)
    if not read.found:
        codes = [f"{table.code}.{r.code}.{c.code}" for r in rows for c in table.row_columns(r)]
        data_note = {"table": table.code, **({"reason": reason} if reason else {})}
        notes.append(Note("missing_table", codes, data=data_note))
        return data
    for row in rows:
        if row.code not in read.rows_found and row.code not in SIXTH_ROWS:  # （六） may be left out
            cells = [f"{table.code}.{row.code}.{c.code}" for c in table.row_columns(row)]
            notes.append(Note("missing_row", cells, data={"table": table.code, "row": row.code}))
    return data


def _drop_impossible(table, data: dict, read: TableRead, notes: list[Note]) -> None:
    """A figure beyond any report's (`CELL_LIMIT`: a row's digits run together, a
    phone number in a cell) is left blank, with a note saying what was printed; so
    is a count with a fraction (21.5: a slip, a decimal comma, a figure and its note
    run together), which is no count and tells no number to trust."""
    money = None
    for row, cells in data.items():
        for col, value in cells.items():
            if value is None or (type(value) is int and within_limit(value)):
                continue  # the common cell
            if not within_limit(value):
                kind = "value_huge"
            else:
                money = _money_columns(table) if money is None else money
                if col in money or value == value.to_integral_value():
                    continue
                kind = "value_fraction"
            cells[col] = None
            code = f"{table.code}.{row}.{col}"
            where = read.provenance.get(code)
            text = where.text if kind == "value_fraction" and where and where.text else str(value)
            notes.append(Note(kind, [code], line=where.line if where else None,
                              page=where.page if where else None,
                              data={"text": text if len(text) <= 24 else text[:24] + "…"}))


def _money_columns(table) -> frozenset[str]:
    """The table's columns that hold amounts (万元), where a fraction is right."""
    return frozenset(c.code for r in table.rows for c in table.row_columns(r) if c.money)


def _column_label_notes(template: str, lines: list[Line]) -> list[Note]:
    """Column headings of table 二 (of the format `template`) printed with other words
    than the format's, one note per wording."""
    out: dict[tuple[str, str], Note] = {}
    active = TEMPLATES[template].active
    columns = _column_words(template)
    for line in lines:
        text = normalize_label(line.text)
        for col, official, synonyms in columns:
            if official in text:
                continue
            for syn, s, longer in synonyms:
                if s in text and not any(label in text for label in longer):
                    cells = [f"active.{r.code}.{col.code}" for r in active.rows
                             if col.code in (r.columns or ())]
                    out.setdefault((syn, col.label), Note(
                        "label", cells, line=line.number, page=line.page,
                        excerpt=line.text.strip(),
                        data={"printed": syn, "official": col.label, "what": "column"}))
                    break
    return list(out.values())


@lru_cache(maxsize=4)
def _column_words(template: str) -> tuple:
    """Table 二's columns that have synonyms, normalised once per format: (column,
    official words, ((synonym, its normalised form, the official labels that
    begin with it), ...)), longest synonym first."""
    table = TEMPLATES[template].active
    labels = [normalize_label(c.label) for c in table.columns]
    return tuple(
        (col, normalize_label(col.label),
         tuple((syn, normalize_label(syn),
                tuple(label for label in labels if label.startswith(normalize_label(syn))))
               for syn in sorted(col.synonyms, key=len, reverse=True)))
        for col in table.columns if col.synonyms)


__all__ = ["parse_document", "parse_text", "Regions"]
