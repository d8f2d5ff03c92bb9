"""The cross-year findings of a batch run (X-1, T2-1, T2-3, T2-4's jump).

Workers check each input alone, so no worker knows a report's year before. Once
the chunks are committed, the run pairs the reports of its folder by the checker's
one pairing policy (`check.pairing`) and writes the findings that exist only
because of the pair into one findings part, `findings.parquet/crossyear.parquet`.
The part is derived from everything committed so far and rewritten whole at the
end of every run, so a resumed or extended run keeps it complete.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import orjson

from ..check.pairing import body_key, previous_dependent
from ..files import write_atomic
from ..model import report_from_json
from .store import CROSS_YEAR_PART, REPORTS, part_dir
from .worker import findings_parquet


def line_keys(lines: list[bytes]) -> list[tuple[str | None, tuple | None]]:
    """Each stored report line's SHA-256 and (body, scope, year) key by the checker's
    pairing policy (`check.pairing.body_key`); None where the body is not known."""
    out = []
    for line in lines:
        d = orjson.loads(line)
        key = body_key(SimpleNamespace(agency_key=d.get("agency_key"), agency=d.get("agency"),
                                       scope=d.get("scope"), year=d.get("year")))
        out.append((d.get("sha256"), (*key, d["year"]) if key is not None else None))
    return out


def first_lines(keys: list[tuple[str | None, tuple | None]]) -> dict[tuple, int]:
    """(body, scope, year) -> the first line of that key: the one paired, as
    `check.pairing.pair_previous` pairs the first report of a body and year."""
    index: dict[tuple, int] = {}
    for i, (_, key) in enumerate(keys):
        if key is not None:
            index.setdefault(key, i)
    return index


def cross_year_findings(out: Path) -> tuple[int, bytes]:
    """(number of findings, Parquet bytes) for every paired report of the run."""
    lines = (out / REPORTS).read_bytes().splitlines() if (out / REPORTS).exists() else []
    index = first_lines(line_keys(lines))  # (body, scope, year) -> its first line
    pairs = []
    for (body, scope, year), i in index.items():
        j = index.get((body, scope, year - 1))
        if j is None:
            continue
        report = report_from_json(lines[i].decode("utf-8"))
        found = previous_dependent(report, report_from_json(lines[j].decode("utf-8")))
        if found:
            pairs.append((report, found))
    return sum(len(f) for _, f in pairs), findings_parquet(pairs)


def write_cross_year(out: str | Path) -> int:
    """Rewrite the cross-year part of the run in `out`; returns its finding count."""
    out = Path(out)
    n, data = cross_year_findings(out)
    write_atomic(part_dir(out, "findings") / f"{CROSS_YEAR_PART}.parquet", data, durable=True)
    return n
