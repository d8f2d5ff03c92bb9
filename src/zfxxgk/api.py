"""The Python API that the CLI (and later the web face) mirrors.

Every face does the same few things: read an input into a `Report` (a text report
is parsed; a `zfxxgk.report/1` JSON file is read back as it is), check it, and
render it. Keeping those steps here means a command is only argument handling
and output, and the library gives the same answers as the command line.

    >>> report = parse_path("报告.txt")              # doctest: +SKIP
    >>> findings = check_report(report, select="T3")  # doctest: +SKIP
"""

from __future__ import annotations

import os
import re
from datetime import date
from typing import TYPE_CHECKING, Any, BinaryIO, Iterable, Iterator

from .errors import InputError, NotAReport
from .ingest import Document, LoadOptions, load_bytes, load_path, load_stdin
from .ingest.text import STDIN_SOURCE, check_length, read_stream
from .model import Report, report_from_json
from .standard import SCHEMA, TABLE_CODES

if TYPE_CHECKING:  # the checker is imported lazily: parse works while it is unfinished
    from .check.engine import Finding

# Words every annual report contains somewhere (title, headings or table labels).
REPORT_MARKERS = ("政府信息公开", "年度报告", "主动公开", "申请")
_WS = re.compile(r"\s+")
_REPORT_JSON = re.compile(r'"schema"\s*:\s*"zfxxgk\.report/1"')


def ensure_report(doc: Document) -> Document:
    """Refuse a document that decodes but cannot be an annual report, so that the
    parser is never asked to make tables out of a novel or a CSV of something else.
    White space is ignored: PDF extraction often spaces title characters apart.
    A scanned PDF (`meta["scan"]`), or one with pages whose text layer could not be
    decoded (`meta["garbled"]`), has no words to judge by and is let through: the
    parser reports it as unreadable, which is what its reviewer needs to know."""
    text = doc.text
    check_length(text, doc.source)  # a PDF or page of megabytes of text, as a text file
    if doc.meta.get("scan") == "true" or doc.meta.get("garbled"):
        return doc
    if not _has_marker(text) and not _has_marker(_WS.sub("", text)):
        if doc.meta.get("chunks"):  # the report is in a Word file's imported RTF, not converted
            raise InputError("Word 文件的内容是导入的 RTF 文档（altChunk），未能读取："
                             + doc.meta["chunks"].split("\n")[0].removeprefix("RTF："),
                             source=doc.source)
        raise NotAReport("不是政府信息公开工作年度报告：文中没有“政府信息公开”“年度报告”"
                         "“主动公开”“申请”等字样", source=doc.source)
    return doc


def _has_marker(text: str) -> bool:
    return any(marker in text for marker in REPORT_MARKERS)


def parse_document(doc: Document, previous: Report | None = None) -> Report:
    """A decoded document -> Report (after the is-it-a-report check). `previous`:
    the same body's report of the year before; its 结转下年度 may settle a damaged
    上年结转 row that its own digits leave open (X-1)."""
    ensure_report(doc)
    from .parse import parse_document as _parse

    return _parse(doc, previous)


def is_report_json(text: str) -> bool:
    """Whether the text is a `zfxxgk.report/1` document (judged by content, not name)."""
    return text.lstrip().startswith("{") and _REPORT_JSON.search(text) is not None


_ANY_SCHEMA = re.compile(r'"schema"\s*:\s*"(zfxxgk\.[A-Za-z_]+/[^"]{1,20})"')


def _other_schema(text: str) -> str | None:
    """Why a zfxxgk JSON document of another kind or version is no report: it was
    parsed as report text and refused for lacking the report's words, which sent
    the user looking in the wrong place."""
    head = text.lstrip()[:1]
    if head == "[" and _REPORT_JSON.search(text[:2000]):
        return (f"这是多份报告组成的 JSON 数组（zfxxgk parse 读取多个文件时的输出），"
                f"请每份报告存为一个 {SCHEMA} 文件（zfxxgk parse 逐个文件输出）")
    if head != "{":
        return None
    found = _ANY_SCHEMA.search(text[:2000])
    if found is None or found.group(1) == SCHEMA:
        return None
    name = found.group(1)
    if name.startswith("zfxxgk.report/"):
        return f"报告 JSON 的版本是 {name}，这个版本的 zfxxgk 只读取 {SCHEMA}"
    return f"这是 zfxxgk 的 {name} 文档，不是报告 JSON（{SCHEMA}）"


