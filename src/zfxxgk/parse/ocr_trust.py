"""Numbers read by OCR are verified by the tables' own identities.

A cell the recogniser read with low confidence (or read as something that is no
number) is settled by an identity when one determines it: every other cell of
the identity is known and was itself read with confidence. It is then set from
the identity and noted as inferred (F-INFERRED names the identity and what was
recognised). A low-confidence cell no identity determines alone is set only
where the prose or an identity over several such cells chooses among its
readings (`ocr_readings`); any other is null, noted for F-OCR with what was
read ("识别为“8”，置信度0.62"). Nothing read from pixels is ever trusted below
the threshold.
"""

from __future__ import annotations

from decimal import Decimal

from ..ingest.document import Line
from ..ingest.ocr.reread import DOUBT as LOW_CONFIDENCE
from ..model import Note, Report
from ..standard.identities import Identity, identities, sums
from ..standard.spec import Template
from ..standard.vocabulary import TABLE_CODES, split_code
from .figures import prose_figures
from .ocr_readings import candidates, resolve


def doubtful_cells(report: Report) -> list[str]:
    """Cells of the three tables read by OCR that are not to be trusted as read:
    low confidence, or ink that did not read as a number."""
    out = []
    for code, prov in (report.provenance or {}).items():
        if not prov.ocr or split_code(code)[0] not in TABLE_CODES:
            continue
        low = prov.confidence is not None and prov.confidence < LOW_CONFIDENCE
        unread = report.cell(code) is None and bool(prov.text)
        if low or unread:
            out.append(code)
    return out


def _solve(identity: Identity, code: str, report: Report,
           doubtful: set[str]) -> int | Decimal | None:
    """The value `code` must have for `identity` to hold, when every other cell of
    it is present and trusted; None otherwise (or when the value is negative)."""
    got = sums(identity, lambda c: 0 if c == code else report.cell(c), doubtful - {code})
    if got is None:
        return None
    left, right = got
    value = Decimal(right - left if code in identity.left else left - right)
    if value < 0:
        return None
    return int(value) if value == value.to_integral_value() else value


def settle(report: Report, template: Template, t3_rows: list[str],
           notes_so_far: list[Note], lines: list[Line] = ()) -> list[Note]:
    """Set each doubtful cell an identity determines; confirm or clear the rest
    (`ocr_readings.resolve`, with the figures the prose of `lines` states); note
    every doubtful cell. `t3_rows`: the codes of table 三's rows the report prints.
    Returns the notes, the parser's own notes on a settled cell's unreadable text
    (F-VALUE) left out: the cell has its value now, and says how."""
    doubtful = doubtful_cells(report)
    if not doubtful:
        return notes_so_far
    rules = identities(template, t3_rows)
    data = {code: _data(report, code) for code in doubtful}
    decided = _decide_alone(report, rules, set(doubtful))
    rest = [code for code in sorted(doubtful) if code not in decided]
    basis = resolve(report, rules, rest, prose_figures([ln.text for ln in lines])) if rest else {}
    notes = [_note(report, code, data[code], decided.get(code, (None, basis.get(code)))[1])
             for code in sorted(doubtful)]
    settled = {n.cells[0] for n in notes if n.kind == "inferred"}
    kept = [n for n in notes_so_far
            if not (n.kind == "value_text" and n.cells and set(n.cells) <= settled)]
    return kept + notes


def _decide_alone(report: Report, rules: tuple[Identity, ...], pending: set[str]) -> dict[str, tuple]:
    """Set each doubtful cell one identity determines from trusted cells, in rounds:
    a cell so set is trusted by the next round (a row's doubtful 总计 set by its
    column lets the row then set its one doubtful part). By cell: (value, rule)."""
    decided: dict[str, tuple] = {}
    while True:
        found_now = {}
        for code in sorted(pending):
            found = {}
            for identity in rules:
                if code in identity.cells:
                    value = _solve(identity, code, report, pending)
                    if value is not None:
                        found.setdefault(value, identity.rule)
            if len(found) == 1:
                found_now[code] = next(iter(found.items()))
        if not found_now:
            return decided
        for code, (value, _) in found_now.items():
            report.set_cell(code, value)
        decided.update(found_now)
        pending -= found_now.keys()


def _data(report: Report, code: str) -> dict:
    """What the finding says of a doubtful cell: what was read, how sure, where;
    and the cell's other readings (ingest/ocr/reread.py) where it was read again."""
    prov = report.provenance[code]
    data = {"text": prov.text or "", "confidence": prov.confidence, "table": prov.table,
            "row": prov.row, "col": prov.col, "box": prov.box, "page": prov.page}
    if prov.readings:
        data["readings"] = list(prov.readings)
        data["candidates"] = [str(v) for v in candidates(report, code)]
    return data


def _note(report: Report, code: str, data: dict, basis: str | None) -> Note:
    """An F-INFERRED note for a cell an identity or the prose decided (`basis`
    its rule or 正文); an F-OCR one for a cell left null (None)."""
    prov = report.provenance[code]
    if basis:
        prov.decided_by = basis
        return Note("inferred", [code], line=prov.line, page=prov.page, excerpt=prov.text,
                    data={"value": report.cell(code), "identity": basis, "ocr": data})
    return Note("ocr", [code], line=prov.line, page=prov.page, excerpt=prov.text, data=data)


__all__ = ["LOW_CONFIDENCE", "doubtful_cells", "settle"]
