"""Each report's findings and those still without a verdict are stored on its row
(the list's 审核 filter was computed in Python on every request: fingerprints of
every finding of the filtered reports); kept by every check and every verdict,
and filled for the reports stored before by the migration."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zfxxgk.web.reports import data, verdicts, workflow
from zfxxgk.web.reports.models import Finding, Report, Status

pytestmark = pytest.mark.django_db
upgrade = importlib.import_module("zfxxgk.web.reports.migrations.0010_review_counts")


def counts(row: Report) -> tuple[int, int]:
    row = Report.objects.get(pk=row.pk)
    return row.findings_total, row.open_findings


def test_every_check_and_verdict_keeps_the_counts(stored, users):
    row = stored("wanghu-street-2023.txt")
    n = Finding.objects.filter(report=row).count()
    assert n >= 2 and counts(row) == (n, n)
    first, second = row.findings.order_by("position")[:2]
    verdicts.decide(row, first.position, "confirmed", "", users["reviewer"])
    verdicts.decide(row, second.position, "dismissed", "", users["reviewer"])
    assert counts(row) == (n, n - 2)
    assert data.filtered_reports({"reviewed": "open"}).filter(pk=row.pk).exists()
    verdicts.decide(row, first.position, "", "", users["reviewer"])  # withdrawn
    assert counts(row) == (n, n - 1)
    for f in row.findings.all():
        verdicts.decide(row, f.position, "confirmed", "", users["reviewer"])
    assert counts(row) == (n, 0)
    assert data.filtered_reports({"reviewed": "done"}).filter(pk=row.pk).exists()
    assert not data.filtered_reports({"reviewed": "open"}).filter(pk=row.pk).exists()


def test_the_filter_is_a_query(login, stored):
    stored("wanghu-street-2023.txt")
    stored("ecology-bureau-2023.md")
    assert "open_findings" in str(data.filtered_reports({"reviewed": "open"}).query)
    reviewer = login("reviewer")
    reviewer.get("/")
    with CaptureQueriesContext(connection) as plain:
        reviewer.get("/")
    with CaptureQueriesContext(connection) as filtered:
        assert reviewer.get("/?reviewed=open").status_code == 200
    assert len(filtered) == len(plain)  # no finding or verdict read for it


def test_a_verdict_counts_on_every_version_of_a_report_without_body_and_year(stored, users):
    """Such a report's verdicts are kept under its first version: a verdict given on
    the second was not counted on the first (its totals went on counting a dismissed
    warning)."""
    row = stored("wanghu-street-2023.txt")
    Report.objects.filter(pk=row.pk).update(agency=None, status=Status.PUBLISHED)
    row = Report.objects.get(pk=row.pk)
    copy = workflow.new_version(row, users["admin"])
    f = copy.findings.order_by("position").first()
    before = Report.objects.get(pk=row.pk)
    verdicts.decide(copy, f.position, "dismissed", "", users["reviewer"])
    after = Report.objects.get(pk=row.pk)
    assert after.open_findings == before.open_findings - 1
    assert (after.errors + after.warnings + after.infos) == (before.errors + before.warnings + before.infos) - 1


def test_the_migration_counts_the_reports_stored_before(stored, users):
    row = stored("wanghu-street-2023.txt")
    n = row.findings.count()
    f = row.findings.order_by("position").first()
    verdicts.decide(row, f.position, "confirmed", "", users["reviewer"])
    bare = Report.objects.create(title="无问题", data={})
    Report.objects.update(findings_total=0, open_findings=0)  # as before the upgrade
    upgrade.count_findings(apps, None)
    assert counts(row) == (n, n - 1) and counts(bare) == (0, 0)


def test_a_merged_agencys_reports_take_the_verdicts_kept_under_the_other(stored, users):
    """Merging agencies moves reports to another body: their subject is that body's
    now, whose verdicts (given on its own copy of the report) apply to them."""
    from zfxxgk.app.finding_table import finding_fingerprint
    from zfxxgk.web.reports.models import Agency, Verdict
    from zfxxgk.web.reports.rekeying import _merge

    row = stored("wanghu-street-2023.txt")
    into = Agency.objects.create(key="望湖-twin", name="望湖街道（重复）")
    n = row.findings.count()
    for f in row.findings.all():
        Verdict.objects.create(subject=f"agency:{into.pk}:{row.year}", fingerprint=finding_fingerprint(f),
                               rule=f.rule, verdict="confirmed")
    assert counts(row) == (n, n)
    _merge(row.agency, into, users["admin"])
    assert counts(row) == (n, 0)