def is_draft_bytes(data: bytes) -> bool:
    """Whether the bytes are a `zfxxgk.draft/1` YAML draft (judged by content)."""
    from .parse.draft import is_draft

    return is_draft(data[:4000].decode("utf-8", "ignore").lstrip("\ufeff"))


def read_draft_bytes(data: bytes, source: str | None = None) -> Report:
    """A filled-in YAML draft -> Report, read as `zfxxgk render` reads it (not parsed
    as report text: its numbers are already in their cells)."""
    from .parse.draft import read_draft

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError("草稿不是 UTF-8 编码的文本", source=source) from None
    return read_draft(text, source=source)


def report_from_document(doc: Document, previous: Report | None = None) -> Report:
    """A decoded input -> Report: a report JSON is read back, anything else parsed."""
    text = doc.text
    other = _other_schema(text)
    if other:
        raise InputError(other, source=doc.source)
    if is_report_json(text):
        try:
            report = report_from_json(text)
        except (ValueError, TypeError) as e:  # json and pydantic errors are ValueErrors
            raise InputError(f"不是有效的 zfxxgk.report/1 JSON：{_first_line(e)}",
                             source=doc.source) from None
        report.source = report.source or doc.source
        return report
    return parse_document(doc, previous)


def parse_bytes(data: bytes, source: str | None = None,
                options: LoadOptions | dict[str, Any] | None = None,
                previous: Report | None = None) -> Report:
    """Bytes of a report in any format (or of a report JSON) -> Report. The format
    is told by content; text is parsed here, every other format in the sandbox's
    worker process (ingest/sandbox.py), with its memory and time limits.
    `previous` (last year's report of the same body, as `--previous`) breaks
    ties among the readings of damaged rows (`parse_document`)."""
    from .ingest.detect import TEXT, sniff

    if sniff(data) == TEXT:
        if is_draft_bytes(data):
            return read_draft_bytes(data, source)
        return report_from_document(load_bytes(data, source=source, options=options), previous)
    from .ingest.sandbox import shared

    opts = LoadOptions.resolve(options)
    return report_from_loaded(shared().load(data, source, {"max_bytes": opts.max_bytes, "ocr": opts.ocr}),
                              previous)


def parse_bytes_keeping_pages(data: bytes, source: str | None = None,
                              options: LoadOptions | dict[str, Any] | None = None
                              ) -> tuple[Report, dict[int, bytes]]:
    """As `parse_bytes`, and the page images OCR read the tables of a scan from
    (page number -> greyscale JPEG; empty for a file with a text layer): the
    pixels the cells' `provenance.box` refers to, for showing a doubtful cell."""
    from .ingest.detect import TEXT, sniff

    if sniff(data) == TEXT:
        return parse_bytes(data, source, options), {}
    from .ingest.sandbox import shared

    opts = LoadOptions.resolve(options)
    # the sandbox's worker keeps the pages OCR read tables from (ingest/scan_pages.py)
    doc, pages = shared().load(data, source, {"max_bytes": opts.max_bytes, "ocr": opts.ocr,
                                              "page_images": True})
    return report_from_loaded(doc), pages


def report_from_bytes(data: bytes, source: str | None = None,
                      options: LoadOptions | dict[str, Any] | None = None) -> Report:
    """Load and parse in this process, without the sandbox: for trusted inputs
    (tests, fixtures). Everything else goes through `parse_bytes`."""
    from .ingest.load import load_document

    return report_from_loaded(load_document(data, source, options))


def report_from_loaded(doc: Document, previous: Report | None = None) -> Report:
    """A loaded document -> Report, the portal metadata of a web page filling what
    the body lacks."""
    report = report_from_document(doc, previous)
    apply_portal_meta(report, doc)
    return report


def apply_portal_meta(report: Report, doc: Document) -> None:
    """A portal page's 生成日期/发布时间 is `portal_date`; its 发布机构 is the agency
    only when the report itself names none (the body is the better witness)."""
    value = doc.meta.get("portal_date")
    if value and report.portal_date is None:
        try:
            report.portal_date = date.fromisoformat(value)
        except ValueError:
            pass
    from .parse.agency import acceptable, field_name

    # the parser already weighed this field; only a name it would accept may stand in
    agency = acceptable(field_name(doc.meta.get("portal_agency")))
    if agency and not report.agency:
        from .parse.meta import agency_key, region_of

        report.agency = agency
        report.region = region_of(agency)
        report.agency_key = agency_key(agency)


