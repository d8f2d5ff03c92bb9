"""The dashboard's sums, made by the database over the summaries' columns (figures.py).

The page counted one report per body, year and scope (corpus.dedupe.choose), and
added up each counted report's JSON summary in Python: at 20 000 reports a second
of CPU, most of it decoding JSON. Here the database finds the few (body, year,
scope) with more than one report, `choose` picks among those rows only (the one
rule, unchanged), and the sums, counts and the agencies with most problems are
aggregated in SQL over the candidates less the copies left out. The figures come
back grouped by year and scope, shaped as summaries (each indicator's parts with
how many reports they rest on), so the page adds them up with the same code as
before; a summary whose numbers are not all in columns (`plain` false: none made
by this code's lists) is read from its JSON and added as it was.
"""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.models import Case, Count, F, Min, QuerySet, Sum, TextField, Value, When, Window
from django.db.models.functions import Coalesce, Collate, NullIf

from ...corpus import indicators
from ...corpus.dedupe import choose_with_dropped
from .figures import COLUMN_OF, PAIRS, basis_key
from .models import ReportSummary
from .summary import IN_CHUNK

# The columns the page reads of a report, its summary's through summary_row
ROW_COLUMNS = ("id", "year", "errors", "warnings", "source_format", "source_name", "sha256",
               "agency_id", "previous_version_id", "agency__name", "agency__key", "agency__level",
               "summary_row__body_key", "summary_row__body_name", "summary_row__scope", "summary_row__filled")


def plain_row(row: dict[str, Any]) -> dict[str, Any]:
    """A row of `ROW_COLUMNS` as corpus.dedupe.choose and the page read it."""
    return {"pk": row["id"], "agency_key": row["summary_row__body_key"] or row["agency__key"],
            "agency": row["summary_row__body_name"], "agency_id": row["agency_id"],
            "agency_name": row["agency__name"], "level": row["agency__level"], "year": row["year"],
            "scope": row["summary_row__scope"], "filled": row["summary_row__filled"],
            "errors": row["errors"], "warnings": row["warnings"], "format": row["source_format"] or None,
            "source": row["source_name"], "sha256": row["sha256"], "previous_version_id": row["previous_version_id"]}


def _body() -> Coalesce:
    """corpus.dedupe.body in SQL: the report's agency key (its summary's, else its
    agency's), else the name it gives, when it has a year; else its SHA-256. Null
    (no SHA-256 either): a group of its own, as `body(r) or id(r)` makes it."""
    name = Coalesce(NullIf(F("summary_row__body_key"), Value("")), NullIf(F("agency__key"), Value("")),
                    NullIf(F("summary_row__body_name"), Value("")), output_field=TextField())
    return Coalesce(Case(When(year__isnull=False, then=name), output_field=TextField()),
                    NullIf(F("sha256"), Value("")), output_field=TextField())


def dropped(pool: QuerySet) -> list[dict[str, Any]]:
    """The candidates `choose` leaves out (a body's other copies of a year and scope),
    as rows: the database finds the reports sharing a body, year and scope with
    another (one pass, a window count of ids), and `choose` reads those rows only
    (the rest are kept)."""
    shared = Window(Count("id"), partition_by=[F("body"), F("year"), F("summary_row__scope")])
    ids = list(pool.annotate(body=_body()).exclude(body=None).order_by().annotate(copies=shared)
               .filter(copies__gt=1).values_list("id", flat=True))
    rows = [plain_row(r) for at in range(0, len(ids), IN_CHUNK)
            for r in pool.filter(pk__in=ids[at:at + IN_CHUNK]).values(*ROW_COLUMNS)]
    return [r for r, _ in choose_with_dropped(sorted(rows, key=lambda r: r["pk"]))[1]]


def _figure_sums() -> dict[str, Any]:
    """Per group: each outcome's and applicant type's sum (null: no report has it),
    each chosen indicator basis's numerator, denominator and how many reports have
    them (figures.columns_of sets both or neither)."""
    out: dict[str, Any] = {}
    for (section, key), column in COLUMN_OF.items():
        if section != "indicators":
            out[f"s_{column}"] = Sum(f"summary_row__{column}")
    for ind, basis in indicators.bases_chosen():
        num, den = PAIRS[basis_key(ind.code, basis.code)]
        out[f"s_{num}"] = Sum(f"summary_row__{num}")
        out[f"s_{den}"] = Sum(f"summary_row__{den}")
        out[f"c_{num}"] = Count(f"summary_row__{num}")
    return out


def groups(counted: QuerySet) -> list[dict[str, Any]]:
    """The counted reports by year and scope: how many, their errors and warnings,
    and their figures as summaries (`summaries`): the group's `plain` ones summed in
    the database (the others keep no number in columns), then each other one (few or
    none) as its JSON."""
    out: dict[tuple, dict[str, Any]] = {}
    for g in (counted.order_by().values("year", "summary_row__scope")
              .annotate(n=Count("id"), errors=Sum("errors"), warnings=Sum("warnings"), **_figure_sums())):
        summary: dict[str, Any] = {"outcomes": {}, "applicants": {}, "indicators": {}}
        for (section, key), column in COLUMN_OF.items():
            if section != "indicators" and g[f"s_{column}"] is not None:
                summary[section][key] = g[f"s_{column}"]
        for ind, basis in indicators.bases_chosen():
            key = basis_key(ind.code, basis.code)
            num, den = PAIRS[key]
            if g[f"c_{num}"]:
                summary["indicators"][key] = [g[f"s_{num}"], g[f"s_{den}"], g[f"c_{num}"]]
        out[g["year"], g["summary_row__scope"]] = {"year": g["year"], "scope": g["summary_row__scope"],
                                                   "n": g["n"], "errors": g["errors"] or 0,
                                                   "warnings": g["warnings"] or 0, "summaries": [summary]}
    if ReportSummary.objects.filter(plain=False).exists():  # an index: no pass over the reports when none
        for year, scope, summary in counted.filter(summary_row__plain=False).values_list(
                "year", "summary_row__scope", "summary_row__summary"):
            out[year, scope]["summaries"].append(summary)
    return list(out.values())


def most_problems(counted: QuerySet, top: int) -> list[dict[str, Any]]:
    """The `top` agencies of the counted reports by errors, then warnings, then name
    (by code point, as Python sorts: PostgreSQL's C collation), then the first report."""
    name = Collate(F("agency__name"), "C") if connection.vendor == "postgresql" else F("agency__name")
    return [{"id": a["agency_id"], "name": a["agency__name"], "errors": a["e"], "warnings": a["w"]}
            for a in counted.filter(agency__isnull=False).order_by().values("agency_id", "agency__name")
            .annotate(e=Sum("errors"), w=Sum("warnings"), first=Min("id"), sort_name=name)
            .order_by("-e", "-w", "sort_name", "first")[:top]]
