"""Excel workbooks (XLSX) -> `Document` (openpyxl).

Some offices keep the three tables in a workbook, one sheet each or all on one.
Every sheet is read as one table in sheet order: each row with any content is a
tab line whose `row`/`cols` are the sheet's own row and column numbers, so a
finding can say "第 2 张工作表第 14 行第 5 列". Merged cells are printed once, at
their top-left cell. What Excel does not show is not read: hidden sheets, rows and
columns (where offices keep last year's figures), and a float's residue beyond the
15 significant digits Excel keeps.

A sheet that only computes — it has formulas and not one number typed in, such as
the 勾稽关系核验 sheet zfxxgk's own workbooks end with — is the office's working,
not part of the report: it is left out (its sheet number stays unused), unless its
formulas show the cells of a hidden sheet (the report printed from a data sheet). Read as
text it would follow the 落款 and hide the signature and date from the parser,
which looks for them at the document's end.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from functools import lru_cache
from datetime import date, datetime, time
from decimal import Decimal

from ..errors import InputError
from .document import Document, Line
from .formulas import UNKNOWN, sheets_named
from .print_area import unprinted
from .grid import SPANNED, cell_text, row_cells
from .ooxml import properties, transitional
from .xlsx_formulas import Unsaved
from .zipguard import zip_damage

# Columns beyond this on a sheet: no report table.
MAX_COLUMNS = 200
MAX_ROWS = 5000
# Rows covered by tall merged ranges looked at, at most (`_merged_below`).
MAX_BELOW = 20000


def load_xlsx(data: bytes, source: str | None = None, date_figures: bool = True) -> Document:
    """`date_figures`: figures under a date format are written as their stored numbers
    and listed in `meta["date_cells"]` for the parser to confirm; False (a workbook
    whose lines are spliced into another document, without its meta) prints them as
    the dates Excel shows."""
    import openpyxl

    sha256 = hashlib.sha256(data).hexdigest()
    try:
        data = transitional(data)  # a Strict Open XML workbook (ooxml.py)
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            meta = properties(z, "Excel")
        wb = openpyxl.load_workbook(io.BytesIO(data), data_only=True, rich_text=True)
    except Exception as e:  # openpyxl raises many kinds for damaged files
        raise InputError(f"Excel 文件（XLSX）已损坏，无法读取（{zip_damage(e)}）",
                         source=source) from None
    computed, formulas, serials = formula_scan(data)
    computed -= _showing_hidden(wb, formulas)
    serials = serials if date_figures else {}
    unsaved = Unsaved(wb, formulas)  # formulas saved without their result: computed here
    dates: dict[tuple[int, int], tuple[str, str]] = {}  # figures under a date format: (printed date, how)
    scaled = Scaled(wb)  # figures a number format shows in larger units (元 typed, 万元 shown)
    lines: list[Line] = []
    for number, ws in enumerate(wb.worksheets, 1):
        if number in computed or ws.sheet_state != "visible":
            continue
        if ws.max_column > MAX_COLUMNS or ws.max_row > MAX_ROWS:
            raise InputError(f"工作表“{ws.title}”有 {ws.max_row} 行、{ws.max_column} 列，"
                             f"超过 {MAX_ROWS} 行或 {MAX_COLUMNS} 列的上限，不像年度报告",
                             source=source)
        lines += sheet_lines(ws, number, len(lines) + 1, unsaved, serials, dates, scaled)
    wb.close()
    if unsaved.placed:
        meta["formula_cells"] = unsaved.records()
    if scaled.cells:
        meta["scaled_cells"] = scaled.records()
    if dates:
        meta["date_cells"] = "\n".join(f"{line}\t{col}\t{text}\t{how}" for (line, col), (text, how) in dates.items())
    return Document(lines=lines, source=source, sha256=sha256, kind="xlsx", meta=meta)


def sheet_lines(ws, number: int, first: int, unsaved: Unsaved,
                serials: dict | None = None, dates: dict | None = None,
                scaled: "Scaled | None" = None) -> list[Line]:
    """A sheet's rows with any content as tab lines numbered from `first`. Hidden rows
    and columns are left out: Excel neither shows nor prints them, and offices hide
    last year's figures or a working column there. A formula saved without its
    result is computed (xlsx_formulas.py); one that cannot be stays an empty cell in
    its place (the parser leaves it null and says so), never dropped as the space
    beside the table: the row's other figures would then be placed as if one were
    missing somewhere else. Both are noted in `unsaved.placed` by line and column;
    figures shown in larger units than typed in `scaled`."""
    from openpyxl.cell.cell import MergedCell

    hidden_rows = {r for r, dim in ws.row_dimensions.items() if _shut(dim.hidden, dim.height)}
    hidden_cols = {c for dim in ws.column_dimensions.values() if _shut(dim.hidden, dim.width) and dim.min
                   for c in range(dim.min, min(dim.max or dim.min, MAX_COLUMNS) + 1)}
    if ws.print_area:  # unlabelled figures outside the print area: an old column beside the table
        hidden_cols |= unprinted(ws)
    formulas = unsaved.formulas
    below = _merged_below(ws)
    lines: list[Line] = []
    for r, row in enumerate(ws.iter_rows(), 1):
        if r in hidden_rows:
            continue
        shown = [c for c in row if c.column not in hidden_cols] if hidden_cols else row
        cells = [SPANNED if isinstance(c, MergedCell) else cell_value(
                     c.value if c.value is not None or not formulas
                     else unsaved.value(ws, number, r, c.column), c.number_format)
                 for c in shown]
        while cells and not cells[-1] and not (cells[-1] is not SPANNED and (
                bordered(shown[len(cells) - 1]) or (number, r, shown[len(cells) - 1].column) in formulas)):
            cells.pop()
        shown_dates = _date_figures(shown, cells, number, r, serials, ws.parent.epoch) if serials else {}
        texts, cols = row_cells(cells)
        if any(texts):
            lines.append(Line(first + len(lines), "\t".join(texts), table=number, row=r,
                              cols=tuple(shown[c - 1].column for c in cols),
                              above=below.get(r)))
            if unsaved.memo:  # (a formula without its result was met)
                unsaved.place(first + len(lines) - 1, number, r, [shown[c - 1].column for c in cols],
                              [shown[c - 1].value for c in cols])
            if dates is not None:
                dates.update({(first + len(lines) - 1, col): text for col, text in shown_dates.items()})
            if scaled is not None and scaled.formats:
                scaled.note(first + len(lines) - 1, [shown[c - 1] for c in cols])
    return lines


# Stored numbers below this under a date format print as a date before 1990: no date a
# report carries (its dates are of the year reported on), so a figure typed into a cell
# formatted as a date (Excel prints 12 as 1900/1/12). 32874 is 1990-01-01.
DATE_FIGURES = 32874
# A formula's cell under a date format: its saved result, converted back (_serial_of).
CACHED = object()
# meta["date_cells"]'s mark of a number stored as typed (not a formula's result).
TYPED = "typed"


def _date_figures(shown: list, cells: list, number: int, row: int, serials: dict,
                  epoch) -> dict[int, tuple[str, str]]:
    """Cells of a row holding a figure under a date format: each is replaced in `cells`
    by the number stored (what was typed), and their printed dates are returned by
    column with how the number was had (TYPED: stored as typed; else a formula's
    result). The parser keeps such a number only where it is certainly the figure
    (parse/date_cells.py). The number is the file's own; only a formula's result
    (kept as a date by openpyxl, `CACHED`) is converted back from its date, except
    day 59 (Excel's 60 is 1900-02-29, which has no date: both read as 1900-02-28)."""
    out: dict[int, tuple[str, str]] = {}
    for k, c in enumerate(shown[:len(cells)]):  # (the row's trailing empty cells are gone)
        serial = serials.get((number, row, c.column))
        how = TYPED
        if serial is CACHED:
            serial, how = _serial_of(c.value, epoch), "result"
        if serial is not None and (0 <= serial or how == TYPED) and serial < DATE_FIGURES \
                and cells[k] is not SPANNED and isinstance(c.value, (datetime, date, time)):
            # (Excel has no date before 1900: a negative number shows as ####)
            out[c.column] = (cells[k] if serial >= 0 else "####", how)
            cells[k] = cell_value(serial)
    return out


def _serial_of(value, epoch) -> float | None:
    from openpyxl.utils.datetime import CALENDAR_WINDOWS_1900, to_excel

    if not isinstance(value, (datetime, date, time)):
        return None
    try:
        serial = to_excel(value, epoch)
    except (TypeError, ValueError, OverflowError):
        return None
    if epoch == CALENDAR_WINDOWS_1900 and 59 <= serial < 60:
        return None  # 1900-02-28 may be 59 or 60 (see above); nothing else converts to 60
    return int(serial) if float(serial).is_integer() else serial


def _showing_hidden(wb, formulas: dict[tuple[int, int, int], str]) -> set[int]:
    """The sheets whose formulas show a hidden sheet's cells (a report sheet built on a
    sheet of typed numbers kept out of sight): the figures are printed there only, so
    such a sheet is read although it only computes."""
    hidden = {ws.title.casefold() for ws in wb.worksheets if ws.sheet_state != "visible"}
    if not hidden:
        return set()
    return {number for (number, _, _), formula in formulas.items()
            if "!" in formula and any(name.casefold() in hidden for name in sheets_named(formula))}


def _merged_below(ws) -> dict[int, tuple[int, ...]]:
    """Row -> the columns a merged range starting in a row above covers in it
    (`Line.above`: Excel shows the range's first cell's value once over its rows).
    At most MAX_BELOW rows of ranges are looked at (a hostile sheet's thousands of
    tall ranges cost nothing more; no report has so many)."""
    out: dict[int, set[int]] = {}
    budget = MAX_BELOW
    for merged in ws.merged_cells.ranges:
        if merged.max_row > merged.min_row:
            cols = range(merged.min_col, min(merged.max_col, MAX_COLUMNS) + 1)
            for r in range(merged.min_row + 1, min(merged.max_row, MAX_ROWS, merged.min_row + budget) + 1):
                out.setdefault(r, set()).update(cols)
            budget -= merged.max_row - merged.min_row
            if budget <= 0:
                break
    return {r: tuple(sorted(cols)) for r, cols in out.items()}


class Scaled:
    """The figures of a workbook whose number format shows them in larger units than
    the number stored (0!.0000: 元 typed, 万元 shown; 0.0,: thousands): each is read as
    shown (`cell_value`), and listed here by (line, column) with the number stored and
    the format, for the parser's note (parse/scaled_cells.py)."""

    def __init__(self, wb) -> None:
        # the workbook's own formats that scale (Excel's built-in ones never do): most
        # workbooks have none, and their cells are not looked at again
        self.formats = frozenset(f for f in getattr(wb, "_number_formats", ())
                                 if isinstance(f, str) and _units(f) is not None)
        self.cells: dict[tuple[int, int], tuple[int | float, str]] = {}  # (line, column) ->

    def note(self, line: int, cells: list) -> None:
        for c in cells:
            value = c.value
            if c.number_format in self.formats and isinstance(value, (int, float)) \
                    and not isinstance(value, bool) and value and not _unprinted(value, c.number_format):
                stored = int(value) if isinstance(value, float) and value.is_integer() else value
                self.cells[(line, c.column)] = (stored, c.number_format)

    def records(self) -> str:
        """One line a figure: line, column, the number stored, the power of ten the
        format divides it by, the format."""
        return "\n".join(f"{line}\t{col}\t{value!r}\t{_units(fmt)[0]}\t{fmt.replace(chr(10), ' ')}"
                         for (line, col), (value, fmt) in self.cells.items())


def _shut(hidden: bool, size: float | None) -> bool:
    """A row or column Excel does not show: flagged hidden, or dragged shut (a height or
    width of 0, which some writers save without the flag): offices keep last year's
    figures there, and reading them puts a second row of figures under the printed one."""
    return bool(hidden) or (size is not None and size == 0)


def _format_places(number_format: str | None) -> int:
    if not number_format or number_format == "General":
        return 0
    m = _FIXED.match(number_format.split(";")[0])
    return len(m.group(1) or "") if m else 0


@lru_cache(maxsize=256)
def _units(number_format: str) -> tuple[int, int] | None:
    """(the power of ten a format divides the number by, the decimals it shows) for a
    format that shows a number in larger units — a point written in as a character
    (0!.0000 or 0\\.0000: 元 shown as 万元, the digits' last four after it) or commas
    after the last digit (0.0, shows thousands) — None for any other (its first
    section; a comma between digits is grouping)."""
    section = re.sub(r'"[^"]*"|\[[^\]]*\]', "", number_format.split(";")[0])
    literal = re.search(r"[!\\]\.([0#?]+)", section)
    rest = section.replace(literal.group(0), "", 1) if literal else section
    if literal and "." in rest:
        return None
    digits = [i for i, ch in enumerate(rest) if ch in "0#?"]
    if not digits:
        return None
    commas = len(rest[digits[-1] + 1:]) - len(rest[digits[-1] + 1:].lstrip(","))
    if not literal and not commas:
        return None
    shown = len(literal.group(1)) if literal else _format_places(rest[:digits[-1] + 1])
    return (len(literal.group(1)) if literal else 0) + 3 * commas, shown


def formula_scan(data: bytes) -> tuple[set[int], dict[tuple[int, int, int], str], dict]:
    """(the sheets with formulas and no typed-in number, every formula by (sheet, row,
    column), the number stored in each cell formatted as a date by (sheet, row,
    column)). The values read above are the cached results (``data_only``), which no
    longer tell a formula from a constant, nor give a formula saved without its
    result, nor a date cell's number (openpyxl turns it into a date, and back only
    approximately); so the workbook is streamed once more for that."""
    import openpyxl

    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # the first read succeeded; without this one, keep every sheet
        return set(), {}, {}
    computed: set[int] = set()
    found: dict[tuple[int, int, int], str] = {}
    serials: dict[tuple[int, int, int], int | float] = {}
    dated = set(getattr(wb, "_date_formats", None) or ())  # styles of date formats
    wb._date_formats = set()  # read lazily, row by row: their numbers come as stored
    try:
        for number, ws in enumerate(wb.worksheets, 1):
            formulas = constants = 0
            for row in ws.iter_rows(max_row=MAX_ROWS, max_col=MAX_COLUMNS):
                for c in row:
                    if c.data_type == "f":
                        formulas += 1
                        if dated and getattr(c, "_style_id", None) in dated:
                            serials[(number, c.row, c.column)] = CACHED
                        if isinstance(c.value, str):
                            found[(number, c.row, c.column)] = c.value[:1000]
                    elif c.data_type == "n" and c.value is not None:
                        if dated and getattr(c, "_style_id", None) in dated:
                            serials[(number, c.row, c.column)] = c.value
                            constants += 0 <= c.value < DATE_FIGURES  # a figure typed, not a date
                        else:
                            constants += 1
            if formulas and not constants:
                computed.add(number)
    finally:
        wb.close()
    return computed, found, serials


def bordered(cell) -> bool:
    """Whether a cell is drawn as a table cell (has a border). The sheet's rows
    run to its widest column, so empty cells at the end of a row are dropped —
    except a bordered one: a blank cell at the end of a table row is a fact (the
    value left blank), not the space beside the table."""
    if not cell.has_style:
        return False
    b = cell.border
    return any(side is not None and side.style for side in (b.left, b.right, b.top, b.bottom))


def _unprinted(value: float, number_format: str | None) -> bool:
    """Whether the number format shows nothing for this figure: its section for the
    sign is empty (";;;"), as offices hide an old figure kept beside the new one.
    Excel picks the section by sign: positive; negative (else the first). A zero
    whose section is empty ("0;-0;", Excel's 不显示零值 by format) stays 0: hiding
    zeros is a sheet's look, and its reader takes the empty cells for 0."""
    if not value or not number_format or ";" not in number_format or '"' in number_format:
        return False
    sections = number_format.split(";")
    pick = 0 if value > 0 else 1
    return pick < len(sections) and not sections[pick].strip()


# A fixed-point number format ("0", "0.0000", "#,##0.00", "0.00_ "): its decimals.
_FIXED = re.compile(r"^[#,]*0*(?:\.(0+))?(?:_.|\\ | )*$")


def cell_value(value, number_format: str | None = None) -> str:
    """A cell as printed: 3.0 stored by Excel for an integer count is 3; a float
    keeps its shortest exact digits (96171.6, not 96171.600000001), and the decimal
    places its number format shows (25.319 under ``0.0000`` is printed 25.3190;
    money keeps its printed decimals) — padded with zeros only: a format showing
    fewer decimals than the value has never cuts a digit off."""
    if value is None or value is UNKNOWN:
        return ""
    if isinstance(value, list):  # rich text (openpyxl's CellRichText): its printed runs
        value = rich_text(value)
    if isinstance(value, Decimal):  # a formula computed here (formulas.py)
        value = int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (int, float)) and _unprinted(value, number_format):
        return ""
    if isinstance(value, (int, float)):
        # Excel keeps and shows 15 significant digits: 36.750000000000004 (a sum's
        # float residue in the file) is the 36.75 it prints
        exact = Decimal(value) if isinstance(value, int) else Decimal(f"{value:.15g}")
        if isinstance(value, float) and value.is_integer():
            exact = Decimal(int(value))
        places = _format_places(number_format)
        if number_format and ("!." in number_format or "\\." in number_format or "," in number_format):
            units = _units(number_format)
            if units is not None:  # shown in larger units: 251000 under 0!.0000 prints 25.1000
                exact, places = exact.scaleb(-units[0]), units[1]
                exact = exact.quantize(1) if exact == exact.to_integral_value() else exact.normalize()
        if places and exact.as_tuple().exponent > -places:
            exact = exact.quantize(Decimal(1).scaleb(-places))
        return format(exact, "f")
    if isinstance(value, (datetime, date)):
        return f"{value.year}年{value.month}月{value.day}日"
    return cell_text(str(value))


def rich_text(blocks: list) -> str:
    """A rich-text cell's text without its struck-through runs (an old figure kept
    beside the new one) and its superscript ones (a note mark: 12 with ¹ is 12)."""
    out = []
    for block in blocks:
        font = getattr(block, "font", None)
        if font is not None and (font.strike or font.vertAlign == "superscript"):
            continue
        out.append(str(getattr(block, "text", block)))
    return "".join(out)


__all__ = ["load_xlsx", "cell_value", "formula_scan"]
