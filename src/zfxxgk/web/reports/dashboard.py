"""The dashboard's figures, counted as `zfxxgk stats` counts them.

Every filed report is a candidate, but each (body, year, scope) counts once, chosen
by the batch's own rule (corpus.dedupe.choose: most complete, fewest errors, the
most exact format, then the source name), so the PDF and the text of one report,
or a corrected upload beside the first, are not added twice. A government's
summary of its whole area (scope `region`) is never added to its units' own
figures: the sums are over body-scope reports, the area summaries are counted
apart. The indicators are corpus.indicators' (pooled: the sums of numerators
over the sums of denominators), each with its formula. Severity is shown as
错误/警告/提示, and a finding a reviewer dismissed is not counted.
"""

from __future__ import annotations

from collections import Counter
from types import SimpleNamespace
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, F, QuerySet
from django.urls import reverse

from ...app.finding_table import finding_fingerprint
from ...corpus import indicators
from ...corpus.dedupe import choose
from ...corpus.stats import application_rows
from ...standard.vocabulary import SEVERITY_NAMES
from .models import Agency, Finding, Report, Verdict
from .summary import IN_CHUNK, IN_REQUEST, basis_key, fresh


# The columns the page reads of a report; its data only through its summary (summary.py).
_COLUMNS = ("id", "year", "errors", "warnings", "source_format", "source_name", "sha256",
            "agency_id", "previous_version_id", "agency__name", "agency__key", "agency__level")


def reports_of(year: int | None, user, level: str | None) -> QuerySet:
    """The filed reports the user may see, of `year` and `level` when given."""
    from .data import filtered_reports

    return filtered_reports({"year": year, "level": level}, user)


def candidates(year: int | None = None, user=None, level: str | None = None) -> list[dict[str, Any]]:
    """Filed reports (those the user may see; of agencies of `level` when given: 省,
    市, 区县, 乡镇街道 or 部门, as the agency tree places them) as rows for `choose`,
    from their summaries (the data is not read: `data_of` reads it for the few that
    need it). Plain values, no model instances: 2 000 of those cost half a second.
    Reports whose summary is still being made again (`waiting`) are not among them."""
    return pooled(year, user, level)[0]


def pooled(year: int | None = None, user=None, level: str | None = None) -> tuple[list[dict[str, Any]], list]:
    """`candidates`, and the reports left out of them (id, year) because their summary
    is stale beyond what a request makes again (summary.IN_REQUEST): the worker makes
    those, and the page says its figures are being refreshed."""
    rows = list(reports_of(year, user, level).order_by("id")
                .values(*_COLUMNS, summary=F("summary_row__summary")))
    waiting = fresh(rows, IN_REQUEST)
    if waiting:
        left = {r["id"] for r in waiting}
        rows = [r for r in rows if r["id"] not in left]
    return _rows(rows), [(r["id"], r["year"]) for r in waiting]


def _rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for row in rows:
        s = row["summary"]
        out.append({"pk": row["id"], "summary": s,
                    # what verdicts.subject reads of a report
                    "row": SimpleNamespace(pk=row["id"], agency_id=row["agency_id"], year=row["year"],
                                           previous_version_id=row["previous_version_id"]),
                    "agency_key": s.get("agency_key") or row["agency__key"],
                    "agency": s.get("agency"), "agency_id": row["agency_id"],
                    "agency_name": row["agency__name"], "level": row["agency__level"],
                    "year": row["year"], "scope": s.get("scope") or "agency",
                    "filled": s.get("filled", 0), "errors": row["errors"], "warnings": row["warnings"],
                    "format": row["source_format"] or None,
                    "source": row["source_name"], "sha256": row["sha256"]})
    return out


def data_of(rows: list[dict[str, Any]]) -> dict[int, dict[str, Any]]:
    """The full data of the given candidates (the cells export reads every cell)."""
    return dict(Report.objects.filter(pk__in=[r["pk"] for r in rows]).values_list("pk", "data"))


