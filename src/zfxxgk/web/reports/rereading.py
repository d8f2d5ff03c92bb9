"""A stored report read again when its year before arrives after it.

An upload whose damaged 上年结转 row only last year's 结转下年度 can settle is read
with the body's filed report of the year before when that report is already stored
(services._settled). Offices often file the years out of order: the report of 2023
is uploaded first, left with the row open (null cells, an F-INFERRED finding listing
its readings), and 2022's arrives later. Filing 2022 then queues a task that reads
2023's kept source again with it, as `zfxxgk batch` re-reads a run's pending
reports once their pairs are in (corpus/settle.py).

Reading again may take the sandbox a while, so it runs on the task queue, never in
the request that filed last year's report. Only what the parser produced is
replaced: a report someone has edited by hand (cells or parts, in 操作记录) or
published is left as it is and only its findings are renewed (recheck_next_year);
a report changed while it was being read is left for its editor. The replacement
is one audit entry, 按上年报告重读, with the cells before and after.
"""

from __future__ import annotations

from django.db import transaction
from django_tasks import task

from ...check.pairing import wants_previous
from .. import audit
from .models import Report

HAND_EDITS = ("修改单元格", "修改正文")
ACTION = "按上年报告重读"


def wants_reread(row: Report, lib=None) -> bool:
    """Whether the stored report still waits for its year before and is the
    parser's own reading (kept source, not published, never edited by hand).
    `lib`: the row as the library's Report, when the caller has it already."""
    from ..audit.models import AuditEntry
    from .services import library_report

    if row.frozen or not row.source_file:
        return False
    if not wants_previous(lib if lib is not None else library_report(row)):
        return False
    edits = AuditEntry.objects.filter(object_type="report", object_id=str(row.pk),
                                      action__in=HAND_EDITS)
    return not edits.exists()


@task()
def reread_task(report_id: int) -> None:
    """Read the stored report `report_id` again with its year before (queued by
    `services.recheck_next_year`); returns nothing (a batch task returns True)."""
    reread(report_id)


def reread(report_id: int) -> list[str]:
    """The cells the second reading changed (none when it settled nothing, or the
    report no longer qualifies)."""
    from .services import _settled, library_report
    from .versioning import etag

    row = Report.objects.filter(pk=report_id).select_related("agency").first()
    lib = library_report(row) if row is not None else None
    if row is None or not wants_reread(row, lib):
        return []
    tag = etag(row)
    with row.source_file.open("rb") as f:
        data = f.read()
    again = _settled(lib, data, row.source_name)  # outside any transaction: it may take a while
    if again is lib:
        return []
    return _store(row.pk, tag, again)


@transaction.atomic
def _store(report_id: int, tag: str, again) -> list[str]:
    from .diffing import cells_of
    from .services import _json_data, _notes_data, _store_findings, check_report, recheck_next_year
    from .versioning import etag

    row = Report.objects.select_for_update(of=("self",)).select_related("agency").get(pk=report_id)
    if etag(row) != tag or not wants_reread(row):  # changed while it was read: not ours to replace
        return []
    before = cells_of(row.data)
    row.data, row.notes = _json_data(again), _notes_data(again)
    row.source_lines = {str(k): v for k, v in again.source_lines.items()}
    after = cells_of(row.data)
    changed = [code for code in {**after, **before} if before.get(code) != after.get(code)]
    if not changed:
        return []
    _store_findings(row, check_report(again, row.agency))
    row.save()
    audit.record(None, ACTION, row, "、".join(changed),
                 before={c: before.get(c) for c in changed}, after={c: after.get(c) for c in changed})
    recheck_next_year(row.agency, row.year)
    return changed
