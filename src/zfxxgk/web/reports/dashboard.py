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

from django.urls import reverse

from ...app.finding_table import finding_fingerprint
from ...corpus import indicators
from ...corpus.dedupe import choose
from ...corpus.stats import application_rows
from ...standard import TABLE_CODES
from ...standard.vocabulary import SEVERITY_NAMES
from .diffing import cells_of
from .models import Agency, Finding, Verdict


def candidates(year: int | None = None, user=None, level: str | None = None) -> list[dict[str, Any]]:
    """Filed reports (those the user may see; of agencies of `level` when given: 省,
    市, 区县, 乡镇街道 or 部门, as the agency tree places them) as rows for `choose`,
    with their data."""
    from .data import filtered_reports

    out = []
    # the parse notes and the source's lines are not counted: left unread (a third of the time)
    for row in filtered_reports({"year": year, "level": level}, user).defer("notes", "source_lines").order_by("id"):
        data = row.data or {}
        out.append({"pk": row.pk, "row": row, "data": data,
                    "agency_key": data.get("agency_key") or (row.agency.key if row.agency_id else None),
                    "agency": data.get("agency"), "year": row.year,
                    "scope": data.get("scope") or "agency",
                    # cells with a value, as `zfxxgk batch` counts them (reports.parquet `filled`)
                    "filled": sum(v is not None for v in cells_of(data).values()),
                    "errors": row.errors,
                    "format": row.source_format or None,
                    "source": row.source_name, "sha256": row.sha256})
    return out


def counted(pool: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The reports of `candidates` the dashboard counts: one per (body, year, scope)."""
    return sorted(choose(pool), key=lambda r: r["pk"])


def sums(rows: list[dict[str, Any]]) -> tuple[Counter, Counter]:
    """Applications by applicant type (row 一、本年新收) and by outcome group (the
    total column of 三's rows), over the given reports: `zfxxgk stats`'s own
    aggregation (corpus.stats.application_rows) fed each report's cells."""
    cells = ((r["year"], r["scope"], row_code, col, v)
             for r in rows for row_code, cols in ((r["data"].get("applications") or {}).items())
             for col, v in (cols or {}).items())
    outcome_rows, applicant_rows = application_rows(cells)
    applicants: Counter[str] = Counter()
    outcomes: Counter[str] = Counter()
    for tally, section in ((outcomes, outcome_rows), (applicants, applicant_rows)):
        for x in section:
            tally[x["label"]] += x["value"]
    return applicants, outcomes


# What an indicator reads of a report: its tables, and what says how to read them. The
# provenance and the parser's printed lines, three quarters of a stored report, were
# validated again for every report counted: half of the page's time at 200 reports.
_READ_BY_INDICATORS = frozenset(("schema", "agency", "agency_key", "region", "scope", "year", "template",
                                 *TABLE_CODES))


def pooled_indicators(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each indicator over the reports: Σ numerator ÷ Σ denominator over the reports
    where both are known, with its formula and how many reports it rests on."""
    from ...model import dumps, report_from_json

    libs = [report_from_json(dumps({k: v for k, v in r["data"].items() if k in _READ_BY_INDICATORS}))
            for r in rows]
    out = []
    for ind, basis in indicators.bases_chosen():
        num = den = 0
        used = 0
        for lib in libs:
            n, d = indicators.basis_parts(lib, basis)
            if n is None or d is None:
                continue
            num, den, used = num + n, den + d, used + 1
        value = indicators.ratio(num, den) if used else None
        out.append({"code": ind.code, "name": ind.name, "basis_name": basis.name,
                    "formula": basis.formula, "numerator": num, "denominator": den,
                    "value": value, "shown": "—" if value is None else f"{value * 100:.1f}%",
                    "reports": used})
    return out


def findings_by_rule(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Findings of the counted reports by rule, a dismissed one left out."""
    dismissed = set(Verdict.objects.filter(verdict=Verdict.Kind.DISMISSED)
                    .values_list("subject", "fingerprint"))
    from .verdicts import subject

    subjects = {r["pk"]: subject(r["row"]) for r in rows}
    tally: Counter[tuple[str, str]] = Counter()
    for f in Finding.objects.filter(report__in=list(subjects)).only("report_id", "rule", "severity",
                                                                    "cells", "where"):
        if (subjects[f.report_id], finding_fingerprint(f)) not in dismissed:
            tally[(f.rule, f.severity)] += 1
    titles = _rule_titles()
    return [{"rule": rule, "title": titles.get(rule, ""), "severity": sev,
             "severity_label": SEVERITY_NAMES.get(sev, sev), "n": n}
            for (rule, sev), n in tally.most_common(20)]


def _rule_titles() -> dict[str, str]:
    """Rule code -> what it checks (``X-1`` -> 上年结转等于上年报告的结转下年度): a code
    alone told a reader of the dashboard nothing (`zfxxgk stats` prints both)."""
    from ...check import rules_catalogue

    return {e["id"]: e.get("title", "") for e in rules_catalogue()}


def level_of(value: str | None) -> str | None:
    """The `level` GET parameter when it names a level, else None (all levels)."""
    return value if value in Agency.Level.values else None


def dashboard_data(year: int | None = None, user=None, level: str | None = None) -> dict[str, Any]:
    """The page's figures for `year` and the agencies of `level` (None: every one)."""
    level = level_of(level)
    pool = candidates(None, user, level)
    every = counted(pool)
    rows = [r for r in every if not year or r["year"] == year]
    units = [r for r in rows if r["scope"] != "region"]
    applicants, outcomes = sums(units)
    by_year: dict[int, dict[str, int]] = {}
    for r in every:
        if r["year"] is not None:
            y = by_year.setdefault(r["year"], {"year": r["year"], "reports": 0, "errors": 0, "warnings": 0})
            y["reports"] += 1
            y["errors"] += r["row"].errors
            y["warnings"] += r["row"].warnings
    worst: dict[int, dict[str, Any]] = {}
    for r in rows:
        row = r["row"]
        if row.agency_id:
            w = worst.setdefault(row.agency_id, {"id": row.agency_id, "name": row.agency.name,
                                                 "errors": 0, "warnings": 0})
            w["errors"] += row.errors
            w["warnings"] += row.warnings
    for y in by_year.values():
        y["list_url"] = list_url(year=y["year"], level=level)
        y["errors_url"] = list_url(year=y["year"], level=level, problems="errors")
    for w in worst.values():
        w["list_url"] = list_url(agency=w["id"], year=year)
        w["errors_url"] = list_url(agency=w["id"], year=year, problems="errors")
    query = urlencode({k: v for k, v in (("year", year), ("level", level)) if v})
    return {
        "year": year,
        "level": level,
        "level_name": dict(Agency.Level.choices).get(level),
        "levels": [{"code": c, "name": n} for c, n in Agency.Level.choices],
        "years": sorted(by_year, reverse=True),
        "reports": len(rows),
        "units": len(units),
        "region_summaries": len(rows) - len(units),
        "filed": sum(1 for r in pool if not year or r["year"] == year),
        "applicants": [{"name": k, "value": v} for k, v in applicants.most_common()],
        "outcomes": [{"name": k, "value": v} for k, v in outcomes.most_common()],
        "indicators": pooled_indicators(units),
        "findings_by_rule": findings_by_rule(rows),
        "by_year": [by_year[y] for y in sorted(by_year)],
        "agencies_most_problems": sorted(worst.values(),
                                         key=lambda w: (-w["errors"], -w["warnings"], w["name"]))[:10],
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