def counted(pool: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The reports of `candidates` the dashboard counts: one per (body, year, scope)."""
    return sorted(choose(pool), key=lambda r: r["pk"])


def sums(rows: list[dict[str, Any]]) -> tuple[Counter, Counter]:
    """Applications by applicant type (row 一、本年新收) and by outcome group (the
    total column of 三's rows), over the given reports: `zfxxgk stats`'s own
    aggregation (corpus.stats.application_rows) fed each report's sums as its
    summary keeps them (summary.applications: that function's own output)."""
    cells = [(r["year"], r["scope"], key, "total", v)
             for r in rows for key, v in (r["summary"].get("outcomes") or {}).items()]
    cells += [(r["year"], r["scope"], "received", key, v)
              for r in rows for key, v in (r["summary"].get("applicants") or {}).items()]
    outcome_rows, applicant_rows = application_rows(cells)
    applicants: Counter[str] = Counter()
    outcomes: Counter[str] = Counter()
    for tally, section in ((outcomes, outcome_rows), (applicants, applicant_rows)):
        for x in section:
            tally[x["label"]] += x["value"]
    return applicants, outcomes


def pooled_indicators(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each indicator over the reports: Σ numerator ÷ Σ denominator over the reports
    where both are known (each report's parts as its summary keeps them), with its
    formula and how many reports it rests on."""
    out = []
    for ind, basis in indicators.bases_chosen():
        key = basis_key(ind.code, basis.code)
        num = den = 0
        used = 0
        for r in rows:
            parts = (r["summary"].get("indicators") or {}).get(key)
            if parts is None:
                continue
            num, den, used = num + parts[0], den + parts[1], used + 1
        value = indicators.ratio(num, den) if used else None
        out.append({"code": ind.code, "name": ind.name, "basis_name": basis.name,
                    "formula": basis.formula, "numerator": num, "denominator": den,
                    "value": value, "shown": "—" if value is None else f"{value * 100:.1f}%",
                    "reports": used})
    return out


def findings_by_rule(rows: list[dict[str, Any]], reports: QuerySet, left_out: list[int]) -> list[dict[str, Any]]:
    """Findings of the counted reports by rule, a dismissed one left out: counted
    in the database, then the dismissed ones (few) found by fingerprint and taken off.
    The counted reports are given as the candidates' query (`reports`) less those
    `counted` left out (a body's second copy: few), not as a list of ids: 20 000 ids
    as parameters were a fifth of the page's time, and more than 32 766 fail on SQLite."""
    from .verdicts import subject

    tally: Counter[tuple[str, str]] = Counter()
    for rule, severity, n in (Finding.objects.filter(report__in=reports.order_by().values("pk"))
                              .exclude(report__in=left_out).order_by()
                              .values_list("rule", "severity").annotate(n=Count("id"))):
        tally[(rule, severity)] += n
    subjects = {r["pk"]: subject(r["row"]) for r in rows}
    mine = set(subjects.values())
    dismissed = [v for v in Verdict.objects.filter(verdict=Verdict.Kind.DISMISSED)
                 .values_list("subject", "fingerprint", "rule") if v[0] in mine]
    if dismissed:
        keys = {(s, fp) for s, fp, _ in dismissed}
        judged = {s for s, _ in keys}
        touched = [pk for pk, s in subjects.items() if s in judged]
        for at in range(0, len(touched), IN_CHUNK):
            for f in Finding.objects.filter(report__in=touched[at:at + IN_CHUNK],
                                            rule__in={rule for _, _, rule in dismissed}).only(
                    "report_id", "rule", "severity", "cells", "where"):
                if (subjects[f.report_id], finding_fingerprint(f)) in keys:
                    tally[(f.rule, f.severity)] -= 1
    titles = _rule_titles()
    return [{"rule": rule, "title": titles.get(rule, ""), "severity": sev,
             "severity_label": SEVERITY_NAMES.get(sev, sev), "n": n}
            for (rule, sev), n in sorted((+tally).items(), key=lambda x: (-x[1], x[0]))[:20]]


def _rule_titles() -> dict[str, str]:
    """Rule code -> what it checks (``X-1`` -> 上年结转等于上年报告的结转下年度): a code
    alone told a reader of the dashboard nothing (`zfxxgk stats` prints both)."""
    from ...check import rules_catalogue

    return {e["id"]: e.get("title", "") for e in rules_catalogue()}


def level_of(value: str | None) -> str | None:
    """The `level` GET parameter when it names a level, else None (all levels)."""
    return value if value in Agency.Level.values else None


def by_year(every: list[dict[str, Any]], level: str | None) -> list[dict[str, Any]]:
    """Reports, errors and warnings of each year, with the list's links."""
    years: dict[int, dict[str, Any]] = {}
    for r in every:
        if r["year"] is not None:
            y = years.setdefault(r["year"], {"year": r["year"], "reports": 0, "errors": 0, "warnings": 0})
            y["reports"] += 1
            y["errors"] += r["errors"]
            y["warnings"] += r["warnings"]
    for y in years.values():
        y["list_url"] = list_url(year=y["year"], level=level)
        y["errors_url"] = list_url(year=y["year"], level=level, problems="errors")
    return [years[y] for y in sorted(years)]


def most_problems(rows: list[dict[str, Any]], year: int | None, top: int = 10) -> list[dict[str, Any]]:
    """The `top` agencies by errors then warnings, with the list's links (made for
    those shown only: a link for each of 2 000 agencies cost 1.6 s)."""
    worst: dict[int, dict[str, Any]] = {}
    for r in rows:
        if r["agency_id"]:
            w = worst.setdefault(r["agency_id"], {"id": r["agency_id"], "name": r["agency_name"],
                                                  "errors": 0, "warnings": 0})
            w["errors"] += r["errors"]
            w["warnings"] += r["warnings"]
    shown = sorted(worst.values(), key=lambda w: (-w["errors"], -w["warnings"], w["name"]))[:top]
    for w in shown:
        w["list_url"] = list_url(agency=w["id"], year=year)
        w["errors_url"] = list_url(agency=w["id"], year=year, problems="errors")
    return shown


def dashboard_data(year: int | None = None, user=None, level: str | None = None) -> dict[str, Any]:
    """The page's figures for `year` and the agencies of `level` (None: every one)."""
    level = level_of(level)
    pool, waiting = pooled(None, user, level)
    every = counted(pool)
    rows = [r for r in every if not year or r["year"] == year]
    units = [r for r in rows if r["scope"] != "region"]
    kept = {r["pk"] for r in rows}
    refreshing = [pk for pk, y in waiting if not year or y == year]
    left_out = [r["pk"] for r in pool if (not year or r["year"] == year) and r["pk"] not in kept] + refreshing
    applicants, outcomes = sums(units)
    years = by_year(every, level)
    query = urlencode({k: v for k, v in (("year", year), ("level", level)) if v})
    return {
        "year": year,
        "level": level,
        "level_name": dict(Agency.Level.choices).get(level),
        "levels": [{"code": c, "name": n} for c, n in Agency.Level.choices],
        "years": [y["year"] for y in reversed(years)],
        "reports": len(rows),
        "units": len(units),
        "region_summaries": len(rows) - len(units),
        "filed": sum(1 for r in pool if not year or r["year"] == year) + len(refreshing),
        # filed reports left out of every figure until the worker has made their summaries again
        "refreshing": len(refreshing),
        "applicants": [{"name": k, "value": v} for k, v in applicants.most_common()],
        "outcomes": [{"name": k, "value": v} for k, v in outcomes.most_common()],
        "indicators": pooled_indicators(units),
        "findings_by_rule": findings_by_rule(rows, reports_of(year, user, level), left_out),
        "by_year": years,
        "agencies_most_problems": most_problems(rows, year),
        "api_url": reverse("api:dashboard") + (f"?{query}" if query else ""),
        "cells_url": reverse("reports:dashboard_cells") + (f"?{query}" if query else ""),
        "filed_url": list_url(year=year, level=level),
    }


def list_url(**params) -> str:
    """The report list filtered as a figure of the page counts (its filters: year,
    level, agency, problems=errors): a reviewer read 错误 12 项 and looked for the
    reports by hand. The list shows every filed report; the page counts one per
    body, year and scope."""
    query = urlencode({k: v for k, v in params.items() if v})
    return reverse("reports:list") + (f"?{query}" if query else "")
