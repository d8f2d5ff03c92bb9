"""The identities (勾稽关系) of report-json.md over the rows a report prints.

The XLSX writer turns each into spreadsheet formulas and `fix` uses them to fill a
blank 总计 cell that the other cells determine. They are `standard.identities`'
own objects (rule ids T3-1, T3-2, T3-3, T4-1), so a failed line in the workbook and
a finding of `zfxxgk check` name the same thing. Rows of table 三 are the ones the
report prints (one or three （六） rows), as the checker counts them.
"""

from __future__ import annotations

from ..model import Report
from ..standard import Identity, get_template
from ..standard.identities import identities
from .layout import t3_rows


def equations(report: Report) -> tuple[Identity, ...]:
    """The report's identities (`standard.identities`), table 三 over the rows it prints."""
    template = get_template(report.template)
    return identities(template, [r.code for r in t3_rows(template, report.applications)])

