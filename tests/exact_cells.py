"""The parser's standard, as tests check it: a cell is read exactly as printed, or
left null (never another number). Shared by the damage and the variant tests."""

from __future__ import annotations

from layouts import write
from strategies import distinct_report
from zfxxgk.model import Report
from zfxxgk.parse import parse_text
from zfxxgk.standard import SECTIONS

TABLES = ("active", "applications", "review_litigation")


def wrong_cells(parsed: Report, expected: dict) -> list[str]:
    """The cells `parsed` holds with a value other than `expected[table][row][col]`
    (a null cell is never wrong)."""
    wrong = []
    for table in TABLES:
        for row, cols in (getattr(parsed, table) or {}).items():
            for col, value in cols.items():
                want = expected[table].get(row, {}).get(col)
                if value is not None and value != want:
                    wrong.append(f"{table}.{row}.{col}={value} (want {want})")
    return wrong


def tables_of(report: Report) -> dict:
    return {t: getattr(report, t) for t in TABLES}


def filled_cells(report: Report) -> set[tuple[str, str, str]]:
    """(table, row, column) of every cell holding a value: what a probe compares with
    the cells a clean reading holds, to count the ones a damaged reading lost."""
    return {(t, r, c) for t in TABLES for r, cols in (getattr(report, t) or {}).items()
            for c, v in cols.items() if v is not None}


META = ("agency", "year", "template")


def meta_misses(report: Report, expected: Report) -> tuple[list[str], list[str]]:
    """The meta fields read with another value, and those left null."""
    wrong = [k for k in META if getattr(report, k) not in (None, getattr(expected, k))]
    return wrong, [k for k in META if getattr(report, k) is None]


def assert_read_without_headings(template: str, layout: str, seed: int,
                                 text_seed: int) -> tuple[Report, Report]:
    """`distinct_report(template, seed)` written in `layout` with every part heading
    taken out: the format is still told from the table labels alone, and every cell
    is read exactly or left null. Returns (the report written, the report read)."""
    expected = distinct_report(template, seed=seed)
    text = write(layout, expected, seed=text_seed)
    for heading in SECTIONS.values():
        text = text.replace(heading, "")
    report = parse_text(text)
    assert report.template == template
    assert wrong_cells(report, tables_of(expected)) == []
    return expected, report
