"""The data behind every page, built once: the API returns it as JSON, the HTML
views render it (datasette's one-builder rule). A view may add presentation
(grids, colours) on top, never different facts.
"""

from __future__ import annotations

import threading
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from .. import clock
from ..params import whole
from .bodies import body_filter
from .models import Agency, Batch, BatchItem, BatchStatus, Report, Status
from .querysets import scoped_agencies, visible_batches, visible_reports

# The list's 状态 filter: the workflow's states, and 已退回 (drafts a reviewer sent back)
RETURNED = "returned"
STATUS_FILTERS = [*Status.choices, (RETURNED, "已退回")]
# The list's 审核 filter: reports with findings still without a verdict, or none left
REVIEWED = {"open": "有待审核的问题", "done": "问题均已审核"}
# Rows a page of the report list or a batch shows: 200 reports were one page of 200
# rows, the batch's unreadable files below them all
PER_PAGE = 50
# The large columns a list never shows: read, they were most of a 200-row page's time
LARGE = ("data", "notes", "source_lines")

SORTS = {"title": "title", "year": "year", "errors": "errors", "warnings": "warnings",
         "status": "status", "created": "created_at", "id": "id", "source": "source_name"}


def report_row(pk: int, user=None) -> Report:
    """A report with its agency for its page or JSON, 404 if there is none or if
    `user` may not see it. The large columns are read only if asked for: the page's
    tables come from the fragment cache while the report stays as it was saved."""
    qs = Report.objects.select_related("agency").defer("data", "notes", "source_lines")
    return get_object_or_404(qs if user is None else visible_reports(user, qs), pk=pk)


def report_summary(row: Report) -> dict[str, Any]:
    return {
        "id": row.pk,
        "title": row.title,
        "agency": row.agency.name if row.agency_id else None,
        "agency_id": row.agency_id,
        "year": row.year,
        "template": row.template or None,
        "status": row.status,
        "status_label": row.get_status_display(),
        "version": row.version,
        "counts": {"error": row.errors, "warning": row.warnings, "info": row.infos},
        "source_name": row.source_name,
        "sha256": row.sha256,
        "batch_id": row.batch_id,
        "filed": row.filed,
        "created_at": clock.iso(row.created_at), "updated_at": clock.iso(row.updated_at),
        "published_at": clock.iso(row.published_at),
        "url": reverse("reports:detail", args=[row.pk]),
        "api_url": reverse("api:get_report", args=[row.pk]),
    }


def findings_document(row: Report) -> dict[str, Any]:
    """The report's findings in the public `zfxxgk.findings/1` shape (findings.md)."""
    from ...check import findings_document as document

    return document({**row.data, "source": row.data.get("source") or row.source_name},
                    row.findings.all())


# The report and findings of recently read reports, per process, per saved state.
_BODIES: dict[tuple, dict[str, Any]] = {}
_BODIES_LOCK = threading.Lock()
BODIES_KEPT = 64


def report_detail(row: Report) -> dict[str, Any]:
    """The summary (read now: it holds the agency's current name) with the report
    and its findings, kept per saved state like the page's tables (every save
    moves updated_at, so the kept part is never older than the row). Kept in this
    process as objects, shared read-only by the requests that return them: a cache
    would unpickle a copy for every request, most of a JSON twin's CPU."""
    key = (row.pk, row.updated_at)
    body = _BODIES.get(key)
    if body is None:
        body = {"report": row.data, "findings": findings_document(row)}
        with _BODIES_LOCK:
            _BODIES[key] = body
            while len(_BODIES) > BODIES_KEPT:
                del _BODIES[next(iter(_BODIES))]
    return {**report_summary(row), **body}


def batch_reports(batch: Batch | int) -> QuerySet[Report]:
    """The reports a batch read: those it stored and those it found already stored
    (an identical file from an earlier upload), filed or not."""
    pk = batch.pk if isinstance(batch, Batch) else int(batch)
    return Report.objects.filter(Q(batch_id=pk) | Q(pk__in=BatchItem.objects.filter(batch_id=pk)
                                                      .exclude(report=None).values("report_id")))


