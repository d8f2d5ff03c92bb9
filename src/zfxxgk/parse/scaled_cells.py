"""Figures a workbook stores in smaller units than it shows: a note for each.

Accountants type money in 元 and let the number format show it in 万元 (`0!.0000`,
`0\\.0000`: a point written in before the last four digits) or in thousands (`0.0,`).
The page shows the 万元 figure the form asks for, and that is what was read
(ingest/xlsx.py `cell_value`); but the file holds another number than it shows,
and a reader copying the cell gets the 元 one. Each such cell gets a warning
(F-VALUE) naming the number stored, the format and the figure read.
"""

from __future__ import annotations

from ..model import Note, Report
from ..standard.vocabulary import TABLE_CODES, split_code


def scaled_cells(meta: dict) -> dict[tuple[int, int], tuple[str, int, str]]:
    """(line, column) -> (the number stored, the power of ten the format divides it
    by, the number format) of each figure shown in larger units
    (`Document.meta["scaled_cells"]`)."""
    out: dict[tuple[int, int], tuple[str, int, str]] = {}
    for entry in (meta.get("scaled_cells") or "").split("\n"):
        line, col, stored, power, fmt = (entry.split("\t", 4) + ["", "", "", ""])[:5]
        if line.isdigit() and col.isdigit() and power.isdigit():
            out[(int(line), int(col))] = (stored, int(power), fmt)
    return out


def scaled_notes(report: Report, meta: dict) -> list[Note]:
    """A value_scaled note for each table cell read from such a figure."""
    found = scaled_cells(meta)
    out = []
    for code, prov in (report.provenance or {}).items():
        where = (prov.line, prov.col)
        if where not in found or split_code(code)[0] not in TABLE_CODES or report.cell(code) is None:
            continue
        stored, power, fmt = found[where]
        out.append(Note("value_scaled", [code], line=prov.line, page=prov.page, excerpt=prov.text,
                        data={"text": prov.text, "value": report.cell(code), "stored": stored,
                              "power": power, "format": fmt}))
    return out


__all__ = ["scaled_cells", "scaled_notes"]
