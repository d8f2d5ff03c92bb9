"""The `zfxxgk.report/1` report (report-json.md) as a pydantic model.

Cells are plain values — an int, a Decimal that keeps the digits as printed, or
None for a blank — because the interchange format promises exactly that; where a
cell came from lives beside the tables in `provenance`. What the parser noticed on
the way (a label variant, a value it had to infer) is kept in `notes`, which is not
part of the format: the checker turns notes into findings.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Callable, Literal

import orjson
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr, field_validator

from .standard import SCHEMA, known_cells
from .standard.vocabulary import CELL_LIMIT, TABLE_CODES, split_code, within_limit  # noqa: F401

def _within_limit(value: int | Decimal | None) -> int | Decimal | None:
    if not within_limit(value):
        raise ValueError(f"单元格的数值超出范围（绝对值应小于 10^{len(str(CELL_LIMIT)) - 1}）")
    return value


def _not_a_flag(value: Any) -> Any:
    """`true` is no count: pydantic's lax int made it 1 (and `false` an invented 0).
    Nor is text: the contract's cells are JSON numbers, and the lax int read "12.0",
    " 12" and "1_000" as 12 or 1000, "１２" and "1e3" as Decimals, silently."""
    if isinstance(value, bool):
        raise ValueError("应为数字或 null，不是 true/false")
    if isinstance(value, str):
        shown = value if len(value) <= 20 else value[:20] + "…"
        raise ValueError(f"应为数字或 null，不是文字（“{shown}”）")
    return value


CellValue = Annotated[int | Decimal | None, BeforeValidator(_not_a_flag), AfterValidator(_within_limit)]


def _a_year_number(value: Any) -> Any:
    """The statistics year is a JSON integer: "2023", " 2023" and "2023.0" were taken
    as 2023 by pydantic's lax int, and `true` was refused as a year before 1900."""
    if isinstance(value, (str, bool)):
        raise ValueError(f"应为四位数的年份（如 2023），不是{'true/false' if isinstance(value, bool) else '文字'}")
    return value


