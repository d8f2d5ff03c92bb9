"""The cases and registers a user may see: those of the agencies in their scope
(accounts/scope.py). Pages, API, work lists and reminders all read through these."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from ..accounts import scope
from .models import ActiveFiguresRecord, CaseRecord, LitigationRecord


def _scoped(user, qs: QuerySet) -> QuerySet:
    ids = scope.agency_ids(user) if user is not None else None
    return qs if ids is None else qs.filter(agency_id__in=ids)


def visible_cases(user, qs: QuerySet[CaseRecord] | None = None) -> QuerySet[CaseRecord]:
    return _scoped(user, CaseRecord.objects.all() if qs is None else qs)


def visible_litigation(user, qs: QuerySet[LitigationRecord] | None = None) -> QuerySet[LitigationRecord]:
    return _scoped(user, LitigationRecord.objects.all() if qs is None else qs)


def visible_active(user, qs: QuerySet[ActiveFiguresRecord] | None = None) -> QuerySet[ActiveFiguresRecord]:
    return _scoped(user, ActiveFiguresRecord.objects.all() if qs is None else qs)


def agencies_with_cases(user):
    """The agencies of the user's scope that have cases (filters and pickers)."""
    from ..reports.models import Agency
    from ..reports.querysets import scoped_agencies

    return scoped_agencies(user, Agency.objects.filter(cases__isnull=False)).distinct()


def case_for(user, pk: int) -> CaseRecord:
    """One case for a request: 404 when it is not the user's (not revealed)."""
    return get_object_or_404(visible_cases(user, CaseRecord.objects.select_related("agency")), pk=pk)


def litigation_for(user, pk: int) -> LitigationRecord:
    return get_object_or_404(visible_litigation(user, LitigationRecord.objects.select_related("agency")),
                             pk=pk)
