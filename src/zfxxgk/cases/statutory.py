"""The holidays the law fixes, for a year whose State Council notice is not out yet.

《全国年节及纪念日放假办法》 (as revised in 2024, in force since 1 January 2025) gives
every citizen 元旦 1 day, 春节 4 days (除夕 to 初三), 清明节 1 day, 劳动节 2 days,
端午节 1 day, 中秋节 1 day and 国庆节 3 days; its 第六条 says a holiday that falls on a
Saturday or Sunday is made up on a working day. Only the yearly notice says which
working day (and which weekends are worked in exchange), so this module assumes the
make-up day is the next working day after the festival, and everything counted on
these days stays provisional (暂定) until the notice is entered.

Lunar dates come from `lunardate` (tables for 1900-2099); 清明 is the solar term,
from the standard approximation for 2001-2099, which matches the ephemeris there.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from lunardate import LunarDate

FIRST_YEAR = 2025  # the 2024 revision's first year; earlier years had other rules
LAST_YEAR = 2099  # the last year of the lunar tables
LAW = "《全国年节及纪念日放假办法》"
VERSION = "law2025"  # calendar version tag of a year counted on these assumptions
MAKEUP = "补假"  # suffix of a made-up day's festival name


@dataclass(frozen=True)
class AssumedDay:
    day: date
    festival: str  # e.g. 春节, or 春节补假 for a made-up day


def _lunar(year: int, month: int, day: int) -> date:
    return LunarDate(year, month, day).to_solar_date()


def qingming(year: int) -> date:
    """清明 (the solar term, 太阳黄经15°): 4 or 5 April in this century."""
    y = year % 100
    return date(year, 4, int(y * 0.2422 + 4.81) - y // 4)


def festival_days(year: int) -> list[tuple[str, list[date]]]:
    """The law's days off of `year` by festival, before any make-up day."""
    new_year = _lunar(year, 1, 1)
    return [
        ("元旦", [date(year, 1, 1)]),
        ("春节", [new_year + timedelta(days=i) for i in range(-1, 3)]),
        ("清明节", [qingming(year)]),
        ("劳动节", [date(year, 5, 1), date(year, 5, 2)]),
        ("端午节", [_lunar(year, 5, 5)]),
        ("中秋节", [_lunar(year, 8, 15)]),
        ("国庆节", [date(year, 10, 1), date(year, 10, 2), date(year, 10, 3)]),
    ]


@lru_cache(maxsize=None)
def assumed_days(year: int) -> tuple[AssumedDay, ...]:
    """Every day off `year` is assumed to have, in date order: the festivals' days
    and, for each festival day on a weekend (or on another festival's day, as when
    中秋 falls inside 国庆), one made-up day on the next working day after the
    festival (第六条). Empty outside FIRST_YEAR..LAST_YEAR: no rule is assumed."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return ()
    festivals = festival_days(year)
    taken: dict[date, str] = {}
    owed: list[tuple[str, date, int]] = []
    for name, days in festivals:
        lost = sum(1 for d in days if d.weekday() >= 5 or d in taken)
        for d in days:
            taken.setdefault(d, name)
        owed.append((name, days[-1], lost))
    for name, last, lost in owed:
        d = last
        while lost:
            d += timedelta(days=1)
            if d.weekday() < 5 and d not in taken:
                taken[d] = name + MAKEUP
                lost -= 1
    return tuple(AssumedDay(d, taken[d]) for d in sorted(taken))
