"""A deadline's calendar version in a clerk's words.

The version (``2026:a99214f2a4ba``: a year and the hash of its year file) lets the
office find the open cases to recompute when a year changes; printed on the case
page as 日历版本 it meant nothing to a clerk, who needs to know which year's holiday
arrangement the count used and when it was entered. The version itself stays in
the API and in the page's markup for whoever supports the office.
"""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from ...cases import statutory
from ...cases.calendar import NO_DATA
from ...standard.dates import zh_date
from . import store
from .models import CalendarYear


def entered_years() -> dict[int, tuple[str, date]]:
    """The years an administrator entered: their version and the (China-time) day."""
    return {y: (v, timezone.localtime(at).date())
            for y, v, at in CalendarYear.objects.values_list("year", "version", "entered_at")}


def describe(version: str, entered: dict[int, tuple[str, date]]) -> str:
    """``所用节假日安排：2026年按国务院办公厅通知（随软件提供）`` and the like, one part a year."""
    bundled = None
    parts = []
    for piece in (version or "").split(","):
        year, _, tag = piece.partition(":")
        if not year.strip().isdigit():
            continue
        y = int(year)
        if tag == statutory.VERSION:
            parts.append(f"{y}年的节假日安排尚未录入，按法定节假日推定")
        elif tag == NO_DATA:
            parts.append(f"{y}年没有节假日安排，只按周六、周日休息计算")
        elif y in entered and entered[y][0] == tag:
            parts.append(f"{y}年按国务院办公厅通知（管理员于{zh_date(entered[y][1])}录入）")
        else:
            bundled = bundled or store.bundled_calendar()
            parts.append(f"{y}年按国务院办公厅通知（随软件提供）" if bundled.year_version(y) == tag
                         else f"{y}年按当时的节假日安排（此后已更新）")
    return "所用节假日安排：" + "；".join(parts) if parts else ""
