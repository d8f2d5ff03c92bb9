"""One description of the official layout, shared by every output format.

The writers (HTML, Markdown, DOCX, XLSX, PDF) never decide where a label goes or
which cells are merged: they walk a `Layout` built here from `zfxxgk.standard` and
a `Report`. So the merged headers of the official form (申请人情况 over seven
columns, 法人或其他组织 over five, the （三）–（六） groups spanning their rows, the
two-level 行政复议/行政诉讼 header) are written down once, and every label comes
from the standard's data, never from a writer.

A `Grid` lists, per row, only the cells that *start* in that row (as HTML does);
`placed()` gives the absolute position of each cell for the formats that need it
(DOCX, XLSX).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Iterator

from ..model import CellValue, Report, cell_text
from ..standard import SECTIONS, application_rows, get_template
from ..standard.common import T3_HEADER_NOTE
from ..standard.dates import zh_date
from ..standard.spec import Row, Table, Template

# The preface every report opens with: which rules it follows and the period it
# covers (standard.md §1.2 "report frame"). {basis} names the format's notice.
PREFACE = ("本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和{basis}要求编制，"
           "报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。")
BASIS = {
    "2021": "《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉"
            "的通知》（国办公开办函〔2021〕30号）",
    "2019": "《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》"
            "（国办公开办函〔2019〕60号）",
}
TITLE = "{agency}{year}年政府信息公开工作年度报告"
# The parts that hold a table: section key -> table code.
TABLE_PARTS = {"2": "active", "3": "applications", "4": "review_litigation"}


@dataclass
class Cell:
    text: str
    rowspan: int = 1
    colspan: int = 1
    header: bool = False
    scope: str | None = None  # col | colgroup | row | rowgroup (HTML accessibility)
    code: str | None = None  # table.row.column for a value cell
    value: CellValue = None
    money: bool = False
    places: int = 0  # digits after the point as printed (money)


@dataclass
class Grid:
    code: str
    caption: str
    ncols: int
    head: list[list[Cell]]  # repeated on every page (thead)
    body: list[list[Cell]]
    widths: list[float]  # relative column widths

    @property
    def rows(self) -> list[list[Cell]]:
        return self.head + self.body

    def placed(self) -> Iterator[tuple[int, int, Cell]]:
        """(row, column, cell) with absolute positions, skipping covered slots."""
        taken: set[tuple[int, int]] = set()
        for r, row in enumerate(self.rows):
            c = 0
            for cell in row:
                while (r, c) in taken:
                    c += 1
                yield r, c, cell
                for dr in range(cell.rowspan):
                    for dc in range(cell.colspan):
                        taken.add((r + dr, c + dc))
                c += cell.colspan


@dataclass
class Part:
    key: str
    heading: str
    paragraphs: list[str]  # printed after the table, if any
    grid: Grid | None = None
    before: list[str] = field(default_factory=list)  # printed between heading and table


@dataclass
class Layout:
    template: str
    title: str
    preface: str
    parts: list[Part]
    signature: list[str] = field(default_factory=list)  # agency, date
    title_lines: list[str] = field(default_factory=list)  # the title as printed on two lines


def _places(value: CellValue) -> int:
    if isinstance(value, Decimal):
        exp = value.as_tuple().exponent
        return -exp if isinstance(exp, int) and exp < 0 else 0
    return 0


def build(report: Report) -> Layout:
    """The whole document for a report: title, preface, six parts, signature."""
    template = get_template(report.template)
    agency = report.agency or ""
    year = report.year if report.year is not None else ""
    parts = []
    sections = report.sections or {}
    d = report.published_on
    signature = [s for s in (agency, zh_date(d) if d else "") if s]
    for key, heading in SECTIONS.items():
        text = sections.get(key) or ""
        if key == "6":
            text = strip_signature(text, signature)
        grid = build_grid(template, TABLE_PARTS[key], report) if key in TABLE_PARTS else None
        before, after = split_at_table(text, (report.text_before_table or {}).get(key, 0) if grid else 0)
        parts.append(Part(key, heading, paragraphs(after), grid, paragraphs(before)))
    return Layout(
        template=template.code,
        title=TITLE.format(agency=agency, year=year),
        title_lines=[x for x in (agency, TITLE.format(agency="", year=year)) if x],
        preface=PREFACE.format(basis=BASIS[template.code], year=year),
        parts=parts,
        signature=signature,
    )


def split_at_table(text: str, before: int) -> tuple[str, str]:
    """A table part's text cut where its table prints: its first `before` lines
    come before the table (report.text_before_table), the rest after it."""
    if before <= 0:
        return "", text
    lines = text.split("\n")
    return "\n".join(lines[:before]), "\n".join(lines[before:])


_PARAGRAPH_END = tuple("。；;！!？?：:”）)")
_PARAGRAPH_START = re.compile(r"^(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|\d+[.、．])")
_FOOTER = re.compile(r"^[-—–\s]*(?:第\s*)?\d+\s*(?:页)?[-—–\s]*$")


def paragraphs(text: str) -> list[str]:
    """Paragraphs of a part's text. Text read from a PDF keeps the page's hard line
    breaks and page numbers: a line that does not end a sentence runs on into the
    next one unless that one starts an item (（一）, 一、, 1.), and footers go."""
    out: list[str] = []
    for line in (p.strip() for p in text.split("\n")):
        if not line or _FOOTER.match(line):
            continue
        if out and not out[-1].endswith(_PARAGRAPH_END) and not _PARAGRAPH_START.match(line):
            out[-1] += line
        else:
            out.append(line)
    return out


_PAGE_NUMBER = re.compile(r"^[-—–]\s*\d+\s*[-—–]$")
_DATE_LINE = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")


def strip_signature(text: str, signature: list[str]) -> str:
    """Part 六 as parsed ends with the signature block (and sometimes a page number):
    the layout prints its own signature, so those trailing lines are dropped."""
    lines = text.rstrip().split("\n") if text.strip() else []
    names = {s.replace(" ", "") for s in signature}
    while lines:
        last = lines[-1].strip().replace(" ", "")
        if not last or last in names or _DATE_LINE.match(last) or _PAGE_NUMBER.match(last):
            lines.pop()
        else:
            break
    return "\n".join(lines)


# --- the three tables -----------------------------------------------------------------

def build_grid(template: Template, code: str, report: Report) -> Grid:
    table = template.table(code)
    data = getattr(report, code)
    if code == "active":
        return _active(table, data)
    if code == "applications":
        return _applications(table, t3_rows(template, data), data)
    return _review(table, data)


def _value(table: Table, row: str, col: str, data: dict, colspan: int = 1) -> Cell:
    value = data.get(row, {}).get(col)
    column = table.column(col)
    return Cell(cell_text(value), colspan=colspan, code=f"{table.code}.{row}.{col}",
                value=value, money=column.money, places=_places(value))


def _active(table: Table, data: dict) -> Grid:
    """Table 二: per 第二十条 item a caption row over four columns, a 信息内容 header
    row, then its rows; a sub-table with fewer than three value columns widens its
    last column, as the official form does (本年处理决定数量 over three)."""
    ncols = 4
    body: list[list[Cell]] = []
    groups = {g.code: g.label for g in table.groups}
    for group in dict.fromkeys(r.group for r in table.rows):
        members = [r for r in table.rows if r.group == group]
        cols = table.row_columns(members[0])
        spans = [1] * (len(cols) - 1) + [ncols - len(cols)]
        body.append([Cell(groups[group], colspan=ncols, header=True, scope="colgroup")])
        body.append([Cell(table.headers[0], header=True, scope="col")] +
                    [Cell(c.label, colspan=s, header=True, scope="col") for c, s in zip(cols, spans)])
        for r in members:
            body.append([Cell(r.label, header=True, scope="row")] +
                        [_value(table, r.code, c.code, data, s) for c, s in zip(cols, spans)])
    return Grid(table.code, table.title, ncols, [], body, [3, 2, 2, 2])


def t3_rows(template: Template, data: dict) -> list[Row]:
    """The rows of table 三 to print. A 2021 report that printed （六）其他处理 as one
    row is printed that way again (the report says what was published); the
    unused form of the （六） row is left out. A 2021 report holds an `other` row
    only when it printed the single row (parsing the official form gives the three
    `other.*` rows and no `other`), so with nothing filled in either form the key
    decides: a blank single row is printed as a blank single row again."""
    filled = {r for r, cells in data.items() if any(v is not None for v in cells.values())}
    present = filled | ({"other"} & set(data))
    rows = application_rows(template, present or set(data))
    codes = {r.code for r in rows}
    subs = {r.code for r in rows if r.code.startswith("other.")}
    if "other" in codes and subs:
        if "other" in filled and not (subs & filled):
            rows = [r for r in rows if r.code not in subs]
        elif subs & filled and "other" not in filled:
            rows = [r for r in rows if r.code != "other"]
        elif not (subs & filled) and "other" in data:
            rows = [r for r in rows if r.code not in subs]
    return rows


def _applications(table: Table, rows: list[Row], data: dict) -> Grid:
    cols = table.columns
    groups = {g.code: g.label for g in table.groups}
    applicant, person_label, org_label = table.headers[0], table.headers[1], table.headers[2]
    person = next(c for c in cols if c.label == person_label)
    orgs = [c for c in cols if c.code not in (person.code, "total")]
    total = table.column("total")
    head = [
        [Cell(T3_HEADER_NOTE, rowspan=3, colspan=3, header=True, scope="col"),
         Cell(applicant, colspan=len(cols), header=True, scope="colgroup")],
        [Cell(person.label, rowspan=2, header=True, scope="col"),
         Cell(org_label, colspan=len(orgs), header=True, scope="colgroup"),
         Cell(total.label, rowspan=2, header=True, scope="col")],
        [Cell(c.label, header=True, scope="col") for c in orgs],
    ]
    body: list[list[Cell]] = []
    results = [r for r in rows if r.group and r.code != "carried_forward"]
    done_groups: set[str] = set()
    for r in rows:
        cells: list[Cell] = []
        if not r.group:
            cells.append(Cell(r.label, colspan=3, header=True, scope="row"))
        else:
            if "results" not in done_groups:
                done_groups.add("results")
                cells.append(Cell(groups["results"], rowspan=len(results), header=True,
                                  scope="rowgroup"))
            if r.group == "results":
                cells.append(Cell(r.label, colspan=2, header=True, scope="row"))
            else:
                if r.group not in done_groups:
                    done_groups.add(r.group)
                    n = sum(1 for x in rows if x.group == r.group)
                    cells.append(Cell(groups[r.group], rowspan=n, header=True, scope="rowgroup"))
                cells.append(Cell(r.label, header=True, scope="row"))
        cells += [_value(table, r.code, c.code, data) for c in cols]
        body.append(cells)
    widths = [1.2, 1.4, 3.8] + [1.55 if c in orgs else 1.45 for c in cols]  # 商业企业 on one line
    return Grid(table.code, table.title, 3 + len(cols), head, body, widths)


def _review(table: Table, data: dict) -> Grid:
    groups = {g.code: g.label for g in table.groups}
    cols = table.columns
    n = len(cols)
    suits = [r for r in table.rows if r.group]
    review = next(r for r in table.rows if not r.group)
    head = [
        [Cell(groups[review.code], colspan=n, header=True, scope="colgroup"),
         Cell(groups[suits[0].group], colspan=n * len(suits), header=True, scope="colgroup")],
        [Cell(c.label, rowspan=2, header=True, scope="col") for c in cols] +
        [Cell(groups[r.code], colspan=n, header=True, scope="colgroup") for r in suits],
        [Cell(c.label, header=True, scope="col") for _ in suits for c in cols],
    ]
    body = [[_value(table, r.code, c.code, data) for r in (review, *suits) for c in cols]]
    return Grid(table.code, table.title, n * (1 + len(suits)), head, body, [1.0] * n * 3)