def filtered_reports(params: dict[str, Any], user=None) -> QuerySet[Report]:
    """Reports the user may see (querysets.visible_reports; all without a user),
    filtered by year, status, agency (with its subordinate bodies: subtree), the
    agency's level (bodies.body_filter), batch and a search word, sorted by `sort` (a
    key of SORTS, `-` in front for descending). Without a batch, only the office's
    filed reports (a batch review's reports stay in their batch)."""
    batch, year = whole(params.get("batch")), whole(params.get("year"))
    if params.get("batch"):  # a batch that is no number names no batch: none of its reports
        qs = batch_reports(batch if batch is not None else 0).select_related("agency")
    else:
        qs = Report.objects.filter(filed=True).select_related("agency")
    if user is not None:
        qs = visible_reports(user, qs)
    if year is not None:
        qs = qs.filter(year=year)
    if params.get("status") in Status.values:
        qs = qs.filter(status=params["status"])
    elif params.get("status") == RETURNED:
        from .workflow import returned_only

        qs = returned_only(qs)
    bodies = body_filter(params, user)
    if bodies is not None:
        qs = qs.filter(bodies)
    if params.get("q"):
        word = str(params["q"])
        qs = qs.filter(Q(title__icontains=word) | Q(source_name__icontains=word))
    if params.get("problems") == "errors":
        qs = qs.filter(errors__gt=0)
    if params.get("reviewed") in REVIEWED:  # findings without a verdict, as the last check or verdict counted
        qs = qs.filter(open_findings__gt=0) if params["reviewed"] == "open" else qs.filter(open_findings=0)
    sort = str(params.get("sort") or "-created")
    field = SORTS.get(sort.lstrip("-"), "created_at")
    return qs.order_by(("-" if sort.startswith("-") else "") + field, "-id")


def paged(qs: QuerySet, params: dict[str, Any], per_page: int) -> tuple[list, dict[str, Any]]:
    """The rows of the page `params["page"]` asks for (Django's Paginator: the last
    page for a number past it, the first for none) and where that page is."""
    page = Paginator(qs, per_page).get_page(params.get("page"))
    return list(page.object_list), {
        "number": page.number, "pages": page.paginator.num_pages, "per_page": per_page,
        "count": page.paginator.count,
        "first": page.start_index(), "last": page.end_index(),
        "previous": page.previous_page_number() if page.has_previous() else None,
        "next": page.next_page_number() if page.has_next() else None}


def report_list(params: dict[str, Any], per_page: int = 500, user=None) -> dict[str, Any]:
    """One page of the filtered reports, each with its 已退回 step if any and its
    version (etag); `listed`: when the list was read, in microseconds, which a bulk
    标记为已审核 of the whole filter names (a report saved since is left)."""
    from .versioning import etag, micros
    from .workflow import returned_drafts

    listed = micros(timezone.now())  # before the rows: a save after them is after it
    qs = filtered_reports(params, user).defer(*LARGE)
    rows, page = paged(qs, params, per_page)
    returned = returned_drafts(rows)
    return {"count": page["count"],
            "reports": [{**report_summary(r), "returned": _returned(returned.get(r.pk)), "etag": etag(r),
                         "review": {"findings": r.findings_total, "open": r.open_findings}} for r in rows],
            "page": page, "truncated": page["next"] is not None, "listed": listed}


def _returned(step: dict | None) -> dict | None:
    """A reviewer's return of a draft as data: who, when (ISO and as people read it), why."""
    if step is None:
        return None
    return {"by": step["by"], "at": clock.iso(step["at"]), "at_text": clock.text(step["at"]),
            "reason": step["reason"]}


def batch_failures(batch: Batch) -> list[dict[str, str]]:
    """Every file of the batch that gave no report, with its reason in Chinese:
    those refused at upload, then those the worker could not read."""
    failed = batch.items.filter(state=BatchItem.State.FAILED).order_by("position")
    return list(batch.rejected or []) + [{"file": i.name, "error": i.error} for i in failed]


def batch_progress(batch: Batch) -> dict[str, Any]:
    """How far the worker is: files processed of all, failures, the rate over the
    last files of the current run and the time left at that rate (None until two
    files are done: a guess from one file would mislead)."""
    from django.utils import timezone

    now = timezone.now()
    rate = eta = None
    if batch.status == BatchStatus.RUNNING and batch.started_at:
        recent = list(batch.items.filter(finished_at__gte=batch.started_at)
                      .order_by("-finished_at").values_list("finished_at", flat=True)[:20])
        if len(recent) >= 2 and recent[0] > recent[-1]:
            rate = (len(recent) - 1) / (recent[0] - recent[-1]).total_seconds()
        elif recent and now > batch.started_at:
            rate = len(recent) / (now - batch.started_at).total_seconds()
        if rate:
            eta = round((batch.total - batch.processed) / rate)
    ahead = None
    if batch.status == BatchStatus.QUEUED:
        ahead = Batch.objects.filter(pk__lt=batch.pk, status__in=[BatchStatus.QUEUED,
                                                                   BatchStatus.RUNNING]).count()
    return {"status": batch.status, "status_label": batch.status_label,
            "finished": batch.finished, "total": batch.total, "processed": batch.processed,
            "failed": batch.failed, "read": batch.processed - batch.failed, "remaining": batch.total - batch.processed,
            "percent": round(100 * batch.processed / batch.total) if batch.total else 100,
            "per_minute": round(rate * 60, 1) if rate else None, "eta_seconds": eta,
            "batches_ahead": ahead,
            "started_at": batch.started_at.isoformat() if batch.started_at else None,
            "finished_at": batch.finished_at.isoformat() if batch.finished_at else None}


