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
from the data when the dashboard meets it (`fresh`), so a stale summary is never
counted.
"""

from __future__ import annotations

import hashlib
from typing import Any

from ...corpus import indicators
from ...corpus.stats import application_rows
from ...standard import TABLE_CODES
from .diffing import cells_of

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


def basis_key(indicator: str, basis: str) -> str:
    return f"{indicator}/{basis}"


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


def fresh(rows: list[dict[str, Any]]) -> None:
    """Make again, from the data, each row's summary that this code did not make
    (rows as `values()` gives them, with "id" and "summary"; set on the rows and
    stored, without touching the reports' version)."""
    from .models import Report

    stale = [r for r in rows if (r["summary"] or {}).get("v") != VERSION]
    if not stale:
        return
    ids = [r["id"] for r in stale]
    read = {pk: (data, saved) for at in range(0, len(ids), IN_CHUNK) for pk, data, saved in
            Report.objects.filter(pk__in=ids[at:at + IN_CHUNK]).values_list("pk", "data", "updated_at")}
    for r in stale:
        data, saved = read.get(r["id"], (None, None))
        r["summary"] = summary_of(data)
        if saved is not None:
            _store(r["id"], saved, r["summary"])


def _store(pk: int, saved, summary: dict[str, Any]) -> None:
    """The summary of report `pk` as read when it was last saved at `saved`: kept
    only if the report was not saved since (that save made its own), by update(), not
    the report's save(): updated_at is its ETag, and a summary is no edit of it."""
    from django.db import IntegrityError, transaction

    from .models import ReportSummary

    if ReportSummary.objects.filter(report_id=pk, report__updated_at=saved).update(summary=summary):
        return
    try:  # none yet: made here, unless a save made it meanwhile (the conflict) or deleted the report
        with transaction.atomic():
            ReportSummary.objects.bulk_create([ReportSummary(report_id=pk, summary=summary)],
                                              ignore_conflicts=True)
    except IntegrityError:
        pass
