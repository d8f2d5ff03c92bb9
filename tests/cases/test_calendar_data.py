"""The shipped year files against `chinesecalendar`, an independent source: every
day of 2019–2026 must be a working day in both or in neither. Our files were written
from the State Council notices; where the two disagreed the notice decides and the
test records the day."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from zfxxgk.cases.calendar import DayKind, WorkdayCalendar

chinese_calendar = pytest.importorskip("chinese_calendar")

YEARS = range(2019, 2027)
CAL = WorkdayCalendar.bundled()


def days_of(year: int):
    d = date(year, 1, 1)
    while d.year == year:
        yield d
        d += timedelta(days=1)


def test_every_year_is_shipped():
    assert sorted(CAL.years) == list(YEARS)
    for y in YEARS:
        assert "国务院办公厅" in CAL.years[y].source and str(y) in CAL.years[y].source


@pytest.mark.parametrize("year", YEARS)
def test_every_day_matches_chinesecalendar(year):
    differ = [
        (d.isoformat(), CAL.day(d).kind.value, chinese_calendar.is_workday(d))
        for d in days_of(year)
        if CAL.is_workday(d) != chinese_calendar.is_workday(d)
    ]
    assert differ == []


@pytest.mark.parametrize("year", YEARS)
def test_makeup_days_are_weekends_and_holidays_named(year):
    for d in days_of(year):
        info = CAL.day(d)
        assert not info.provisional
        if info.kind is DayKind.MAKEUP_WORKDAY:
            assert d.weekday() >= 5 and info.festival
        if info.kind is DayKind.HOLIDAY:
            assert info.festival
