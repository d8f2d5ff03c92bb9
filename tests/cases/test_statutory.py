"""The law's holidays for a year without its notice (《全国年节及纪念日放假办法》,
2024 revision): checked against the notices issued under it, the lunar and solar
dates against an independent source, and the deadlines the issue names."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from click.testing import CliRunner

from zfxxgk.cases import statutory
from zfxxgk.cases.calendar import DayKind, WorkdayCalendar
from zfxxgk.cli import cli

CAL = WorkdayCalendar.bundled()


def without_year(cal: WorkdayCalendar, year: int) -> WorkdayCalendar:
    return WorkdayCalendar({y: d for y, d in cal.years.items() if y != year})


def deadline_json(received: str):
    r = CliRunner().invoke(cli, ["deadline", "--received", received, "--format", "json"])
    return r.exit_code, json.loads(r.stdout)


def test_december_application_skips_new_years_day():
    code, out = deadline_json("2026-12-08")
    assert code == 3 and out["provisional"] is True
    assert out["due"] == "2027-01-06"
    assert "推定法定假日：元旦2027年1月1日" in out["explanation"]


def test_spring_festival_on_a_weekend_is_made_up_after_it():
    code, out = deadline_json("2027-01-20")
    assert code == 3 and out["provisional"] is True
    assert out["due"] == "2027-02-23"
    text = out["explanation"]
    assert "春节2027年2月5日至2027年2月8日" in text  # 除夕 Friday to 初三 Monday
    assert "春节补假2027年2月9日至2027年2月10日" in text  # 初一 and 初二 fell on the weekend
    assert "第六条" in text


@pytest.mark.parametrize("year", [2025, 2026])
def test_law_days_are_off_in_the_notices_issued_under_it(year):
    """Every day the law fixes is a day off in the real notice (the notice may add
    more, and chooses its own make-up days, so only the festival days are compared)."""
    for name, days in statutory.festival_days(year):
        for d in days:
            info = CAL.day(d)
            assert info.kind is DayKind.HOLIDAY and not info.provisional, (name, d)
            assert name.removesuffix("节") in (info.festival or ""), (name, d, info.festival)


@pytest.mark.parametrize("year", range(2019, 2027))
def test_lunar_new_year_lies_in_each_notices_spring_festival(year):
    first = statutory.festival_days(year)[1][1][1]  # 正月初一
    spring = next(f for f in CAL.years[year].festivals if f.name == "春节")
    assert spring.start <= first <= spring.end


def test_qingming_matches_an_independent_solar_term_table():
    chinese_calendar = pytest.importorskip("chinese_calendar")
    for year in range(statutory.FIRST_YEAR, statutory.LAST_YEAR + 1):
        terms = chinese_calendar.get_solar_terms(date(year, 4, 1), date(year, 4, 10))
        assert statutory.qingming(year) == terms[0][0], year


@pytest.mark.parametrize("year", range(statutory.FIRST_YEAR, statutory.LAST_YEAR + 1))
def test_every_lost_day_is_made_up_on_a_following_working_day(year):
    """Thirteen working days off a year, whatever the weekdays: a festival day on a
    weekend or on another festival's day (中秋 inside 国庆) is made up after it."""
    days = statutory.assumed_days(year)
    fixed = [d for _, ds in statutory.festival_days(year) for d in ds]
    assert len(fixed) == 13
    assert sum(1 for a in days if a.day.weekday() < 5) == 13
    assert {a.day for a in days} >= set(fixed)
    for a in days:
        if a.festival.endswith(statutory.MAKEUP):
            name = a.festival.removesuffix(statutory.MAKEUP)
            last = dict(statutory.festival_days(year))[name][-1]
            assert a.day.weekday() < 5 and last < a.day <= last + timedelta(days=7)


def test_no_rule_is_assumed_before_the_revision_or_past_the_tables():
    assert statutory.assumed_days(2024) == () and statutory.assumed_days(2100) == ()
    bare = without_year(CAL, 2024)
    assert bare.day(date(2024, 10, 1)).kind is DayKind.WORKDAY
    assert bare.year_version(2024) == "none"


def test_a_notice_replaces_the_assumption():
    assert CAL.day(date(2026, 2, 20)).kind is DayKind.HOLIDAY  # the notice gives more
    law_only = without_year(CAL, 2026)
    assert law_only.day(date(2026, 2, 20)).kind is DayKind.WORKDAY
    assert law_only.day(date(2026, 2, 16)) .kind is DayKind.HOLIDAY  # 除夕
    assert law_only.day(date(2026, 2, 16)).provisional
    assert law_only.year_version(2026) == statutory.VERSION != CAL.year_version(2026)
