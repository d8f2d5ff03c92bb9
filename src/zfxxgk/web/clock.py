"""One clock for the web application: every time is stored in UTC (USE_TZ) and shown
in China time (TIME_ZONE = "Asia/Shanghai"), one way: ``2026年12月6日 04:25`` on pages,
exports and letters (the day as `standard.dates` writes every day for people), ISO
8601 with its +08:00 offset in the JSON twins. A page that slices an ISO string in
UTC showed another day than the form beside it."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from ..standard.dates import zh_date


def text(dt: datetime | None) -> str:
    """``2026年12月6日 04:25`` in China time ('' for none)."""
    if dt is None:
        return ""
    local = timezone.localtime(dt)
    return f"{zh_date(local.date())} {local:%H:%M}"


def iso(dt: datetime | None) -> str | None:
    """``2026-12-06T04:25:13+08:00``: the same instant, in China time."""
    return timezone.localtime(dt).isoformat(timespec="seconds") if dt is not None else None


def date_text(dt: datetime | None) -> str:
    """The China-time day of `dt`, ``2026年12月6日``."""
    return zh_date(timezone.localtime(dt).date()) if dt is not None else ""
