"""Rows of a 台账 -> cases, with every problem written against its row.

Each data row is read into `Facts` (the dates and words the register gives), the
facts are checked for what the register must say together (an outcome needs its
date, a 补正 notice its period, an extension its approver), then turned into the
case's events — received, 补正 requested and received, consultation, extension,
answered or withdrawn — and replayed through the state machine, so an imported
case carries the same deadlines and checks as one entered by hand. A row that
cannot be read, or whose dates the law does not allow, gets Chinese errors and no
case; the import as a whole is refused while any row has an error.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable

from ..calendar import WorkdayCalendar
from ..model import ApplicantType, Case, Channel, ConsultParty, Event, EventKind, Outcome
from ..personal import SealedApplicant
from ..workflow import TransitionError, apply
from .fields import FIELD_BY_CODE, field_for, header_key
from .sheet import Grid, Header
from .values import (
    WITHDRAWN, CellError, read_applicant_type, read_channel, read_correction_due, read_date,
    read_days, read_outcome, text,
)

TOTAL_WORDS = ("合计", "总计", "小计", "累计")
NOTE_WORDS = ("填表人", "制表人", "填报人", "审核人", "负责人", "联系人", "填表日期", "制表日期",
              "注", "说明", "备注")
DATE_FIELDS = ("received_on", "answered_on", "correction_requested_on", "correction_received_on",
               "consulted_on", "consultation_closed_on", "extended_on")


@dataclass
class LedgerRow:
    line: int  # Excel row number
    number: str
    values: dict[str, str]  # field code -> the cell as written, dates as read (for the preview)
    case: Case | None = None
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def answer_due(self) -> Any:
        """The answer deadline the case got (None when it has none, e.g. withdrawn)."""
        from ..law import DeadlineKind

        return self.case.deadlines.get(DeadlineKind.ANSWER) if self.case else None

    @property
    def read_as(self) -> dict[str, str]:
        """What the row's words were read as, in table 三's terms (`公民` -> 自然人,
        `不予公开（属于四类过程性信息）` -> （三）不予公开·6.属于四类过程性信息): the preview
        showed the words only, and the clerk could not see where a row would count."""
        if self.case is None:
            return {}
        from ...check.labels import describe_row
        from ..model import EventKind

        received = next((e for e in self.case.events if e.kind is EventKind.RECEIVED), None)
        outcome = self.case.outcome
        return {"applicant_type": self.case.applicant_type.label,
                "channel": received.channel.label if received and received.channel else "",
                "outcome": describe_row("applications", outcome.row("2021")) if outcome else ""}

    def to_dict(self) -> dict[str, Any]:
        due = self.answer_due
        return {"line": self.line, "number": self.number, "values": self.values, "read_as": self.read_as,
                "status": self.case.status.value if self.case else None,
                "outcome": self.case.outcome.value if self.case and self.case.outcome else None,
                "answer_due": due.due.isoformat() if due else None,
                "answer_due_provisional": due.provisional if due else None,
                "errors": self.errors, "warnings": self.warnings}


@dataclass
class Facts:
    """What one row says, read but not yet checked against each other."""

    received_on: date | None = None
    applicant_type: ApplicantType | None = None
    channel: Channel | None = None
    answered_on: date | None = None
    outcome: Outcome | str | None = None
    correction_requested_on: date | None = None
    correction_due: date | int | None = None
    correction_received_on: date | None = None
    consulted_on: date | None = None
    consultation_closed_on: date | None = None
    extended_on: date | None = None
    extension_days: int | None = None
    approver: str = ""


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


def read_facts(cell: Callable[[str], Any], errors: list[str],
               default_channel: Channel | None) -> Facts:
    """Every mapped cell read; unreadable ones add an error and stay None."""
    def read(code: str, reader: Callable[..., Any], *args: Any) -> Any:
        v = cell(code)
        if text(v) == "":
            return None
        try:
            return reader(v, *args)
        except CellError as e:
            errors.append(str(e))
            return None

    f = Facts()
    for code in DATE_FIELDS:
        setattr(f, code, read(code, read_date, FIELD_BY_CODE[code].label))
    f.applicant_type = read("applicant_type", read_applicant_type)
    f.channel = read("channel", read_channel)
    f.outcome = read("outcome", read_outcome)
    f.correction_due = read("correction_due", read_correction_due, "补正期限")
    f.extension_days = read("extension_days", read_days, "延长天数")
    f.approver = text(cell("approver"))
    if f.received_on is None and text(cell("received_on")) == "":
        errors.append("没有收到申请日期")
    if f.applicant_type is None and text(cell("applicant_type")) == "":
        errors.append("没有申请人类型")
    if f.channel is None and text(cell("channel")) == "":
        f.channel = default_channel
        if f.channel is None:
            errors.append("没有申请方式（可在列映射中指定默认的申请方式）")
    return f


def check_facts(f: Facts) -> list[str]:
    """What the register must say together before the events can be built."""
    out = []
    if f.outcome is not None and f.answered_on is None:
        out.append("已填写办理结果，但没有答复日期")
    if f.answered_on is not None and f.outcome is None:
        out.append("已填写答复日期，但没有办理结果")
    if f.correction_received_on is not None and f.correction_requested_on is None:
        out.append("已填写收到补正日期，但没有补正告知日期")
    if f.correction_requested_on is not None and f.correction_due is None:
        out.append("已填写补正告知日期，但没有补正期限（日期或工作日数）")
    if f.outcome is Outcome.NO_CORRECTION and f.correction_requested_on is None:
        out.append("办理结果为逾期不补正，须填写补正告知日期和补正期限")
    if f.outcome is Outcome.NO_FEE:
        out.append("逾期未缴费的申请涉及收费通知，请在系统中逐件录入，不能从台账导入")
    if f.consultation_closed_on is not None and f.consulted_on is None:
        out.append("已填写征求意见结束日期，但没有征求意见日期")
    if (f.extended_on, f.extension_days, f.approver or None) != (None, None, None) and (
            f.extended_on is None or f.extension_days is None or not f.approver):
        out.append("延期答复须同时填写延期日期、延长天数和批准人（《条例》第三十三条第二款）")
    return out


def events_of(f: Facts) -> list[Event]:
    """The case's history as the register tells it, in the order it happened."""
    assert f.received_on is not None and f.channel is not None
    first = Event(EventKind.RECEIVED, f.received_on, channel=f.channel,
                  confirmed_on=f.received_on if f.channel.needs_confirmation else None,
                  note="台账导入")
    middle: list[Event] = []  # in the order they happen on one day
    if f.correction_requested_on is not None:
        due = f.correction_due
        middle.append(Event(EventKind.CORRECTION_REQUESTED, f.correction_requested_on,
                            reply_by=due if isinstance(due, date) else None,
                            days=due if isinstance(due, int) else None))
    if f.correction_received_on is not None:
        middle.append(Event(EventKind.CORRECTION_RECEIVED, f.correction_received_on))
    if f.consulted_on is not None:
        middle.append(Event(EventKind.CONSULTATION_SENT, f.consulted_on, party=ConsultParty.THIRD_PARTY))
    if f.consultation_closed_on is not None:
        middle.append(Event(EventKind.CONSULTATION_CLOSED, f.consultation_closed_on))
    if f.extended_on is not None:
        middle.append(Event(EventKind.EXTENDED, f.extended_on, days=f.extension_days,
                            approver=f.approver, notice_on=f.extended_on))
    events = [first, *sorted(middle, key=lambda e: e.on)]  # stable: same-day order kept
    if f.answered_on is not None:
        if f.outcome == WITHDRAWN:
            events.append(Event(EventKind.WITHDRAWN, f.answered_on))
        elif f.outcome is Outcome.NO_CORRECTION:
            events.append(Event(EventKind.CORRECTION_EXPIRED, f.answered_on))
        else:
            events.append(Event(EventKind.ANSWERED, f.answered_on, outcome=f.outcome))  # type: ignore[arg-type]
    return events


def build_row(line: int, row: list[Any], mapping: dict[str, int | None], agency: str,
              cal: WorkdayCalendar, default_channel: Channel | None) -> LedgerRow:
    def cell(code: str) -> Any:
        i = mapping.get(code)
        return row[i] if i is not None and i < len(row) else None

    values = {code: _shown(cell(code)) for code in FIELD_BY_CODE if mapping.get(code) is not None}
    out = LedgerRow(line, text(cell("number")), values)
    if not out.number:
        out.errors.append("没有申请编号")
    facts = read_facts(cell, out.errors, default_channel)
    if out.errors:
        return out
    out.errors.extend(check_facts(facts))
    if out.errors:
        return out
    for code in (*DATE_FIELDS, "correction_due"):
        day = getattr(facts, code)
        if isinstance(day, date):  # the preview shows how a date was read, not how it was typed
            values[code] = day.isoformat()
    assert facts.applicant_type is not None
    name = text(cell("applicant"))
    case = Case(out.number, agency, facts.applicant_type,
                applicant=SealedApplicant(name) if name else None, subject=text(cell("subject")))
    try:
        for e in events_of(facts):
            case = apply(case, e, cal)
    except TransitionError as e:
        out.errors.append(str(e))
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
