"""One clock for the web application: every time is stored in UTC (USE_TZ) and shown
in China time (TIME_ZONE = "Asia/Shanghai"), one way: ``2026-12-06 04:25`` on pages,
exports and letters, ISO 8601 with its +08:00 offset in the JSON twins. A page
that slices an ISO string in UTC showed another day than the form beside it."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

FORMAT = "%Y-%m-%d %H:%M"


def text(dt: datetime | None) -> str:
    """``2026-12-06 04:25`` in China time ('' for none)."""
    return timezone.localtime(dt).strftime(FORMAT) if dt is not None else ""


def iso(dt: datetime | None) -> str | None:
    """``2026-12-06T04:25:13+08:00``: the same instant, in China time."""
    return timezone.localtime(dt).isoformat(timespec="seconds") if dt is not None else None


def date_text(dt: datetime | None) -> str:
    """The China-time day of `dt`, ``2026-12-06``."""
    return timezone.localtime(dt).strftime("%Y-%m-%d") if dt is not None else ""
