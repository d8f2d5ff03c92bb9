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

Two summaries of one area and year (the one the government signs and the copy its
office signs, 淮安市人民政府 and 淮安市人民政府办公室) are one area: `same_area`
keeps one, the government-signed one (else dedupe's preference), and nesting is
judged over the kept ones, so a district inside that area is still found inside
it (with two candidates its holder was ambiguous and the district added too).
"""

from __future__ import annotations

from typing import Any

from ..parse.agency import agency_key
from ..parse.placement import government_of_office, place, same_body
from .dedupe import preference

# (an area summary left out of totals, the summary counted for its area)
Pairs = list[tuple[dict[str, Any], dict[str, Any]]]


def _name(r: dict[str, Any]) -> str:
    return r.get("agency") or r.get("agency_key") or ""


def area(r: dict[str, Any]) -> str:
    """The government whose area a summary covers: its signer, or the government
    of the general office that signed it (stats' missing years list the area, not
    the office, as the body of an office-signed summary)."""
    office = government_of_office(_name(r))
    return office.name if office is not None else _name(r)


def _key(name: str) -> str:
    return agency_key(name) or ""


def _holder(node_name: str, areas: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The one area summary that is the government `node_name`: by its key, or else
    by a shorter or fuller name of it (placement.same_body) when only one fits."""
    key = _key(node_name)
    found = [s for s in areas if _key(area(s)) == key]
    if not found:
        found = [s for s in areas if same_body(_key(area(s)), key) or same_body(key, _key(area(s)))]
    return found[0] if len(found) == 1 else None


def _by_year(rows: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The named region-scope rows of `rows`, by year."""
    by_year: dict[Any, list[dict[str, Any]]] = {}
    for r in rows:
        if r.get("scope") == "region" and r.get("year") is not None and _name(r):
            by_year.setdefault(r["year"], []).append(r)
    return list(by_year.values())


def _areas(year_rows: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The summaries of one year by the area they cover: the same government's key,
    a short name (洪泽区人民政府) joined to the one fuller name of the year it can be."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for r in year_rows:
        groups.setdefault(_key(area(r)), []).append(r)
    into = {}
    for k in groups:
        fuller = [g for g in groups if g != k and same_body(k, g)]
        if len(fuller) == 1:
            into[k] = fuller[0]
    merged: dict[str, list[dict[str, Any]]] = {}
    for k, group in groups.items():
        while k in into:
            k = into[k]
        merged.setdefault(k, []).extend(group)
    return list(merged.values())


def _kept_first(r: dict[str, Any]) -> tuple:
    """The government-signed summary before its office's copy, then dedupe's preference."""
    return (government_of_office(_name(r)) is not None,
            preference(r.get("filled"), r.get("errors"), r.get("format"), r.get("source")))


def same_area(rows: list[dict[str, Any]]) -> Pairs:
    """(summary, the summary kept in its place) for each region-scope row of `rows`
    that covers the same area in the same year as another: one is counted."""
    out = []
    for year_rows in _by_year(rows):
        for group in _areas(year_rows):
            group.sort(key=_kept_first)
            out.extend((r, group[0]) for r in group[1:])
    return out


def regions_not_added(rows: list[dict[str, Any]]) -> tuple[Pairs, Pairs]:
    """(same_area's pairs, nested_regions' pairs over the summaries kept): every area
    summary that totals of area summaries leave out, with the one that counts for it."""
    same = same_area(rows)
    left = {id(r) for r, _ in same}
    return same, nested_regions([r for r in rows if id(r) not in left])


def nested_regions(rows: list[dict[str, Any]]) -> Pairs:
    """(summary, the nearest summary of the same year that holds it) for each
    region-scope row of `rows` (dicts with agency/agency_key, year, scope) that lies
    inside another region-scope row of its year. Totals of area summaries leave
    the first of each pair out."""
    out = []
    for year_rows in _by_year(rows):
        for r in year_rows:
            # the governments above r, nearest first: only a government's summary
            # (matched by its name) covers a whole area
            for node in reversed(place(area(r)).ancestors):
                holder = _holder(node.name, [s for s in year_rows if s is not r])
                if holder is not None:
                    out.append((r, holder))
                    break
    return out
