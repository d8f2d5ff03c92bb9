"""The case list as a 台账 workbook: one row per application, for the office's files,
an inspection or the district's yearly collection, which are kept in Excel.

The columns that `cases import` reads carry its field names (`ledger.fields`), so an
exported 台账 reads back with every column recognised; the others (机关, 状态, 答复期限,
信息处理费) follow. Identity numbers and contact details stay out: the page shows them
masked and a spreadsheet travels further than a page. Every string is written as text
(`render.xlsx.new_workbook`): a subject typed as ``=HYPERLINK(…)`` stays a subject.
"""

from __future__ import annotations

import io
from datetime import date
from typing import Any, Iterable

from ...cases.ledger.fields import FIELD_BY_CODE
from ...cases.model import Case, CaseStatus, EventKind
from .data import outcome_label
from .models import CaseRecord
from .store import case_of

_WITHDRAWN_WORD = "申请人撤回"  # one of the importer's words (ledger.values) for a withdrawal

# (header, value of a case); dates are written as dates, counts as numbers
_COLUMNS: tuple[tuple[str, Any], ...] = (
    (FIELD_BY_CODE["number"].label, lambda c, r: c.id),
    ("机关", lambda c, r: c.agency),
    (FIELD_BY_CODE["received_on"].label, lambda c, r: c.received_on),
    (FIELD_BY_CODE["applicant_type"].label, lambda c, r: c.applicant_type.label),
    (FIELD_BY_CODE["applicant"].label, lambda c, r: c.applicant.name if c.applicant else ""),
    (FIELD_BY_CODE["channel"].label, lambda c, r: c.channel.label if c.channel else ""),
    (FIELD_BY_CODE["subject"].label, lambda c, r: c.subject),
    ("多项内容", lambda c, r: "；".join(c.items)),
    ("状态", lambda c, r: c.status.label),
    ("答复期限", lambda c, r: r.due_on if c.status.is_open else None),
    (FIELD_BY_CODE["answered_on"].label, lambda c, r: c.closed_on),
    (FIELD_BY_CODE["outcome"].label, lambda c, r: _result(c)),
    (FIELD_BY_CODE["correction_requested_on"].label, lambda c, r: _on(c, EventKind.CORRECTION_REQUESTED)),
    (FIELD_BY_CODE["correction_due"].label, lambda c, r: _correction_due(c)),
    (FIELD_BY_CODE["correction_received_on"].label, lambda c, r: _on(c, EventKind.CORRECTION_RECEIVED)),
    (FIELD_BY_CODE["consulted_on"].label, lambda c, r: _on(c, EventKind.CONSULTATION_SENT)),
    (FIELD_BY_CODE["consultation_closed_on"].label, lambda c, r: _on(c, EventKind.CONSULTATION_CLOSED)),
    (FIELD_BY_CODE["extended_on"].label, lambda c, r: _on(c, EventKind.EXTENDED)),
    (FIELD_BY_CODE["extension_days"].label, lambda c, r: c.extension_days or None),
    (FIELD_BY_CODE["approver"].label, lambda c, r: _event(c, EventKind.EXTENDED, "approver")),
    ("信息处理费（元）", lambda c, r: c.fee_amount),
)
HEADERS = tuple(h for h, _ in _COLUMNS)


def _event(case: Case, kind: EventKind, attr: str = "on") -> Any:
    e = next((e for e in reversed(case.events) if e.kind is kind), None)
    return getattr(e, attr) if e is not None else None


def _on(case: Case, kind: EventKind) -> date | None:
    return _event(case, kind)


def _correction_due(case: Case) -> date | int | None:
    """The day the office set, or the working days it gave (as the importer reads it)."""
    return _event(case, EventKind.CORRECTION_REQUESTED, "reply_by") or \
        _event(case, EventKind.CORRECTION_REQUESTED, "days")


def _result(case: Case) -> str:
    if case.status is CaseStatus.WITHDRAWN:
        return _WITHDRAWN_WORD
    return outcome_label(case.outcome) if case.outcome else ""


def ledger_xlsx(records: Iterable[CaseRecord]) -> bytes:
    """The 台账 of these cases (in the order given) as XLSX bytes."""
    from ...render.xlsx import new_workbook

    buf = io.BytesIO()
    book = new_workbook(buf)
    head = book.add_format({"bold": True, "bg_color": "#eeeeee", "border": 1, "text_wrap": True})
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet = book.add_worksheet("台账")
    sheet.write_row(0, 0, HEADERS, head)
    n = 0
    for n, record in enumerate(records, start=1):
        case = case_of(record)
        for col, (_, value) in enumerate(_COLUMNS):
            v = value(case, record)
            if isinstance(v, date):
                sheet.write_datetime(n, col, v, day)
            elif v is not None and v != "":
                sheet.write(n, col, v)
    sheet.autofilter(0, 0, max(n, 1), len(HEADERS) - 1)
    sheet.freeze_panes(1, 1)
    sheet.set_column(0, len(HEADERS) - 1, 12)
    sheet.set_column(1, 1, 26)
    sheet.set_column(6, 7, 36)
    sheet.set_column(11, 11, 30)
    book.close()
    return buf.getvalue()
