"""Which report year a clerk means when they do not say.

A year's report is compiled from its cases once the year is over and published by
31 January of the next (条例第五十条). So in January to November the year meant is
the last one; in December a clerk starts on the year about to end, and a form
defaulting to last year had them compile, by mistake, the report published months
ago. The compile page, the 表二 register and `zfxxgk compile` say the rule and warn
when the year chosen has not ended (its figures still change)."""

from __future__ import annotations

from datetime import date

RULE = "1至11月默认为上一年度，12月起默认为本年度"


def default_report_year(today: date) -> int:
    """December: this year; January to November: last year."""
    return today.year if today.month == 12 else today.year - 1


def unfinished_year_note(year: int, today: date) -> str | None:
    """A warning when `year` has not ended on `today`: its report would miss the
    applications still to come (None for a year that is over)."""
    if year < today.year:
        return None
    if year > today.year:
        return f"{year}年尚未开始：没有可以统计的案件。"
    return (f"{year}年尚未结束：只计入截至{today.month}月{today.day}日登记和办结的申请，"
            f"年度结束后请重新编制。")
