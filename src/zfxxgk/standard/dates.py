"""Dates as people read them: `2026年2月26日`, one form in pages, letters, reports
and the command line's tables (machine outputs, JSON and CSV, keep ISO 8601). A page
that printed `2026-02-10` beside `2026年2月26日` made its reader wonder whether the
two were different kinds of day."""

from __future__ import annotations

from datetime import date

WEEKDAYS_ZH = "一二三四五六日"


def zh_date(d: date, weekday: bool = False) -> str:
    """`2026年2月26日`, with `（星期四）` when asked."""
    return f"{d.year}年{d.month}月{d.day}日" + (f"（星期{WEEKDAYS_ZH[d.weekday()]}）" if weekday else "")


def zh_day(value: date | str | None, weekday: bool = False) -> str:
    """`zh_date` of a date or of an ISO day (`2026-02-10`, or a datetime's text whose
    day it is); '' for none, and text that is no day as it is."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value[:10])
        except ValueError:
            return value
    return zh_date(value, weekday)
