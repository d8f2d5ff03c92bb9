"""Template filters for days and times as people read them, built into every
template (settings.TEMPLATES builtins): `{{ c.received_on|day }}` -> 2026年2月10日,
`{{ row.created_at|moment }}` -> 2026年12月6日 04:25 in China time. The data
builders keep ISO for the JSON twins; a page turns them into words here."""

from __future__ import annotations

from datetime import datetime

from django import template

from ..standard.dates import zh_day
from . import clock

register = template.Library()


@register.filter
def day(value) -> str:
    """A date, a datetime's China-time day or an ISO day, as 2026年2月10日."""
    if isinstance(value, datetime):
        return clock.date_text(value)
    return zh_day(value)


@register.filter
def moment(value) -> str:
    """A datetime as 2026年12月6日 04:25, China time."""
    return clock.text(value) if isinstance(value, datetime) else zh_day(value)
