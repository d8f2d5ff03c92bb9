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
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, Q, QuerySet
from django.urls import reverse

from ...app.finding_table import finding_fingerprint
from ...corpus import indicators
from ...corpus.dedupe import choose
from ...corpus.stats import application_rows
from ...standard.vocabulary import SEVERITY_NAMES
from . import tally
from .figures import basis_key
from .models import Agency, Finding, Report, Verdict
from .summary import IN_CHUNK, IN_REQUEST, STALE, VERSION, any_stale, remake
from .tally import ROW_COLUMNS, plain_row


def reports_of(year: int | None, user, level: str | None) -> QuerySet:
    """The filed reports the user may see, of `year` and `level` when given."""
    from .data import filtered_reports

    return filtered_reports({"year": year, "level": level}, user)


def pool(year: int | None = None, user=None, level: str | None = None) -> tuple[QuerySet, list]:
    """The candidates' query: filed reports the user may see (of `year`, and of
    agencies of `level` when given: 省, 市, 区县, 乡镇街道 or 部门, as the agency tree
    places them) whose summary this code made; and the reports left out of it
    (id, year) because their summary is stale beyond what a request makes again
    (summary.IN_REQUEST): the worker makes those, and the page says its figures are
    being refreshed."""
    reports = reports_of(year, user, level)
    stale = list(reports.filter(STALE).order_by("id").values_list("id", "year")) if any_stale() else []
    remake([pk for pk, _ in stale[:IN_REQUEST]])
    return reports.filter(summary_row__v=VERSION), stale[IN_REQUEST:]


def candidates(year: int | None = None, user=None, level: str | None = None) -> list[dict[str, Any]]:
    """The candidates (`pool`) as rows for `choose`, from their summaries' columns
    (the data is not read: `data_of` reads it for the few that need it)."""
    return [plain_row(r) for r in pool(year, user, level)[0].order_by("id").values(*ROW_COLUMNS)]


def data_of(rows: list[dict[str, Any]]) -> dict[int, dict[str, Any]]:
    """The full data of the given candidates (the cells export reads every cell)."""
    return dict(Report.objects.filter(pk__in=[r["pk"] for r in rows]).values_list("pk", "data"))


