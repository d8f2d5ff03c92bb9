"""The agency tree with each agency's reports by year: the data behind /agencies/
and /api/agencies (one builder for both).

Every agency in the tree is expected to report (each people's government, its
departments and its townships publish an annual report), so "not reported" for a
year is every agency of a subtree without a report of that year, empty nodes
made from a lower body's name included.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.urls import reverse

from .models import Agency, Report, Status
from .querysets import visible_reports

COLUMNS = 3  # years shown side by side, the chosen year last
_STATUS_LABELS = dict(Status.choices)


def _cell(r: dict[str, Any]) -> dict[str, Any]:
    return {"id": r["id"], "status": r["status"], "status_label": _STATUS_LABELS[r["status"]],
            "version": r["version"], "counts": {"error": r["errors"], "warning": r["warnings"]},
            "url": reverse("reports:detail", args=[r["id"]])}


def _filed(user):
    """The filed reports `user` may see: published ones and those in their scope
    (another agency's draft shows neither its status nor its figures)."""
    return visible_reports(user, Report.objects.filter(filed=True))


def report_years(user) -> list[int]:
    return list(_filed(user).exclude(year=None).values_list("year", flat=True)
                .distinct().order_by("-year"))


def agency_tree(user, year: int | None = None) -> dict[str, Any]:
    """The forest of agencies as `user` may see it; each node with its reports in
    the `columns` years (the latest visible version of each year), and per subtree
    the agencies without a report for `year` (default: the latest year any report has)."""
    years = report_years(user)
    if year is None:
        year = years[0] if years else None
    columns = [y for y in sorted(years) if year is not None and y <= year][-COLUMNS:]
    if year is not None and year not in columns:
        columns = (columns + [year])[-COLUMNS:]
    by_agency: dict[int, dict[int, dict[str, Any]]] = {}
    rows = (_filed(user).filter(year__in=columns).exclude(agency=None)
            .order_by("version", "created_at", "id")
            .values("id", "agency_id", "year", "status", "version", "errors", "warnings"))
    for r in rows:  # later versions overwrite earlier ones
        by_agency.setdefault(r["agency_id"], {})[r["year"]] = _cell(r)
    agencies = list(Agency.objects.order_by("name"))
    year_counts = dict(_filed(user).exclude(agency=None).values("agency_id")
                       .annotate(n=Count("year", distinct=True)).values_list("agency_id", "n"))
    nodes: dict[int, dict[str, Any]] = {}
    for a in agencies:
        reports = by_agency.get(a.pk, {})
        nodes[a.pk] = {
            "id": a.pk, "name": a.name, "level": a.level or None,
            "level_label": a.get_level_display() or None, "placed_by_hand": a.placed_by_hand,
            "url": reverse("reports:agency", args=[a.pk]),
            "years_url": (reverse("reports:agency_years", args=[a.pk])
                          if year_counts.get(a.pk, 0) > 1 else None),
            "reports": [{"year": y, "report": reports.get(y)} for y in columns],
            "reported": year in reports, "children": []}
    roots = []
    for a in agencies:
        parent = nodes.get(a.parent_id) if a.parent_id != a.pk else None
        (parent["children"] if parent else roots).append(nodes[a.pk])
    for root in roots:
        _not_reported(root)
    return {"year": year, "years": years, "columns": columns, "roots": roots,
            "agencies": len(agencies),
            "not_reported": [n for root in roots for n in root["not_reported"]],
            "url": reverse("reports:agencies") + (f"?year={year}" if year else ""),
            "api_url": reverse("api:list_agencies") + (f"?year={year}" if year else "")}


def _not_reported(node: dict[str, Any]) -> list[dict[str, Any]]:
    """Fill node["not_reported"]: the node and its descendants without a report of
    the chosen year (id and name), the node first."""
    missing = [] if node["reported"] else [{"id": node["id"], "name": node["name"]}]
    for child in node["children"]:
        missing.extend(_not_reported(child))
    node["not_reported"] = missing
    node["subtree_size"] = 1 + sum(c["subtree_size"] for c in node["children"])
    return missing
