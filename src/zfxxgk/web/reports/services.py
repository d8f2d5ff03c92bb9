"""What the web application does to reports, shared by the HTML views and the API.

Every change runs in one transaction together with its audit entry, so a process
killed half-way leaves either the old state or the new one, never a report whose
findings belong to other numbers. The reading and checking is the library's
(`zfxxgk.api`, `zfxxgk.check`): this module only stores what they return.
An upload's bytes are taken in uploads.py, typed cells and parts are saved by
editing.py; both store through the functions here.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import PurePosixPath
from typing import Any, Iterable

from django.core.files.base import ContentFile
from django.db import transaction

from ... import api, app, check
from ...ingest.detect import sniff
from ...model import Note, Report as LibReport, report_from_json, report_to_dict
from ...model import dumps, json_data
from .. import audit
from .crops import save_pages
from .leftovers import atomic_with_files, note_written
from .models import COUNTS, Agency, Batch, Finding, Report


class ServiceError(Exception):
    """A request the service refuses; `status` is the HTTP status a face should use."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status


def _json_data(report: LibReport) -> dict[str, Any]:
    """The interchange JSON as plain data for Report.data, money as Decimals with
    their digits (json.loads made 8235.4200 the float 8235.42: stored, answered and
    checked again so)."""
    return json_data(dumps(report_to_dict(report, provenance=True)))


def _notes_data(report: LibReport) -> list[dict[str, Any]]:
    return json.loads(dumps([dataclasses.asdict(n) for n in report.notes]))


def library_report(row: Report) -> LibReport:
    """The stored report as the library's model, with the parser's notes and the
    source lines restored, so that checking it again gives the same findings."""
    lib = report_from_json(dumps(row.data))
    lib._notes = [Note(**n) for n in row.notes or []]
    lib._source_lines = {int(k): v for k, v in (row.source_lines or {}).items()}
    return lib


def _agency_for(report: LibReport, user=None) -> Agency | None:
    from .placing import agency_for

    key = report.agency_key or report.agency
    if not key:
        return None
    return agency_for(key, report.agency or key, report.region or "", user)


def _title(report: LibReport) -> str:
    from ...render.layout import TITLE

    if report.agency or report.year:
        return TITLE.format(agency=report.agency or "", year=report.year or "")
    return report.source or "未命名报告"


def finding_rows(row: Report, found: Iterable[check.Finding | Finding]) -> list[Finding]:
    return Finding.objects.bulk_create(
        Finding(report=row, position=i, rule=f.rule, severity=f.severity, message=f.message,
                cells=list(f.cells), where=dict(f.where), suggestion=f.suggestion)
        for i, f in enumerate(found))


def _store_findings(row: Report, found: Iterable[check.Finding]) -> None:
    """The findings replaced and the row's totals set (not saved: the caller saves
    `COUNTS` with its own changes)."""
    from .verdicts import set_counts  # a finding a reviewer dismissed no longer counts

    row.findings.all().delete()
    set_counts(row, finding_rows(row, found))


# --- the year before: cross-year rules (X-1, T2-1, T2-3) on the report page ------------

def report_of_year(agency: Agency, year: int, within=None) -> Report | None:
    """The agency's report of `year`: its latest version, the newest upload first;
    only among `within` (a queryset of reports, e.g. those a user may see) if given."""
    qs = agency.reports.all() if within is None else within.filter(agency=agency)
    return (qs.filter(year=year, filed=True)
            .order_by("-version", "-created_at", "-id").select_related("agency").first())


def previous_year(agency: Agency | None, year: int | None) -> LibReport | None:
    """The same body's report of the year before, when stored: what the cross-year
    rules compare this year's carry-over and stock figures with."""
    if agency is None or year is None:
        return None
    row = report_of_year(agency, year - 1)
    return library_report(row) if row is not None else None


def check_report(lib: LibReport, agency: Agency | None) -> list[check.Finding]:
    """Every rule, the cross-year ones against the stored report of the year before;
    a finding on a line with a cell edited here quotes the values as they are now."""
    return _checked(lib, lambda r: previous_year(agency, r.year))


def _checked(lib: LibReport, lookup) -> list[check.Finding]:
    from ...app.restate import restate

    return restate(lib, app.check_many([lib], lookup=lookup)[0])


