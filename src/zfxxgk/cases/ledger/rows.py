"""Rows of a 台账 -> cases, with every problem written against its row.

Each data row becomes a `Case` whose events are the dates the register gives
(received, 补正 requested and received, answered or withdrawn), replayed through
the state machine, so an imported case carries the same deadlines and checks as
one entered by hand. A row that cannot be read, or whose dates the law does not
allow, gets Chinese errors and no case; the import as a whole is refused while
any row has an error (nothing half-imported: see `Preview.ok`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable

from ..calendar import WorkdayCalendar
from ..model import Case, Channel, Event, EventKind, Outcome
from ..personal import SealedApplicant
from ..workflow import TransitionError, apply
from .fields import FIELD_BY_CODE, field_for, header_key
from .sheet import Grid, Header
from .values import (
    WITHDRAWN, CellError, read_applicant_type, read_channel, read_correction_due, read_date,
    read_outcome, text,
)

TOTAL_WORDS = ("合计", "总计", "小计", "累计")
NOTE_WORDS = ("填表人", "制表人", "填报人", "审核人", "负责人", "联系人", "填表日期", "制表日期",
              "注", "说明", "备注")


@dataclass
class LedgerRow:
    line: int  # Excel row number
    number: str
    values: dict[str, str]  # field code -> the cell as written (for the preview)
    case: Case | None = None
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"line": self.line, "number": self.number, "values": self.values,
                "status": self.case.status.value if self.case else None,
                "outcome": self.case.outcome.value if self.case and self.case.outcome else None,
                "errors": self.errors, "warnings": self.warnings}


def skip_reason(row: list[Any]) -> str | None:
    """Why a row is not data: blank, a total, a note under the table, a repeated header."""
    cells = [text(v) for v in row if text(v)]
    if not cells:
        return "空行"
    if any(header_key(c).rstrip(":") in TOTAL_WORDS or header_key(c).startswith(("合计", "总计"))
           for c in cells):
        return "合计行"
    if len(set(cells)) == 1 and cells[0].startswith(NOTE_WORDS):
        return "表注"
    if sum(1 for c in cells if field_for(c)) >= 2:
        return "重复的表头"
    return None


def build_row(line: int, row: list[Any], mapping: dict[str, int | None], agency: str,
              cal: WorkdayCalendar, default_channel: Channel | None) -> LedgerRow:
    def cell(code: str) -> Any:
        i = mapping.get(code)
        return row[i] if i is not None and i < len(row) else None

    values = {code: _shown(cell(code)) for code in FIELD_BY_CODE if mapping.get(code) is not None}
    out = LedgerRow(line, text(cell("number")), values)
    errors = out.errors

    def read(code: str, reader: Callable[..., Any], *args: Any) -> Any:
        v = cell(code)
        if text(v) == "":
            return None
        try:
            return reader(v, *args)
        except CellError as e:
            errors.append(str(e))
            return None

    label = {code: f.label for code, f in FIELD_BY_CODE.items()}
    if not out.number:
        errors.append("没有申请编号")
    received = read("received_on", read_date, label["received_on"])
    if received is None and not any("收到申请日期" in e for e in errors):
        errors.append("没有收到申请日期")
    kind = read("applicant_type", read_applicant_type)
    if kind is None and text(cell("applicant_type")) == "":
        errors.append("没有申请人类型")
    channel = read("channel", read_channel) or default_channel
    if channel is None and not any("申请方式" in e for e in errors):
        errors.append("没有申请方式（可在列映射中指定默认的申请方式）")
    answered = read("answered_on", read_date, label["answered_on"])
    outcome = read("outcome", read_outcome)
    asked = read("correction_requested_on", read_date, label["correction_requested_on"])
    due = read("correction_due", read_correction_due, label["correction_due"])
    corrected = read("correction_received_on", read_date, label["correction_received_on"])
    if errors:
        return out
    if outcome is not None and answered is None:
        errors.append("已填写办理结果，但没有答复日期")
    if answered is not None and outcome is None and text(cell("outcome")) == "":
        errors.append("已填写答复日期，但没有办理结果")
    if corrected is not None and asked is None:
        errors.append("已填写收到补正日期，但没有补正告知日期")
    if asked is not None and due is None:
        errors.append("已填写补正告知日期，但没有补正期限（日期或工作日数）")
    if outcome is Outcome.NO_CORRECTION and asked is None:
        errors.append("办理结果为逾期不补正，须填写补正告知日期和补正期限")
    if outcome is Outcome.NO_FEE:
        errors.append("逾期未缴费的申请涉及收费通知，请在系统中逐件录入，不能从台账导入")
    if errors:
        return out
    for code, day in (("received_on", received), ("answered_on", answered),
                      ("correction_requested_on", asked), ("correction_received_on", corrected),
                      ("correction_due", due if isinstance(due, date) else None)):
        if day is not None:  # the preview shows how a date was read, not how it was typed
            values[code] = day.isoformat()

    assert received is not None and kind is not None and channel is not None
    events = [Event(EventKind.RECEIVED, received, channel=channel,
                    confirmed_on=received if channel.needs_confirmation else None,
                    note="台账导入")]
    if asked is not None:
        events.append(Event(EventKind.CORRECTION_REQUESTED, asked,
                            reply_by=due if isinstance(due, date) else None,
                            days=due if isinstance(due, int) else None))
    if corrected is not None:
        events.append(Event(EventKind.CORRECTION_RECEIVED, corrected))
    if outcome == WITHDRAWN:
        events.append(Event(EventKind.WITHDRAWN, answered))  # type: ignore[arg-type]
    elif outcome is Outcome.NO_CORRECTION:
        events.append(Event(EventKind.CORRECTION_EXPIRED, answered))  # type: ignore[arg-type]
    elif outcome is not None:
        events.append(Event(EventKind.ANSWERED, answered, outcome=outcome))  # type: ignore[arg-type]
    name = text(cell("applicant"))
    case = Case(out.number, agency, kind, applicant=SealedApplicant(name) if name else None,
                subject=text(cell("subject")))
    try:
        for e in events:
            case = apply(case, e, cal)
    except TransitionError as e:
        errors.append(str(e))
        return out
    out.case = case
    out.warnings.extend(case.warnings)
    if any(d.provisional for d in case.deadlines.values()):
        out.warnings.append("期限所在年份尚无节假日安排，期限为暂定")
    return out


def _shown(v: Any) -> str:
    if isinstance(v, date):
        return v.isoformat()[:10]
    return text(v)


def build_rows(grid: Grid, header: Header, mapping: dict[str, int | None], agency: str,
               cal: WorkdayCalendar, default_channel: Channel | None
               ) -> tuple[list[LedgerRow], list[tuple[int, str]]]:
    rows: list[LedgerRow] = []
    skipped: list[tuple[int, str]] = []
    seen: dict[str, int] = {}
    for i in range(header.first_data_line - 1, len(grid.rows)):
        raw = grid.rows[i]
        reason = skip_reason(raw)
        if reason:
            skipped.append((i + 1, reason))
            continue
        r = build_row(i + 1, raw, mapping, agency, cal, default_channel)
        if r.number:
            if r.number in seen:
                r.errors.append(f"申请编号“{r.number}”与第{seen[r.number]}行重复")
                r.case = None
            else:
                seen[r.number] = r.line
        rows.append(r)
    # trailing blank rows are formatting, not content
    while skipped and skipped[-1][1] == "空行" and skipped[-1][0] > (rows[-1].line if rows else 0):
        skipped.pop()
    return rows, skipped
