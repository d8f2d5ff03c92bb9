"""Figures of workbook cells whose formula was saved without its result: kept where
the table's identities agree, cleared where one contradicts them.

The workbook loader computes the simple formulas totals use (ingest/xlsx_formulas.py)
and lists each cell a formula filled or left empty (`Document.meta["formula_cells"]`).
A computed figure is what Excel shows, but no one computed it but zfxxgk: it is kept
unless an identity of tables 三 and 四 it takes part in, with all its cells read,
does not hold — then it is null (a SUM over the wrong cells shows a wrong total).
A kept figure's provenance says how it was obtained: `text` is the formula, and
`decided_by` the identities that agree (T3-1、T3-3), where any do. A formula left uncomputed (a
function other than SUM and ROUND, a reference to another workbook, a cycle) is a
null cell whose finding names the formula, not a blank the report left.
"""

from __future__ import annotations

from ..ingest.xlsx_formulas import COMPUTED, UNCOMPUTED
from ..model import Note, Report
from ..standard.identities import identities, sums
from ..standard.spec import Template
from ..standard.vocabulary import TABLE_CODES, split_code


def formula_cells(meta: dict) -> dict[tuple[int, int], tuple[str, str]]:
    """(line, column) -> (COMPUTED or UNCOMPUTED, the formula) of each listed cell."""
    out: dict[tuple[int, int], tuple[str, str]] = {}
    for entry in (meta.get("formula_cells") or "").split("\n"):
        parts = entry.split("\t", 3)
        if len(parts) == 4 and parts[0].isdigit() and parts[1].isdigit():
            out[(int(parts[0]), int(parts[1]))] = (parts[2], parts[3])
    return out


def settle_formulas(report: Report, template: Template, t3_rows: list[str], meta: dict,
                    notes: list[Note]) -> list[Note]:
    """Keep or clear each table cell a formula filled; the notes, with one for the
    cells kept, and one for each cell cleared or left uncomputed."""
    placed = formula_cells(meta)
    computed: dict[str, str] = {}
    unknown: dict[str, str] = {}
    for code, prov in (report.provenance or {}).items():
        got = placed.get((prov.line, prov.col))
        if got is None or split_code(code)[0] not in TABLE_CODES:
            continue
        state, formula = got
        if state == COMPUTED and report.cell(code) is not None:
            computed[code] = formula
        elif state == UNCOMPUTED and report.cell(code) is None:
            unknown[code] = formula
    if not computed and not unknown:
        return notes
    rules = identities(template, t3_rows)
    verdicts = {code: _verdict(code, rules, report) for code in computed}  # before any is cleared
    out = list(notes)
    kept = []
    for code, formula in sorted(computed.items(), key=lambda item: _place(report, item[0])):
        prov, value = report.provenance[code], report.cell(code)
        prov.text = formula
        held, rule = verdicts[code]
        if held:
            prov.decided_by = rule
            kept.append(code)
            continue
        report.set_cell(code, None)
        out.append(Note("formula_mismatch", [code], line=prov.line, excerpt=formula,
                        data={"formula": formula, "value": value, "identity": rule}))
    if kept:
        first = report.provenance[kept[0]]
        out.append(Note("formula_computed", kept, line=first.line, excerpt=first.text,
                        data={"formula": first.text, "value": report.cell(kept[0]), "count": len(kept)}))
    for code, formula in sorted(unknown.items(), key=lambda item: _place(report, item[0])):
        prov = report.provenance[code]
        prov.text = formula
        out.append(Note("formula_unknown", [code], line=prov.line, excerpt=formula,
                        data={"formula": formula}))
    return out


def _place(report: Report, code: str) -> tuple[int, int]:
    prov = report.provenance[code]
    return prov.line or 0, prov.col or 0


def _verdict(code: str, rules, report: Report) -> tuple[bool, str | None]:
    """(whether no complete identity of the cell fails, the rules that hold joined by
    、 — or the first that fails)."""
    agreeing: list[str] = []
    for identity in rules:
        if code not in identity.cells:
            continue
        got = sums(identity, report.cell)  # None: a cell not read
        if got is not None and got[0] != got[1]:
            return False, identity.rule
        if got is not None and identity.rule not in agreeing:
            agreeing.append(identity.rule)
    return True, "、".join(agreeing) or None


__all__ = ["formula_cells", "settle_formulas"]
