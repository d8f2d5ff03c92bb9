"""Checking many reports at once, the same way in every face.

The CLI (`zfxxgk check A B DIR`), the web (an upload checked against the stored
year before) and a web batch all call `check_many`, so a report gets the same
findings whichever door it came in by. `zfxxgk batch` checks its inputs one by one
in worker processes and adds the pair-dependent findings afterwards with the same
pairing (`corpus.crossyear`).
"""

from __future__ import annotations

from typing import Any, Callable, Iterable, Sequence

from .. import check
from ..check.pairing import pair_previous
from ..model import Report

Lookup = Callable[[Report], "Report | None"]
Guard = Callable[[int, Callable[..., Any]], Any]


def previous_reports(reports: Sequence[Report | None], previous: Report | None = None,
                     lookup: Lookup | None = None) -> list[Report | None]:
    """Each report's year before. `previous` (given by the user, as `--previous`)
    stands for every report; otherwise the reports are paired among themselves by
    `check.pairing` and, for a report left without one, `lookup(report)` may supply
    it from a store (the web's stored reports of the same body)."""
    if previous is not None:
        return [previous if r is not None else None for r in reports]
    paired = pair_previous(list(reports))
    if lookup is None:
        return paired
    return [p if p is not None or r is None else lookup(r) for r, p in zip(reports, paired)]


def _call(_index: int, func: Callable[[], Any]) -> Any:
    return func()


def check_many(reports: Sequence[Report | None], select: str | Iterable[str] | None = None,
               skip: str | Iterable[str] | None = None, previous: Report | None = None,
               lookup: Lookup | None = None, guard: Guard = _call) -> list[list | None]:
    """The findings of each report (None for a missing report, or where `guard`
    turned a failure into None), cross-year rules run against `previous_reports`.
    `guard(index, func)` lets a face keep going when one report's check fails."""
    pairs = previous_reports(reports, previous, lookup)
    out: list[list | None] = []
    for i, (report, prev) in enumerate(zip(reports, pairs)):
        if report is None:
            out.append(None)
            continue
        out.append(guard(i, lambda r=report, p=prev: check.run(r, select=select, skip=skip,
                                                                 previous=p)))
    return out
