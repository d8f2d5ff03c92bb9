"""The cases and registers a user may see: those of the agencies in their scope
(accounts/scope.py). Pages, API, work lists and reminders all read through these."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from ..accounts import scope
from .models import CaseRecord, LitigationRecord


def visible(user, qs: QuerySet) -> QuerySet:
    """`qs` (cases, litigation or table 二 rows) cut to the user's agencies; all of
    it for an unscoped user or none (the command line)."""
    ids = scope.agency_ids(user) if user is not None else None
    return qs if ids is None else qs.filter(agency_id__in=ids)


def agencies_with_cases(user):
    """The agencies of the user's scope that have cases (filters and pickers)."""
    from ..reports.models import Agency
    from ..reports.querysets import scoped_agencies

    return scoped_agencies(user, Agency.objects.filter(cases__isnull=False)).distinct()


def case_for(user, pk: int) -> CaseRecord:
    """One case for a request: 404 when it is not the user's (not revealed)."""
    return get_object_or_404(visible(user, CaseRecord.objects.select_related("agency")), pk=pk)


def litigation_for(user, pk: int) -> LitigationRecord:
    return get_object_or_404(visible(user, LitigationRecord.objects.select_related("agency")),
                             pk=pk)
