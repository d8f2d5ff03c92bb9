"""Which report is another's year before: the one pairing policy of every face.

The cross-year rules (X-1, T2-1, T2-3, T2-4's jump) compare a report with the same
body's report of the year just before. `zfxxgk check DIR`, `zfxxgk batch` and the
web all pair by this key — the parser's `agency_key` (region + name, normalised,
or the printed name when there is no key) and the report's `scope`, so a
government's own report is never compared with its area's summary.
"""

from __future__ import annotations

from typing import Callable, Iterable

from ..model import Report
from .engine import Finding, run

# The rules that read the year before; a batch runs them again once pairs are known.
CROSS_YEAR_FAMILIES = ("X", "T2")


def body_key(report: Report) -> tuple | None:
    """The body and scope a report speaks for; None when it cannot be told."""
    body = report.agency_key or report.agency
    if not body or report.year is None:
        return None
    return (body, report.scope)


def pair_previous(reports: list[Report | None], more: Iterable[Report] = ()) -> list[Report | None]:
    """For each report, the report of the same body and scope for the year before
    among `reports` and then `more` (the first one found when there are duplicates)."""
    index: dict[tuple, Report] = {}
    for r in [*reports, *more]:
        key = body_key(r) if r is not None else None
        if key is not None:
            index.setdefault((*key, r.year), r)
    out: list[Report | None] = []
    for r in reports:
        key = body_key(r) if r is not None else None
        out.append(index.get((*key, r.year - 1)) if key is not None else None)
    return out


CARRIED_IN = "applications.carried_in."


def wants_previous(report: Report) -> bool:
    """Whether last year's report could settle a cell the parser left open: a tie
    among the readings of a damaged 上年结转 row (X-1 decides it, `parse.figures`)."""
    return any(note.kind == "ambiguous" and any(c.startswith(CARRIED_IN) for c in note.cells)
               for note in getattr(report, "_notes", None) or ())


def settle_with_pairs(reports: list[Report | None],
                      reparse: Callable[[int, Report], Report | None],
                      wants: Callable[[Report], bool] = wants_previous,
                      lookup: Callable[[Report], Report | None] | None = None,
                      ) -> list[Report | None]:
    """The pairs fed back to the parser: each report that `wants_previous` is read
    again by `reparse(index, last_year)` with the report this pairing gives it,
    oldest year first so that a settled year serves the next. None from `reparse`
    (a failed second reading) keeps the first reading. `wants` stands in for
    `wants_previous` where the parser's notes were not kept (a batch's stored
    reports: the worker recorded which ones wanted it). A report left without a
    pair among `reports` may get one from `lookup(report)` (the web's stored
    report of the same body), as the checker's pairing does (`app.previous_reports`)."""
    out = list(reports)
    pending = [i for i, r in enumerate(out) if r is not None and r.year is not None
               and wants(r)]
    for year in sorted({out[i].year for i in pending}):
        pairs = pair_previous(out)
        for i in [i for i in pending if out[i].year == year]:
            previous = pairs[i] if pairs[i] is not None or lookup is None else lookup(out[i])
            if previous is not None:
                again = reparse(i, previous)
                if again is not None:
                    out[i] = again
    return out


def previous_dependent(report: Report, previous: Report) -> list[Finding]:
    """The findings that exist only because `previous` is known: what a batch,
    whose inputs are checked one by one, adds once it has paired its reports."""
    alone = {_identity(f) for f in run(report, select=CROSS_YEAR_FAMILIES)}
    return [f for f in run(report, select=CROSS_YEAR_FAMILIES, previous=previous)
            if _identity(f) not in alone]


def _identity(f: Finding) -> str:
    import json

    return json.dumps(f.to_dict(), sort_keys=True, ensure_ascii=False, default=str)


