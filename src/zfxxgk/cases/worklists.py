"""Work lists: pure functions over a list of cases, like named queries.

- `due_soon`: the office's answer deadlines within the next few working days;
- `overdue`: the office's deadlines already past;
- `waiting_for_applicant`: cases waiting for a correction or a payment, with the
  applicant's deadline and whether it has run out (then the office records the
  expiry, which closes the case under （六）).
Consultations wait for a third party and appear in `waiting_for_party`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Iterable

from .calendar import WorkdayCalendar
from ..standard.dates import zh_date
from .counting import Deadline, workdays_between
from .law import DeadlineKind
from .model import APPLICANT_WAITING, Case, CaseStatus, EventKind

# The 补正告知 window is shown on the case but is no work-list item: most
# applications need no correction, and would all turn "overdue" after 7 days.
AGENCY_KINDS = (DeadlineKind.ANSWER,)
APPLICANT_KINDS = (DeadlineKind.CORRECTION_REPLY, DeadlineKind.FEE_PAYMENT)
# What the office records once the other side's period has run out: the event
# that closes the case under （六） (or ends the consultation) on the case page.
LAPSE_EVENTS = {DeadlineKind.CORRECTION_REPLY: EventKind.CORRECTION_EXPIRED,
                DeadlineKind.FEE_PAYMENT: EventKind.FEE_EXPIRED,
                DeadlineKind.CONSULTATION: EventKind.CONSULTATION_CLOSED}


@dataclass(frozen=True)
class WorkItem:
    case: Case
    kind: DeadlineKind
    deadline: Deadline
    remaining: int  # working days left after today (0: due today; negative: overdue)

    @property
    def expired(self) -> bool:
        return self.remaining < 0

    @property
    def action(self) -> EventKind | None:
        """The event to record now that the period has run out (逾期未补正,
        逾期未缴费, 征求意见结束); None while it runs or for the office's own deadlines."""
        return LAPSE_EVENTS.get(self.kind) if self.expired else None

    def describe(self) -> str:
        due = zh_date(self.deadline.due) + ("（暂定）" if self.deadline.provisional else "")
        return f"{self.case.id} {self.kind.label} {due} {left_text(self.remaining)}"


def remaining(cal: WorkdayCalendar, today: date, due: date) -> int:
    """Working days left after `today` until `due` (0: due today); negative when
    past due, at least one day late even across a weekend."""
    if due >= today:
        return workdays_between(cal, today, due)
    return -max(1, workdays_between(cal, due, today))


def left_text(left: int) -> str:
    """`还剩3个工作日`, `今天到期`, `已超期2个工作日`: a deadline's state in words."""
    if left < 0:
        return f"已超期{-left}个工作日"
    return "今天到期" if left == 0 else f"还剩{left}个工作日"


def _items(cases: Iterable[Case], kinds: Iterable[DeadlineKind], today: date,
           cal: WorkdayCalendar) -> list[WorkItem]:
    out = []
    for case in cases:
        if not case.is_open:
            continue
        for kind in kinds:
            d = case.deadlines.get(kind)
            if d is not None:
                out.append(WorkItem(case, kind, d, remaining(cal, today, d.due)))
    return sorted(out, key=lambda w: (w.deadline.due, w.case.id))


def due_soon(cases: Iterable[Case], today: date, cal: WorkdayCalendar,
             within: int = 5) -> list[WorkItem]:
    """The office's deadlines falling today or within `within` working days."""
    return [w for w in _items(cases, AGENCY_KINDS, today, cal) if 0 <= w.remaining <= within]


def overdue(cases: Iterable[Case], today: date, cal: WorkdayCalendar) -> list[WorkItem]:
    """The office's deadlines that passed before today."""
    return [w for w in _items(cases, AGENCY_KINDS, today, cal) if w.deadline.due < today]


def waiting_for_applicant(cases: Iterable[Case], today: date,
                          cal: WorkdayCalendar) -> list[WorkItem]:
    """Cases waiting for a correction or a payment; `expired` ones need closing."""
    waiting = [c for c in cases if c.status in APPLICANT_WAITING]
    return _items(waiting, APPLICANT_KINDS, today, cal)


def waiting_for_party(cases: Iterable[Case], today: date, cal: WorkdayCalendar) -> list[WorkItem]:
    consulting = [c for c in cases if c.status is CaseStatus.CONSULTING]
    return _items(consulting, (DeadlineKind.CONSULTATION,), today, cal)
