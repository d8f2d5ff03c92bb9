"""The dashboard's figures, summed by the database over the summaries' columns
(tally.py), equal a recount in Python from each report's data, as the page counted
before: one report per body, year and scope by corpus.dedupe.choose, region
summaries apart, application_rows for the sums, pooled indicators, findings by rule
less a dismissed one, the agencies with most problems. The made set has blank
cells, a body's second and third copies (one more complete, one with fewer errors),
a region summary, a report without a year, one without an agency, and summaries the
columns cannot hold (a row of no list, a value not a whole number)."""

from __future__ import annotations

import copy
from collections import Counter

import pytest

from zfxxgk.app.finding_table import finding_fingerprint
from zfxxgk.corpus import indicators
from zfxxgk.corpus.dedupe import choose
from zfxxgk.corpus.stats import application_rows
from zfxxgk.web.reports.dashboard import dashboard_data
from zfxxgk.web.reports.figures import basis_key
from zfxxgk.web.reports.models import Agency, Finding, Report, ReportSummary, Verdict
from zfxxgk.web.reports.summary import summary_of
from zfxxgk.web.reports.verdicts import subject

pytestmark = pytest.mark.django_db


def _made(base: Report, agency: Agency | None, n: int, year, change=None, **fields) -> Report:
    data = copy.deepcopy(base.data)
    data["year"] = year
    if agency is not None:
        data["agency_key"], data["agency"] = agency.key, agency.name
    if change:
        change(data)
    row = Report.objects.create(title=f"报告{n}", year=year, data=data, agency=agency, template=base.template,
                                source_name=fields.pop("source_name", f"{n}.txt"),
                                sha256=fields.pop("sha256", f"{n:064x}"), **fields)
    for f in base.findings.all():
        Finding.objects.create(report=row, position=f.position, rule=f.rule, severity=f.severity,
                               message=f.message, cells=f.cells, where=f.where)
    return row


def blank(*cells):
    def change(data):
        for code in cells:
            table, row, col = code.split(".")
            data[table][row][col] = None
    return change


@pytest.fixture
def made(stored):
    base = stored("wanghu-street-2023.txt")
    region = stored("yunling-district-2022.txt")
    levels = ["city", "county", "township", "department", "county"]
    bodies = [Agency.objects.create(key=f"body-{i}", name=f"第{i}机关", level=levels[i]) for i in range(5)]
    rows = [
        _made(base, bodies[0], 1, 2023, errors=2, warnings=1),
        _made(base, bodies[0], 2, 2023, blank("applications.received.natural_person"), errors=0),  # less complete
        _made(base, bodies[0], 3, 2023, errors=1, source_format="pdf"),  # the one kept: fewer errors than 1
        _made(base, bodies[1], 4, 2023, blank("applications.granted.total", "review_litigation.review.corrected"),
              errors=1, warnings=4),
        _made(base, bodies[1], 5, 2022, errors=3),
        _made(base, bodies[2], 6, 2023, lambda d: d["applications"].setdefault("made_up", {}).update(total=7),
              warnings=2),  # a row of no list: read from the JSON
        _made(base, bodies[3], 7, 2022, lambda d: d["applications"]["received"].update(commercial=2.5),
              errors=5),  # not a whole number
        _made(base, bodies[4], 8, None, errors=1),  # no year: its own SHA-256 is its body
        _made(base, bodies[4], 9, None, errors=1, sha256=f"{8:064x}"),  # the same file again
        _made(base, None, 10, 2023, warnings=7),  # no agency
        _made(region, bodies[2], 11, 2023, errors=1),
    ]
    f = Finding.objects.filter(report=rows[3]).order_by("position").first()
    Verdict.objects.create(subject=subject(rows[3]), fingerprint=finding_fingerprint(f), rule=f.rule,
                           verdict=Verdict.Kind.DISMISSED)
    return [base, region, *rows]


