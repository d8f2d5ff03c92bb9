"""The official working-day calendar, as data.

Which days are 工作日 is not a rule that can be computed: every year the State Council
publishes a notice (《国务院办公厅关于YYYY年部分节假日安排的通知》) that moves working
days around the festivals. So each year is a file in `calendars/` written from its
notice, and `WorkdayCalendar` only reads them. A year without a file still has the
holidays the law fixes (`statutory`: 元旦, 春节, 清明, 劳动节, 端午, 中秋, 国庆, with a
weekend holiday made up on the next working day), and everything computed on it is
marked provisional (暂定): a deadline in such a year must never look final.

Every year file has a version — the first 12 hex digits of the SHA-256 of its bytes —
so a deadline can record exactly which data it was computed with, and cases can be
recomputed when a year is added or corrected.
"""

from __future__ import annotations

import enum
import hashlib
from bisect import bisect_right
import tomllib
from dataclasses import dataclass, field
from datetime import date, timedelta
from importlib import resources
from typing import Iterable

from . import statutory

NO_DATA = "none"  # version tag of a year without a file nor a holiday law assumed


class DayKind(enum.StrEnum):
    WORKDAY = "workday"  # an ordinary Monday to Friday
    WEEKEND = "weekend"
    HOLIDAY = "holiday"  # a day off under the notice (incl. weekends inside the festival)
    MAKEUP_WORKDAY = "makeup_workday"  # 调休上班: a Saturday or Sunday worked

    @property
    def is_workday(self) -> bool:
        return self in (DayKind.WORKDAY, DayKind.MAKEUP_WORKDAY)


@dataclass(frozen=True)
class Festival:
    name: str
    start: date
    end: date
    workdays: tuple[date, ...] = ()

    def days_off(self) -> Iterable[date]:
        return (self.start + timedelta(days=i) for i in range((self.end - self.start).days + 1))


@dataclass(frozen=True)
class YearData:
    """One year's notice: its festivals and make-up working days."""

    year: int
    source: str
    festivals: tuple[Festival, ...]
    version: str = ""

    def __post_init__(self) -> None:
        for f in self.festivals:
            if f.end < f.start:
                raise ValueError(f"{self.year} {f.name}: from 晚于 to")
            for w in f.workdays:
                if w.weekday() < 5:
                    raise ValueError(f"{self.year} {f.name}: 调休上班日 {w} 不是周末")


def parse_year(raw: bytes) -> YearData:
    """Read one year file (TOML bytes). The version is the hash of exactly these
    bytes, so a corrected file is a new version even if only a comment changed —
    erring towards recomputing too much rather than too little."""
    data = tomllib.loads(raw.decode("utf-8"))
    try:
        festivals = tuple(
            Festival(
                name=str(f["name"]),
                start=_as_date(f["from"], "from"),
                end=_as_date(f["to"], "to"),
                workdays=tuple(_as_date(w, "workdays") for w in f.get("workdays", ())),
            )
            for f in data.get("festival", ())
        )
        return YearData(
            year=int(data["year"]),
            source=str(data["source"]),
            festivals=festivals,
            version=hashlib.sha256(raw).hexdigest()[:12],
        )
    except KeyError as e:
        raise ValueError(f"日历文件缺少字段 {e.args[0]}") from None


def missing_statutory_days(year: YearData) -> list[tuple[str, date]]:
    """The law's days off (`statutory.festival_days`) that `year`'s notice as entered
    does not give off, by festival. Every notice gives at least these days, so a gap
    is a festival left out or a date mistyped; entered as it is, deadlines across it
    would count a holiday as a working day and no longer be marked 暂定. Empty for
    years before the 2024 revision of the law (other days then), where it cannot tell."""
    if not statutory.FIRST_YEAR <= year.year <= statutory.LAST_YEAR:
        return []
    off = {d for f in year.festivals for d in f.days_off()}
    return [(name, d) for name, days in statutory.festival_days(year.year) for d in days if d not in off]


