"""Area summaries that lie inside another area summary of the same year.

A city's summary of its whole area (scope `region`) already holds its districts'
figures, so adding a district's own area summary of the same year to it counts
the district twice (淮安市 1362 + 洪泽区 50 = 1412 予以公开, where 1362 is right).
Which area lies inside which is what the names prove (`parse.placement`: the
governments above a body), nothing else: a summary whose name proves no
government above it is never taken for nested, and a short name that could be
either of two summaries of the year (鼓楼区人民政府 of two cities) links to
neither, as the web's agency tree does. An area summary signed by its
government's general office (淮安市洪泽区人民政府办公室, scope region: the report
says it is the area's) covers that government's area, as the government's would.
"""

from __future__ import annotations

from typing import Any

from ..parse.agency import agency_key
from ..parse.placement import government_of_office, place, same_body


def _name(r: dict[str, Any]) -> str:
    return r.get("agency") or r.get("agency_key") or ""


def _area(r: dict[str, Any]) -> str:
    """The government whose area a summary covers: its signer, or the government
    of the general office that signed it."""
    office = government_of_office(_name(r))
    return office.name if office is not None else _name(r)


def _key(name: str) -> str:
    return agency_key(name) or ""


def _holder(node_name: str, areas: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The one area summary that is the government `node_name`: by its key, or else
    by a shorter or fuller name of it (placement.same_body) when only one fits."""
    key = _key(node_name)
    found = [s for s in areas if _key(_area(s)) == key]
    if not found:
        found = [s for s in areas if same_body(_key(_area(s)), key) or same_body(key, _key(_area(s)))]
    return found[0] if len(found) == 1 else None


def nested_regions(rows: list[dict[str, Any]]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(summary, the nearest summary of the same year that holds it) for each
    region-scope row of `rows` (dicts with agency/agency_key, year, scope) that lies
    inside another region-scope row of its year. Totals of area summaries leave
    the first of each pair out."""
    by_year: dict[Any, list[dict[str, Any]]] = {}
    for r in rows:
        if r.get("scope") == "region" and r.get("year") is not None and _name(r):
            by_year.setdefault(r["year"], []).append(r)
    out = []
    for year_rows in by_year.values():
        for r in year_rows:
            # the governments above r, nearest first: only a government's summary
            # (matched by its name) covers a whole area
            for node in reversed(place(_area(r)).ancestors):
                holder = _holder(node.name, [s for s in year_rows if s is not r])
                if holder is not None:
                    out.append((r, holder))
                    break
    return out
