"""Bulk 标记为已审核 in a number of queries that does not grow with the findings:
it cost six queries per finding (a savepoint, two reads and an insert of the
verdict, its audit entry) and three per report of the subject to recount, 39 or
so per report. Now: the verdicts and their audit entries are stored in one query
each, the subject's reports recounted in three."""

from __future__ import annotations

import pytest

from zfxxgk.web.audit.models import AuditEntry
from zfxxgk.web.reports import verdicts
from zfxxgk.web.reports.models import Finding, Report, Verdict
from zfxxgk.web.reports.versioning import etag

from .test_bulk_review import agency, clean, shown_versions

pytestmark = pytest.mark.django_db

# SQLite: the list's read, then per report: its subject's reports, the report locked,
# its verdicts, its findings, the verdicts stored, their audit entries, the recount
# (verdicts, findings, one update), and the savepoint around it (two)
PER_REPORT = 11


def with_findings(n: int, extra: int) -> list[Report]:
    """`n` clean reports (two warnings each) of bodies of their own, `extra` more
    findings on each (infos)."""
    rows = [clean(1, agency(f"街道{i}"))[0] for i in range(n)]
    for row in rows:
        Finding.objects.bulk_create(Finding(report=row, position=p, rule=f"T{p}-1", severity="info",
                                            message="说明", cells=[f"c{p}"]) for p in range(2, 2 + extra))
        verdicts.set_counts(row, row.findings.all())
        row.save()
    return rows


@pytest.mark.parametrize("n, extra", [(2, 0), (10, 0), (2, 6), (10, 6)])
def test_queries_per_report_do_not_grow_with_its_findings(login, django_assert_num_queries, n, extra):
    rows = with_findings(n, extra)
    reviewer = login("reviewer")
    versions = shown_versions(reviewer.get("/?year=2023").content.decode())
    form = {"scope": "selected", "comment": "已看过", "report": [str(r.pk) for r in rows],
            **{f"version-{k}": v for k, v in versions.items()}}
    with django_assert_num_queries(1 + PER_REPORT * n):
        r = reviewer.post("/reports/review", form)
    assert r.status_code == 302
    assert Verdict.objects.filter(verdict="confirmed", comment="已看过").count() == n * (2 + extra)
    assert AuditEntry.objects.filter(action="审核问题").count() == n * (2 + extra)
    assert list(Report.objects.filter(pk__in=[r.pk for r in rows]).values_list("open_findings", flat=True)
                ) == [0] * n


def test_findings_sharing_a_fingerprint_get_one_verdict_and_an_entry_each(users):
    """Two findings of one rule on the same cells share a fingerprint: one verdict,
    and two audit entries (the second with the first as its before), as `decide`
    one finding at a time stores them."""
    def twice(name: str) -> Report:
        row, = clean(1, agency(name))
        Finding.objects.bulk_create([Finding(report=row, position=2, rule="T0-1", severity="warning",
                                             message="又一次", cells=["c0"])])
        verdicts.set_counts(row, row.findings.all())
        row.save()
        return row

    def kept(row: Report):
        return (sorted(Verdict.objects.filter(subject=verdicts.subject(row)).values_list("fingerprint", "verdict")),
                list(AuditEntry.objects.filter(object_id=str(row.pk)).order_by("pk").values_list(
                    "summary", "before", "after")),
                Report.objects.filter(pk=row.pk).values("warnings", "findings_total", "open_findings").get())

    reviewer = users["reviewer"]
    one_by_one = twice("甲街道")
    for f in one_by_one.findings.order_by("position"):
        verdicts.decide(one_by_one, f.position, "confirmed", "", reviewer)
    at_once = twice("乙街道")
    assert verdicts.confirm_open(at_once, reviewer, etag(Report.objects.get(pk=at_once.pk))) == 3
    judged, logged, counts = kept(at_once)
    assert len(judged) == 2 and len(logged) == 3 and logged[2][1] == logged[2][2]
    assert counts == {"warnings": 3, "findings_total": 3, "open_findings": 0}
    assert (judged, logged, counts) == kept(one_by_one)