def counted(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The reports of `candidates` the dashboard counts: one per (body, year, scope)."""
    return sorted(choose(rows), key=lambda r: r["pk"])


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
            # a group's sums carry how many reports they rest on (tally.groups); a report's, one
            num, den, used = num + parts[0], den + parts[1], used + (parts[2] if len(parts) > 2 else 1)
        value = indicators.ratio(num, den) if used else None
        out.append({"code": ind.code, "name": ind.name, "basis_name": basis.name,
                    "formula": basis.formula, "numerator": num, "denominator": den,
                    "value": value, "shown": "—" if value is None else f"{value * 100:.1f}%",
                    "reports": used})
    return out


def findings_by_rule(counted: QuerySet) -> list[dict[str, Any]]:
    """Findings of the counted reports (`counted`: their query) by rule, a dismissed
    one left out: counted in the database, then the dismissed ones (few) found by
    fingerprint and taken off. No list of ids: 20 000 ids as parameters were a fifth
    of the page's time, and more than 32 766 fail on SQLite."""
    tally: Counter[tuple[str, str]] = Counter()
    for rule, severity, n in (Finding.objects.filter(report__in=counted.order_by().values("pk")).order_by()
                              .values_list("rule", "severity").annotate(n=Count("id"))):
        tally[(rule, severity)] += n
    for rule, severity in _dismissed(counted):
        tally[(rule, severity)] -= 1
    titles = _rule_titles()
    return [{"rule": rule, "title": titles.get(rule, ""), "severity": sev,
             "severity_label": SEVERITY_NAMES.get(sev, sev), "n": n}
            for (rule, sev), n in sorted((+tally).items(), key=lambda x: (-x[1], x[0]))[:20]]


def _dismissed(counted: QuerySet) -> list[tuple[str, str]]:
    """(rule, severity) of each finding of the counted reports a reviewer dismissed:
    the reports of the subjects with a dismissed verdict (verdicts.subject: a body's
    year, or a report's first version) found among them, then their findings of those
    rules compared by fingerprint."""
    from .verdicts import subject

    dismissed = list(Verdict.objects.filter(verdict=Verdict.Kind.DISMISSED).values_list("subject", "fingerprint",
                                                                                         "rule"))
    if not dismissed:
        return []
    keys = {(s, fp) for s, fp, _ in dismissed}
    judged = {s for s, _ in keys}
    pairs = {(int(a), int(y)) for kind, a, y in (s.split(":") for s in judged if s.count(":") == 2)
             if kind == "agency"}
    subjects: dict[int, str] = {}
    agencies = sorted({a for a, _ in pairs})
    for at in range(0, len(agencies), IN_CHUNK):
        for pk, a, y in counted.filter(agency_id__in=agencies[at:at + IN_CHUNK]).exclude(year=None).values_list(
                "pk", "agency_id", "year"):
            if (a, y) in pairs:
                subjects[pk] = f"agency:{a}:{y}"
    if any(s.startswith("report:") for s in judged):
        for row in counted.filter(Q(agency=None) | Q(year=None)).only("pk", "agency_id", "year",
                                                                      "previous_version_id"):
            if subject(row) in judged:
                subjects[row.pk] = subject(row)
    out = []
    touched = sorted(subjects)
    for at in range(0, len(touched), IN_CHUNK):
        for f in Finding.objects.filter(report__in=touched[at:at + IN_CHUNK],
                                        rule__in={rule for _, _, rule in dismissed}).only(
                "report_id", "rule", "severity", "cells", "where"):
            if (subjects[f.report_id], finding_fingerprint(f)) in keys:
                out.append((f.rule, f.severity))
    return out


def _rule_titles() -> dict[str, str]:
    """Rule code -> what it checks (``X-1`` -> 上年结转等于上年报告的结转下年度): a code
    alone told a reader of the dashboard nothing (`zfxxgk stats` prints both)."""
    from ...check import rules_catalogue

    return {e["id"]: e.get("title", "") for e in rules_catalogue()}


def level_of(value: str | None) -> str | None:
    """The `level` GET parameter when it names a level, else None (all levels)."""
    return value if value in Agency.Level.values else None


def by_year(every: list[dict[str, Any]], level: str | None) -> list[dict[str, Any]]:
    """Reports, errors and warnings of each year (of `every`: tally.groups), with the
    list's links."""
    years: dict[int, dict[str, Any]] = {}
    for g in every:
        if g["year"] is not None:
            y = years.setdefault(g["year"], {"year": g["year"], "reports": 0, "errors": 0, "warnings": 0})
            y["reports"] += g["n"]
            y["errors"] += g["errors"]
            y["warnings"] += g["warnings"]
    for y in years.values():
        y["list_url"] = list_url(year=y["year"], level=level)
        y["errors_url"] = list_url(year=y["year"], level=level, problems="errors")
    return [years[y] for y in sorted(years)]


def most_problems(counted: QuerySet, year: int | None, top: int = 10) -> list[dict[str, Any]]:
    """The `top` agencies by errors then warnings (tally.most_problems), with the
    list's links (made for those shown only: a link for each of 2 000 agencies cost 1.6 s)."""
    shown = tally.most_problems(counted, top)
    for w in shown:
        w["list_url"] = list_url(agency=w["id"], year=year)
        w["errors_url"] = list_url(agency=w["id"], year=year, problems="errors")
    return shown


def dashboard_data(year: int | None = None, user=None, level: str | None = None) -> dict[str, Any]:
    """The page's figures for `year` and the agencies of `level` (None: every one)."""
    level = level_of(level)
    candidates_of, waiting = pool(None, user, level)
    left = tally.dropped(candidates_of)
    every_year = candidates_of.exclude(pk__in=[r["pk"] for r in left]) if left else candidates_of
    every = tally.groups(every_year)
    mine = [g for g in every if not year or g["year"] == year]
    units = [g for g in mine if g["scope"] != "region"]
    figures = [{"year": g["year"], "scope": g["scope"], "summary": s} for g in units for s in g["summaries"]]
    reports = sum(g["n"] for g in mine)
    counted_of_year = every_year.filter(year=year) if year else every_year
    refreshing = [pk for pk, y in waiting if not year or y == year]
    applicants, outcomes = sums(figures)
    years = by_year(every, level)
    query = urlencode({k: v for k, v in (("year", year), ("level", level)) if v})
    return {
        "year": year,
        "level": level,
        "level_name": dict(Agency.Level.choices).get(level),
        "levels": [{"code": c, "name": n} for c, n in Agency.Level.choices],
        "years": [y["year"] for y in reversed(years)],
        "reports": reports,
        "units": sum(g["n"] for g in units),
        "region_summaries": reports - sum(g["n"] for g in units),
        "filed": reports + sum(1 for r in left if not year or r["year"] == year) + len(refreshing),
        # filed reports left out of every figure until the worker has made their summaries again
        "refreshing": len(refreshing),
        "applicants": [{"name": k, "value": v} for k, v in applicants.most_common()],
        "outcomes": [{"name": k, "value": v} for k, v in outcomes.most_common()],
        "indicators": pooled_indicators(figures),
        "findings_by_rule": findings_by_rule(counted_of_year),
        "by_year": years,
        "agencies_most_problems": most_problems(counted_of_year, year),
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