def cell_text(value: CellValue) -> str:
    """A value as printed: blank stays blank, a Decimal keeps its digits (never an
    exponent or a float's rounding). CSV, renderings and drafts all print cells so."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)
TableData = dict[str, dict[str, CellValue]]


@dataclass(slots=True)
class Provenance:
    """Where one cell was read: the keys that apply to the source kind. A plain
    dataclass, not a pydantic model: a report has some two hundred of them and
    they are built on the hot path of every parse."""

    line: int | None = None
    page: int | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None
    text: str | None = None
    unit: str | None = None
    decided_by: str | None = None  # the identity or prose figure that settled a recovered cell
    # a cell read by OCR: true, the recogniser's confidence (0-1) and the cell's
    # box [x0, y0, x1, y1] in the upright page image's pixels
    ocr: bool | None = None
    confidence: float | None = None
    box: list[int] | None = None
    # a doubtful OCR'd number's other readings (ingest/ocr/reread.py), for the parse
    # to compare (parse/ocr_trust.py); not part of the report's JSON
    readings: tuple[str, ...] | None = None

    def to_dict(self) -> dict[str, Any]:
        if (self.page is None and self.table is None and self.unit is None
                and self.line is not None and self.text is not None and self.decided_by is None):
            # a text source: line and text only (the common case, on the hot path)
            return {"line": self.line, "text": self.text}
        values = (self.line, self.page, self.table, self.row, self.col, self.text, self.unit,
                  self.decided_by, self.ocr, self.confidence, self.box)
        return {k: v for k, v in zip(_PROVENANCE_KEYS, values) if v is not None}


_PROVENANCE_KEYS = ("line", "page", "table", "row", "col", "text", "unit", "decided_by", "ocr",
                    "confidence", "box")
_new_object = object.__new__


def printed_cell(line: int | None, page: int | None, table: int | None, row: int | None,
                 text: str, unit: str | None) -> Provenance:
    """`Provenance(line, page, table, row, None, text, unit)`: where a cell printed
    whole on a line was read (most cells of every report), built for a fifth less. A
    class call runs the dataclass's `__init__` from C in a frame of its own; this
    function is entered as any Python call and sets the same eleven fields."""
    p = _new_object(Provenance)
    p.line = line
    p.page = page
    p.table = table
    p.row = row
    p.text = text
    p.unit = unit
    p.col = p.decided_by = p.ocr = p.confidence = p.box = p.readings = None
    return p


@dataclass
class Note:
    """Something the parser saw that a reviewer should hear about.

    `kind` names the finding family it feeds (``label``, ``inferred``, ``ambiguous``,
    ``table``, ``template``, ``meta``, ``value``); `cells` are cell codes; `data`
    carries what the message needs (the label as printed, the candidates, …)."""

    kind: str
    cells: list[str] = field(default_factory=list)
    line: int | None = None
    page: int | None = None
    excerpt: str | None = None
    data: dict[str, Any] = field(default_factory=dict)


class Report(BaseModel):
    model_config = ConfigDict(populate_by_name=True, extra="forbid")

    schema_: Literal["zfxxgk.report/1"] = Field(SCHEMA, alias="schema")
    agency: str | None = None
    region: str | None = None
    agency_key: str | None = None
    scope: Literal["agency", "region"] = "agency"
    year: Annotated[int | None, BeforeValidator(_a_year_number)] = Field(None, ge=1900, le=2999)  # (int64 in Parquet)
    template: Literal["2019", "2021"] | None = None
    published_on: date | None = None
    portal_date: date | None = None
    active: TableData = Field(default_factory=dict)
    applications: TableData = Field(default_factory=dict)
    review_litigation: TableData = Field(default_factory=dict)
    sections: dict[str, str] | None = None
    # part "2"/"3"/"4" -> how many lines of its text (in `sections`) print before its
    # table; absent or 0: all of it after the table
    text_before_table: dict[str, int] | None = None
    provenance: dict[str, Provenance] | None = None
    source: str | None = None
    sha256: str | None = None
    source_url: str | None = None

    _notes: list[Note] = PrivateAttr(default_factory=list)
    _source_lines: dict[int, str] = PrivateAttr(default_factory=dict)

    @field_validator("active", "applications", "review_litigation")
    @classmethod
    def _known_cells(cls, rows: TableData, info) -> TableData:
        """A cell the form has in neither format (a misspelt row, another tool's
        column) was kept unseen: no rule checked it and no export showed it."""
        known = known_cells()[info.field_name]
        for row, cells in rows.items():
            columns = known.get(row)
            for col in cells:
                if columns is None or col not in columns:
                    why = f"没有“{row}”这一行" if columns is None else f"“{row}”行没有“{col}”这一列"
                    raise ValueError(f"{why}（{info.field_name}.{row}.{col} 不是报告格式中的单元格）")
        return rows

    @property
    def notes(self) -> list[Note]:
        return self._notes

    @property
    def source_lines(self) -> dict[int, str]:
        """Line number -> line text of the source, for excerpts in findings."""
        return self._source_lines

    def cell(self, code: str) -> CellValue:
        """The value of `table.row.column` (None when blank or absent)."""
        table, row, col = split_code(code)
        return getattr(self, table).get(row, {}).get(col)

    def set_cell(self, code: str, value: CellValue) -> None:
        """Set `table.row.column` (the row made when absent), as `cell` reads it."""
        table, row, col = split_code(code)
        getattr(self, table).setdefault(row, {})[col] = value

    def has_cell(self, code: str) -> bool:
        table, row, col = split_code(code)
        return col in getattr(self, table).get(row, {})

    def where(self, code: str) -> Provenance | None:
        return (self.provenance or {}).get(code)




# Key order of the interchange format, as the expected files print it.
_ORDER = ("schema", "agency", "region", "agency_key", "scope", "year", "template",
          "published_on", "portal_date", "active", "applications", "review_litigation",
          "sections", "text_before_table", "provenance", "printed", "source", "sha256",
          "source_url")
_OPTIONAL = {"region", "agency_key", "scope", "portal_date", "sections", "text_before_table",
             "provenance", "source", "sha256", "source_url"}


_ATTR = {"schema": "schema_"}


def report_to_dict(report: Report, provenance: bool = True) -> dict[str, Any]:
    """The report as JSON-ready data, optional keys left out when empty; money
    stays Decimal (see `dumps`). Built from the attributes directly: every field
    is already plain data, and pydantic's generic dump costs more than the parse
    of a table on the hot path of batch runs."""
    out: dict[str, Any] = {}
    for key in _ORDER:
        if key == "provenance":
            if provenance and report.provenance:
                out[key] = {k: v.to_dict() for k, v in report.provenance.items()}
            continue
        if key == "printed":
            printed = printed_to_dict(report) if provenance else None
            if printed:
                out[key] = printed
            continue
        value = getattr(report, _ATTR.get(key, key))
        if key in _OPTIONAL and value in (None, {}, ""):
            continue
        if isinstance(value, date):
            value = value.isoformat()
        elif key in TABLE_CODES:
            value = {row: dict(cells) for row, cells in value.items()}
        elif key in ("sections", "text_before_table") and value is not None:
            value = dict(value)
        out[key] = value
    return out


def _orjson_default(o: Any) -> Any:
    if isinstance(o, Decimal):
        return orjson.Fragment(format(o, "f"))
    if isinstance(o, date):
        return o.isoformat()
    raise TypeError(f"not JSON serialisable: {type(o).__name__}")


def dumps(data: Any, indent: int | None = None) -> str:
    """JSON with Decimal written as printed (``25.3190`` stays ``25.3190``), not as a
    float's shortest repr nor as a string. Compact JSON (batch runs) by orjson;
    indented JSON by `json`, where Decimals pass through the `default` hook as
    marked strings, replaced by their literal afterwards, so the fast C encoder
    does the walking."""
    if indent is None:
        return orjson.dumps(data, default=_orjson_default).decode("utf-8")
    marks: list[str] = []

    def default(o: Any) -> Any:
        if isinstance(o, Decimal):
            marks.append(format(o, "f"))
            return f"\x00D{len(marks) - 1}\x00"
        if isinstance(o, date):
            return o.isoformat()
        raise TypeError(f"not JSON serialisable: {type(o).__name__}")

    text = json.dumps(data, ensure_ascii=False, indent=indent, default=default)
    for i, literal in enumerate(marks):
        text = text.replace(f'"\\u0000D{i}\\u0000"', literal, 1)
    return text


def report_to_json(report: Report, provenance: bool = True, indent: int | None = 1) -> str:
    return dumps(report_to_dict(report, provenance=provenance), indent=indent)


def report_to_json_line(report: Report, provenance: bool = True) -> bytes:
    """The report as one line of JSON Lines, UTF-8 bytes ending in a newline: what
    `report_to_json(indent=None)` gives, encoded. Batch runs write it as it comes
    from the encoder; decoding it to text for the file to encode again cost a
    fifth of writing a report."""
    return orjson.dumps(report_to_dict(report, provenance=provenance), default=_orjson_default,
                        option=orjson.OPT_APPEND_NEWLINE)


def report_from_json(text: str) -> Report:
    """Read a `zfxxgk.report/1` document; money comes back as Decimal, and what the
    parser saw (`printed`) comes back as the report's notes and source lines. A
    damaged document raises ValueError with a Chinese message (`json_data`)."""
    data = json_data(text)
    printed = data.pop("printed", None) if isinstance(data, dict) else None
    report = Report.model_validate(data)
    if isinstance(printed, dict):
        restore_printed(report, printed)
    return report


# Longer integers are refused before Python converts them (no report number has 20
# digits; a megabyte of digits took seconds, and past 4300 Python raised in English).
_MAX_DIGITS = 40
# A \uD800-\uDFFF escape: a pair is one character, a lone one no UTF-8 output can write.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object whose key comes twice (`{"total": 5, "total": 7}`) is refused: json
    kept the last one silently, a figure nobody can say was meant."""
    data = dict(pairs)
    if len(data) != len(pairs):
        keys = [k for k, _ in pairs]
        twice = next(k for i, k in enumerate(keys) if k in keys[:i])
        raise ValueError(f"“{twice[:40]}”一项出现了两次，不知应取哪一个")
    return data