def _as_date(value: object, name: str) -> date:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        return date.fromisoformat(value)
    raise ValueError(f"{name}: 不是日期：{value!r}")


@dataclass(frozen=True)
class DayInfo:
    day: date
    kind: DayKind
    festival: str | None = None  # the festival a holiday or make-up day belongs to
    provisional: bool = False  # the day's year has no calendar data


@dataclass
class WorkdayCalendar:
    """Answers "is this a working day?" from the year files it was given.

    A plain class (no database): the web application loads the same files, or
    year records an administrator entered, through `with_year`."""

    years: dict[int, YearData] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._off: dict[date, str] = {}
        self._work: dict[date, str] = {}
        for y in sorted(self.years.values(), key=lambda y: y.year):
            for f in y.festivals:
                for d in f.days_off():
                    self._off[d] = f.name
                for d in f.workdays:
                    self._work[d] = f.name
        for year in range(statutory.FIRST_YEAR, statutory.LAST_YEAR + 1):
            if year not in self.years:  # no notice yet: the law's holidays, assumed
                for a in statutory.assumed_days(year):
                    if a.day not in self._work:
                        self._off.setdefault(a.day, a.festival)
        # For counting spans without walking them day by day (work lists ask this
        # of every open case): the exceptions to "Monday to Friday", sorted.
        self._off_weekdays = sorted(d for d in self._off if d.weekday() < 5 and d not in self._work)
        self._work_weekends = sorted(d for d in self._work if d.weekday() >= 5)

    @classmethod
    def bundled(cls) -> "WorkdayCalendar":
        """The years shipped with zfxxgk (calendars/*.toml)."""
        folder = resources.files("zfxxgk.cases") / "calendars"
        years = [parse_year(p.read_bytes()) for p in folder.iterdir() if p.name.endswith(".toml")]
        return cls({y.year: y for y in years})

    def with_year(self, data: YearData) -> "WorkdayCalendar":
        """A new calendar with this year added or replaced (the old one is untouched,
        so open cases can be compared before and after)."""
        return WorkdayCalendar({**self.years, data.year: data})

    def has_year(self, year: int) -> bool:
        return year in self.years

    def day(self, d: date) -> DayInfo:
        provisional = not self.has_year(d.year)
        if d in self._work:
            return DayInfo(d, DayKind.MAKEUP_WORKDAY, self._work[d], provisional)
        if d in self._off:
            return DayInfo(d, DayKind.HOLIDAY, self._off[d], provisional)
        kind = DayKind.WEEKEND if d.weekday() >= 5 else DayKind.WORKDAY
        return DayInfo(d, kind, None, provisional)

    def is_workday(self, d: date) -> bool:
        return self.day(d).kind.is_workday

    def workdays_in(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end` (0 if end <= start):
        Monday to Friday by arithmetic, then the notices' exceptions by bisection."""
        if end <= start:
            return 0

        def weekdays_to(d: date) -> int:  # Mon-Fri from 0001-01-01 (a Monday) to d
            weeks, rest = divmod(d.toordinal(), 7)
            return weeks * 5 + min(rest, 5)

        off = bisect_right(self._off_weekdays, end) - bisect_right(self._off_weekdays, start)
        extra = bisect_right(self._work_weekends, end) - bisect_right(self._work_weekends, start)
        return weekdays_to(end) - weekdays_to(start) - off + extra

    def year_version(self, year: int) -> str:
        y = self.years.get(year)
        if y:
            return y.version
        return statutory.VERSION if statutory.assumed_days(year) else NO_DATA

    def version_for(self, years: Iterable[int]) -> str:
        """The calendar version of a computation that looked at these years, e.g.
        ``2024:3f2a…,2025:none``."""
        return ",".join(f"{y}:{self.year_version(y)}" for y in sorted(set(years)))
