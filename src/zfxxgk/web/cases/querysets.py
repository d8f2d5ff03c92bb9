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


def own_agency(user) -> str:
    """The name of the agency the user works for ('' when none or several): the
    机关 a clerk means nearly every time, filled in on every form that asks for it
    (an empty required box on the compile page was refused by the browser without
    a word, and the walk-through's clerk could not tell why 预览 did nothing)."""
    from ..reports.querysets import scoped_agencies

    m = scope.membership(user)
    if m is not None and m.agency_id:
        return m.agency.name  # read with the membership
    names = list(scoped_agencies(user).values_list("name", flat=True)[:2])
    return names[0] if len(names) == 1 else ""


def case_for(user, pk: int) -> CaseRecord:
    """One case for a request: 404 when it is not the user's (not revealed)."""
    return get_object_or_404(visible(user, CaseRecord.objects.select_related("agency")), pk=pk)


def litigation_for(user, pk: int) -> LitigationRecord:
    return get_object_or_404(visible(user, LitigationRecord.objects.select_related("agency")),
                             pk=pk)
