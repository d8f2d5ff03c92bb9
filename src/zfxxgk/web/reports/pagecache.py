"""The costly parts of a report's page and JSON twin, kept between saves.

Readers far outnumber edits, and most of a report page's time went into drawing
the three official tables with their findings and into encoding the report's
JSON. Those parts depend only on what a save writes (the report's data and its
findings, replaced together in one transaction with the row), so they are cached
under a key that holds the row's `updated_at`, which every save moves
(`auto_now`): a new state gets new keys, and a reader never gets a part older than
the row it just read, in whichever process (each `--workers` process keeps its own
cache). Nothing per viewer is cached here: who may edit, the CSRF token, the
agency's current name and the summary come from the database on every request.

A write that bypasses `Report.save()` (`QuerySet.update()`) does not move
`updated_at` by itself: such code must set it too.
"""

from __future__ import annotations

import hashlib
from typing import Any, Callable

import orjson
from django.core.cache import cache
from django.http import Http404, HttpResponse

from .models import Agency, Report

# Long enough to outlive a reading session; entries of old states age out unused.
TIMEOUT = 6 * 3600
# The fields a report page and its JSON read from the row on every request; the
# large JSON columns are read only when a part has to be built again.
HEAVY_FIELDS = ("data", "notes", "source_lines")


def light_row(pk: int) -> Report:
    """The report without its large columns (they load if read), with its agency;
    404 if there is none. One plain statement: building the ORM query for it
    (select_related + defer) cost three times what running it does."""
    rows = list(Report.objects.raw(_light_sql(), [pk]))
    if not rows:
        raise Http404("找不到这份报告")
    row = rows[0]
    if row.agency_id is not None:
        row.agency = Agency(**{f.attname: getattr(row, f"agency__{f.attname}")
                               for f in Agency._meta.concrete_fields})
    return row


def _light_sql() -> str:
    from django.db import connection

    q = connection.ops.quote_name
    report, agency = Report._meta, Agency._meta
    cols = [f"r.{q(f.column)}" for f in report.concrete_fields if f.name not in HEAVY_FIELDS]
    cols += [f"a.{q(f.column)} AS {q('agency__' + f.attname)}" for f in agency.concrete_fields]
    return (f"SELECT {', '.join(cols)} FROM {q(report.db_table)} r "
            f"LEFT JOIN {q(agency.db_table)} a ON a.{q(agency.pk.column)} = "
            f"r.{q(report.get_field('agency').column)} WHERE r.{q(report.pk.column)} = %s")


# Stands for the CSRF token in a cached part; each response puts its own in.
CSRF_PLACEHOLDER = "zfxxgkCsrfTokenPlaceholder"


def variant(kind: str, *parts: Any) -> str:
    """A kind of part that also depends on `parts` (what the viewer may do...)."""
    return f"{kind}-{hashlib.sha256(repr(parts).encode()).hexdigest()[:32]}"


def state_key(kind: str, row: Report) -> str:
    return f"zfxxgk:{kind}:{row.pk}:{row.updated_at.isoformat()}"


def cached(kind: str, row: Report, build: Callable[[], Any]) -> Any:
    """The part `kind` of this saved state of the report, built once."""
    key = state_key(kind, row)
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, TIMEOUT)
    return value


def report_json(row: Report) -> HttpResponse:
    """`data.report_detail(row)` as a JSON response: the summary (cheap, and holding
    the agency's current name) encoded now, the report and its findings from the
    cache. The same object as the builder's, key for key."""
    from . import data

    summary = data.report_summary(row)
    parts = cached("json", row, lambda: (orjson.dumps(row.data),
                                          orjson.dumps(data.findings_document(row))))
    body = b"".join((orjson.dumps(summary)[:-1], b',"report":', parts[0],
                     b',"findings":', parts[1], b"}"))
    return HttpResponse(body, content_type="application/json; charset=utf-8")
