"""The report list's 机关 and 层级 filters: a district's reviewer with 200 reports
wanted “云岭区 and the bodies under it” or “the townships only”, and the list had
neither.

`agency=A` is A's reports, as before (the dashboard links it); with `subtree` A's
and those of every body under A in the agency tree. `level` keeps the bodies the
tree places at that level (区县, 乡镇街道, 部门 …). The bodies these two pick are
among the user's own agencies (accounts.scope): a district's reviewer choosing
乡镇街道 meant the district's townships, not the published reports of every other
district's; and the form offers only those agencies and their levels, so no name
or level outside the scope is shown. The reports found are always a subset of
those the user may see (data.filtered_reports cuts them first).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from ..accounts import scope
from ..params import whole
from .models import Agency

TRUE = (True, "1", "true", "True", "on")


def body_filter(params: dict[str, Any], user=None) -> Q | None:
    """The reports' condition for the list's `agency`, `subtree` and `level`
    parameters (None when none is given)."""
    agency, level = whole(params.get("agency")), params.get("level")
    level = level if level in Agency.Level.values else None
    below = agency is not None and params.get("subtree") in TRUE
    if agency is None and level is None:
        return None
    q = Q()
    if agency is not None:
        q &= Q(agency_id__in=scope.subtree({agency})) if below else Q(agency_id=agency)
    if level is not None:
        q &= Q(agency__level=level)
    mine = scope.agency_ids(user) if user is not None else None
    if mine is not None and (below or level is not None):
        q &= Q(agency_id__in=mine)
    return q


def agency_options(user) -> list[dict[str, Any]]:
    """The user's agencies (all for an unscoped user) in tree order, each with its
    depth below the first of its ancestors that is also in the list: the form's
    机关 choices, read in two queries."""
    mine = scope.agency_ids(user)
    rows = Agency.objects.order_by("name").values("id", "name", "parent_id", "level")
    if mine is not None:
        rows = rows.filter(pk__in=mine)
    rows = list(rows)
    known = {r["id"] for r in rows}
    children: dict[int | None, list[dict]] = {}
    for r in rows:
        parent = r["parent_id"] if r["parent_id"] in known and r["parent_id"] != r["id"] else None
        children.setdefault(parent, []).append(r)
    out, todo = [], [(r, 0) for r in reversed(children.get(None, []))]
    seen: set[int] = set()
    while todo:
        r, depth = todo.pop()
        if r["id"] in seen:  # a cycle made by hand: each body once
            continue
        seen.add(r["id"])
        out.append({"id": r["id"], "name": r["name"], "depth": depth, "label": "　" * depth + r["name"],
                    "has_children": bool(children.get(r["id"]))})
        todo.extend((c, depth + 1) for c in reversed(children.get(r["id"], [])))
        if not todo:  # bodies only reachable through a cycle made by hand
            todo = [(r, 0) for r in reversed(rows) if r["id"] not in seen][-1:]
    return out


def level_options(user) -> list[tuple[str, str]]:
    """The levels of the user's agencies, in the tree's order (省 … 部门)."""
    mine = scope.agency_ids(user)
    qs = Agency.objects.exclude(level="")
    if mine is not None:
        qs = qs.filter(pk__in=mine)
    present = set(qs.values_list("level", flat=True).distinct())
    return [(code, name) for code, name in Agency.Level.choices if code in present]


def chosen_elsewhere(params: dict[str, Any], options: list[dict[str, Any]],
                     rows: list[dict[str, Any]]) -> dict[str, Any] | None:
    """An `agency` the address names that is not among the user's (a dashboard link
    to a body whose published reports the user reads): shown as the chosen option,
    named as the listed reports name it, never looked up (no other name is shown)."""
    agency = whole(params.get("agency"))
    if agency is None or any(o["id"] == agency for o in options):
        return None
    name = next((r["agency"] for r in rows if r.get("agency_id") == agency and r.get("agency")), None)
    return {"id": agency, "label": name or "所选机关"}
