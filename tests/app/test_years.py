"""The report year a clerk means when the form does not say (walk-through leftover:
in December the compile page offered last year, the report published months ago)."""

from __future__ import annotations

from datetime import date

import pytest

from zfxxgk.app.years import default_report_year, unfinished_year_note


@pytest.mark.parametrize("today, year", [(date(2026, 12, 1), 2026), (date(2026, 12, 31), 2026),
                                         (date(2027, 1, 5), 2026), (date(2027, 1, 31), 2026),
                                         (date(2026, 11, 30), 2025), (date(2026, 6, 1), 2025)])
def test_december_means_this_year_january_to_november_last(today, year):
    assert default_report_year(today) == year


def test_a_year_not_over_is_said():
    assert unfinished_year_note(2025, date(2026, 1, 10)) is None
    assert unfinished_year_note(2026, date(2026, 12, 7)) == (
        "2026年尚未结束：只计入截至12月7日登记和办结的申请，年度结束后请重新编制。")
    assert "尚未开始" in unfinished_year_note(2027, date(2026, 12, 7))
