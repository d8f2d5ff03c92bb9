"""Figures in workbook cells formatted as dates, kept only where the identities confirm them.

A column set to 日期 by mistake prints the figure 12 as 1900/1/12; the cell still
stores the 12 that was typed, and the workbook loader writes that number, listing
each such cell with its printed date (`Document.meta["date_cells"]`, ingest/xlsx.py).
Nobody reading the printed page sees the figure, so it is kept only where it is
certainly the figure: every identity of tables 三 and 四 it takes part in whose
cells are all read holds, and at least one does, or the report's prose states the
same figure. A number stored as typed (not a formula's result turned back from its
date) is the figure typed — a date format changes how a number shows, not the
number, and a date typed into the cell would be of a year a report never has (the
loader takes no serial from 1990 on) — so where no identity can judge it (table 二's
cells have none; a row whose other cells are unread) it is kept too, unless an
identity denies it. Any other is null, and its finding says the cell is formatted as
a date (F-VALUE); a kept one says so too, as a warning.
"""

from __future__ import annotations

from ..ingest.document import Line
from ..model import Note, Report
from ..standard.identities import Identity, identities, sums
from ..standard.spec import Template
from ..standard.vocabulary import TABLE_CODES, split_code
from .figures import prose_figures
from .solve import PROSE

TYPED = "录入"  # decided_by of a number stored as typed that no identity can judge


def date_cells(meta: dict) -> dict[tuple[int, int], tuple[str, bool]]:
    """(line, column) -> (printed date, whether the number is stored as typed) of each
    figure cell formatted as a date."""
    out: dict[tuple[int, int], tuple[str, bool]] = {}
    for entry in (meta.get("date_cells") or "").split("\n"):
        line, col, text, how = (entry.split("\t", 3) + ["", "", ""])[:4]
        if line.isdigit() and col.isdigit():
            out[(int(line), int(col))] = (text, how == "typed")
    return out


def _confirmed(code: str, rules: list[Identity], report: Report, doubted: set[str],
               stated: dict[str, int], typed: bool) -> str | None:
    """What confirms `code` (the first identity, or 正文: the prose states the same
    figure, or 录入: stored as typed and no identity judges it), when every complete
    identity of it holds; None otherwise."""
    found = PROSE if stated.get(code) == report.cell(code) else None
    for identity in rules:
        got = sums(identity, report.cell, doubted)  # None: a cell not read (or doubted)
        if got is not None and got[0] != got[1]:
            return None
        if got is not None and found is None:
            found = identity.rule
    return found or (TYPED if typed else None)


def confirm(report: Report, codes: list[str], rules: tuple[Identity, ...],
            stated: dict[str, int], typed: set[str] = frozenset()) -> dict[str, str | None]:
    """Code -> what confirms the figure `report` holds in it (`_confirmed`), or None
    where an identity denies it; a cell found unconfirmed confirms no other, so
    until nothing changes. Shared by the settlers of doubtful figures (dates,
    parenthesised counts)."""
    by_cell = {code: [i for i in rules if code in i.cells] for code in codes}
    doubted: set[str] = set()
    while True:
        failed = {code for code in codes if code not in doubted
                  and _confirmed(code, by_cell[code], report, doubted, stated, code in typed) is None}
        if not failed:
            break
        doubted |= failed
    return {code: None if code in doubted else
            _confirmed(code, by_cell[code], report, doubted, stated, code in typed) for code in codes}


def settle_dates(report: Report, template: Template, t3_rows: list[str], meta: dict,
                 notes: list[Note], lines: list[Line]) -> list[Note]:
    """Keep or clear each figure read from a cell formatted as a date; the notes, with
    one for each such cell (a kept one names the identity that confirms it, or 正文
    where the prose of `lines` states the same figure)."""
    dated = date_cells(meta)
    if not dated:
        return notes
    cells = {code: dated[(prov.line, prov.col)][0] for code, prov in (report.provenance or {}).items()
             if (prov.line, prov.col) in dated and split_code(code)[0] in TABLE_CODES
             and report.cell(code) is not None}
    if not cells:
        return notes
    typed = {code for code, prov in report.provenance.items() if code in cells and dated[(prov.line, prov.col)][1]}
    stated = prose_figures([ln.text for ln in lines])  # (as lazy_figures: a sheet of prose is a table)
    verdicts = confirm(report, list(cells), identities(template, t3_rows), stated, typed)
    out = [n for n in notes if not (n.cells and set(n.cells) <= set(cells) and n.kind == "value_text")]
    for code, printed in sorted(cells.items()):
        prov = report.provenance[code]
        value = report.cell(code)
        prov.text = printed
        data = {"text": printed, "value": value}
        rule = verdicts[code]
        if rule is None:
            report.set_cell(code, None)
            out.append(Note("date_format", [code], line=prov.line, page=prov.page,
                            excerpt=printed, data=data))
        else:
            prov.decided_by = rule
            out.append(Note("date_typed" if rule == TYPED else "date_figure", [code], line=prov.line, page=prov.page,
                            excerpt=printed, data={**data, "identity": rule}))
    return out


__all__ = ["confirm", "date_cells", "settle_dates"]
