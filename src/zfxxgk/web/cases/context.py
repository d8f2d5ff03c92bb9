"""The reminders badge in the navigation bar, for users who may see cases.

Computed lazily (only a page that shows the badge pays for it) and cached per day
and per state of the case table, so report pages do not replay cases on every hit."""

from __future__ import annotations

from django.utils.functional import SimpleLazyObject

from ..accounts.roles import can


def _count() -> int:
    from django.core.cache import cache
    from django.db.models import Count, Max

    from . import data, store
    from .models import CalendarYear, CaseRecord

    state = CaseRecord.objects.aggregate(n=Count("id"), at=Max("updated_at"))
    cal = CalendarYear.objects.aggregate(n=Count("id"), at=Max("entered_at"))
    stamp = lambda at: at.timestamp() if at else 0  # noqa: E731
    key = (f"case-reminders-{store.today().isoformat()}-{state['n']}-{stamp(state['at'])}"
           f"-{cal['n']}-{stamp(cal['at'])}")
    count = cache.get(key)
    if count is None:
        count = data.reminders()["count"]
        cache.set(key, count, 600)
    return count


def reminders(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not can(user, "cases"):
        return {}
    return {"case_reminders": SimpleLazyObject(_count)}