def not_reported(batch: Batch, user=None) -> dict[str, Any]:
    """Agencies that reported for the year before the batch's latest year but have
    no report for that year yet (in this batch or any other): those in `user`'s
    scope only (a region's reviewer was shown every body of the database)."""
    years = list(batch_reports(batch).exclude(year=None).values_list("year", flat=True))
    if not years:
        return {"year": None, "agencies": []}
    year = max(years)
    done = Report.objects.filter(year=year, filed=True).exclude(agency=None).values("agency_id")
    missing = (Agency.objects.filter(reports__year=year - 1, reports__filed=True).exclude(pk__in=done)
               .distinct().order_by("name"))
    if user is not None:
        missing = scoped_agencies(user, missing)
    return {"year": year, "agencies": [{"id": a.pk, "name": a.name,
                                        "url": reverse("reports:agency", args=[a.pk])}
                                       for a in missing]}


def _batch_head(b: Batch) -> dict[str, Any]:
    return {"id": b.pk, "name": b.name, "created_at": b.created_at.isoformat(),
            "progress": batch_progress(b), "url": reverse("reports:batch", args=[b.pk]),
            "api_url": reverse("api:get_batch", args=[b.pk])}


def batch_list(user, limit: int = 20) -> dict[str, Any]:
    """The latest batches the user may see, with their progress (the batch upload
    page lists them)."""
    return {"batches": [_batch_head(b) for b in visible_batches(user)[:limit]]}


def batch_listed(batch: Batch, params: dict[str, Any] | None, user=None) -> QuerySet[Report]:
    """A batch's reports filtered and sorted like the report list (upload order by
    default): its page, its JSON and its export."""
    params = {k: v for k, v in (params or {}).items() if k in ("q", "problems", "sort", "status")}
    return filtered_reports({**params, "batch": batch.pk, "sort": params.get("sort") or "id"}, user)


def batch_data(batch: Batch, params: dict[str, Any] | None = None, user=None,
               per_page: int | None = None) -> dict[str, Any]:
    """A batch: its progress, its reports (filtered and sorted like the report list;
    one page of `per_page` when given, all for the JSON) and the files that gave no report."""
    listed = batch_listed(batch, params, user).defer(*LARGE)
    if per_page:
        found, page = paged(listed, params or {}, per_page)
    else:
        found, page = list(listed), None
    rows = [report_summary(r) for r in found]
    failures = batch_failures(batch)
    stored = batch_reports(batch)
    return {**_batch_head(batch), "status": batch.status, "status_label": batch.status_label,
            "reports": rows, "page": page, "rejected": failures,
            "not_reported": not_reported(batch, user) if batch.finished else None,
            "totals": {"files": batch.total, "reports": stored.count(),
                       "rejected": len(failures),
                       "with_errors": stored.filter(errors__gt=0).count(),
                       "with_warnings": stored.filter(warnings__gt=0).count(),
                       "unfiled": stored.filter(filed=False).count()}}


def agency_data(agency: Agency, user=None) -> dict[str, Any]:
    rows = agency.reports.filter(filed=True).select_related("agency").order_by("-year", "-version")
    reports = [report_summary(r) for r in (rows if user is None else visible_reports(user, rows))]
    return {"id": agency.pk, "name": agency.name, "key": agency.key, "region": agency.region,
            "level": agency.level or None, "level_label": agency.get_level_display() or None,
            "parent_id": agency.parent_id, "placed_by_hand": agency.placed_by_hand,
            "parent": ({"id": agency.parent_id, "name": agency.parent.name} if agency.parent_id else None),
            "years_url": reverse("reports:agency_years", args=[agency.pk]),
            "children": [{"id": c.pk, "name": c.name} for c in agency.children.all()],
            "reports": reports, "url": reverse("reports:agency", args=[agency.pk]),
            "api_url": reverse("api:get_agency", args=[agency.pk])}
