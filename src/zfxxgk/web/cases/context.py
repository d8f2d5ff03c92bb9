"""The reminders badge in the navigation bar, for users who may see cases.

Computed lazily (only a page that shows the badge pays for it) and cached per day
and per state of the case table, so report pages do not replay cases on every hit."""

from __future__ import annotations

import hashlib

from django.db import connection
from django.utils.functional import SimpleLazyObject

from ..accounts.roles import can


def _count(user=None) -> int:
    from django.core.cache import cache

    from . import data, store

    with connection.cursor() as cursor:
        cursor.execute(_state_sql())
        state = cursor.fetchone()
    digest = hashlib.sha256(repr(state).encode()).hexdigest()[:32]
    from ..accounts import scope

    ids = scope.agency_ids(user) if user is not None else None
    who = "all" if ids is None else hashlib.sha256(repr(sorted(ids)).encode()).hexdigest()[:16]
    if user is not None and user.has_perm("cases.approve_caserecord"):
        who += f"-approver{user.pk}"  # their pending approvals count too
    key = f"case-reminders-{store.today().isoformat()}-{digest}-{who}"
    count = cache.get(key)
    if count is None:
        count = data.reminders(user=user)["count"]
        cache.set(key, count, 600)
    return count


def _state_sql() -> str:
    """The state of the case table, the calendar and the approvals in one plain statement (the
    two ORM aggregates it replaces cost a report page a fifth of its time)."""
    from .models import ApprovalRequest, CalendarYear, CaseRecord

    q = connection.ops.quote_name

    def part(model, field: str) -> str:
        table, col = q(model._meta.db_table), q(model._meta.get_field(field).column)
        return f"(SELECT COUNT(*) FROM {table}), (SELECT MAX({col}) FROM {table})"

    return (f"SELECT {part(CaseRecord, 'updated_at')}, {part(CalendarYear, 'entered_at')}, "
            f"{part(ApprovalRequest, 'decided_at')}")


def reminders(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not can(user, "cases"):
        return {}
    return {"case_reminders": SimpleLazyObject(lambda: _count(user))}