def recheck_next_year(agency: Agency | None, year: int | None) -> None:
    """A report of `year` was stored or changed: the next year's reports of the same
    body compare their carry-over with it, so their findings are renewed (findings
    are the checker's view, kept current also for a published report). One whose
    上年结转 row waited for this report is read again on the task queue
    (rereading.py)."""
    from .rereading import reread_task, wants_reread

    if agency is None or year is None:
        return
    previous = previous_year(agency, year + 1)
    # locked before their data is read: an edit of one meanwhile had its findings and
    # totals replaced by those of the data as read here
    for row in agency.reports.filter(year=year + 1, filed=True).select_for_update().order_by("pk"):
        lib = library_report(row)
        _store_findings(row, _checked(lib, lambda r: previous))
        row.save(update_fields=[*COUNTS, "updated_at"])
        if wants_reread(row, lib):
            reread_task.enqueue(row.pk)  # committed with this change, run by the worker


def snapshot(row: Report) -> dict[str, Any]:
    return {"status": row.status, "version": row.version,
            "counts": {"error": row.errors, "warning": row.warnings, "info": row.infos}}


def read_and_check(data: bytes, name: str
                   ) -> tuple[LibReport, list[check.Finding], dict[int, bytes]]:
    """Read and check an upload, outside any transaction: a PDF may take the sandbox
    a minute, and no database lock should be held meanwhile. The page images (as
    from `read_upload`) are for `store_report`."""
    from .uploads import read_upload

    lib, pages = read_upload(data, name)
    lib = _settled(lib, data, name)
    lib.sha256 = lib.sha256 or hashlib.sha256(data).hexdigest()
    return lib, app.check_many([lib])[0], pages


def _settled(lib: LibReport, data: bytes, name: str) -> LibReport:
    """The upload read again with the same body's stored report of the year before
    when only that report's 结转下年度 can settle its damaged 上年结转 row, as
    `zfxxgk check --previous` and `zfxxgk batch` do (`app.settle_with_previous`)."""
    item = app.Input(name, lib, reparse=lambda prev: api.parse_bytes(data, source=name,
                                                                     previous=prev))
    return app.settle_with_previous([item], lookup=_stored_previous)[0].report


def _stored_previous(lib: LibReport) -> LibReport | None:
    """The filed report of the year before of the body the upload names (looked up,
    never created: nothing is stored before the upload is)."""
    key = lib.agency_key or lib.agency
    agency = Agency.objects.filter(key=key).first() if key else None
    return previous_year(agency, lib.year)


def stored_copies(shas: Iterable[str]) -> dict[str, int]:
    """SHA-256 -> the report already stored from that file (its first version, the
    lowest id wins): an identical file is recognised, never stored twice."""
    rows = Report.objects.filter(sha256__in=list(shas), version=1).order_by("-id")
    return {sha: pk for pk, sha in rows.values_list("pk", "sha256")}


def create_report(data: bytes, name: str, user) -> Report:
    """Read, check and store one uploaded report; the source file is kept as sent.
    A file already stored gives its report (filed, if it was only reviewed)."""
    sha = hashlib.sha256(data).hexdigest()
    known = stored_copies([sha]).get(sha)
    if known is None:
        lib, found, pages = read_and_check(data, name)
        with atomic_with_files():
            one_at_a_time(sha)
            known = stored_copies([sha]).get(sha)  # the same file, uploaded meanwhile
            if known is None:
                return store_report(lib, found, data, name, user, pages=pages)
    existing = reusable_copy(user, known)
    return file_report(existing, user) if not existing.filed else existing


def reusable_copy(user, pk: int) -> Report:
    """The stored report of a file uploaded again (`pk`, from `stored_copies`), for
    `user`: refused (403, as the upload of the file itself is) unless the report is in
    the user's scope or is a filed report the user may read anyway (a published one).
    An identical file gave another agency's draft back, answered in full by the API,
    and filed it if it waited in that agency's batch."""
    from .querysets import require_change, visible_reports

    row = Report.objects.select_related("agency").get(pk=pk)
    if user is not None and not (row.filed and visible_reports(user).filter(pk=pk).exists()):
        require_change(user, row)
    return row


