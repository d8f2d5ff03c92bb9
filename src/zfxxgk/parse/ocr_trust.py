"""Numbers read by OCR are verified by the tables' own identities.

A cell the recogniser read with low confidence (or read as something that is no
number) is settled by an identity when one determines it: every other cell of
the identity is known and was itself read with confidence. It is then set from
the identity and noted as inferred (F-INFERRED names the identity and what was
recognised). A low-confidence cell no identity determines alone is set only
where the prose or an identity over several such cells chooses among its
readings; a cell set either way is trusted by the next identity (`ocr_readings`:
one loop over these steps). Any other is null, noted for F-OCR with what was
read ("识别为“8”，置信度0.62"). Nothing read from pixels is ever trusted below
the threshold.
"""

from __future__ import annotations

from ..ingest.document import Line
from ..ingest.ocr.reread import DOUBT as LOW_CONFIDENCE
from ..model import Note, Report
from ..standard.identities import identities
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


def settle(report: Report, template: Template, t3_rows: list[str],
           notes_so_far: list[Note], lines: list[Line] = ()) -> list[Note]:
    """Set each doubtful cell the identities or the prose of `lines` decide, clear
    the rest (`ocr_readings.resolve`); note every doubtful cell. `t3_rows`: the
    codes of table 三's rows the report prints.
    Returns the notes, the parser's own notes on a settled cell's unreadable text
    (F-VALUE) left out: the cell has its value now, and says how."""
    doubtful = sorted(doubtful_cells(report))
    if not doubtful:
        return notes_so_far
    data = {code: _data(report, code) for code in doubtful}
    basis = resolve(report, identities(template, t3_rows), doubtful,
                    prose_figures([ln.text for ln in lines]))
    notes = [_note(report, code, data[code], basis[code]) for code in doubtful]
    settled = {n.cells[0] for n in notes if n.kind == "inferred"}
    kept = [n for n in notes_so_far
            if not (n.kind == "value_text" and n.cells and set(n.cells) <= settled)]
    return kept + notes


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