def _no_constant(name: str) -> Any:
    """NaN and Infinity are no JSON numbers (json took them as floats)."""
    raise ValueError(f"{name} 不是数（JSON 中没有 NaN、Infinity）")


def _json_int(digits: str) -> int:
    if len(digits) > _MAX_DIGITS:
        raise ValueError(f"数字位数太多（{len(digits)} 位）")
    return int(digits)


def json_data(text: str | bytes, parse_float: Callable[[str], Any] = Decimal) -> Any:
    """The document's data, or a ValueError a reader understands: where the JSON breaks
    (a cut file), too deep a nesting, too long a number, a lone UTF-16 surrogate, a
    key given twice in one object, NaN or Infinity. Report files and the web API's
    request bodies are read so."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValueError("不是 UTF-8 编码的文本") from None
    try:
        data = json.loads(text, parse_float=parse_float, parse_int=_json_int,
                          object_pairs_hook=_unique_keys, parse_constant=_no_constant)
    except json.JSONDecodeError as e:
        raise ValueError(f"JSON 格式错误（第 {e.lineno} 行第 {e.colno} 列）") from None
    except RecursionError:
        raise ValueError("JSON 嵌套层数太多") from None
    if _SURROGATE_ESCAPE.search(text):
        try:
            json.dumps(data, ensure_ascii=False, default=str).encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError("文字中有无效的字符（单独的 UTF-16 代理项，如 \\ud800）") from None
    return data


# --- what the parser saw: `printed` (report-json.md; docs/printed.md) -----------------

def printed_to_dict(report: Report) -> dict[str, Any]:
    """The parser's notes and the source's lines as JSON-ready data, so that a report
    read back from JSON is checked exactly like its source."""
    out: dict[str, Any] = {}
    if report.notes:
        out["notes"] = [_note_to_dict(n) for n in report.notes]
    if report.source_lines:
        out["lines"] = {str(k): v for k, v in sorted(report.source_lines.items())}
    return out


def _note_to_dict(note: Note) -> dict[str, Any]:
    d: dict[str, Any] = {"kind": note.kind}
    if note.cells:
        d["cells"] = list(note.cells)
    where = {k: v for k, v in (("line", note.line), ("page", note.page), ("excerpt", note.excerpt))
             if v is not None}
    if where:
        d["where"] = where
    if note.data:
        d["data"] = note.data
    return d


def restore_printed(report: Report, printed: dict[str, Any]) -> None:
    """The inverse of `printed_to_dict`; entries it cannot read are left out."""
    notes = []
    for n in _list(printed.get("notes")):
        if isinstance(n, dict) and isinstance(n.get("kind"), str):
            where = _dict(n.get("where"))
            cells = [c for c in _list(n.get("cells")) if isinstance(c, str)]
            line, page = (v if isinstance(v, int) else None for v in (where.get("line"), where.get("page")))
            excerpt = where.get("excerpt") if isinstance(where.get("excerpt"), str) else None
            notes.append(Note(n["kind"], cells, line, page, excerpt, _dict(n.get("data"))))
    report._notes = notes
    report._source_lines = {int(k): v for k, v in _dict(printed.get("lines")).items()
                            if str(k).isdigit() and isinstance(v, str)}


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _dict(value: Any) -> dict:
    return dict(value) if isinstance(value, dict) else {}


def json_schema() -> dict[str, Any]:
    schema = Report.model_json_schema(by_alias=True)
    schema["properties"]["printed"] = {
        "type": "object", "title": "Printed",
        "description": "What the parser saw: its notes and the source's lines (docs/printed.md)",
        "properties": {"notes": {"type": "array", "items": {"type": "object"}},
                       "lines": {"type": "object", "additionalProperties": {"type": "string"}}}}
    schema["$id"] = "https://zfxxgk.invalid/schema/report-1.json"
    schema["title"] = "zfxxgk.report/1 政府信息公开工作年度报告"
    return schema
