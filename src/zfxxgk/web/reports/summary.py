"""What the dashboard reads of a report, kept beside it (`ReportSummary`, a table of
one narrow row per report) when the report is saved.

The dashboard counted every filed report's full JSON on every request (a second
at 200 reports, growing with each one): most of it provenance and printed lines
it never reads. A summary holds what it does read — the body's key and name, the
scope, how many cells are filled (corpus.dedupe.choose's "most complete"), the
applications by outcome and applicant as `corpus.stats.application_rows` sums them, and each indicator
basis's numerator and denominator (`corpus.indicators.basis_parts`) — so the page
reads a few hundred bytes per report. `Report.save()` refreshes it whenever the
data may have changed; a summary made by other code (its `v` differs: a new
indicator, another formula), or missing (a report stored in bulk), is made again
from the data, so a stale summary is never counted: by the batch worker (`zfxxgk
worker`, which `zfxxgk serve` starts) and `python -m django refresh_summaries`
(`refresh_all`), and by the dashboard for the first IN_REQUEST it meets (`fresh`).
After an upgrade that changes an indicator every summary is stale, and making
20 000 of them in one request took minutes: the dashboard leaves the rest out of
its figures and says so until the worker has made them.
"""

from __future__ import annotations

import hashlib
from typing import Any, Callable

from django.db.models import Q

from ...corpus import indicators
from ...corpus.stats import application_rows
from ...standard import TABLE_CODES
from .diffing import cells_of
from .figures import basis_key

# What report_from_json needs to read the tables the indicators read.
_READ_BY_INDICATORS = frozenset(("schema", "agency", "agency_key", "region", "scope", "year", "template",
                                 *TABLE_CODES))


def _version() -> str:
    """Changes whenever an indicator, a basis or a term changes, or this layout does."""
    spec = repr([(ind.code, b.code, b.terms) for ind in indicators.INDICATORS for b in ind.bases])
    return "2:" + hashlib.sha256(spec.encode()).hexdigest()[:12]


VERSION = _version()
# Ids per query where a list of them is needed (SQLite takes 32 766 parameters at most)
IN_CHUNK = 5000
# Stale summaries a dashboard request makes again itself (~5 ms each); the rest wait for the worker
IN_REQUEST = 100
# Summaries refresh_all makes per transaction
REFRESH_CHUNK = 200
# Reports whose summary is missing or was made by other code (its version column)
STALE = Q(summary_row__isnull=True) | ~Q(summary_row__v=VERSION)


def summary_of(data: dict[str, Any] | None) -> dict[str, Any]:
    """The dashboard's summary of a stored `zfxxgk.report/1` JSON."""
    from ...model import dumps, report_from_json

    data = data or {}
    try:
        lib = report_from_json(dumps({k: v for k, v in data.items() if k in _READ_BY_INDICATORS}))
    except ValueError:  # not a report this code reads (a hand-made row): no indicator rests on it
        lib = None
    parts = {}
    for ind in indicators.INDICATORS if lib is not None else ():
        for basis in ind.bases:
            num, den = indicators.basis_parts(lib, basis)
            if num is not None and den is not None:
                parts[basis_key(ind.code, basis.code)] = [num, den]
    return {"v": VERSION, "agency_key": data.get("agency_key"), "agency": data.get("agency"),
            "scope": data.get("scope") or "agency",
            # cells with a value, as `zfxxgk batch` counts them (reports.parquet `filled`)
            "filled": sum(v is not None for v in cells_of(data).values()),
            **applications(data),
            "indicators": parts}


def applications(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The report's applications by outcome group and applicant type, as
    corpus.stats.application_rows sums them (`zfxxgk stats`'s one aggregation; its
    sums add up in any grouping, so the dashboard sums these again with it)."""
    cells = ((None, None, row, col, v) for row, cols in (data.get("applications") or {}).items()
             for col, v in (cols or {}).items())
    outcomes, applicants = application_rows(cells)
    return {"outcomes": {x["key"]: x["value"] for x in outcomes},
            "applicants": {x["key"]: x["value"] for x in applicants}}


def fresh(rows: list[dict[str, Any]], limit: int | None = None) -> list[dict[str, Any]]:
    """Make again, from the data, each row's summary that this code did not make
    (rows as `values()` gives them, with "id" and "summary"; set on the rows and
    stored, without touching the reports' version), the first `limit` of them when
    given. Returns the rows left stale."""
    stale = [r for r in rows if (r["summary"] or {}).get("v") != VERSION]
    made, left = (stale, []) if limit is None else (stale[:limit], stale[limit:])
    _remake(made)
    return left


def remake(ids: list[int]) -> None:
    """Make again, from the data, the summaries of the reports `ids` (as `fresh`)."""
    _remake([{"id": pk} for pk in ids])


def any_stale() -> bool:
    """Whether any report's summary is missing or was made by other code: the
    reports against the summaries of this code, two counts of indexes (a summary
    belongs to one report); the reports' own query read every report's row (40 ms
    at 20 000)."""
    from .models import Report, ReportSummary

    return ReportSummary.objects.filter(v=VERSION).count() != Report.objects.count()


def stale_ids() -> list[int]:
    """The reports whose summary is missing or was made by other code, in id order."""
    from .models import Report

    return list(Report.objects.filter(STALE).order_by("pk").values_list("pk", flat=True))


def refresh_all(progress: Callable[[int], None] | None = None, ids: list[int] | None = None) -> int:
    """Make again every stale summary (`ids`, default `stale_ids()`), REFRESH_CHUNK at
    a time, calling `progress(n)` after each chunk; returns how many were made.
    Outside requests: the worker at start and every hour, and `python -m django
    refresh_summaries`."""
    ids = stale_ids() if ids is None else ids
    for at in range(0, len(ids), REFRESH_CHUNK):
        chunk = ids[at:at + REFRESH_CHUNK]
        _remake([{"id": pk} for pk in chunk])
        if progress is not None:
            progress(len(chunk))
    return len(ids)


def _remake(rows: list[dict[str, Any]]) -> None:
    """Each row's summary made from its report's data, set on the row and stored."""
    from .models import Report

    ids = [r["id"] for r in rows]
    read = {pk: (data, saved) for at in range(0, len(ids), IN_CHUNK) for pk, data, saved in
            Report.objects.filter(pk__in=ids[at:at + IN_CHUNK]).values_list("pk", "data", "updated_at")}
    for r in rows:
        data, saved = read.get(r["id"], (None, None))
        r["summary"] = summary_of(data)
        if saved is not None:
            _store(r["id"], saved, r["summary"])


def _store(pk: int, saved, summary: dict[str, Any]) -> None:
    """The summary of report `pk` as read when it was last saved at `saved`: kept
    only if the report was not saved since (that save made its own), by update(), not
    the report's save(): updated_at is its ETag, and a summary is no edit of it."""
    from django.db import IntegrityError, transaction

    from .models import ReportSummary, fields_of

    fields = fields_of(summary)
    if ReportSummary.objects.filter(report_id=pk, report__updated_at=saved).update(**fields):
        return
    try:  # none yet: made here, unless a save made it meanwhile (the conflict) or deleted the report
        with transaction.atomic():
            ReportSummary.objects.bulk_create([ReportSummary(report_id=pk, **fields)], ignore_conflicts=True)
    except IntegrityError:
        pass
