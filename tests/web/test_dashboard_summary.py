"""The dashboard reads each report's summary (summary.py), never its whole data: the
page took a second at 200 reports and ten at 2 000 reading every report's JSON.
The summary is made again on every save of the data (upload, edit, new version),
one made by other code is made again from the data, and the rows stored before
are summarised by migration 0009 (moved to their own table by 0011:
test_summary_table); the figures stay those of the full data."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db
FILES = ("wanghu-street-2020.txt", "wanghu-street-2023.txt", "qinghe-city-2024.txt",
         "yunling-district-2022.txt", "ecology-bureau-2023.md", "transport-bureau-2024.md")
CODE = "applications.received.natural_person"


@pytest.fixture
def rows(stored):
    return [stored(name) for name in FILES]


def test_dashboard_reads_no_report_data(rows, login):
    c = login("reader")
    for url in ("/dashboard", "/dashboard?year=2023", "/api/dashboard"):
        with CaptureQueriesContext(connection) as q:
            assert c.get(url).status_code == 200
        read = [x["sql"] for x in q.captured_queries if '"reports_report"."data"' in x["sql"]]
        assert read == [], url
        assert len(q.captured_queries) < 25, url  # not one per report


def test_figures_equal_those_of_the_full_data(rows, login):
    """The indicators and sums from summaries equal those computed from each counted
    report's data (report_from_json + corpus.indicators.basis_parts)."""
    from zfxxgk.corpus import indicators
    from zfxxgk.model import dumps, report_from_json
    from zfxxgk.web.reports.models import Report

    d = login("reader").get("/api/dashboard").json()
    assert d["units"] == 4 and d["region_summaries"] == 2
    units = [r for r in Report.objects.all() if (r.data.get("scope") or "agency") != "region"]
    for ind, basis in indicators.bases_chosen():
        num = den = used = 0
        for r in units:
            n, m = indicators.basis_parts(report_from_json(dumps(r.data)), basis)
            if n is not None and m is not None:
                num, den, used = num + n, den + m, used + 1
        shown = next(x for x in d["indicators"] if x["code"] == ind.code)
        assert (shown["numerator"], shown["denominator"], shown["reports"]) == (num, den, used), ind.code
    assert any(x["reports"] for x in d["indicators"])
    received = sum(v for r in units for k, v in r.data["applications"]["received"].items()
                   if k != "total" and v is not None)
    assert sum(x["value"] for x in d["applicants"]) == received


def test_edit_and_new_version_refresh_the_summary(rows, users, login):
    from zfxxgk.web.reports.models import Report
    from zfxxgk.web.reports.editing import save_cells
    from zfxxgk.web.reports.summary import summary_of

    c = login("reader")
    before = {x["name"]: x["value"] for x in c.get("/api/dashboard?year=2020").json()["applicants"]}
    row = Report.objects.get(source_name="wanghu-street-2020.txt")
    old = row.data["applications"]["received"]["natural_person"]
    save_cells(row, {CODE: str(old + 7)}, users["clerk"])
    row.refresh_from_db()
    kept = row.summary_row.summary
    assert kept == summary_of(row.data) and kept["applicants"]["natural_person"] == old + 7
    after = {x["name"]: x["value"] for x in c.get("/api/dashboard?year=2020").json()["applicants"]}
    assert after["自然人"] == before["自然人"] + 7
    assert {k: v for k, v in after.items() if k != "自然人"} == {k: v for k, v in before.items() if k != "自然人"}
    row.delete()
    assert c.get("/api/dashboard?year=2020").json()["reports"] == 0


