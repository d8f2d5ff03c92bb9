"""Quotes that follow the values on screen.

A finding quotes the source line its cell was read from. Once a person has
changed a cell read from that line (in the web's editor), the line no longer says
what the report says: typed 12, the live check still quoted “（七）总计 13 …”.
Such a finding's excerpt is restated from the current values in the printed
form's words (`表三 第24行 总计：12`); its place (the line number) stays, as it
still points at the right spot of the original file.

A reviewer's verdict is kept by the finding's fingerprint, which includes the
quoted text (app.finding_table.fingerprint). So before the quote is restated, the
fingerprint is computed from the source's own line and fixed in
`where["fingerprint"]`: the verdict on a finding survives an edit of its cells,
and findings on lines nobody edited are left exactly as the checker gave them.

A cell edited by hand is one whose provenance lost its printed text: the web
drops it at an edit, and every parser records it for each cell it reads.
"""

from __future__ import annotations

from typing import Any, Iterable

from ..check.engine import excerpt_of
from ..model import Provenance, Report
from ..render.layout import cell_text
from .finding_table import finding_fingerprint, official_parts

BLANK = "（空）"


def edited_cells(report: Report) -> set[str]:
    """Codes of the cells changed by hand since the source was read."""
    return {code for code, p in (report.provenance or {}).items()
            if p.text is None and (p.line is not None or p.table is not None)}


def _spot(p: Provenance | dict[str, Any]) -> tuple | None:
    """The source line (or table row) a cell was read from, or a finding's `where`
    points at: what a finding quotes."""
    line, page, table, row = (p.get(k) if isinstance(p, dict) else getattr(p, k)
                              for k in ("line", "page", "table", "row"))
    if line is not None:
        return ("line", line)
    if table is not None and row is not None:
        return ("row", page, table, row)
    return None


def quote(report: Report, codes: Iterable[str]) -> str | None:
    """The cells' current values in the printed form's words, cells of one row
    after one name of the row: `表三 第24行 自然人：12，总计：25`."""
    groups: dict[tuple[str, str], list[str]] = {}
    for code in codes:
        parts = official_parts(code, report.template)
        if parts is None:
            continue
        value = report.cell(code)
        text = cell_text(value) if value is not None else BLANK
        groups.setdefault(parts[:2], []).append(f"{parts[2]}：{text}")
    return excerpt_of("；".join(f"{t} {r} {'，'.join(cols)}" for (t, r), cols in groups.items()))


def restate(report: Report, findings: list[Any]) -> list[Any]:
    """`findings` (check.Finding objects) with the quotes of edited lines restated
    from the report's current values; returned as given when nothing was edited."""
    prov = report.provenance or {}
    edited = edited_cells(report)
    stale = {_spot(prov[c]) for c in edited} - {None}
    if not stale:
        return findings
    for f in findings:
        spot = _spot(f.where)
        if spot not in stale:
            continue
        on_spot = [c for c, p in prov.items() if _spot(p) == spot]  # the form's order
        named = [c for c in on_spot if c in f.cells]
        # located by a neighbour (a blank cell): quote what the whole line holds now
        on_spot = named or on_spot
        where = dict(f.where)
        where.setdefault("fingerprint", finding_fingerprint(f))
        where["excerpt"] = quote(report, on_spot)
        f.where = where
    return findings
