"""Does a fetched page hold a report? zfxxgk's own parser decides.

A page is a `report` when zfxxgk reads a report from it — the statistics tables
with values — and a `page` when it only talks about one (a notice with the PDF
attached). The same reading gives each report a key (body, year, every cell), so
that a report reachable as a page and as an attachment is stored once.
Documents are read in the sandbox (`api.parse_bytes`), as every other input is.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from .. import api
from ..errors import ZfxxgkError
from ..standard import TABLE_CODES

# Fewer filled cells than this is a page that mentions the tables, not a report.
MIN_FILLED = 5


@dataclass(frozen=True, slots=True)
class Reading:
    key: str | None  # body|year|cells digest, or None when no report was read

    @property
    def is_report(self) -> bool:
        return self.key is not None


def read(data: bytes, source: str) -> Reading:
    """What zfxxgk reads from a fetched document (never raises for bad input)."""
    try:
        report = api.parse_bytes(data, source=source)
    except ZfxxgkError:
        return Reading(None)
    except Exception:  # noqa: BLE001 - a reader's bug must not end the download run
        return Reading(None)
    cells = []
    for table in TABLE_CODES:
        for row, values in sorted(getattr(report, table).items()):
            for column, value in sorted(values.items()):
                cells.append(f"{table}.{row}.{column}={'' if value is None else value}")
    filled = sum(1 for c in cells if not c.endswith("="))
    if filled < MIN_FILLED:
        return Reading(None)
    digest = hashlib.sha256("\n".join(cells).encode("utf-8")).hexdigest()[:16]
    body = report.agency_key or report.agency or ""
    return Reading(f"{body}|{report.year or ''}|{digest}")