def test_a_summary_of_other_code_is_made_again_without_a_new_version(rows, login):
    from zfxxgk.web.reports.models import Report, ReportSummary, fields_of
    from zfxxgk.web.reports.summary import summary_of

    c = login("reader")
    right = c.get("/api/dashboard").json()
    saved = dict(Report.objects.values_list("pk", "updated_at"))
    ReportSummary.objects.update(**fields_of({}))  # as a row of the code before
    ReportSummary.objects.filter(report=rows[0]).update(**fields_of({**summary_of(rows[0].data), "v": "0:old",
                                                                     "filled": 0}))
    assert c.get("/api/dashboard").json() == right
    for r in Report.objects.all():
        assert r.summary_row.summary == summary_of(r.data)
    assert dict(Report.objects.values_list("pk", "updated_at")) == saved  # ETags unchanged


def test_dismissed_finding_is_not_counted(rows, login):
    from zfxxgk.app.finding_table import finding_fingerprint
    from zfxxgk.web.reports.models import Finding, Verdict
    from zfxxgk.web.reports.verdicts import subject

    c = login("reader")
    tally = {(x["rule"], x["severity"]): x["n"] for x in c.get("/api/dashboard").json()["findings_by_rule"]}
    f = Finding.objects.filter(report__in=[r.pk for r in rows]).order_by("pk").first()
    Verdict.objects.create(subject=subject(f.report), fingerprint=finding_fingerprint(f), rule=f.rule,
                           verdict=Verdict.Kind.DISMISSED)
    now = {(x["rule"], x["severity"]): x["n"] for x in c.get("/api/dashboard").json()["findings_by_rule"]}
    key = (f.rule, f.severity)
    assert now.get(key, 0) == tally[key] - 1
    assert {k: v for k, v in now.items() if k != key} == {k: v for k, v in tally.items() if k != key}


def test_a_row_that_is_no_report_is_saved_with_an_empty_summary(login, users):
    from zfxxgk.web.reports.models import Report

    row = Report.objects.create(title="手工", data={"year": "abc", "applications": {"received": {"total": "x"}}})
    assert row.summary_row.summary["indicators"] == {} and row.summary_row.summary["filled"] == 1
    assert login("reader").get("/api/dashboard").status_code == 200


@pytest.mark.parametrize("chunk", [5000, 1])
def test_findings_by_rule_are_those_of_the_counted_reports(rows, users, login, monkeypatch, chunk):
    """Counted over the candidates' query less the copies left out (a body's second
    upload), a year at a time, a dismissed finding taken off: as counted by hand
    from each counted report's findings (the ids of the touched reports a few at a
    time, as at tens of thousands of reports)."""
    from collections import Counter

    from zfxxgk.app.finding_table import finding_fingerprint
    from zfxxgk.web.reports import dashboard
    from zfxxgk.web.reports.models import Finding, Report, Verdict
    from zfxxgk.web.reports.services import create_report
    from zfxxgk.web.reports.verdicts import subject

    monkeypatch.setattr(dashboard, "IN_CHUNK", chunk)
    text = (Path(__file__).parents[2] / "examples" / "wanghu-street-2023.txt").read_bytes()
    twin = create_report(text + "\n附：再次上传。\n".encode(), "twin.txt", users["clerk"])
    f = Finding.objects.exclude(report__in=[twin.pk, rows[1].pk]).order_by("pk").first()
    Verdict.objects.create(subject=subject(f.report), fingerprint=finding_fingerprint(f), rule=f.rule,
                           verdict=Verdict.Kind.DISMISSED)
    c = login("reader")
    for year in (None, 2023, 2024):
        counted = dashboard.counted(dashboard.candidates(year, None, None))
        ids = {r["pk"] for r in counted}
        assert year == 2024 or len(ids & {twin.pk, rows[1].pk}) == 1  # one copy of the body's 2023
        hand = Counter((x.rule, x.severity) for x in Finding.objects.filter(report__in=[r["pk"] for r in counted])
                       if x.pk != f.pk)
        shown = c.get("/api/dashboard" + (f"?year={year}" if year else "")).json()["findings_by_rule"]
        assert {(x["rule"], x["severity"]): x["n"] for x in shown} == dict(hand.most_common(20)), year
    assert Report.objects.count() == len(FILES) + 1
