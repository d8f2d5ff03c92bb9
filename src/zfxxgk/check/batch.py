"""Many reports at once: find each one's previous year among them, and the inputs
of a directory.

`zfxxgk check DIR` should compare years wherever the directory holds consecutive
years of one body, without the user pairing files by hand; the pairing key is the
parser's `agency_key` (region + name, normalised) and the report's `scope`, so a
government's own report is never compared with its area's summary.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..model import Report

INPUT_SUFFIXES = (".txt", ".json", ".pdf", ".docx", ".html", ".htm", ".xlsx")


def pair_previous(reports: list[Report | None]) -> list[Report | None]:
    """For each report, the report of the same body and scope for the year before,
    if it is among `reports` (the first one found when there are duplicates)."""
    index: dict[tuple, Report] = {}
    for r in reports:
        if r is not None and r.agency_key and r.year is not None:
            index.setdefault((r.agency_key, r.scope, r.year), r)
    out: list[Report | None] = []
    for r in reports:
        if r is None or not r.agency_key or r.year is None:
            out.append(None)
            continue
        out.append(index.get((r.agency_key, r.scope, r.year - 1)))
    return out


def expand_inputs(names: tuple[str, ...] | list[str]) -> list[str]:
    """Directories become their report files (recursively, sorted); other names
    stay as given, so an unreadable one is still reported by name."""
    out: list[str] = []
    for name in names:
        if name != "-" and os.path.isdir(name):
            files = sorted(p for p in Path(name).rglob("*")
                           if p.is_file() and p.suffix.lower() in INPUT_SUFFIXES
                           and not p.name.startswith("."))
            out.extend(str(p) for p in files)
        else:
            out.append(name)
    return out
