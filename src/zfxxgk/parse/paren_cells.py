"""Figures printed in parentheses, `(85)`: an accountant's minus, or a figure set
apart from the count (a note's, a part's). Read as printed they are no number
(F-VALUE), so a report printing its negatives or some of its figures so lost them.

A count is never negative, so in a count's cell (tables 三 and 四, table 二's
counts) the figure can only be 85 or not the cell's at all: 85 is kept where it is
certainly the count, as a date-formatted cell's figure is (date_cells.confirm):
every identity of tables 三 and 四 it takes part in whose cells are all read holds
with it and at least one does, or the report's prose states 85 for the cell. Its
provenance names what confirmed it. Otherwise the cell stays null, the finding
saying why. In 2019's 本年增/减, which may be negative, (85) is −85 by the
accountant's rule or 85 by the count's, and no identity binds the column: null,
the finding giving both readings.
"""

from __future__ import annotations

import re

from ..ingest.document import Line
from ..model import Note, Report
from ..standard import TEMPLATES
from ..standard.identities import identities
from ..standard.normalize import nfkc
from ..standard.spec import Template
from ..standard.vocabulary import split_code
from .date_cells import confirm
from .figures import prose_figures

_PAREN = re.compile(r"^[(（]\s*(\d{1,9})\s*[)）]$")


def paren_figure(text: str) -> int | None:
    """85 for `(85)` or `（85）`; None for anything else."""
    m = _PAREN.match(nfkc(text).strip())
    return int(m.group(1)) if m else None


PARENS = ("paren_figure", "paren_unread", "paren_signed")


def settle_parens(report: Report, template: Template, t3_rows: list[str], notes: list[Note],
                  lines: list[Line]) -> list[Note]:
    """The notes, each parenthesised figure's value_text note replaced by one
    saying how it was read: kept (paren_figure, with the identity or 正文 that
    confirms it), or null (paren_unread; paren_signed for a column that may be
    negative)."""
    return settle_figures(report, template, t3_rows, notes, lines, paren_figure, PARENS)


def settle_figures(report: Report, template: Template, t3_rows: list[str], notes: list[Note],
                   lines: list[Line], figure, kinds: tuple[str, str, str]) -> list[Note]:
    """The notes, each value_text note whose text `figure` reads as a count replaced
    by one of `kinds`: (kept, with what confirms it; null, no identity or prose
    confirming it; null, in a column that may be negative or money). Shared by
    the parenthesised figures and those printed with letters for digits (letter_cells)."""
    kept, unread, signed = kinds
    found = {n.cells[0]: (n, figure(str(n.data.get("text", "")))) for n in notes
             if n.kind == "value_text" and len(n.cells) == 1}
    found = {code: pair for code, pair in found.items() if pair[1] is not None}
    if not found:
        return notes
    columns = _columns(template)
    counts = [code for code in found if not columns.get(_column(code))]
    for code in counts:
        report.set_cell(code, found[code][1])
    stated = prose_figures([ln.text for ln in lines]) if counts else {}
    verdicts = confirm(report, counts, identities(template, t3_rows), stated)
    out = [n for n in notes if n.kind != "value_text" or n.cells[0] not in found]
    for code, (note, figure) in found.items():
        rule = verdicts.get(code)
        data = {"text": note.data.get("text"), "value": figure}
        if rule is not None:
            kind = kept
            if code in report.provenance:
                report.provenance[code].decided_by = rule
            data["identity"] = rule
        else:
            kind = unread if code in verdicts else signed
            report.set_cell(code, None)
        out.append(Note(kind, [code], line=note.line, page=note.page, excerpt=note.excerpt,
                        data=data))
    return out


def _column(code: str) -> tuple[str, str]:
    table, _, col = split_code(code)
    return table, col


def _columns(template: Template) -> dict[tuple[str, str], bool]:
    """(table, column) -> whether its figures may be other than a count (signed or money)."""
    tables = [t.active for t in TEMPLATES.values()]  # table 二 may be of the other format
    tables += [template.applications, template.review_litigation]
    return {(t.code, c.code): bool(c.signed or c.money) for t in tables for c in t.columns}
