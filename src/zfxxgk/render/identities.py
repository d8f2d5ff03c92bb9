"""The identities (勾稽关系) of report-json.md as equations over cell codes.

The XLSX writer turns each into spreadsheet formulas and `fix` uses them to fill a
blank 总计 cell that the other cells determine. The rule ids are the checker's
(T3-1, T3-2, T3-3, T4-1), so a failed line in the workbook and a finding of
`zfxxgk check` name the same thing. Rows of table 三 are the ones the report
prints (one or three （六） rows), as the checker counts them.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Report
from ..standard import get_template
from ..standard.identities import identities
from .layout import t3_rows


@dataclass(frozen=True)
class Equation:
    rule: str
    what: str  # Chinese: which column / row / group
    left: tuple[str, ...]  # cell codes summed on the left
    right: tuple[str, ...]  # cell codes summed on the right

    def values(self, report: Report):
        """(left sum, right sum), or None when a cell is blank (uncheckable)."""
        cells = [report.cell(c) for c in self.left + self.right]
        if any(v is None for v in cells):
            return None
        return (sum(report.cell(c) for c in self.left), sum(report.cell(c) for c in self.right))


def equations(report: Report) -> list[Equation]:
    """The report's identities (`standard.identities`), table 三 over the rows it prints."""
    template = get_template(report.template)
    rows = [r.code for r in t3_rows(template, report.applications)]
    return [Equation(i.rule, i.what, i.left, i.right) for i in identities(template, rows)]