def recount(year, level):
    """The page's figures counted in Python from every filed report's data."""
    rows = []
    for r in Report.objects.filter(filed=True).select_related("agency").order_by("pk"):
        if level and (r.agency is None or r.agency.level != level):
            continue
        s = summary_of(r.data)
        rows.append({"pk": r.pk, "row": r, "s": s, "agency_key": s["agency_key"] or (r.agency and r.agency.key),
                     "agency": s["agency"], "year": r.year, "scope": s["scope"], "filled": s["filled"],
                     "errors": r.errors, "warnings": r.warnings, "format": r.source_format or None,
                     "source": r.source_name, "sha256": r.sha256})
    every = choose(rows)
    mine = [r for r in every if not year or r["year"] == year]
    units = [r for r in mine if r["scope"] != "region"]
    cells = [(r["year"], r["scope"], k, "total", v) for r in units for k, v in r["s"]["outcomes"].items()]
    cells += [(r["year"], r["scope"], "received", k, v) for r in units for k, v in r["s"]["applicants"].items()]
    outcomes, applicants = (Counter(), Counter())
    for tally, section in zip((outcomes, applicants), application_rows(cells)):
        for x in section:
            tally[x["label"]] += x["value"]
    inds = []
    for ind, basis in indicators.bases_chosen():
        parts = [r["s"]["indicators"][basis_key(ind.code, basis.code)] for r in units
                 if basis_key(ind.code, basis.code) in r["s"]["indicators"]]
        inds.append((ind.code, sum(p[0] for p in parts), sum(p[1] for p in parts), len(parts)))
    years = Counter()
    for r in every:
        if r["year"] is not None:
            years[r["year"], "reports"] += 1
            years[r["year"], "errors"] += r["errors"]
            years[r["year"], "warnings"] += r["warnings"]
    worst = {}
    for r in mine:
        if r["row"].agency_id:
            w = worst.setdefault(r["row"].agency_id, [0, 0, r["row"].agency.name])
            w[0], w[1] = w[0] + r["errors"], w[1] + r["warnings"]
    dismissed = {(v.subject, v.fingerprint) for v in Verdict.objects.filter(verdict="dismissed")}
    rules = Counter((f.rule, f.severity) for r in mine for f in r["row"].findings.all()
                    if (subject(r["row"]), finding_fingerprint(f)) not in dismissed)
    return {
        "reports": len(mine), "units": len(units), "region_summaries": len(mine) - len(units),
        "filed": sum(1 for r in rows if not year or r["year"] == year),
        "applicants": [[k, v] for k, v in applicants.most_common()],
        "outcomes": [[k, v] for k, v in outcomes.most_common()],
        "indicators": inds,
        "by_year": sorted((y, years[y, "reports"], years[y, "errors"], years[y, "warnings"])
                          for y in {y for y, _ in years}),
        "most": [(w[2], w[0], w[1]) for w in sorted(worst.values(), key=lambda w: (-w[0], -w[1], w[2]))[:10]],
        "rules": sorted(rules.items(), key=lambda x: (-x[1], x[0]))[:20],
    }


def shown(d: dict) -> dict:
    return {
        "reports": d["reports"], "units": d["units"], "region_summaries": d["region_summaries"],
        "filed": d["filed"],
        "applicants": [[x["name"], x["value"]] for x in d["applicants"]],
        "outcomes": [[x["name"], x["value"]] for x in d["outcomes"]],
        "indicators": [(x["code"], x["numerator"], x["denominator"], x["reports"]) for x in d["indicators"]],
        "by_year": [(y["year"], y["reports"], y["errors"], y["warnings"]) for y in d["by_year"]],
        "most": [(w["name"], w["errors"], w["warnings"]) for w in d["agencies_most_problems"]],
        "rules": [((x["rule"], x["severity"]), x["n"]) for x in d["findings_by_rule"]],
    }


@pytest.mark.parametrize("level", [None, "county"])
@pytest.mark.parametrize("year", [None, 2022, 2023])
def test_the_figures_equal_a_recount_from_the_data(made, year, level):
    assert list(ReportSummary.objects.filter(plain=False).values_list("report_id", flat=True)) == \
        [made[7].pk, made[8].pk]
    got, want = shown(dashboard_data(year, None, level)), recount(year, level)
    assert got == want
    assert got["reports"] and (year == 2022 or level or got["filed"] > got["reports"])  # copies left out


def test_the_page_reads_no_summary_json_when_the_columns_hold_it(made, login):
    """Only the summaries the columns cannot hold are read whole (two of them here);
    the page read every counted report's JSON summary (60% of its time at 20 000)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    c = login("reader")
    with CaptureQueriesContext(connection) as q:
        assert c.get("/dashboard").status_code == 200
    read = [x["sql"] for x in q.captured_queries if '"reports_reportsummary"."summary"' in x["sql"]]
    assert len(read) == 1 and '"reports_reportsummary"."plain"' in read[0]
    ReportSummary.objects.filter(report=made[7]).delete()  # as if stored in bulk: made again, still not plain
    assert c.get("/dashboard").status_code == 200
    assert ReportSummary.objects.get(report=made[7]).plain is False
