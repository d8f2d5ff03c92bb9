"""Counting working-day periods, with the reasons written out.

"自…之日起N个工作日内" is read as standard.md §4.11 does: the triggering day itself is
not counted, counting starts the day after, and the deadline is the N-th working day.
Days inside a pause (consultation of a third party or another agency, the fee period
where the policy says so) are not counted either.

A deadline is only useful to an office if it can be checked by hand, so every
`Deadline` carries what went into it — working days counted, holidays and weekends
skipped, make-up working days counted, pauses — and `explanation` says it in Chinese.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Iterable

from ..standard.dates import zh_date
from . import statutory
from .calendar import DayKind, WorkdayCalendar
from .records import Record

MAX_SPAN_DAYS = 366 * 3  # a period longer than this is a data error, not a deadline


@dataclass(frozen=True)
class Pause(Record):
    """Days not counted, both ends included."""

    start: date
    end: date
    reason: str = ""

    def covers(self, d: date) -> bool:
        return self.start <= d <= self.end


@dataclass(frozen=True)
class Deadline(Record):
    """The N-th working day after `trigger`, and how it was reached. Its dict also
    carries the explanation, for readers of the stored case; reading it back
    recomputes that."""

    trigger: date
    days: int
    due: date
    provisional: bool
    calendar_version: str
    label: str = ""  # what is due, e.g. 答复期限
    trigger_label: str = ""  # what happened on the trigger day, e.g. 收到申请
    holidays: tuple[tuple[date, str], ...] = ()  # days off under a notice, skipped
    makeup_days: tuple[tuple[date, str], ...] = ()  # weekend days worked, counted
    weekends: int = 0  # ordinary weekend days skipped
    paused: tuple[Pause, ...] = ()  # pauses that fell inside the period
    paused_workdays: int = 0  # working days inside those pauses, not counted
    provisional_years: tuple[int, ...] = ()
    note: str = ""  # e.g. 含延长答复期限20个工作日

    @property
    def explanation(self) -> str:
        return explain(self)

    def to_dict(self) -> dict[str, Any]:
        return {**super().to_dict(), "explanation": self.explanation}


def count_workdays(
    cal: WorkdayCalendar,
    trigger: date,
    days: int,
    pauses: Iterable[Pause] = (),
    *,
    label: str = "",
    trigger_label: str = "",
    note: str = "",
) -> Deadline:
    """The `days`-th working day after `trigger`, skipping paused days."""
    if days < 1:
        raise ValueError("days: 期限至少为1个工作日")
    pauses = tuple(sorted(pauses, key=lambda p: p.start))
    holidays: list[tuple[date, str]] = []
    makeup: list[tuple[date, str]] = []
    weekends = paused_workdays = counted = 0
    years: set[int] = {trigger.year}
    provisional_years: set[int] = set()
    d = trigger
    while counted < days:
        d += timedelta(days=1)
        if (d - trigger).days > MAX_SPAN_DAYS:
            raise ValueError("期限跨度超过三年，请检查暂停区间")
        years.add(d.year)
        info = cal.day(d)
        if info.provisional:
            provisional_years.add(d.year)
        if any(p.covers(d) for p in pauses):
            paused_workdays += info.kind.is_workday
            continue
        if info.kind is DayKind.HOLIDAY:
            holidays.append((d, info.festival or ""))
        elif info.kind is DayKind.WEEKEND:
            weekends += 1
        else:
            if info.kind is DayKind.MAKEUP_WORKDAY:
                makeup.append((d, info.festival or ""))
            counted += 1
    used = tuple(p for p in pauses if p.start <= d and p.end > trigger)
    return Deadline(
        trigger=trigger, days=days, due=d, provisional=bool(provisional_years),
        calendar_version=cal.version_for(years), label=label, trigger_label=trigger_label,
        holidays=tuple(holidays), makeup_days=tuple(makeup), weekends=weekends,
        paused=used, paused_workdays=paused_workdays,
        provisional_years=tuple(sorted(provisional_years)), note=note,
    )


def _runs(days: Iterable[tuple[date, str]]) -> list[tuple[str, date, date]]:
    """Consecutive days of one festival joined into (name, first, last)."""
    runs: list[tuple[str, date, date]] = []
    for d, name in days:
        if runs and runs[-1][0] == name and runs[-1][2] + timedelta(days=1) == d:
            runs[-1] = (name, runs[-1][1], d)
        else:
            runs.append((name, d, d))
    return runs


def _span(a: date, b: date) -> str:
    return zh_date(a) if a == b else f"{zh_date(a)}至{zh_date(b)}"


def explain(dl: Deadline) -> str:
    """The deadline in Chinese sentences an officer can check against a calendar."""
    what = dl.label or "期限"
    if dl.days == 0:  # a date set by the office, not a count of days
        return f"{what}：{dl.note or zh_date(dl.due)}。"
    trig = f"（{dl.trigger_label}）" if dl.trigger_label else ""
    parts = [
        f"{what}：自{zh_date(dl.trigger)}{trig}的次日起计算，"
        f"第{dl.days}个工作日为{zh_date(dl.due, weekday=True)}。"
    ]
    if dl.note:
        parts.append(dl.note + "。")
    counted = [f"共计{dl.days}个工作日"]
    if dl.holidays:
        runs = "、".join(f"{n}{_span(a, b)}" for n, a, b in _runs(dl.holidays))
        counted.append(f"跳过节假日{len(dl.holidays)}天（{runs}）")
    counted.append(f"跳过周末{dl.weekends}天" if dl.weekends else "期间无普通周末")
    if dl.makeup_days:
        days = "、".join(f"{zh_date(d, weekday=True)}{n}调休" for d, n in dl.makeup_days)
        counted.append(f"计入调休上班日{len(dl.makeup_days)}天（{days}）")
    parts.append("；".join(counted) + "。")
    for p in dl.paused:
        reason = f"（{p.reason}）" if p.reason else ""
        parts.append(f"{_span(p.start, p.end)}{reason}不计入期限。")
    if dl.paused_workdays:
        parts.append(f"暂停期间的{dl.paused_workdays}个工作日未计算。")
    if dl.provisional:
        parts.append(_provisional_note(dl))
    return "".join(parts)


def _provisional_note(dl: Deadline) -> str:
    """Which years lack their notice and every day off assumed for them."""
    ys = "、".join(f"{y}年" for y in dl.provisional_years)
    law = [y for y in dl.provisional_years if statutory.FIRST_YEAR <= y <= statutory.LAST_YEAR]
    bare = "、".join(f"{y}年" for y in dl.provisional_years if y not in law)
    text = f"【暂定】{ys}的节假日安排尚未录入"
    if law:
        assumed = [(d, n) for d, n in dl.holidays if d.year in law]
        text += f"，按{statutory.LAW}推定法定假日"
        if assumed:
            text += "：" + "、".join(f"{n}{_span(a, b)}" for n, a, b in _runs(assumed))
            if any(n.endswith(statutory.MAKEUP) for _, n in assumed):
                text += "（适逢周末的假日按第六条推定在节后第一个工作日补假）"
        else:
            text += "，期间没有推定的假日"
    if bare:
        text += f"；{bare}暂按周六、周日休息计算"
    return text + "；国务院办公厅公布当年节假日安排后须重新计算。"


def workdays_between(cal: WorkdayCalendar, start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (negative if end < start):
    how many working days remain until a deadline."""
    if end < start:
        return -cal.workdays_in(end, start)
    return cal.workdays_in(start, end)
