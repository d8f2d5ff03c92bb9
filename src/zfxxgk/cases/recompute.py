"""Recomputing open cases when the calendar changes.

A year's holiday notice appears in autumn, after cases received in late December
already carry provisional deadlines in that year; a corrected year file changes a
version. `recompute` replays each open case on the new calendar and reports every
deadline whose date or calendar version changed, so the office can see (and tell the
applicant) what moved before saving the new cases.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Iterable

from ..standard.dates import zh_day
from .calendar import WorkdayCalendar
from .law import DeadlineKind, WorkflowRules
from .model import Case
from .workflow import replay


@dataclass(frozen=True)
class DeadlineChange:
    case_id: str
    kind: DeadlineKind
    old_due: date | None
    new_due: date | None
    old_version: str | None
    new_version: str | None
    was_provisional: bool
    now_provisional: bool

    @property
    def moved(self) -> bool:
        return self.old_due != self.new_due

    def describe(self) -> str:
        what = self.kind.label
        if not self.moved:
            return f"{self.case_id} {what}：日期不变（{zh_day(self.new_due)}），日历版本已更新"
        tail = "（仍为暂定）" if self.now_provisional else ""
        return f"{self.case_id} {what}：{zh_day(self.old_due) or '无'} → {zh_day(self.new_due) or '无'}{tail}"


def recompute(
    cases: Iterable[Case], cal: WorkdayCalendar, rules: WorkflowRules = WorkflowRules()
) -> tuple[list[Case], list[DeadlineChange]]:
    """(the open cases rebuilt on `cal`, the deadlines that changed). Closed cases
    are history and are left alone."""
    updated: list[Case] = []
    changes: list[DeadlineChange] = []
    for case in cases:
        if not case.is_open:
            continue
        new = replay(case, cal, rules)
        updated.append(new)
        for kind in sorted(set(case.deadlines) | set(new.deadlines)):
            a, b = case.deadlines.get(kind), new.deadlines.get(kind)
            if (a and a.due, a and a.calendar_version) == (b and b.due, b and b.calendar_version):
                continue
            changes.append(DeadlineChange(
                case.id, kind, a.due if a else None, b.due if b else None,
                a.calendar_version if a else None, b.calendar_version if b else None,
                bool(a and a.provisional), bool(b and b.provisional)))
    return updated, changes
