"""The answer deadline of one application from a few dates, without a case record:
what `zfxxgk cases deadline` prints and what an intake form shows before saving."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Iterable

from .calendar import WorkdayCalendar
from .counting import Deadline, Pause, count_workdays
from .law import MAX_EXTENSION_DAYS, PERIODS, DeadlineKind
from .workflow import answer_basis


@dataclass(frozen=True)
class AnswerDeadline:
    received: date
    answer: Deadline
    correction_notice: Deadline

    @property
    def provisional(self) -> bool:
        return self.answer.provisional or self.correction_notice.provisional

    def to_dict(self) -> dict[str, Any]:
        return {
            "received": self.received.isoformat(),
            "due": self.answer.due.isoformat(),
            "correction_notice_due": self.correction_notice.due.isoformat(),
            "provisional": self.provisional,
            "calendar_version": self.answer.calendar_version,
            "explanation": self.answer.explanation,
            "correction_notice_explanation": self.correction_notice.explanation,
        }


def answer_deadline(
    cal: WorkdayCalendar,
    received: date,
    *,
    days: int | None = None,
    corrected: date | None = None,
    pauses: Iterable[Pause] = (),
    extension: int = 0,
) -> AnswerDeadline:
    """The answer deadline (20 working days unless `days`), restarted from `corrected`
    when a corrected application arrived, with `pauses` left out and `extension`
    working days added; and the last day for a 补正 notice."""
    if corrected is not None and corrected < received:
        raise ValueError("corrected: 补正后申请的收到日期不能早于原申请")
    if not 0 <= extension <= MAX_EXTENSION_DAYS:
        raise ValueError(f"extension: 延长期限须为0至{MAX_EXTENSION_DAYS}个工作日")
    base = days if days is not None else PERIODS[DeadlineKind.ANSWER].days
    assert base is not None
    start = corrected or received
    trigger, note = answer_basis(corrected is not None, extension)
    answer = count_workdays(cal, start, base + extension, [p for p in pauses if p.end > start],
                            label="答复期限", trigger_label=trigger, note=note)
    notice = count_workdays(cal, received, PERIODS[DeadlineKind.CORRECTION_NOTICE].days or 7,
                            label="补正告知期限", trigger_label="收到申请")
    return AnswerDeadline(received, answer, notice)
