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
    template = get_template(report.template)
    apps = template.applications
    rows = [r.code for r in t3_rows(template, report.applications)]
    results = rows[rows.index("granted"):rows.index("total")]
    out: list[Equation] = []

    def a(row: str, col: str) -> str:
        return f"applications.{row}.{col}"

    for col in apps.columns:
        out.append(Equation("T3-1", f"{col.label}列：一+二=（七）+四",
                            (a("received", col.code), a("carried_in", col.code)),
                            (a("total", col.code), a("carried_forward", col.code))))
    for col in apps.columns:
        out.append(Equation("T3-2", f"{col.label}列：（七）总计=各项办理结果之和",
                            (a("total", col.code),), tuple(a(r, col.code) for r in results)))
    parts = [c.code for c in apps.columns if c.code != "total"]
    for row in rows:
        label = apps.row(row).label if row in {r.code for r in apps.rows} else row
        if row == "other" and row not in {r.code for r in apps.rows}:
            label = "（六）其他处理"
        out.append(Equation("T3-3", f"{label}：总计=六类申请人之和",
                            (a(row, "total"),), tuple(a(row, c) for c in parts)))
    t4 = template.review_litigation
    groups = {g.code: g.label for g in t4.groups}
    for row in t4.rows:
        label = groups.get(row.code, row.label)
        if row.group:
            label = f"{groups[row.group]}·{label}"
        sub = [c.code for c in t4.columns if c.code != "total"]
        out.append(Equation("T4-1", f"{label}：总计=四项结果之和",
                            (f"review_litigation.{row.code}.total",),
                            tuple(f"review_litigation.{row.code}.{c}" for c in sub)))
    return out