def one_at_a_time(sha: str) -> None:
    """Hold, to the transaction's end, the lock of one digest: a file's storing (two
    uploads of it at once both found no copy before reading it, and each stored
    one), a subject's verdicts (verdicts.hold_subject). SQLite writes one
    transaction at a time already (BEGIN IMMEDIATE, settings.py); PostgreSQL takes
    an advisory lock on the digest."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [int(sha[:15], 16)])


@transaction.atomic
def file_report(row: Report, user) -> Report:
    """入库: a report a batch review read joins the office's report list; its
    findings are renewed against the filed year before, and the filed next year's
    report is compared with it."""
    # of=("self",): PostgreSQL refuses FOR UPDATE on the nullable side of the agency join
    row = Report.objects.select_for_update(of=("self",)).select_related("agency").get(pk=row.pk)
    if row.filed:
        return row
    row.filed = True
    _store_findings(row, check_report(library_report(row), row.agency))
    row.save()
    recheck_next_year(row.agency, row.year)
    audit.record(user, "入库", row, row.title, after=snapshot(row))
    return row


@transaction.atomic
def file_reports(rows, user) -> int:
    """入库 of several reports (a batch's), all or none; returns how many."""
    rows = list(rows)
    for row in rows:
        file_report(row, user)
    return len(rows)


def store_report(lib: LibReport, found: list[check.Finding], data: bytes, name: str, user,
                 batch: Batch | None = None, filed: bool = True,
                 pages: dict[int, bytes] | None = None) -> Report:
    """Store a report read by `read_and_check`, with its findings and audit entry
    (the one storing path for single uploads and batches). A report of an agency
    outside the uploader's scope is refused before anything is stored. `filed=False`
    (a batch review) keeps it out of the report list and of other reports' comparisons.
    `pages`: a scan's page images, kept beside the source for the cells' crops. The
    files are written inside the transaction and removed if it rolls back (leftovers.py)."""
    with atomic_with_files():
        return _store_report(lib, found, data, name, user, batch, filed, pages)


def _store_report(lib, found, data, name, user, batch, filed, pages) -> Report:
    from .querysets import require_upload_scope

    require_upload_scope(user, lib.agency_key or lib.agency, lib.agency, lib.region)
    agency = _agency_for(lib, user)
    previous = previous_year(agency, lib.year)
    if previous is not None:  # read outside the transaction without it: check again
        found = app.check_many([lib], lookup=lambda r: previous)[0]
    sha = hashlib.sha256(data).hexdigest()
    source = ContentFile(data, name=f"{sha}{PurePosixPath(name).suffix[:10].lower()}")
    row = add_report(lib, found, user, "上传" if filed else "核查（未入库）", f"（{name}）",
                     agency=agency, batch=batch, source_name=name[:300], source_format=sniff(data),
                     sha256=sha, filed=filed, source_file=source)
    note_written(row.source_file.name)
    note_written(*save_pages(sha, pages or {}))
    if filed:
        recheck_next_year(row.agency, row.year)
    return row


@transaction.atomic
def add_report(lib: LibReport, found: list[check.Finding], user, action: str, detail: str,
               **fields: Any) -> Report:
    """A new report row from the library's report (uploaded, or compiled from the
    registers), with its findings and the audit entry `action`, the title followed
    by `detail`; `fields` are the row's other columns (agency, source file ...: a
    new file given is written to storage when the row is saved)."""
    row = Report(title=_title(lib)[:300], year=lib.year, template=lib.template or "",
                 data=_json_data(lib), notes=_notes_data(lib),
                 source_lines={str(k): v for k, v in lib.source_lines.items()},
                 created_by=audit.actor(user), **fields)
    row.save()
    from .verdicts import hold_subject  # a verdict given meanwhile counts (or waits)

    hold_subject(row)
    _store_findings(row, found)
    row.save(update_fields=COUNTS)
    audit.record(user, action, row, f"{row.title}{detail}", after=snapshot(row))
    return row


def locked(row: Report, user, if_match: str | None) -> Report:
    """The report locked for a change, refused outside the user's scope (403), then
    if changed since the version `if_match` names (412): before any state check."""
    from .querysets import require_change
    from .versioning import require_version

    row = Report.objects.select_for_update().get(pk=row.pk)
    require_change(user, row)
    require_version(row, if_match)
    return row