def parse_path(path: str | os.PathLike[str],
               options: LoadOptions | dict[str, Any] | None = None,
               previous: Report | None = None) -> Report:
    """A report file -> Report. Raises an InputError subclass (Chinese message,
    `source` set to the path) when the file cannot be read as a report."""
    from .ingest.text import read_path

    from .ingest.encoding import shown_name

    opts = LoadOptions.resolve(options)
    return parse_bytes(read_path(path, opts), source=shown_name(os.fspath(path)), options=opts,
                       previous=previous)


def parse_stream(stream: BinaryIO | Any, source: str = STDIN_SOURCE,
                 options: LoadOptions | dict[str, Any] | None = None,
                 previous: Report | None = None) -> Report:
    """A report on a stream (standard input), read up to the size limit."""
    opts = LoadOptions.resolve(options)
    return parse_bytes(read_stream(stream, opts.max_bytes, source), source=source, options=opts,
                       previous=previous)


def check_report(report: Report, select: str | Iterable[str] | None = None,
                 skip: str | Iterable[str] | None = None,
                 previous: Report | None = None) -> list["Finding"]:
    """Run the checker's rules over a report. `select`/`skip` take rule ids or
    families (`T3`, `F-`, `T3-1`), as a comma-separated string or a list;
    `previous` is the same body's report of the year before, which the cross-year
    rules (X-1, T2-1, T2-3) need — as `zfxxgk check REPORT --previous PREV`."""
    from . import check

    return check.run(report, select=select, skip=skip, previous=previous)


# --- long ("tidy") rows, for CSV and for anyone building a table of many reports -------

CELL_FIELDS = ("source", "agency", "year", "template", "table", "row", "column", "value")


def cell_rows(report: Report) -> Iterator[dict[str, Any]]:
    """One dict per cell of the three tables, in the report's order. `value` is the
    number as printed (a Decimal keeps its digits) or None for a blank cell."""
    for table in TABLE_CODES:
        for row, columns in getattr(report, table).items():
            for column, value in columns.items():
                yield {"source": report.source, "agency": report.agency, "year": report.year,
                       "template": report.template, "table": table, "row": row,
                       "column": column, "value": value}


# pydantic's error types in a reader's words (the others are named by their type)
_INVALID = {"missing": "缺少这个字段", "extra_forbidden": "不是报告的字段",
            "int_parsing": "应为整数", "int_type": "应为整数", "int_from_float": "应为整数",
            "decimal_parsing": "应为数字", "decimal_type": "应为数字", "float_parsing": "应为数字",
            "string_type": "应为文字", "dict_type": "应为对象（{…}）", "list_type": "应为列表（[…]）",
            "literal_error": "取值不在允许的范围内", "date_parsing": "应为日期（如 2024-01-31）",
            "date_from_datetime_parsing": "应为日期（如 2024-01-31）",
            "date_from_datetime_inexact": "应为日期（如 2024-01-31）", "date_type": "应为日期（如 2024-01-31）",
            "greater_than_equal": "超出范围", "less_than_equal": "超出范围",
            "finite_number": "应为有限的数字", "model_type": "应为对象（{…}）"}


# the member names pydantic adds to a union's error location (`total.int`)
_UNION_TAG = re.compile(r"^(?:int|decimal|float|str|bool|none|.*\[.*\])$")


def _first_line(e: Exception) -> str:
    """What is wrong, in one line: for a pydantic error, the first field and why."""
    errors = getattr(e, "errors", None)
    if callable(errors):
        first = errors()[0]
        where = ".".join(str(k) for k in first.get("loc", ()) if not _UNION_TAG.match(str(k))) or "报告"
        words = str(first.get("ctx", {}).get("error", "")) if first["type"] == "value_error" else ""
        kind = first["type"]
        return f"{where}：{words or _INVALID.get(kind, f'取值无效（{kind}）')}"
    return str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__


__all__ = ["CELL_FIELDS", "REPORT_MARKERS", "cell_rows", "check_report",
           "ensure_report", "is_report_json", "load_path", "load_stdin", "parse_bytes",
           "parse_bytes_keeping_pages",
           "parse_document", "parse_path", "parse_stream", "report_from_document"]
