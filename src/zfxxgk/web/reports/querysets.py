"""The reports, batches and agencies a user may see or change, as querysets: the
database side of accounts/rules.py, used by pages, API, exports and the dashboard.

`report_for` and `batch_for` fetch one object for a request: not visible is 404
(its existence is not revealed), visible but outside the user's scope for a change
is 403 with the Chinese reason."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from ..accounts import scope
from ..accounts.rules import allowed
from .models import Agency, Batch, Report, Status
from .services import ServiceError


class ScopeRefused(ServiceError, PermissionDenied):
    """A change outside the user's scope (HTTP 403): the API answers it as any
    refusal, and a page that does not catch it gets Django's 403 page."""

    def __init__(self, message: str, status: int = 403):
        super().__init__(message, status)


def _agency_q(user, ids: set[int]) -> Q:
    return Q(agency_id__in=ids) | Q(agency=None, created_by=user)


def _scoped(user, qs: QuerySet | None, model, within) -> QuerySet:
    """`qs` (every `model` row when None) cut to the user's scope, whose rows
    `within(ids)` selects (`ids`: the scope's agencies); all of it when unscoped."""
    qs = model.objects.all() if qs is None else qs
    ids = scope.agency_ids(user)
    return qs if ids is None else qs.filter(within(ids))


def visible_reports(user, qs: QuerySet[Report] | None = None) -> QuerySet[Report]:
    """Published reports for everyone signed in; the others within the user's scope."""
    return _scoped(user, qs, Report, lambda ids: Q(status=Status.PUBLISHED) | _agency_q(user, ids))


def changeable_reports(user, qs: QuerySet[Report] | None = None) -> QuerySet[Report]:
    return _scoped(user, qs, Report, lambda ids: _agency_q(user, ids))


def visible_batches(user, qs: QuerySet[Batch] | None = None) -> QuerySet[Batch]:
    return _scoped(user, qs, Batch,
                   lambda ids: Q(created_by=user) | Q(created_by__membership__agency_id__in=ids))


def scoped_agencies(user, qs: QuerySet[Agency] | None = None) -> QuerySet[Agency]:
    """The agencies the user works for (choices in forms, cases and registers)."""
    return _scoped(user, qs, Agency, lambda ids: Q(pk__in=ids))


def report_for(user, pk: int, change: bool = False) -> Report:
    row = get_object_or_404(visible_reports(user), pk=pk)
    if change:
        require_change(user, row)
    return row


def require_change(user, row: Report) -> None:
    """403 unless the report is in the user's scope (checked before its status)."""
    if user is not None and not allowed("zfxxgk.change_report", user, row):
        raise ScopeRefused(scope.refusal(user, row.agency.name if row.agency_id else None))


def require_agency(user, agency_id: int | None, agency_name: str | None) -> None:
    """A new report (upload, batch file, compiled draft) for this agency: 403 outside
    the user's scope. A report whose agency is not yet known is outside any scope."""
    if user is None or scope.agency_ids(user) is None:
        return
    if agency_id is None or not scope.covers(user, agency_id):
        raise ScopeRefused(scope.refusal(user, agency_name))


def require_upload_scope(user, agency_key: str | None, agency_name: str | None,
                         region: str | None = None) -> None:
    """Before a report is stored: its agency (as the report names it) must be in the
    uploader's scope. Checked before anything is created, the agency node included.
    A body not known yet is in the scope of the region's reviewer when its name (or
    the region the report states) places it there (`scope.in_region`); a known body
    only when the user's scope holds it, whatever region the report claims (read
    afresh: the scope kept on the user of a running batch predates the agency that
    batch's previous file made)."""
    if user is None or scope.agency_ids(user) is None:
        return
    from .placing import find_body

    found = find_body(agency_key) if agency_key else None
    if found is None and scope.in_region(user, agency_name or agency_key, region):
        return
    if found is not None and not scope.covers(user, found.pk):
        scope.forget(user)
    require_agency(user, found.pk if found else None, agency_name or agency_key)


def batch_for(user, pk: int) -> Batch:
    return get_object_or_404(visible_batches(user, Batch.objects.select_related("created_by")), pk=pk)


def unfiled_in_batch(user, batch: Batch) -> QuerySet[Report]:
    """A batch review's reports not filed yet that the user may file (their scope)."""
    from .data import batch_reports

    return changeable_reports(user, batch_reports(batch)).filter(filed=False).order_by("id")
