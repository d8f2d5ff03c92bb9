"""Deadlines across 国庆 and 春节, on holidays and make-up days, with pauses, and in
a year without calendar data (provisional)."""

from __future__ import annotations

from datetime import date

import pytest

from zfxxgk.cases.calendar import NO_DATA, DayKind, WorkdayCalendar, parse_year
from zfxxgk.cases.counting import Pause, count_workdays, workdays_between
from zfxxgk.cases.deadlines import answer_deadline

CAL = WorkdayCalendar.bundled()


def test_national_day_2024_with_both_makeup_days():
    d = count_workdays(CAL, date(2024, 9, 27), 20, label="答复期限", trigger_label="收到申请")
    assert d.due == date(2024, 10, 30)
    assert [x for x, _ in d.makeup_days] == [date(2024, 9, 29), date(2024, 10, 12)]
    assert len(d.holidays) == 7 and d.weekends == 6
    assert not d.provisional
    text = d.explanation
    assert "自2024年9月27日（收到申请）的次日起计算" in text
    assert "第20个工作日为2024年10月30日（星期三）" in text
    assert "国庆节2024年10月1日至2024年10月7日" in text
    assert "2024年9月29日（星期日）国庆节调休" in text and "2024年10月12日（星期六）" in text


def test_spring_festival_2025():
    d = count_workdays(CAL, date(2025, 1, 20), 20)
    # 21-24 (4), 26 Sun make-up (5), 27 (6), holidays 28 Jan-4 Feb, 5-7 (9), 8 Sat make-up (10),
    # 10-14 (15), 17-21 (20)
    assert d.due == date(2025, 2, 21)
    assert "春节2025年1月28日至2025年2月4日" in d.explanation


def test_trigger_day_is_not_counted():
    # received on a Monday: the first working day is Tuesday
    assert count_workdays(CAL, date(2024, 3, 4), 1).due == date(2024, 3, 5)


def test_receipt_on_a_holiday():
    # received on 3 Oct 2024 (国庆): counting starts after it, first working day 8 Oct
    d = count_workdays(CAL, date(2024, 10, 3), 1)
    assert d.due == date(2024, 10, 8)
    assert [x for x, _ in d.holidays] == [date(2024, 10, d_) for d_ in range(4, 8)]


def test_receipt_on_a_makeup_working_day():
    # 12 Oct 2024 is a Saturday worked (调休); the next working day is Monday 14 Oct
    assert CAL.day(date(2024, 10, 12)).kind is DayKind.MAKEUP_WORKDAY
    assert count_workdays(CAL, date(2024, 10, 12), 1).due == date(2024, 10, 14)


def test_pause_is_not_counted_and_is_explained():
    plain = count_workdays(CAL, date(2024, 3, 1), 20)
    paused = count_workdays(CAL, date(2024, 3, 1), 20,
                            [Pause(date(2024, 3, 11), date(2024, 3, 15), "征求第三方意见")])
    assert plain.due == date(2024, 3, 29)
    assert paused.due == date(2024, 4, 8)  # five working days later, over 清明 4-6 Apr and 7 Apr make-up
    assert paused.paused_workdays == 5
    assert "2024年3月11日至2024年3月15日（征求第三方意见）不计入期限" in paused.explanation


def test_year_without_data_is_provisional_and_assumes_the_law():
    d = count_workdays(CAL, date(2026, 12, 20), 20)
    assert d.provisional and d.provisional_years == (2027,)
    assert d.calendar_version.endswith("2027:law2025")
    assert "【暂定】2027年" in d.explanation
    # 21 Dec 2026 .. 18 Jan 2027: 元旦 (Friday 1 Jan) is off by law, notice or not
    assert d.holidays == ((date(2027, 1, 1), "元旦"),)
    assert d.due == date(2027, 1, 18)


def test_year_outside_the_law_counts_weekends_only():
    d = count_workdays(CAL, date(2099, 12, 20), 20)
    assert d.provisional_years == (2099, 2100)
    assert d.calendar_version.endswith(f"2099:law2025,2100:{NO_DATA}")
    assert "；2100年暂按周六、周日休息计算" in d.explanation
    assert date(2100, 1, 1) not in dict(d.holidays)  # no rule assumed beyond the lunar tables


def test_version_is_a_hash_of_the_year_file():
    d = count_workdays(CAL, date(2024, 9, 27), 20)
    assert d.calendar_version == f"2024:{CAL.years[2024].version}"
    assert len(CAL.years[2024].version) == 12


def test_correction_restart_extension_and_pause():
    r = answer_deadline(CAL, date(2024, 9, 2), corrected=date(2024, 9, 27))
    assert r.answer.due == date(2024, 10, 30)
    assert "补正后重新计算" in r.answer.explanation
    assert r.correction_notice.due == date(2024, 9, 11)
    ext = answer_deadline(CAL, date(2024, 9, 27), extension=20)
    assert ext.answer.days == 40 and ext.answer.due == date(2024, 11, 27)
    p = answer_deadline(CAL, date(2024, 9, 27), pauses=[Pause(date(2024, 10, 8), date(2024, 10, 8))])
    assert p.answer.due == date(2024, 10, 31)


def test_bad_values():
    with pytest.raises(ValueError):
        count_workdays(CAL, date(2024, 1, 1), 0)
    with pytest.raises(ValueError):
        answer_deadline(CAL, date(2024, 1, 5), corrected=date(2024, 1, 4))
    with pytest.raises(ValueError):
        parse_year(b'year = 2030\nsource = "x"\n[[festival]]\nname = "a"\n'
                   b'from = 2030-01-01\nto = 2030-01-01\nworkdays = [2030-01-02]\n')


def test_workdays_between():
    assert workdays_between(CAL, date(2024, 9, 27), date(2024, 10, 30)) == 20
    assert workdays_between(CAL, date(2024, 10, 30), date(2024, 9, 27)) == -20
    assert workdays_between(CAL, date(2024, 9, 27), date(2024, 9, 27)) == 0


def test_workdays_between_matches_walking_day_by_day():
    # The arithmetic (weekdays, then the notices' exceptions) against the plain walk,
    # across festivals, make-up weekends, year ends and a year without data.
    import random
    from datetime import timedelta

    rng = random.Random(8)
    for _ in range(400):
        start = date(2019, 1, 1) + timedelta(days=rng.randrange(0, 365 * 9))
        end = start + timedelta(days=rng.randrange(-60, 400))
        lo, hi, sign = (start, end, 1) if end >= start else (end, start, -1)
        walked, d = 0, lo
        while d < hi:
            d += timedelta(days=1)
            walked += CAL.is_workday(d)
        assert workdays_between(CAL, start, end) == sign * walked, (start, end)
